/* The embeddable widget: one <script src=".../widget.js" defer></script> adds a chat bubble that
   talks to /api/ask of the server the script came from. Everything lives in a shadow root,
   so the host page's styles and the widget's cannot affect each other. */
(function () {
  "use strict";
  var chat = window.ExosomeChat;
  var script = document.currentScript;
  if (!chat || !script || document.getElementById("exosome-chat-widget")) return;
  var base = new URL(script.src, document.baseURI).origin;

  function start() {
    var host = document.createElement("div");
    host.id = "exosome-chat-widget";
    var shadow = host.attachShadow({mode: "open"});
    ["reply.css", "widget.css"].forEach(function (name) {
      var link = document.createElement("link");
      link.rel = "stylesheet";
      link.href = base + "/static/" + name;
      shadow.appendChild(link);
    });
    var root = chat.el(document, "div", "root");
    root.innerHTML = [  /* static markup only: no user or server text here */
      '<div class="panel" id="panel" role="dialog" aria-modal="false" aria-labelledby="w-title" hidden>',
      '  <div class="head"><div><h2 id="w-title">Exosome questions</h2><p>Automated assistant, not a doctor</p></div>',
      '    <button type="button" class="close" aria-label="Close the chat">&times;</button></div>',
      '  <p class="intro">Answers quote a vetted article. Please don\'t share personal details. ',
      '    <strong>In an emergency, call your local emergency number.</strong></p>',
      '  <div class="log" role="log" aria-live="polite" aria-label="Conversation"></div>',
      '  <form class="form"><label for="w-q">Your question about exosomes</label>',
      '    <input id="w-q" type="text" autocomplete="off" maxlength="500" placeholder="Ask about exosomes…" required>',
      '    <button type="submit">Ask</button></form>',
      '</div>',
      '<button type="button" class="launcher" aria-expanded="false" aria-controls="panel">',
      '  <svg viewBox="0 0 24 24" aria-hidden="true"><path fill="currentColor" d="M4 4h16v12H7l-3 3z"/></svg>',
      '  <span>Questions about exosomes?</span></button>'
    ].join("\n");
    shadow.appendChild(root);
    document.body.appendChild(host);

    var panel = root.querySelector(".panel");
    var launcher = root.querySelector(".launcher");
    var closeButton = root.querySelector(".close");
    var log = root.querySelector(".log");
    var form = root.querySelector("form");
    var input = root.querySelector("input");
    var busy = false;

    function setOpen(open) {
      panel.hidden = !open;
      launcher.setAttribute("aria-expanded", String(open));
      launcher.setAttribute("aria-label", open ? "Close the exosome questions chat" : "Open the exosome questions chat");
      if (open) input.focus(); else launcher.focus();
    }

    function add(role, node) {
      var wrap = chat.el(document, "div", "msg msg--" + role);
      wrap.appendChild(node);
      log.appendChild(wrap);
      // Show the start of a new reply, not its end: the answer comes first.
      log.scrollTop = role === "bot" ? wrap.offsetTop - log.offsetTop - 8 : log.scrollHeight;
    }

    launcher.addEventListener("click", function () { setOpen(panel.hidden); });
    closeButton.addEventListener("click", function () { setOpen(false); });
    root.addEventListener("keydown", function (event) {
      if (event.key === "Escape" && !panel.hidden) { event.stopPropagation(); setOpen(false); }
    });
    form.addEventListener("submit", function (event) {
      event.preventDefault();
      var question = input.value.trim();
      if (!question || busy) return;
      busy = true;
      input.value = "";
      add("user", chat.el(document, "p", "msg-text", question));
      var typing = chat.el(document, "div", "msg msg--bot typing");
      typing.setAttribute("aria-label", "The assistant is typing");
      for (var i = 0; i < 3; i++) typing.appendChild(chat.el(document, "span", "dot"));
      log.appendChild(typing);
      chat.ask(base + "/api/ask", question).then(function (result) {
        typing.remove();
        add("bot", result.ok ? chat.renderReply(document, result.answer)
                             : chat.el(document, "p", "reply-error", result.message));
        busy = false;
        input.focus();
      });
    });
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})();

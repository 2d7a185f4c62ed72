/* Progressive enhancement of the chat page: the form keeps working without this script;
   with it, questions are answered in place, as a live conversation. */
(function () {
  "use strict";
  var chat = window.ExosomeChat;
  var form = document.getElementById("ask-form");
  var input = document.getElementById("question");
  var transcript = document.getElementById("transcript");
  if (!chat || !form || !input || !transcript) return;
  var busy = false;

  function message(role, content) {
    var wrap = chat.el(document, "div", "msg msg--" + role);
    wrap.appendChild(chat.el(document, "p", "msg-label", role === "user" ? "You asked" : "Assistant"));
    if (typeof content === "string") wrap.appendChild(chat.el(document, "p", "msg-text", content));
    else wrap.appendChild(content);
    transcript.appendChild(wrap);
    wrap.scrollIntoView({block: "end", behavior: "auto"});
    return wrap;
  }

  function send(question) {
    question = question.trim();
    if (!question || busy) return;
    busy = true;
    form.setAttribute("aria-busy", "true");
    message("user", question);
    var typing = chat.el(document, "div", "msg msg--bot typing");
    typing.setAttribute("aria-label", "The assistant is typing");
    typing.appendChild(chat.el(document, "span", "dot"));
    typing.appendChild(chat.el(document, "span", "dot"));
    typing.appendChild(chat.el(document, "span", "dot"));
    transcript.appendChild(typing);
    chat.ask("/api/ask", question).then(function (result) {
      typing.remove();
      if (result.ok) message("bot", chat.renderReply(document, result.answer));
      else message("bot", chat.el(document, "p", "reply-error", result.message));
      busy = false;
      form.removeAttribute("aria-busy");
      input.focus();
    });
  }

  form.addEventListener("submit", function (event) {
    event.preventDefault();
    var question = input.value;
    input.value = "";
    send(question);
  });
  document.querySelectorAll(".starter").forEach(function (button) {
    button.addEventListener("click", function (event) {
      event.preventDefault();
      send(button.value);
    });
  });
})();

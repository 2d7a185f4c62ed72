/* Renders one answer object (the /api/ask contract) as DOM, mirroring templates/_answer.html.
   Every value from the server or the user goes in as text (textContent), never as HTML. */
(function () {
  "use strict";
  var FLAGS = {
    emergency: ["Emergency", ""],
    out_of_scope: ["Not covered by the article", "reply-flag--muted"],
    personal_advice: ["Personal advice: ask your doctor", "reply-flag--muted"]
  };

  function el(doc, tag, className, text) {
    var node = doc.createElement(tag);
    if (className) node.className = className;
    if (text !== undefined && text !== null) node.textContent = String(text);
    return node;
  }

  function renderReply(doc, answer) {
    var status = String(answer.status || "");
    var article = el(doc, "article", "reply reply--" + status.replace(/[^a-z_]/g, ""));
    if (status === "emergency") article.setAttribute("role", "alert");
    if (FLAGS[status]) article.appendChild(el(doc, "p", ("reply-flag " + FLAGS[status][1]).trim(), FLAGS[status][0]));
    article.appendChild(el(doc, "p", "reply-text", answer.answer));
    if (answer.caution) {
      var caution = el(doc, "p", "reply-caution");
      caution.appendChild(el(doc, "strong", "", "Please note:"));
      caution.appendChild(doc.createTextNode(" " + answer.caution));
      article.appendChild(caution);
    }
    var sources = answer.sources || [];
    if (sources.length) {
      var box = el(doc, "div", "reply-sources");
      box.appendChild(el(doc, "p", "reply-sources-title",
        status === "personal_advice" ? "General information from the article" : "Sources"));
      var list = el(doc, "ol");
      sources.forEach(function (source) {
        var item = el(doc, "li");
        var details = el(doc, "details");
        var summary = el(doc, "summary");
        summary.appendChild(el(doc, "span", "source-section", source.section));
        summary.appendChild(doc.createTextNode(" "));
        summary.appendChild(el(doc, "span", "source-doc", source.document));
        details.appendChild(summary);
        details.appendChild(el(doc, "blockquote", "source-text", source.text));
        item.appendChild(details);
        list.appendChild(item);
      });
      box.appendChild(list);
      article.appendChild(box);
    }
    article.appendChild(el(doc, "p", "reply-notice", answer.notice));
    return article;
  }

  function errorMessage(status) {
    if (status === 429) return "You're sending questions quickly. Please wait a moment and try again.";
    if (status === 413 || status === 422) return "Please check your question: it may be empty or too long.";
    if (status === 503) return "The assistant is starting or unavailable. Please try again shortly.";
    return "Sorry, something went wrong and I couldn't answer. Please try again.";
  }

  /* POST a question; resolves to {ok, answer} or {ok: false, message}. */
  function ask(url, question) {
    return fetch(url, {
      method: "POST",
      headers: {"Content-Type": "application/json"},
      body: JSON.stringify({question: question})
    }).then(function (response) {
      if (!response.ok) {
        return response.json().catch(function () { return {}; }).then(function (body) {
          var detail = response.status === 422 && body && typeof body.detail === "string" ? " (" + body.detail + ")" : "";
          return {ok: false, message: errorMessage(response.status) + detail};
        });
      }
      return response.json().then(function (answer) { return {ok: true, answer: answer}; });
    }, function () {
      return {ok: false, message: "I couldn't reach the assistant. Please check your connection and try again."};
    });
  }

  window.ExosomeChat = window.ExosomeChat || {};
  window.ExosomeChat.renderReply = renderReply;
  window.ExosomeChat.ask = ask;
  window.ExosomeChat.el = el;
})();

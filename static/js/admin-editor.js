// Editor aids in admin (careers/admin_fields.py EditorAids): a live word count against
// the section's range under each long text, and a Markdown preview rendered by the server
// exactly as the site renders it. Static and CSP-clean; without it the form is unchanged.
(function () {
  "use strict";

  // The same rule as careers.content.word_count: runs of letters, digits, ' ’ and -.
  var WORD = /[\p{L}\p{N}_'’-]+/gu;

  function countWords(text) {
    var found = text.match(WORD);
    return found ? found.length : 0;
  }

  function csrfToken(form) {
    var input = form.querySelector("input[name=csrfmiddlewaretoken]");
    return input ? input.value : "";
  }

  function addWordCount(area) {
    var range = area.getAttribute("data-word-range").split("-").map(Number);
    var note = document.createElement("p");
    note.className = "word-count help";
    note.id = area.id + "-word-count";
    note.setAttribute("aria-live", "polite");
    area.insertAdjacentElement("afterend", note);
    area.setAttribute(
      "aria-describedby",
      ((area.getAttribute("aria-describedby") || "") + " " + note.id).trim()
    );
    function update() {
      var words = countWords(area.value);
      var verdict =
        words < range[0] ? (range[0] - words) + " short" :
        words > range[1] ? (words - range[1]) + " over" : "within range";
      note.textContent = words + " words: aim for " + range[0] + "–" + range[1] + " (" + verdict + ")";
      note.classList.toggle("word-count--off", words < range[0] || words > range[1]);
    }
    area.addEventListener("input", update);
    update();
  }

  function addPreview(area) {
    var button = document.createElement("button");
    button.type = "button";
    button.className = "button markdown-preview__button";
    button.textContent = "Preview";
    var panel = document.createElement("div");
    panel.className = "markdown-preview";
    panel.id = area.id + "-preview";
    panel.hidden = true;
    panel.setAttribute("role", "region");
    panel.setAttribute("aria-label", "Preview of " + (area.labels[0] ? area.labels[0].textContent : "the text"));
    panel.setAttribute("aria-live", "polite");
    button.setAttribute("aria-controls", panel.id);
    var anchor = document.getElementById(area.id + "-word-count") || area;
    anchor.insertAdjacentElement("afterend", panel);
    anchor.insertAdjacentElement("afterend", button);
    button.addEventListener("click", function () {
      var body = new URLSearchParams({ text: area.value });
      fetch(area.getAttribute("data-markdown-preview"), {
        method: "POST",
        body: body,
        headers: { "X-CSRFToken": csrfToken(area.form) },
        credentials: "same-origin",
      })
        .then(function (response) {
          if (!response.ok) throw new Error(String(response.status));
          return response.text();
        })
        .then(function (html) {
          // The server sanitised this HTML with the same allow-list as the public pages.
          panel.innerHTML = html;
          panel.hidden = false;
        })
        .catch(function () {
          panel.textContent = "The preview could not be loaded; the text is unchanged.";
          panel.hidden = false;
        });
    });
  }

  document.addEventListener("DOMContentLoaded", function () {
    document.querySelectorAll("textarea[data-word-range]").forEach(addWordCount);
    document.querySelectorAll("textarea[data-markdown-preview]").forEach(addPreview);
  });
})();

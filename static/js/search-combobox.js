// The header search as a combobox (the WAI-ARIA list autocomplete pattern): htmx fills the
// listbox as the person types; this script adds the keyboard and the announcements.
// Up and Down move through the suggestions, Enter opens the one chosen (or searches),
// Escape closes the list. Without this script the form is a plain search.
(function () {
  "use strict";

  function setUp(form) {
    var input = form.querySelector("input[type=search]");
    var listbox = form.querySelector("[role=listbox]");
    var status = form.querySelector("[role=status]");
    var active = -1;

    input.setAttribute("role", "combobox");
    input.setAttribute("aria-autocomplete", "list");
    input.setAttribute("aria-controls", listbox.id);
    input.setAttribute("aria-expanded", "false");

    function options() {
      return Array.prototype.slice.call(listbox.querySelectorAll("[role=option]"));
    }

    function choose(index) {
      var all = options();
      active = index;
      all.forEach(function (option, at) {
        option.setAttribute("aria-selected", at === index ? "true" : "false");
      });
      if (index >= 0 && all[index]) {
        input.setAttribute("aria-activedescendant", all[index].id);
        all[index].scrollIntoView({ block: "nearest" });
      } else {
        input.removeAttribute("aria-activedescendant");
      }
    }

    function close() {
      listbox.hidden = true;
      input.setAttribute("aria-expanded", "false");
      choose(-1);
    }

    function open() {
      if (!options().length || !input.value.trim()) {
        close();
        return;
      }
      listbox.hidden = false;
      input.setAttribute("aria-expanded", "true");
    }

    listbox.addEventListener("htmx:afterSwap", function () {
      active = -1;
      open();
      var all = listbox.querySelector("[data-count]");
      var count = all ? Number(all.getAttribute("data-count")) : 0;
      status.textContent = !input.value.trim()
        ? ""
        : count === 0
          ? "No suggestions. Press Enter to search."
          : count + (count === 1 ? " suggestion" : " suggestions") + ". Use Up and Down to choose.";
    });

    input.addEventListener("keydown", function (event) {
      var all = options();
      if (event.key === "ArrowDown" || event.key === "ArrowUp") {
        if (!all.length) return;
        event.preventDefault();
        if (listbox.hidden) open();
        // Positions run from -1 (the text itself) to the last suggestion, and wrap.
        var next = active + (event.key === "ArrowDown" ? 1 : -1);
        if (next >= all.length) next = -1;
        if (next < -1) next = all.length - 1;
        choose(next);
      } else if (event.key === "Enter" && active >= 0 && all[active] && !listbox.hidden) {
        event.preventDefault();
        window.location.assign(all[active].querySelector("a").href);
      } else if (event.key === "Escape") {
        if (!listbox.hidden) {
          event.preventDefault();
          close();
        }
      }
    });

    input.addEventListener("input", function () {
      if (!input.value.trim()) close();
    });
    // A click on a suggestion must land before the input's blur closes the list.
    listbox.addEventListener("mousedown", function (event) {
      event.preventDefault();
    });
    input.addEventListener("blur", close);
    input.addEventListener("focus", open);
  }

  document.addEventListener("DOMContentLoaded", function () {
    document.querySelectorAll("form[data-site-search]").forEach(setUp);
  });
})();

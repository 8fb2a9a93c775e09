// Loaded on every page (deferred: it runs once the page is parsed).

// Keeps a job's progress up to date without reloading the page. The status line is a
// polite live region, so screen readers announce changes without losing their place.
(function () {
  "use strict";
  document.querySelectorAll("[data-job-status]").forEach(function (box) {
    var url = box.getAttribute("data-job-status");
    var bar = box.querySelector("progress");
    function field(name) { return box.querySelector('[data-job-field="' + name + '"]'); }
    function poll() {
      fetch(url, { headers: { Accept: "application/json" }, credentials: "same-origin" })
        .then(function (response) { return response.json(); })
        .then(function (s) {
          if (s.percent === null) { bar.removeAttribute("value"); } else { bar.value = s.percent; }
          field("status_title").textContent = s.status_title;
          field("counts").textContent = s.total ? s.done + " / " + s.total : "";
          field("message").textContent = s.message;
          if (!s.finished) { window.setTimeout(poll, 2000); }
        })
        .catch(function () { window.setTimeout(poll, 10000); });
    }
    poll();
  });
})();

// After a refused submit, the error summary takes the focus, so that a screen reader reads
// what went wrong first and each link leads to its field (GOV.UK's pattern).
(function () {
  "use strict";
  var summary = document.querySelector("[data-error-summary]");
  if (summary) { summary.focus(); }
})();

// The navigation's menus close as menus do: one open at a time, and on Escape (the focus
// back on the menu's button) or a click elsewhere. Without script they still open and
// close with their button.
(function () {
  "use strict";
  var menus = Array.prototype.slice.call(document.querySelectorAll("[data-nav-menu]"));
  menus.forEach(function (menu) {
    menu.addEventListener("toggle", function () {
      if (!menu.open) { return; }
      menus.forEach(function (other) { if (other !== menu) { other.open = false; } });
    });
    menu.addEventListener("keydown", function (event) {
      if (event.key === "Escape" && menu.open) {
        menu.open = false;
        menu.querySelector("summary").focus();
      }
    });
  });
  document.addEventListener("click", function (event) {
    menus.forEach(function (menu) { if (!menu.contains(event.target)) { menu.open = false; } });
  });
})();

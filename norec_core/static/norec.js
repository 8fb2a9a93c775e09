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

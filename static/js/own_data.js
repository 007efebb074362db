// "What your own data shows": each import being read polls its small JSON status and moves
// its progress bar; when one finishes, the page reloads to show the figures (or the error).
(function () {
  "use strict";

  function poll(bar) {
    var url = bar.dataset.statusUrl;
    var fill = bar.querySelector(".progress-bar");
    var label = bar.parentNode.querySelector("[data-role=label]");
    function tick() {
      fetch(url, { credentials: "same-origin", headers: { Accept: "application/json" } })
        .then(function (response) { return response.ok ? response.json() : null; })
        .then(function (status) {
          if (!status) { return; }
          var value = Math.max(0, Math.min(100, status.progress || 0));
          fill.style.width = value + "%";
          bar.setAttribute("aria-valuenow", String(value));
          if (label) { label.textContent = status.label; }
          if (status.finished) { window.location.reload(); return; }
          window.setTimeout(tick, 1000);
        })
        .catch(function () { window.setTimeout(tick, 3000); });
    }
    window.setTimeout(tick, 500);
  }

  document.addEventListener("DOMContentLoaded", function () {
    document.querySelectorAll("[data-status-url]").forEach(poll);
  });
})();

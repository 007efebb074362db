// ePratiques front-end glue. Loaded with `defer`; no inline scripts anywhere (CSP).
(function () {
  "use strict";

  // Progress bars carry their value in data-progress: inline style attributes are blocked by CSP.
  function sizeProgressBars(root) {
    root.querySelectorAll(".progress-bar[data-progress]").forEach(function (bar) {
      var value = Math.max(0, Math.min(100, parseFloat(bar.dataset.progress) || 0));
      bar.style.width = value + "%";
    });
  }

  document.addEventListener("DOMContentLoaded", function () { sizeProgressBars(document); });
  document.addEventListener("htmx:afterSwap", function (event) { sizeProgressBars(event.target); });
})();

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

  // Objective form: choosing a kind of objective ticks the profiles it usually needs, unless
  // the professional has already made their own choice.
  function defaultRolesFollowKind(root) {
    var kind = root.querySelector("select[data-default-roles]");
    if (!kind) { return; }
    var defaults = JSON.parse(kind.dataset.defaultRoles);
    var boxes = root.querySelectorAll('input[name="needed_roles"]');
    function checked() {
      return Array.prototype.filter.call(boxes, function (b) { return b.checked; })
        .map(function (b) { return b.value; }).sort().join(",");
    }
    var previous = kind.value;
    kind.addEventListener("change", function () {
      var current = checked();
      var untouched = current === "" || current === (defaults[previous] || []).slice().sort().join(",");
      if (untouched) {
        var wanted = defaults[kind.value] || [];
        boxes.forEach(function (b) { b.checked = wanted.indexOf(b.value) !== -1; });
      }
      previous = kind.value;
    });
  }

  // Copy a personal link; tick or untick every box of a list.
  function wireButtons(root) {
    root.querySelectorAll("[data-copy]").forEach(function (button) {
      button.addEventListener("click", function () {
        var field = document.getElementById(button.dataset.copy);
        field.select();
        var done = function () { button.textContent = button.dataset.copied || button.textContent; };
        if (navigator.clipboard) { navigator.clipboard.writeText(field.value).then(done, done); }
        else { document.execCommand("copy"); done(); }
      });
    });
    root.querySelectorAll("[data-check-all], [data-uncheck-all]").forEach(function (button) {
      button.addEventListener("click", function () {
        var name = button.dataset.checkAll || button.dataset.uncheckAll;
        var state = Boolean(button.dataset.checkAll);
        root.querySelectorAll('input[type=checkbox][name="' + name + '"]').forEach(function (box) { box.checked = state; });
      });
    });
  }

  document.addEventListener("DOMContentLoaded", function () {
    sizeProgressBars(document);
    defaultRolesFollowKind(document);
    wireButtons(document);
  });
  document.addEventListener("htmx:afterSwap", function (event) { sizeProgressBars(event.target); });
})();

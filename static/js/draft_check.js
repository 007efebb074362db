// Check before you post: as the professional types, post the form to its JSON twin
// (debounced) and show the findings. The page works without this file (plain POST).
// Built with textContent only: nothing typed is ever parsed as HTML.
(function () {
  "use strict";
  var form = document.getElementById("draft-check-form");
  var list = document.getElementById("draft-findings-list");
  if (!form || !list || !window.fetch) return;
  var timer = null;
  var sequence = 0;

  function render(findings) {
    list.replaceChildren();
    if (!findings.length) {
      var none = document.createElement("p");
      none.dataset.testid = "draft-none";
      none.textContent = list.dataset.none;
      list.appendChild(none);
      return;
    }
    var ul = document.createElement("ul");
    ul.className = "list-unstyled";
    ul.dataset.testid = "draft-findings";
    findings.forEach(function (finding) {
      var li = document.createElement("li");
      li.className = "card card-body mb-2";
      li.dataset.code = finding.code;
      var title = document.createElement("p");
      title.className = "fw-semibold mb-1";
      title.textContent = finding.title;
      li.appendChild(title);
      if (finding.excerpt) {
        var why = document.createElement("p");
        why.className = "small mb-1";
        var label = document.createElement("span");
        label.className = "text-body-secondary";
        label.textContent = list.dataset.why + " ";
        var quote = document.createElement("q");
        quote.textContent = finding.excerpt;
        why.append(label, quote);
        li.appendChild(why);
      }
      var tip = document.createElement("p");
      tip.className = "small mb-1";
      var strong = document.createElement("strong");
      strong.textContent = list.dataset.tip + " ";
      tip.append(strong, document.createTextNode(finding.tip));
      li.appendChild(tip);
      var seed = document.createElement("p");
      seed.className = "small text-body-secondary mb-0";
      seed.textContent = finding.seed;
      li.appendChild(seed);
      ul.appendChild(li);
    });
    list.appendChild(ul);
  }

  function check() {
    var mine = ++sequence;
    var body = new FormData(form);
    fetch(form.dataset.jsonUrl, {
      method: "POST",
      body: body,
      credentials: "same-origin",
      headers: { "X-CSRFToken": body.get("csrfmiddlewaretoken"), "Accept": "application/json" },
    })
      .then(function (response) { return response.ok ? response.json() : null; })
      .then(function (data) {
        if (data && data.findings && mine === sequence) render(data.findings);
      })
      .catch(function () { /* the button still works */ });
  }

  function later() {
    clearTimeout(timer);
    timer = setTimeout(check, 350);
  }

  form.addEventListener("input", later);
  form.addEventListener("change", later);
})();

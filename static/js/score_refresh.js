// The "being updated; refresh in a few seconds" banner does not outstay the update: while it
// is shown, the score page asks every two seconds whether the compile is done; then it
// reloads with the new figures (the banner, a one-time message, is gone), or just takes the
// banner away when the figures did not change. It gives up after a minute, banner left.
(function () {
  "use strict";
  var status = document.getElementById("score-status");
  var banner = document.querySelector(".alert.score-updating");
  if (!status || !banner) { return; }
  var tries = 0;

  function check() {
    tries += 1;
    fetch(status.dataset.url, { credentials: "same-origin", headers: { Accept: "application/json" } })
      .then(function (r) { return r.ok ? r.json() : null; })
      .then(function (data) {
        if (data && !data.pending) {
          if (String(data.snapshot || "") !== status.dataset.snapshot) {
            window.location.reload();
          } else {
            banner.remove();
          }
          return;
        }
        if (tries < 30) { window.setTimeout(check, 2000); }
      })
      .catch(function () { if (tries < 30) { window.setTimeout(check, 2000); } });
  }
  window.setTimeout(check, 1000);
})();

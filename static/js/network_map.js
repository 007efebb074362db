// Network map: clusters first (one node per category, sector or company), then a drill-down
// into one cluster's most engaged people. The page never loads every contact at once.
(function () {
  "use strict";

  var box = document.getElementById("network-map");
  if (!box || typeof cytoscape === "undefined") { return; }
  var group = box.dataset.group;
  var back = document.getElementById("map-back");
  var details = document.getElementById("map-details");
  var cy = null;

  function text(el, value) { el.textContent = value; }

  function size(value, max) {
    return 24 + 56 * Math.sqrt(value / Math.max(max, 1));
  }

  function draw(elements, layout) {
    if (cy) { cy.destroy(); }
    cy = cytoscape({
      container: box,
      elements: elements,
      wheelSensitivity: 0.3,
      style: [
        { selector: "node", style: {
          "background-color": "#1f4e79", "label": "data(label)", "color": "#1b1b1b",
          "font-size": 11, "text-valign": "bottom", "text-margin-y": 4,
          "width": "data(size)", "height": "data(size)", "text-wrap": "wrap", "text-max-width": 110 } },
        { selector: "node.me", style: { "background-color": "#e8a33d", "label": "data(label)" } },
        { selector: "node.champion", style: { "border-width": 4, "border-color": "#d4a017" } },
        { selector: "node.multi", style: { "background-color": "#4a7fb0" } },
        { selector: "edge", style: { "width": "data(weight)", "line-color": "#c9d6e3", "curve-style": "haystack" } }
      ],
      layout: layout
    });
    return cy;
  }

  function showClusters() {
    back.classList.add("d-none");
    fetch(box.dataset.url + "?group=" + encodeURIComponent(group), { credentials: "same-origin" })
      .then(function (r) { return r.json(); })
      .then(function (data) {
        if (!data.clusters.length) { text(details, box.dataset.empty); return; }
        var max = Math.max.apply(null, data.clusters.map(function (c) { return c.count; }));
        var elements = [{ data: { id: "me", label: box.dataset.me, size: 36 }, classes: "me" }];
        data.clusters.forEach(function (c, i) {
          var id = "c" + i;
          elements.push({
            data: { id: id, value: c.value, label: c.label + " (" + c.count + ")", size: size(c.count, max), cluster: c },
            classes: (c.champions ? "champion " : "") + (c.multi_network ? "multi" : "")
          });
          elements.push({ data: { id: "e" + i, source: "me", target: id, weight: 1 + 5 * c.count / max } });
        });
        draw(elements, { name: "concentric", concentric: function (n) { return n.id() === "me" ? 2 : 1; }, levelWidth: function () { return 1; }, minNodeSpacing: 20 });
        cy.on("tap", "node", function (event) {
          var c = event.target.data("cluster");
          if (c) { showCluster(c); }
        });
        text(details, "");
      });
  }

  function showCluster(cluster) {
    back.classList.remove("d-none");
    var url = box.dataset.url + "?group=" + encodeURIComponent(group) + "&value=" + encodeURIComponent(cluster.value);
    fetch(url, { credentials: "same-origin" })
      .then(function (r) { return r.json(); })
      .then(function (data) {
        var max = Math.max.apply(null, [1].concat(data.contacts.map(function (c) { return c.exchanges; })));
        var elements = [{ data: { id: "me", label: cluster.label, size: 40 }, classes: "me" }];
        data.contacts.forEach(function (c) {
          var id = "p" + c.id;
          elements.push({
            data: { id: id, label: c.label, size: 18 + 40 * Math.sqrt(c.exchanges / max), person: c },
            classes: (c.champion ? "champion " : "") + (c.networks.length > 1 ? "multi" : "")
          });
          elements.push({ data: { id: "e" + c.id, source: "me", target: id, weight: 1 + 3 * c.exchanges / max } });
        });
        draw(elements, { name: "concentric", concentric: function (n) { var p = n.data("person"); return p ? p.exchanges : 1e9; }, minNodeSpacing: 8 });
        cy.on("tap", "node", function (event) {
          var p = event.target.data("person");
          if (!p) { return; }
          var parts = [p.label, p.position, p.company, p.networks.join(" + ")];
          if (p.champion) { parts.push(box.dataset.champion); }
          text(details, parts.filter(Boolean).join(" · "));
        });
        text(details, cluster.label + " — " + cluster.count + " " + box.dataset.contacts +
          (cluster.multi_network ? ", " + cluster.multi_network + " " + box.dataset.multi : ""));
      });
  }

  back.addEventListener("click", showClusters);
  showClusters();
})();

// Network map: clusters first (one node per category, sector or company, counted by the
// server), then a drill-down into one cluster's most engaged people. The page never loads
// every contact at once. Up close, names stay readable: only the largest or most engaged
// nodes carry a label, labels keep one size on screen whatever the zoom, a dense drawing is
// listed beside it (largest first), and the search finds a contact and zooms to it.
(function () {
  "use strict";

  var box = document.getElementById("network-map");
  if (!box || typeof cytoscape === "undefined") { return; }
  var group = box.dataset.group;
  var back = document.getElementById("map-back");
  var details = document.getElementById("map-details");
  var listBox = document.getElementById("map-list-box");
  var list = document.getElementById("map-list");
  var listTitle = document.getElementById("map-list-title");
  var search = document.getElementById("map-search");
  var searchInput = document.getElementById("map-search-input");
  var results = document.getElementById("map-search-results");
  var cy = null;
  var firstDraw = true;
  var LABELLED = 10;   // nodes named on the drawing; the others in the list and on focus
  var DENSE = 12;      // above this many nodes, the list is shown beside the drawing
  var FONT = 13;       // label size on screen, in CSS pixels, at any zoom

  function text(el, value) { el.textContent = value; }

  function size(value, max) {
    return 24 + 56 * Math.sqrt(value / Math.max(max, 1));
  }

  function keepLabelsReadable() {
    var zoom = cy.zoom();
    cy.batch(function () {
      cy.nodes().style({
        "font-size": FONT / zoom, "text-max-width": 140 / zoom, "text-outline-width": 2 / zoom
      });
    });
  }

  // Drill-down layout: the group in the middle, its LABELLED most engaged people spread on an
  // inner ring with their names set outwards (never over a neighbour's), the others on two
  // outer rings. Positions by id ("p" + rank is not the id: the caller maps them).
  var order = [];
  function ringPositions(count) {
    var positions = { me: { x: 0, y: 0 } };
    var named = Math.min(count, LABELLED);
    var rest = count - named;
    order.forEach(function (id, i) {
      var ring, index, total;
      if (i < named) { ring = 170; index = i; total = named; }
      else if ((i - named) % 2 === 0) { ring = 340; index = (i - named) / 2; total = Math.ceil(rest / 2); }
      else { ring = 380; index = (i - named - 1) / 2; total = Math.floor(rest / 2); }
      var angle = -Math.PI / 2 + 2 * Math.PI * (index + (ring === 380 ? 0.5 : 0)) / Math.max(total, 1);
      positions[id] = { x: ring * Math.cos(angle), y: ring * Math.sin(angle) };
    });
    return function (node) { return positions[node.id()]; };
  }

  function labelSide(i, count) {
    var angle = -Math.PI / 2 + 2 * Math.PI * i / Math.max(Math.min(count, LABELLED), 1);
    var x = Math.cos(angle), y = Math.sin(angle);
    if (Math.abs(y) > 0.8) { return y < 0 ? "l-top" : "l-bottom"; }
    return x > 0 ? "l-right" : "l-left";
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
          "text-outline-color": "#fbfcfe", "text-outline-width": 2,
          "font-size": FONT, "text-valign": "bottom", "text-margin-y": 3,
          "width": "data(size)", "height": "data(size)", "text-wrap": "ellipsis", "text-max-width": 140,
          "min-zoomed-font-size": 0 } },
        { selector: "node.me", style: { "background-color": "#c46a00", "font-weight": "bold" } },
        { selector: "node.champion", style: { "border-width": 4, "border-color": "#d4a017" } },
        { selector: "node.multi", style: { "background-color": "#4a7fb0" } },
        { selector: "node.focus", style: {
          "label": "data(name)", "border-width": 5, "border-color": "#b00020", "z-index": 10,
          "font-weight": "bold" } },
        { selector: "node.l-top", style: { "text-valign": "top", "text-margin-y": -3 } },
        { selector: "node.l-right", style: { "text-valign": "center", "text-halign": "right", "text-margin-x": 4 } },
        { selector: "node.l-left", style: { "text-valign": "center", "text-halign": "left", "text-margin-x": -4 } },
        { selector: "edge", style: { "width": "data(weight)", "line-color": "#c9d6e3", "curve-style": "haystack" } }
      ],
      layout: layout
    });
    keepLabelsReadable();
    cy.on("zoom", keepLabelsReadable);
    if (firstDraw) {
      firstDraw = false;
      // Read by the benchmark (bench/map_draw.py, map_first_draw_ms): the first frame drawn.
      cy.one("render", function () {
        if (window.performance && performance.mark) { performance.mark("map-first-draw"); }
      });
    }
    return cy;
  }

  function showList(kind, items) {
    list.replaceChildren();
    if (items.length <= DENSE) { listBox.classList.add("d-none"); return; }
    text(listTitle, kind === "groups" ? listTitle.dataset.groups : listTitle.dataset.people);
    items.forEach(function (item) {
      var li = document.createElement("li");
      var button = document.createElement("button");
      button.type = "button";
      button.className = "btn btn-link btn-sm p-0";
      button.dataset.node = item.id;
      text(button, item.text);
      button.addEventListener("click", function () { item.pick(); });
      li.appendChild(button);
      list.appendChild(li);
    });
    listBox.classList.remove("d-none");
  }

  function markInList(id) {
    list.querySelectorAll("button").forEach(function (b) {
      var on = b.dataset.node === id;
      b.classList.toggle("active", on);
      if (on) { b.setAttribute("aria-current", "true"); } else { b.removeAttribute("aria-current"); }
    });
  }

  function describe(p) {
    var parts = [p.label, p.position, p.company, p.networks.join(" + ")];
    if (p.champion) { parts.push(box.dataset.champion); }
    return parts.filter(Boolean).join(" · ");
  }

  function focusPerson(id) {
    var node = cy.getElementById(id);
    if (!node || node.empty()) { return; }
    cy.nodes().removeClass("focus");
    node.addClass("focus");
    // Zoom and pan in one move that ends with the node in the middle of the map.
    var zoom = Math.max(cy.zoom(), 1.6);
    var at = node.position();
    cy.animate({
      zoom: zoom,
      pan: { x: cy.width() / 2 - at.x * zoom, y: cy.height() / 2 - at.y * zoom }
    }, { duration: 250 });
    text(details, describe(node.data("person")));
    markInList(id);
  }

  function clusters() {
    // The first drawing's groups come with the page when the server put them there.
    var embedded = document.getElementById("map-clusters");
    if (embedded) {
      embedded.remove();
      var data = JSON.parse(embedded.textContent);
      if (data.group === group) { return Promise.resolve(data); }
    }
    return fetch(box.dataset.url + "?group=" + encodeURIComponent(group), { credentials: "same-origin" })
      .then(function (r) { return r.json(); });
  }

  function showClusters() {
    back.classList.add("d-none");
    clusters()
      .then(function (data) {
        if (!data.clusters.length) { text(details, box.dataset.empty); showList("groups", []); return; }
        var max = Math.max.apply(null, data.clusters.map(function (c) { return c.count; }));
        var elements = [{ data: { id: "me", label: box.dataset.me, name: box.dataset.me, size: 36 }, classes: "me" }];
        // The server sends the largest groups first: they carry the labels.
        data.clusters.forEach(function (c, i) {
          var id = "c" + i;
          var name = c.label + " (" + c.count + ")";
          elements.push({
            data: { id: id, value: c.value, label: i < LABELLED ? name : "", name: name, size: size(c.count, max), cluster: c },
            classes: (c.champions ? "champion " : "") + (c.multi_network ? "multi" : "")
          });
          elements.push({ data: { id: "e" + i, source: "me", target: id, weight: 1 + 5 * c.count / max } });
        });
        draw(elements, { name: "concentric", concentric: function (n) { return n.id() === "me" ? 2 : 1; }, levelWidth: function () { return 1; }, minNodeSpacing: 20 });
        cy.on("tap", "node", function (event) {
          var c = event.target.data("cluster");
          if (c) { showCluster(c); }
        });
        showList("groups", data.clusters.map(function (c, i) {
          return { id: "c" + i, text: c.label + " (" + c.count + ")", pick: function () { showCluster(c); } };
        }));
        text(details, "");
      });
  }

  function showCluster(cluster, focusId) {
    back.classList.remove("d-none");
    var url = box.dataset.url + "?group=" + encodeURIComponent(group) + "&value=" + encodeURIComponent(cluster.value);
    if (focusId) { url += "&focus=" + encodeURIComponent(focusId); }
    fetch(url, { credentials: "same-origin" })
      .then(function (r) { return r.json(); })
      .then(function (data) {
        var max = Math.max.apply(null, [1].concat(data.contacts.map(function (c) { return c.exchanges; })));
        var elements = [{ data: { id: "me", label: cluster.label, name: cluster.label, size: 40 }, classes: "me" }];
        // Most engaged first (the server's order): they are named on the drawing.
        order = data.contacts.map(function (c) { return "p" + c.id; });
        data.contacts.forEach(function (c, i) {
          var id = "p" + c.id;
          var side = i < LABELLED ? " " + labelSide(i, data.contacts.length) : "";
          elements.push({
            data: { id: id, label: i < LABELLED ? c.label : "", name: c.label, rank: i, size: (i < LABELLED ? 24 : 10) + (i < LABELLED ? 30 : 14) * Math.sqrt(c.exchanges / max), person: c },
            classes: (c.champion ? "champion " : "") + (c.networks.length > 1 ? "multi" : "") + side
          });
          elements.push({ data: { id: "e" + c.id, source: "me", target: id, weight: 1 + 3 * c.exchanges / max } });
        });
        draw(elements, { name: "preset", positions: ringPositions(data.contacts.length), fit: true, padding: 24 });
        cy.on("tap", "node", function (event) {
          if (event.target.data("person")) { focusPerson(event.target.id()); }
        });
        showList("people", data.contacts.map(function (c) {
          return {
            id: "p" + c.id,
            text: c.label + " · " + c.exchanges + " " + box.dataset.exchanges,
            pick: function () { focusPerson("p" + c.id); }
          };
        }));
        if (cluster.count !== undefined) {
          text(details, cluster.label + " — " + cluster.count + " " + box.dataset.contacts +
            (cluster.multi_network ? ", " + cluster.multi_network + " " + box.dataset.multi : ""));
        } else {
          text(details, cluster.label);
        }
        if (focusId) { focusPerson("p" + focusId); }
      });
  }

  function find(event) {
    event.preventDefault();
    var q = searchInput.value.trim();
    results.replaceChildren();
    if (q.length < 2) { return; }
    var url = search.dataset.url + "?group=" + encodeURIComponent(group) + "&q=" + encodeURIComponent(q);
    fetch(url, { credentials: "same-origin" })
      .then(function (r) { return r.json(); })
      .then(function (data) {
        results.replaceChildren();
        if (!data.results.length) {
          var none = document.createElement("li");
          text(none, results.dataset.none);
          results.appendChild(none);
          return;
        }
        data.results.forEach(function (hit) {
          var li = document.createElement("li");
          var button = document.createElement("button");
          button.type = "button";
          button.className = "btn btn-link btn-sm p-0";
          text(button, [hit.label, hit.company, hit.group_label].filter(Boolean).join(" · "));
          button.addEventListener("click", function () {
            results.replaceChildren();
            showCluster({ value: hit.value, label: hit.group_label || hit.label }, hit.id);
          });
          li.appendChild(button);
          results.appendChild(li);
        });
        var first = results.querySelector("button");
        if (first) { first.focus(); }
      });
  }

  if (search && search.dataset.url) { search.addEventListener("submit", find); }
  back.addEventListener("click", showClusters);
  showClusters();
})();

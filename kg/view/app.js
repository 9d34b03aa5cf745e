/* kg view: draws the graph embedded in this page with Cytoscape.js.
   Text from the data is only ever put into the page with textContent. */
(function () {
  "use strict";

  var data = JSON.parse(document.getElementById("kg-data").textContent);
  var COLOURS = data.style.colours, SHAPES = data.style.shapes;
  var RELATION = { holds: "holds", took_part: "took part in", led: "led", involves: "involves",
    about: "about", issued_by: "issued by", part_of: "part of", jurisdiction: "in", successor: "became" };
  var INVERSE = { holds: "held by", took_part: "with", led: "led by", involves: "involved in",
    about: "subject of", issued_by: "issued", part_of: "has part", jurisdiction: "has", successor: "came from" };

  var nodesById = {}, incident = {};
  data.nodes.forEach(function (n) { nodesById[n.id] = n; incident[n.id] = []; });
  data.edges.forEach(function (e, i) { e.index = i; incident[e.source].push(e); incident[e.target].push(e); });

  function fold(text) {
    return text.replace(/đ/g, "d").replace(/Đ/g, "D").normalize("NFD").replace(/\p{Mn}/gu, "")
      .toLowerCase().replace(/\s+/g, " ").trim();
  }

  function el(tag, text, cls) {
    var node = document.createElement(tag);
    if (text !== undefined && text !== null) node.textContent = String(text);
    if (cls) node.className = cls;
    return node;
  }

  // Positions come with the data (kg/view/layout.py).
  var elements = [];
  data.nodes.forEach(function (n) {
    elements.push({ group: "nodes", data: { id: n.id, label: n.label, kind: n.kind,
      size: 12 + 5 * Math.sqrt(incident[n.id].length) }, position: { x: n.x, y: n.y } });
  });
  data.edges.forEach(function (e) {
    elements.push({ group: "edges", data: { id: "e" + e.index, index: e.index, source: e.source, target: e.target,
      type: e.type, label: e.type === "holds" ? "" : (RELATION[e.type] || e.type) } });
  });

  var style = [
    { selector: "node", style: { "label": "data(label)", "width": "data(size)", "height": "data(size)",
      "font-size": 9, "min-zoomed-font-size": 7, "text-valign": "bottom", "text-margin-y": 2,
      "text-wrap": "ellipsis", "text-max-width": "120px", "border-width": 0.5, "border-color": "#555" } },
    { selector: "edge", style: { "width": 1, "line-color": "#c8c8c8", "curve-style": "bezier",
      "target-arrow-shape": "triangle", "target-arrow-color": "#c8c8c8", "arrow-scale": 0.6,
      "label": "data(label)", "font-size": 6, "min-zoomed-font-size": 9, "color": "#888" } },
    { selector: ".faded", style: { "opacity": 0.15 } },
    { selector: ".match", style: { "border-width": 3, "border-color": "#000" } },
    { selector: "node:selected", style: { "border-width": 4, "border-color": "#d00" } }
  ];
  Object.keys(COLOURS).forEach(function (kind) {
    style.push({ selector: 'node[kind = "' + kind + '"]',
      style: { "background-color": COLOURS[kind], "shape": SHAPES[kind] } });
  });

  document.getElementById("title").textContent = data.title;
  var cy = cytoscape({ container: document.getElementById("graph"), elements: elements, style: style,
    layout: { name: "preset" }, minZoom: 0.05, maxZoom: 4 });
  var all = cy.elements();

  // --- legend: one switch per kind -------------------------------------------------------
  var kindsOn = {};
  var legend = document.getElementById("legend");
  Object.keys(COLOURS).forEach(function (kind) {
    var count = data.nodes.filter(function (n) { return n.kind === kind; }).length;
    if (!count) return;
    kindsOn[kind] = true;
    var item = el("li"), label = el("label"), box = el("input"), swatch = el("span", null, "swatch");
    box.type = "checkbox"; box.checked = true; box.dataset.kind = kind;
    box.addEventListener("change", function () { kindsOn[kind] = box.checked; refresh(); });
    swatch.style.backgroundColor = COLOURS[kind];
    label.append(box, swatch, document.createTextNode(kind + " (" + count + ")"));
    item.append(label);
    legend.append(item);
  });

  // --- the date slider: the graph as of a date -------------------------------------------
  var slider = document.getElementById("date"), dateLabel = document.getElementById("date-label");
  var undated = document.getElementById("undated");
  slider.max = String(data.dates.length);
  slider.value = String(data.dates.length);
  slider.disabled = data.dates.length === 0;

  function asOf() {
    var i = Number(slider.value);
    return i >= data.dates.length ? null : data.dates[i];
  }

  // A fact shows when it began by the date and had not ended (its end is only known when the
  // text says so); facts without a date show when the box is ticked.
  function inTime(from, until, day) {
    if (!from) return undated.checked;
    if (day === null) return true;
    return from <= day && (!until || until >= day);
  }

  function refresh() {
    var day = asOf();
    dateLabel.textContent = day === null ? "all dates" : day;
    var shown = {}, edgesShown = {};
    data.nodes.forEach(function (n) {
      if (!kindsOn[n.kind]) return;
      if (n.kind === "event" || n.kind === "directive") { if (inTime(n.from, null, day)) shown[n.id] = true; }
      else if (!incident[n.id].length && undated.checked) shown[n.id] = true;
    });
    function endOk(id) {
      var n = nodesById[id];
      if (!kindsOn[n.kind]) return false;
      return (n.kind === "event" || n.kind === "directive") ? shown[id] === true : true;
    }
    data.edges.forEach(function (e) {
      // Structure (part of, a body's place) counts as an undated fact; without those, it only
      // reaches out from what the dated facts show (below).
      if ((e.timeless && !undated.checked) || !inTime(e.from, e.ends, day) || !endOk(e.source) || !endOk(e.target)) return;
      edgesShown[e.index] = true; shown[e.source] = true; shown[e.target] = true;
    });
    var grew = true;
    while (grew) {                       // structure reaches out from what is shown: parents, places
      grew = false;
      data.edges.forEach(function (e) {
        if (e.timeless && shown[e.source] && !edgesShown[e.index] && kindsOn[nodesById[e.target].kind]) {
          edgesShown[e.index] = true;
          if (!shown[e.target]) { shown[e.target] = true; grew = true; }
        }
      });
    }
    // Elements not shown are taken out of the graph (and put back later), the way Cytoscape.js
    // filters: a "display: none" class leaves them in its counts and caches.
    cy.batch(function () {
      all.filter(function (x) { return x.isNode() ? !shown[x.id()] : !edgesShown[x.data("index")]; })
        .filter(function (x) { return x.inside(); }).remove();
      var back = all.filter(function (x) {
        return x.removed() && (x.isNode() ? shown[x.id()] : edgesShown[x.data("index")]);
      });
      back.nodes().restore();
      back.edges().restore();
    });
    document.getElementById("counts").textContent =
      cy.nodes().length + " nodes, " + cy.edges().length + " edges shown";
  }
  slider.addEventListener("input", refresh);
  undated.addEventListener("change", refresh);

  // --- facts of a node, with their sentences ---------------------------------------------
  function quoteIn(text, quote) {
    var block = el("blockquote"), at = quote ? text.indexOf(quote) : -1;
    if (at < 0) { block.append(document.createTextNode(text || quote || "")); return block; }
    block.append(document.createTextNode(text.slice(0, at)), el("mark", quote),
      document.createTextNode(text.slice(at + quote.length)));
    return block;
  }

  function showFacts(id) {
    var n = nodesById[id], box = document.getElementById("facts");
    box.replaceChildren();
    box.append(el("div", n.kind, "kind"), el("h2", n.label));
    if (n.attrs || n.from) {
      var dl = el("dl");
      if (n.from) dl.append(el("dt", "date"), el("dd", n.from));
      Object.keys(n.attrs || {}).forEach(function (k) { dl.append(el("dt", k.replace(/_/g, " ")), el("dd", n.attrs[k])); });
      box.append(dl);
    }
    var list = el("ul", null, "fact-list");
    incident[id].slice().sort(function (a, b) {
      return (a.from || "9999").localeCompare(b.from || "9999") || a.type.localeCompare(b.type);
    }).forEach(function (e) {
      var out = e.source === id, other = nodesById[out ? e.target : e.source];
      var item = el("li", null, "fact"), head = el("div");
      head.append(el("span", out ? RELATION[e.type] : INVERSE[e.type], "relation"), document.createTextNode(" "));
      if (e.label && e.type === "holds") head.append(document.createTextNode(e.label + " — "));
      else if (e.role) head.append(document.createTextNode("(" + e.role + ") "));
      var link = el("button", other.label, "node-link");
      link.type = "button";
      link.addEventListener("click", function () { select(other.id); });
      head.append(link);
      var when = [e.status, e.since && "since " + e.since, e.until && "until " + e.until,
        !e.since && e.from && e.from].filter(Boolean).join(", ");
      if (when) head.append(el("span", when, "when"));
      item.append(head);
      (e.sources || []).forEach(function (s) {
        var block = quoteIn(s.text, s.quote);
        block.prepend(el("span", s.article + (s.sentence >= 0 ? " · sentence " + (s.sentence + 1) : ""), "article"));
        item.append(block);
      });
      list.append(item);
    });
    box.append(list);
  }

  function select(id) {
    var node = cy.getElementById(id);
    if (!node.length) return;
    cy.elements().unselect();
    node.select();
    highlight(node);
    cy.animate({ center: { eles: node }, zoom: Math.max(cy.zoom(), 1.1) }, { duration: 250 });
    showFacts(id);
  }

  function highlight(node) {
    cy.batch(function () {
      cy.elements().addClass("faded");
      node.closedNeighborhood().removeClass("faded");
    });
  }

  cy.on("tap", "node", function (evt) { select(evt.target.id()); });
  cy.on("tap", function (evt) { if (evt.target === cy) cy.elements().removeClass("faded"); });

  // --- search by name, diacritics optional -----------------------------------------------
  var search = document.getElementById("search"), matches = document.getElementById("matches");
  function find(query) {
    var q = fold(query);
    if (q.length < 2) return [];
    return data.nodes.filter(function (n) { return n.folded.indexOf(q) >= 0; }).sort(function (a, b) {
      return (b.folded.indexOf(q) === 0) - (a.folded.indexOf(q) === 0) ||
        incident[b.id].length - incident[a.id].length || a.label.localeCompare(b.label, "vi");
    }).slice(0, 20);
  }
  search.addEventListener("input", function () {
    var found = find(search.value);
    matches.replaceChildren();
    cy.nodes().removeClass("match");
    found.forEach(function (n) {
      var item = el("li"), button = el("button", n.label + " (" + n.kind + ")");
      button.type = "button";
      button.addEventListener("click", function () { select(n.id); });
      item.append(button);
      matches.append(item);
      cy.getElementById(n.id).addClass("match");
    });
  });
  search.addEventListener("keydown", function (evt) {
    if (evt.key === "Enter") { var found = find(search.value); if (found.length) select(found[0].id); }
  });

  refresh();
  if (data.refine) {       // small graphs: Cytoscape's force layout refines the computed places
    var layout = cy.layout({ name: "cose", animate: false, randomize: false, fit: true, padding: 20,
      nodeRepulsion: function () { return 9000; }, idealEdgeLength: function () { return 45; },
      numIter: 1000, componentSpacing: 40 });
    layout.on("layoutstop", function () { document.body.dataset.ready = "true"; });
    layout.run();
  } else {
    cy.fit(undefined, 20);
    document.body.dataset.ready = "true";
  }

  window.kgView = { cy: cy, data: data, select: select, find: find, refresh: refresh };
})();

/* actorgraph offline viewer (plain ES2017, no framework).
 *
 * Reads the JSON payload in #ag-data (see actorgraph/outputs/html.py), draws it with vis-network at the
 * precomputed positions (physics off), and wires search, filters and the detail panel.
 *
 * Security: every string from the data (labels, aliases, evidence, titles, urls) is untrusted article
 * text. It reaches the page only through textContent / createTextNode / property assignment, never
 * innerHTML; vis-network tooltips get plain strings (vis 9 puts them in with innerText).
 */
(function () {
  'use strict';

  var TYPE_COLORS = { PERSON: '#4e79a7', ORG: '#f28e2b', GPE: '#59a14f', LOC: '#76b7b2', MISC: '#b07aa1' };
  var OTHER_COLOR = '#9aa3ad';
  var COMMUNITY_COLORS = ['#4e79a7', '#f28e2b', '#e15759', '#76b7b2', '#59a14f', '#edc948', '#b07aa1',
    '#ff9da7', '#9c755f', '#bab0ac', '#1f77b4', '#ff7f0e', '#2ca02c', '#d62728', '#9467bd', '#8c564b',
    '#e377c2', '#7f7f7f', '#bcbd22', '#17becf'];
  var DIM_NODE = { background: '#e9ecf0', border: '#d6dae0', highlight: { background: '#e9ecf0', border: '#d6dae0' } };
  var EDGE_COLOR = '#a9b4c4';
  var EDGE_DIM = '#eceff3';
  var EDGE_FOCUS = '#5b6b82';
  var FONT_COLOR = '#1d2430';
  var FOCUS_BORDER = '#1d2430';
  var FONT_DIM = '#c0c6cf';
  var PANEL_EVENT_PAGE = 50;
  var SEARCH_LIMIT = 20;
  var DAY_MS = 86400000;

  var readyResolve;
  var api = {
    isReady: false,
    ready: new Promise(function (resolve) { readyResolve = resolve; })
  };
  window.__actorgraph = api;

  // ------------------------------------------------------------------ small DOM helpers (text only)

  function $(id) { return document.getElementById(id); }

  function el(tag, className, text) {
    var node = document.createElement(tag);
    if (className) node.className = className;
    if (text !== undefined && text !== null) node.textContent = String(text);
    return node;
  }

  function mark(name) { if (window.performance && performance.mark) performance.mark(name); }

  function clear(node) { while (node.firstChild) node.removeChild(node.firstChild); }

  function str(value) { return value === undefined || value === null ? '' : String(value); }

  function arr(value) { return Array.isArray(value) ? value : []; }

  function fmt(n) { return Number(n).toLocaleString('en-US'); }

  function safeUrl(url) {
    return typeof url === 'string' && /^https?:\/\/\S+$/i.test(url.trim()) ? url.trim() : null;
  }

  var FOLD = { 'ß': 'ss', 'ł': 'l', 'đ': 'd', 'ø': 'o', 'æ': 'ae', 'œ': 'oe', 'ı': 'i', 'þ': 'th', 'ð': 'd' };
  function norm(s) {
    return str(s).normalize('NFD')
      .replace(/[\u0300-\u036f\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff\ufe20-\ufe2f]/g, '')
      .toLowerCase()
      .replace(/[ßłđøæœıþð]/g, function (c) { return FOLD[c]; })
      .replace(/\s+/g, ' ')
      .trim();
  }

  // ------------------------------------------------------------------ data

  mark('ag:start');
  var data;
  try {
    data = JSON.parse($('ag-data').textContent);
  } catch (err) {
    $('ag-panel').textContent = 'Could not read the graph data: ' + err;
    return;
  }
  if (typeof vis === 'undefined') {
    $('ag-panel').textContent = 'vis-network did not load.';
    return;
  }

  mark('ag:parsed');
  var maxNodes = Math.max(1, Number(data.max_nodes) || 1500);
  // Links drawn at most: past a few per actor, a canvas of tens of thousands of lines is slow to
  // draw and tells nothing; the strongest are drawn, and every link stays in the side panel.
  var maxEdges = Math.max(1, Number(data.max_edges) || 4 * maxNodes);
  var maxEvidence = Number(data.max_evidence) || 3;
  var documents = data.documents && typeof data.documents === 'object' ? data.documents : {};
  var actors = arr(data.actors).filter(function (a) { return a && typeof a.id === 'string'; });
  var events = arr(data.events).filter(function (e) { return e && typeof e.id === 'string'; });
  var actorById = new Map();
  actors.forEach(function (a, i) {
    a._rank = i;
    a._edges = [];
    a._events = [];
    a.label = str(a.label) || a.id;
    a.type = str(a.type) || 'MISC';
    actorById.set(a.id, a);
  });
  var eventById = new Map();
  events.forEach(function (ev) {
    ev.type = str(ev.type) || 'EVENT';
    ev._range = parseDate(ev.date, ev.date_precision);
    ev._ok = true;
    eventById.set(ev.id, ev);
    var seen = new Set();
    arr(ev.participants).concat(arr(ev.source), arr(ev.target)).forEach(function (id) {
      var a = actorById.get(id);
      if (a && !seen.has(id)) { seen.add(id); a._events.push(ev); }
    });
  });
  // A link is a row of positions: [source actor, target actor, kind, weight, [event, ...]].
  var actorRows = arr(data.actors);
  var eventRows = arr(data.events);
  function actorAt(n) {
    var a = actorRows[n];
    return a && actorById.get(a.id) === a ? a : null;
  }
  var edges = [];
  arr(data.edges).forEach(function (row) {
    if (!Array.isArray(row)) return;
    var s = actorAt(row[0]), t = actorAt(row[1]);
    if (!s || !t) return;
    edges.push({ source: s.id, target: t.id, kind: row[2], weight: row[3], events: row[4] });
  });
  edges.forEach(function (e, i) {
    e._id = 'e' + i;
    e._n = i;
    e.kind = str(e.kind) || 'event';
    e.weight = Number(e.weight) || 0;
    e._events = arr(e.events).map(function (n) {
      var ev = eventRows[n];
      return ev && eventById.get(ev.id) === ev ? ev : null;
    }).filter(Boolean);
    e._vw = e.weight;
    e._ok = true;
    actorById.get(e.source)._edges.push(e);
    if (e.target !== e.source) actorById.get(e.target)._edges.push(e);
  });
  var edgeById = new Map(edges.map(function (e) { return [e._id, e]; }));
  actors.forEach(function (a) {
    a.degree = Number(a.degree) || a._edges.length;
    a._events.sort(compareEvents);
    a._keys = [norm(a.label)].concat(arr(a.aliases).map(norm)).filter(Boolean);
  });

  function parseDate(value, precision) {
    if (typeof value !== 'string') return null;
    var m = /^(\d{4})(?:-(\d{1,2}))?(?:-(\d{1,2}))?/.exec(value.trim());
    if (!m) return null;
    var y = Number(m[1]);
    if (!m[2] || precision === 'year') return [dayNumber(y, 0, 1), dayNumber(y, 11, 31)];
    var mo = Number(m[2]) - 1;
    if (mo < 0 || mo > 11) return null;
    if (!m[3] || precision === 'month') return [dayNumber(y, mo, 1), dayNumber(y, mo + 1, 0)];
    var d = dayNumber(y, mo, Number(m[3]));
    return [d, d];
  }

  function dayNumber(y, m, d) { return Math.floor(Date.UTC(y, m, d) / DAY_MS); }

  function dayIso(n) { return new Date(n * DAY_MS).toISOString().slice(0, 10); }

  function compareEvents(a, b) {
    var ra = a._range, rb = b._range;
    if (ra && rb && ra[0] !== rb[0]) return ra[0] - rb[0];
    if (ra && !rb) return -1;
    if (!ra && rb) return 1;
    return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
  }

  // ------------------------------------------------------------------ filter state

  var actorTypes = arr(data.actor_types).slice();
  actors.forEach(function (a) { if (actorTypes.indexOf(a.type) < 0) actorTypes.push(a.type); });
  var eventTypeCounts = new Map();
  events.forEach(function (ev) { eventTypeCounts.set(ev.type, (eventTypeCounts.get(ev.type) || 0) + 1); });
  var eventTypes = Array.from(eventTypeCounts.keys()).sort(function (a, b) {
    return eventTypeCounts.get(b) - eventTypeCounts.get(a) || (a < b ? -1 : 1);
  });
  var dated = events.filter(function (ev) { return ev._range; });
  var dateMin = dated.length ? Math.min.apply(null, dated.map(function (ev) { return ev._range[0]; })) : 0;
  var dateMax = dated.length ? Math.max.apply(null, dated.map(function (ev) { return ev._range[1]; })) : 0;
  var maxWeight = edges.reduce(function (m, e) { return Math.max(m, e.weight); }, 0);
  var integerWeights = edges.every(function (e) { return Number.isInteger(e.weight); });

  var state = {
    types: new Set(actorTypes),
    eventTypes: new Set(eventTypes),
    dateLo: dateMin,
    dateHi: dateMax,
    hideUndated: false,
    minWeight: 0,
    kinds: { event: true, affiliation: true },
    community: false,
    pinned: new Set(),
    selected: null // {kind: 'actor'|'edge', id}
  };
  var view = { shown: new Set(), matching: 0, events: 0, edges: 0, linking: 0 };

  function eventPasses(ev) {
    if (!state.eventTypes.has(ev.type)) return false;
    if (!ev._range) return !state.hideUndated;
    return ev._range[1] >= state.dateLo && ev._range[0] <= state.dateHi;
  }

  function compute() {
    events.forEach(function (ev) { ev._ok = eventPasses(ev); });
    var passes = new Set();
    edges.forEach(function (e) {
      e._ok = false;
      if (!state.kinds[e.kind] && (e.kind === 'event' || e.kind === 'affiliation')) return;
      if (!state.types.has(actorById.get(e.source).type) || !state.types.has(actorById.get(e.target).type)) return;
      var vw = e.weight;
      if (e.kind === 'event' && e._events.length) {
        var visible = 0;
        for (var i = 0; i < e._events.length; i++) if (e._events[i]._ok) visible++;
        if (!visible) return;
        vw = Math.round(e.weight * visible / e._events.length * 100) / 100;
      }
      e._vw = vw;
      if (vw < state.minWeight) return;
      e._ok = true;
      passes.add(e.source);
      passes.add(e.target);
    });
    var matching = [];
    actors.forEach(function (a) {
      if (!state.types.has(a.type)) return;
      if (passes.has(a.id)) { matching.push(a); return; }
      // Actors without any link stay while their type is on and one of their events (if any) passes.
      if (!a._edges.length && (!a._events.length || a._events.some(function (ev) { return ev._ok; }))) {
        matching.push(a);
      }
    });
    var shown = new Set();
    matching.forEach(function (a) {
      if (shown.size < maxNodes || state.pinned.has(a.id)) shown.add(a.id);
    });
    var eventCount = 0;
    events.forEach(function (ev) {
      if (!ev._ok) return;
      var parts = arr(ev.participants);
      if (!parts.length || parts.some(function (id) { return shown.has(id); })) eventCount++;
    });
    var linking = [];
    edges.forEach(function (e) {
      e._shown = e._ok && shown.has(e.source) && shown.has(e.target);
      if (e._shown) linking.push(e);
    });
    if (linking.length > maxEdges) {
      linking.sort(function (x, y) { return (y._vw - x._vw) || (x._n - y._n); });
      for (var k = maxEdges; k < linking.length; k++) linking[k]._shown = false;
    }
    view = {
      shown: shown, matching: matching.length, events: eventCount,
      edges: Math.min(linking.length, maxEdges), linking: linking.length
    };
  }

  // ------------------------------------------------------------------ vis items

  var nodesDS = new vis.DataSet();
  var edgesDS = new vis.DataSet();
  var loadedNodes = new Map(); // id -> {hidden, style}
  var loadedEdges = new Map(); // id -> {hidden, style, vw}

  function baseColor(a) {
    if (state.community) {
      var c = Number(a.community);
      return a.community === null || a.community === undefined || !isFinite(c)
        ? OTHER_COLOR : COMMUNITY_COLORS[Math.abs(Math.floor(c)) % COMMUNITY_COLORS.length];
    }
    return TYPE_COLORS[a.type] || OTHER_COLOR;
  }

  function nodeSize(a) { return Math.min(42, 7 + 3 * Math.sqrt(a.degree || 0)); }

  function shortLabel(s) { return s.length > 40 ? s.slice(0, 39) + '…' : s; }

  function nodeTitle(a) {
    var lines = [a.label + ' (' + a.type + ')'];
    var aliases = arr(a.aliases).filter(function (x) { return x !== a.label; });
    if (aliases.length) lines.push('also: ' + aliases.slice(0, 5).join(', ') + (aliases.length > 5 ? ', …' : ''));
    lines.push(fmt(a.degree || 0) + ' links · ' + fmt(a._events.length) + ' events');
    return lines.join('\n');
  }

  function edgeTitle(e) {
    var a = actorById.get(e.source), b = actorById.get(e.target);
    var head = a.label + ' — ' + b.label;
    if (e.kind !== 'event') return head + '\n' + e.kind;
    var n = e._events.filter(function (ev) { return ev._ok; }).length;
    return head + '\n' + n + ' shared event' + (n === 1 ? '' : 's') + ' · weight ' + e._vw;
  }

  function highlightSet() {
    var sel = state.selected;
    if (!sel) return null;
    var set = new Set();
    if (sel.kind === 'actor') {
      set.add(sel.id);
      var a = actorById.get(sel.id);
      if (a) a._edges.forEach(function (e) { if (e._shown) { set.add(e.source); set.add(e.target); } });
    } else {
      var edge = edgeById.get(sel.id);
      if (edge) { set.add(edge.source); set.add(edge.target); }
    }
    return set;
  }

  // Highlighting a neighbourhood restyles only the neighbourhood; the rest is dimmed as well when few
  // actors are shown (restyling thousands of vis items on every click would cost a noticeable pause).
  var DIM_LIMIT = 400;

  function dimOthers() { return view.shown.size <= DIM_LIMIT; }

  function nodeStyle(a, hl) {
    if (hl) {
      if (hl.has(a.id)) return 'focus|' + baseColor(a);
      if (dimOthers()) return 'dim';
    }
    return baseColor(a);
  }

  function edgeStyle(e, hl) {
    if (!hl) return 'normal';
    var sel = state.selected;
    var incident = sel.kind === 'edge' ? sel.id === e._id : e.source === sel.id || e.target === sel.id;
    if (incident) return 'focus';
    return dimOthers() ? 'dim' : 'normal';
  }

  function nodeStyleProps(style) {
    if (style === 'dim') return { color: DIM_NODE, borderWidth: 1, font: { color: FONT_DIM } };
    if (style.indexOf('focus|') === 0) {
      var c = style.slice(6);
      return {
        color: { background: c, border: FOCUS_BORDER, highlight: { background: c, border: FOCUS_BORDER } },
        borderWidth: 3, font: { color: FONT_COLOR }
      };
    }
    return { color: style, borderWidth: 1, font: { color: FONT_COLOR } };
  }

  function edgeStyleProps(style) {
    var color = style === 'dim' ? EDGE_DIM : style === 'focus' ? EDGE_FOCUS : EDGE_COLOR;
    return { color: { color: color, highlight: EDGE_FOCUS, hover: EDGE_FOCUS } };
  }

  function edgeWidth(vw) { return Math.min(8, 1 + Math.log2(1 + Math.max(0, vw))); }

  /** Push the computed view into the DataSets: add what is new, flip hidden flags, restyle. */
  function sync() {
    var hl = highlightSet();
    var addN = [], updN = [];
    view.shown.forEach(function (id) {
      if (loadedNodes.has(id)) return;
      var a = actorById.get(id);
      var style = nodeStyle(a, hl);
      var item = {
        id: id, label: shortLabel(a.label), title: nodeTitle(a), x: a.x, y: a.y,
        size: nodeSize(a), hidden: false
      };
      Object.assign(item, nodeStyleProps(style));
      addN.push(item);
      loadedNodes.set(id, { hidden: false, style: style });
    });
    loadedNodes.forEach(function (rec, id) {
      var hidden = !view.shown.has(id);
      var style = hidden ? rec.style : nodeStyle(actorById.get(id), hl);
      if (hidden === rec.hidden && style === rec.style) return;
      var upd = { id: id, hidden: hidden };
      if (style !== rec.style) Object.assign(upd, nodeStyleProps(style));
      rec.hidden = hidden;
      rec.style = style;
      updN.push(upd);
    });
    var addE = [], updE = [];
    edges.forEach(function (e) {
      var rec = loadedEdges.get(e._id);
      if (!rec) {
        if (!e._shown) return;
        var style = edgeStyle(e, hl);
        var item = {
          id: e._id, from: e.source, to: e.target, width: edgeWidth(e._vw), title: edgeTitle(e),
          dashes: e.kind === 'affiliation', hidden: false
        };
        Object.assign(item, edgeStyleProps(style));
        addE.push(item);
        loadedEdges.set(e._id, { hidden: false, style: style, vw: e._vw });
        return;
      }
      var hidden = !e._shown;
      var st = hidden ? rec.style : edgeStyle(e, hl);
      var vwChanged = !hidden && rec.vw !== e._vw;
      if (hidden === rec.hidden && st === rec.style && !vwChanged) return;
      var upd = { id: e._id, hidden: hidden };
      if (st !== rec.style) Object.assign(upd, edgeStyleProps(st));
      if (vwChanged) { upd.width = edgeWidth(e._vw); upd.title = edgeTitle(e); rec.vw = e._vw; }
      rec.hidden = hidden;
      rec.style = st;
      updE.push(upd);
    });
    if (addN.length) nodesDS.add(addN);
    if (updN.length) nodesDS.update(updN);
    if (addE.length) edgesDS.add(addE);
    if (updE.length) edgesDS.update(updE);
  }

  // ------------------------------------------------------------------ counts, notice, legend

  function renderCounts() {
    var actorsEl = $('ag-count-actors');
    actorsEl.textContent = view.matching > view.shown.size
      ? fmt(view.shown.size) + ' of ' + fmt(view.matching) : fmt(view.shown.size);
    actorsEl.dataset.value = String(view.shown.size);
    actorsEl.dataset.matching = String(view.matching);
    $('ag-count-events').textContent = fmt(view.events);
    $('ag-count-events').dataset.value = String(view.events);
    $('ag-count-edges').textContent = view.linking > view.edges
      ? fmt(view.edges) + ' of ' + fmt(view.linking) : fmt(view.edges);
    $('ag-count-edges').dataset.value = String(view.edges);
    $('ag-count-edges').dataset.linking = String(view.linking);
    var notice = $('ag-notice');
    var parts = [];
    if (view.matching > view.shown.size) {
      parts.push('Showing the ' + fmt(view.shown.size) + ' strongest of ' + fmt(view.matching) +
        ' matching actors (limit ' + fmt(maxNodes) + ', ' + fmt(actors.length) +
        ' in the file). Search or narrow the filters to bring in the others.');
    }
    if (view.linking > view.edges) {
      parts.push('Drawing the ' + fmt(view.edges) + ' strongest of their ' + fmt(view.linking) +
        ' links (limit ' + fmt(maxEdges) + '); an actor\'s panel lists all of its events.');
    }
    if (parts.length) {
      notice.textContent = parts.join(' ');
      notice.hidden = false;
    } else {
      notice.hidden = true;
      notice.textContent = '';
    }
  }

  function renderLegend() {
    var legend = $('ag-legend');
    clear(legend);
    if (state.community) {
      var sizes = new Map();
      actors.forEach(function (a) {
        var key = a.community === null || a.community === undefined ? null : a.community;
        if (key !== null) sizes.set(key, (sizes.get(key) || 0) + 1);
      });
      var top = Array.from(sizes.keys()).sort(function (x, y) { return sizes.get(y) - sizes.get(x); });
      top.slice(0, 12).forEach(function (c) {
        legend.appendChild(legendRow(baseColor({ community: c }), 'community ' + c + ' (' + fmt(sizes.get(c)) + ')'));
      });
      if (top.length > 12) legend.appendChild(el('div', 'ag-muted', '+' + (top.length - 12) + ' more communities'));
      if (!top.length) legend.appendChild(el('div', 'ag-muted', 'no communities in this graph'));
    } else {
      actorTypes.forEach(function (t) { legend.appendChild(legendRow(TYPE_COLORS[t] || OTHER_COLOR, t)); });
    }
    ['event', 'affiliation'].forEach(function (kind) {
      var row = el('div');
      row.appendChild(el('span', 'ag-line ag-line-' + kind));
      row.appendChild(el('span', null, kind === 'event' ? 'shared event' : 'affiliation'));
      legend.appendChild(row);
    });
  }

  function legendRow(color, text) {
    var row = el('div');
    var sw = el('span', 'ag-swatch');
    sw.style.background = color;
    row.appendChild(sw);
    row.appendChild(el('span', null, text));
    return row;
  }

  // ------------------------------------------------------------------ apply

  function apply() {
    compute();
    if (state.selected && state.selected.kind === 'actor' && !view.shown.has(state.selected.id)) {
      network.unselectAll();
    }
    sync();
    renderCounts();
  }

  // ------------------------------------------------------------------ network

  mark('ag:indexed');
  var container = $('ag-network');
  compute();
  sync();
  mark('ag:synced');
  var big = view.shown.size > 600;
  var network = new vis.Network(container, { nodes: nodesDS, edges: edgesDS }, {
    autoResize: true,
    physics: { enabled: false },
    layout: { improvedLayout: false, randomSeed: 1 },
    interaction: {
      hover: !big, tooltipDelay: 200, hideEdgesOnDrag: big, hideEdgesOnZoom: big,
      multiselect: false, keyboard: false, selectConnectedEdges: true
    },
    nodes: {
      shape: 'dot', borderWidth: 1, borderWidthSelected: 3,
      font: { size: 14, face: 'system-ui, Arial, sans-serif', strokeWidth: 3, strokeColor: '#ffffff' },
      scaling: { label: { drawThreshold: 9 } }
    },
    edges: { smooth: false, selectionWidth: 1.5, hoverWidth: 0.5 }
  });
  network.fit({ animation: false });
  mark('ag:network');
  network.once('afterDrawing', function () {
    mark('ag:ready');
    api.isReady = true;
    readyResolve(true);
  });

  network.on('click', function (params) {
    if (params.nodes && params.nodes.length) {
      selectActor(params.nodes[0], { focus: false, fromNetwork: true });
    } else if (params.edges && params.edges.length) {
      selectEdge(params.edges[0]);
    } else {
      clearSelection();
    }
  });

  function selectActor(id, opts) {
    opts = opts || {};
    var a = actorById.get(id);
    if (!a) return false;
    if (!view.shown.has(id)) {
      // Bring it in with its neighbours (past the max_nodes limit; filters still apply).
      state.pinned.add(id);
      a._edges.forEach(function (e) { state.pinned.add(e.source); state.pinned.add(e.target); });
      compute();
    }
    state.selected = { kind: 'actor', id: id };
    sync();
    renderCounts();
    if (view.shown.has(id)) {
      network.selectNodes([id], true);
      if (opts.focus) network.focus(id, { scale: Math.max(network.getScale(), 0.9), animation: false });
    } else {
      network.unselectAll();
    }
    showActor(a);
    return true;
  }

  function selectEdge(edgeId) {
    var e = edgeById.get(edgeId);
    if (!e) return false;
    state.selected = { kind: 'edge', id: edgeId };
    sync();
    if (e._shown) network.selectEdges([edgeId]);
    showEdge(e);
    return true;
  }

  function clearSelection() {
    state.selected = null;
    network.unselectAll();
    sync();
    var panel = $('ag-panel');
    clear(panel);
    panel.dataset.kind = '';
    panel.dataset.id = '';
    panel.appendChild(el('p', 'ag-hint', 'Click an actor or a link to see its events and evidence.'));
  }

  // ------------------------------------------------------------------ panel

  function actorLabel(id) {
    var a = actorById.get(id);
    return a ? a.label : str(id);
  }

  function actorButton(id) {
    if (!actorById.has(id)) return el('span', null, str(id));
    var b = el('button', 'ag-link-button', actorLabel(id));
    b.type = 'button';
    b.addEventListener('click', function () { selectActor(id, { focus: true }); });
    return b;
  }

  function docCite(docId, prefix) {
    var doc = documents[docId] || {};
    var span = el('span', 'ag-cite');
    var text = (prefix || '') + (str(doc.title) || str(docId));
    if (doc.date) text += ' (' + str(doc.date) + ')';
    span.appendChild(document.createTextNode(text));
    var url = safeUrl(doc.url);
    if (url) {
      span.appendChild(document.createTextNode(' '));
      var link = el('a', null, 'open article');
      link.href = url;
      link.target = '_blank';
      link.rel = 'noopener noreferrer';
      span.appendChild(link);
    }
    return span;
  }

  function section(panel, title, count) {
    panel.appendChild(el('h3', null, count === undefined ? title : title + ' (' + fmt(count) + ')'));
  }

  function startPanel(kind, id) {
    var panel = $('ag-panel');
    clear(panel);
    panel.dataset.kind = kind;
    panel.dataset.id = id;
    panel.scrollTop = 0;
    return panel;
  }

  function showActor(a) {
    var panel = startPanel('actor', a.id);
    var title = el('h2', null, a.label);
    title.id = 'ag-panel-title';
    panel.appendChild(title);
    var badge = el('span', 'ag-type', a.type);
    badge.style.background = TYPE_COLORS[a.type] || OTHER_COLOR;
    panel.appendChild(badge);
    if (a.community !== null && a.community !== undefined) {
      panel.appendChild(el('span', 'ag-muted', ' community ' + str(a.community)));
    }
    if (!view.shown.has(a.id)) {
      panel.appendChild(el('p', 'ag-muted', 'Hidden by the current filters.'));
    }
    var facts = el('p', 'ag-muted',
      fmt(Number(a.mentions) || 0) + ' mentions · ' + fmt(a.degree || 0) + ' links · ' +
      fmt(a._events.length) + ' events');
    facts.id = 'ag-panel-facts';
    panel.appendChild(facts);

    var aliases = arr(a.aliases).filter(function (x) { return x !== a.label; });
    if (aliases.length) {
      section(panel, 'Aliases', aliases.length);
      var ul = el('ul');
      ul.id = 'ag-panel-aliases';
      aliases.forEach(function (x) { ul.appendChild(el('li', null, x)); });
      panel.appendChild(ul);
    }
    var roles = arr(a.roles).filter(Array.isArray);
    if (roles.length) {
      section(panel, 'Roles', roles.length);
      var rl = el('ul');
      roles.forEach(function (r) {
        var li = el('li', null, str(r[0]));
        if (r[1]) li.appendChild(docCite(r[1], 'in '));
        rl.appendChild(li);
      });
      panel.appendChild(rl);
    }
    var affs = arr(a.affiliations);
    if (affs.length) {
      section(panel, 'Affiliations', affs.length);
      var al = el('ul');
      affs.forEach(function (id) { var li = el('li'); li.appendChild(actorButton(id)); al.appendChild(li); });
      panel.appendChild(al);
    }
    var docs = arr(a.documents);
    if (docs.length) {
      section(panel, 'Documents', docs.length);
      var dl = el('ul');
      dl.id = 'ag-panel-documents';
      docs.forEach(function (id) { var li = el('li'); li.appendChild(docCite(id)); dl.appendChild(li); });
      panel.appendChild(dl);
    }
    section(panel, 'Events', a._events.length);
    renderEventList(panel, a._events);
  }

  function showEdge(e) {
    var panel = startPanel('edge', e._id);
    var title = el('h2', null, actorLabel(e.source) + ' — ' + actorLabel(e.target));
    title.id = 'ag-panel-title';
    panel.appendChild(title);
    var who = el('p');
    who.appendChild(actorButton(e.source));
    who.appendChild(document.createTextNode(' · '));
    who.appendChild(actorButton(e.target));
    panel.appendChild(who);
    if (e.kind !== 'event') {
      panel.appendChild(el('p', 'ag-muted', e.kind + ' link · weight ' + e.weight));
      if (!e._events.length) return;
    } else {
      panel.appendChild(el('p', 'ag-muted', 'weight ' + e.weight +
        (e._vw !== e.weight ? ' (' + e._vw + ' with the current filters)' : '')));
    }
    var shared = e._events.slice().sort(compareEvents);
    section(panel, 'Shared events', shared.length);
    renderEventList(panel, shared);
  }

  function renderEventList(panel, list) {
    var box = el('div');
    box.id = 'ag-panel-events';
    panel.appendChild(box);
    var shownCount = 0;
    function more() {
      list.slice(shownCount, shownCount + PANEL_EVENT_PAGE).forEach(function (ev) { box.appendChild(renderEvent(ev)); });
      shownCount = Math.min(list.length, shownCount + PANEL_EVENT_PAGE);
      if (shownCount < list.length) {
        var b = el('button', 'ag-link-button', 'show ' + fmt(Math.min(PANEL_EVENT_PAGE, list.length - shownCount)) +
          ' more of ' + fmt(list.length - shownCount));
        b.type = 'button';
        b.addEventListener('click', function () { box.removeChild(b); more(); });
        box.appendChild(b);
      }
    }
    if (!list.length) box.appendChild(el('p', 'ag-muted', 'No events.'));
    more();
  }

  function renderEvent(ev) {
    var item = el('div', 'ag-event');
    item.dataset.event = ev.id;
    var head = ev.type + ' · ' + (ev.date ? str(ev.date) : 'undated');
    if (ev.location) head += ' · ' + actorLabel(ev.location);
    item.appendChild(el('div', 'ag-event-head', head));
    var meta = [];
    if (ev.cameo !== undefined && ev.cameo !== null) meta.push('CAMEO ' + str(ev.cameo));
    if (ev.mode !== undefined && ev.mode !== null) meta.push(str(ev.mode));
    if (typeof ev.confidence === 'number') meta.push('confidence ' + ev.confidence.toFixed(2));
    if (typeof ev.num_documents === 'number') meta.push(fmt(ev.num_documents) + ' documents');
    if (typeof ev.num_mentions === 'number') meta.push(fmt(ev.num_mentions) + ' mentions');
    if (ev.date_inferred === true) meta.push('date inferred');
    if (!ev._ok) meta.push('hidden by filters');
    if (meta.length) item.appendChild(el('div', 'ag-event-meta', meta.join(' · ')));
    var parts = arr(ev.participants);
    if (parts.length) {
      var p = el('div', 'ag-event-participants');
      p.appendChild(document.createTextNode('with '));
      parts.forEach(function (id, i) {
        if (i) p.appendChild(document.createTextNode(', '));
        p.appendChild(actorButton(id));
      });
      item.appendChild(p);
    }
    arr(ev.evidence).slice(0, maxEvidence).forEach(function (evd) {
      if (!evd) return;
      var q = el('blockquote', 'ag-evidence', str(evd.text));
      q.appendChild(docCite(evd.document, '— '));
      item.appendChild(q);
    });
    var total = Number(ev.evidence_total) || arr(ev.evidence).length;
    var extra = total - Math.min(arr(ev.evidence).length, maxEvidence);
    if (extra > 0) {
      item.appendChild(el('div', 'ag-event-meta', '+' + fmt(extra) + ' more evidence sentence' +
        (extra === 1 ? '' : 's') + ' in graph.json'));
    }
    return item;
  }

  // ------------------------------------------------------------------ search

  var searchInput = $('ag-search');
  var resultsList = $('ag-search-results');
  var results = [];
  var active = -1;

  function search(query) {
    var q = norm(query);
    if (!q) return [];
    var hits = [];
    actors.forEach(function (a) {
      var best = 3, key = null;
      for (var i = 0; i < a._keys.length; i++) {
        var k = a._keys[i];
        var score = k === q ? 0 : k.indexOf(q) === 0 ? 1 : k.indexOf(q) > 0 ? 2 : 3;
        if (score < best) { best = score; key = i; }
      }
      if (best < 3) hits.push({ actor: a, score: best, key: key });
    });
    hits.sort(function (x, y) { return x.score - y.score || x.actor._rank - y.actor._rank; });
    return hits.slice(0, SEARCH_LIMIT);
  }

  function renderResults() {
    clear(resultsList);
    results.forEach(function (hit, i) {
      var li = el('li');
      li.setAttribute('role', 'option');
      li.setAttribute('aria-selected', i === active ? 'true' : 'false');
      li.dataset.id = hit.actor.id;
      var sw = el('span', 'ag-swatch');
      sw.style.background = TYPE_COLORS[hit.actor.type] || OTHER_COLOR;
      li.appendChild(sw);
      li.appendChild(el('span', null, hit.actor.label));
      if (hit.key > 0) li.appendChild(el('span', 'ag-alias', '(' + str(arr(hit.actor.aliases)[hit.key - 1]) + ')'));
      li.appendChild(el('span', 'ag-alias', hit.actor.type));
      li.addEventListener('mousedown', function (ev) { ev.preventDefault(); choose(i); });
      resultsList.appendChild(li);
    });
    resultsList.hidden = !results.length;
  }

  function choose(i) {
    var hit = results[i];
    if (!hit) return;
    resultsList.hidden = true;
    searchInput.value = hit.actor.label;
    selectActor(hit.actor.id, { focus: true });
  }

  searchInput.addEventListener('input', function () {
    results = search(searchInput.value);
    active = results.length ? 0 : -1;
    renderResults();
  });
  searchInput.addEventListener('keydown', function (ev) {
    if (ev.key === 'ArrowDown' || ev.key === 'ArrowUp') {
      if (!results.length) return;
      active = (active + (ev.key === 'ArrowDown' ? 1 : results.length - 1)) % results.length;
      renderResults();
      ev.preventDefault();
    } else if (ev.key === 'Enter') {
      if (!results.length) results = search(searchInput.value);
      choose(active >= 0 ? active : 0);
      ev.preventDefault();
    } else if (ev.key === 'Escape') {
      resultsList.hidden = true;
    }
  });
  searchInput.addEventListener('blur', function () { resultsList.hidden = true; });
  searchInput.addEventListener('focus', function () { if (results.length) resultsList.hidden = false; });

  // ------------------------------------------------------------------ filter controls

  function checkbox(container, id, labelText, count, checked, onChange) {
    var label = el('label', 'ag-check');
    var input = el('input');
    input.type = 'checkbox';
    input.id = id;
    input.checked = checked;
    input.addEventListener('change', function () { onChange(input.checked); });
    label.appendChild(input);
    return { label: label, input: input, count: count, text: labelText, container: container };
  }

  var typeCounts = new Map();
  actors.forEach(function (a) { typeCounts.set(a.type, (typeCounts.get(a.type) || 0) + 1); });
  var typeBox = $('ag-actor-types');
  actorTypes.forEach(function (t) {
    var c = checkbox(typeBox, 'ag-type-' + t, t, typeCounts.get(t) || 0, true, function (on) {
      if (on) state.types.add(t); else state.types.delete(t);
      apply();
    });
    c.input.dataset.type = t;
    var sw = el('span', 'ag-swatch');
    sw.style.background = TYPE_COLORS[t] || OTHER_COLOR;
    c.label.appendChild(sw);
    c.label.appendChild(el('span', null, t));
    c.label.appendChild(el('span', 'ag-n', fmt(c.count)));
    typeBox.appendChild(c.label);
  });

  var eventBox = $('ag-event-types');
  var eventInputs = [];
  eventTypes.forEach(function (t) {
    var c = checkbox(eventBox, 'ag-etype-' + t, t, eventTypeCounts.get(t), true, function (on) {
      if (on) state.eventTypes.add(t); else state.eventTypes.delete(t);
      apply();
    });
    c.input.dataset.eventType = t;
    c.label.appendChild(el('span', null, t));
    c.label.appendChild(el('span', 'ag-n', fmt(c.count)));
    eventBox.appendChild(c.label);
    eventInputs.push(c.input);
  });
  if (!eventTypes.length) eventBox.appendChild(el('span', 'ag-muted', 'no events'));
  function setAllEvents(on) {
    eventInputs.forEach(function (input) { input.checked = on; });
    state.eventTypes = new Set(on ? eventTypes : []);
    apply();
  }
  $('ag-event-all').addEventListener('click', function () { setAllEvents(true); });
  $('ag-event-none').addEventListener('click', function () { setAllEvents(false); });

  var dateFrom = $('ag-date-from'), dateTo = $('ag-date-to');
  [dateFrom, dateTo].forEach(function (input) {
    input.min = String(dateMin);
    input.max = String(dateMax);
    input.disabled = !dated.length;
  });
  dateFrom.value = String(dateMin);
  dateTo.value = String(dateMax);
  function dateLabels() {
    $('ag-date-from-label').textContent = dated.length ? dayIso(state.dateLo) : 'no dated events';
    $('ag-date-to-label').textContent = dated.length ? dayIso(state.dateHi) : '';
  }
  function onDate(which) {
    var lo = Number(dateFrom.value), hi = Number(dateTo.value);
    if (lo > hi) {
      if (which === 'from') { hi = lo; dateTo.value = String(hi); } else { lo = hi; dateFrom.value = String(lo); }
    }
    state.dateLo = lo;
    state.dateHi = hi;
    dateLabels();
    apply();
  }
  dateFrom.addEventListener('input', function () { onDate('from'); });
  dateTo.addEventListener('input', function () { onDate('to'); });
  dateLabels();
  $('ag-hide-undated').addEventListener('change', function (ev) {
    state.hideUndated = ev.target.checked;
    apply();
  });

  var minWeight = $('ag-min-weight');
  minWeight.max = String(integerWeights ? Math.max(1, Math.ceil(maxWeight)) : Math.max(maxWeight, 0.01));
  minWeight.step = integerWeights ? '1' : String(Math.max(maxWeight / 100, 0.01));
  minWeight.value = '0';
  minWeight.addEventListener('input', function () {
    state.minWeight = Number(minWeight.value) || 0;
    $('ag-min-weight-label').textContent = String(state.minWeight);
    apply();
  });
  ['event', 'affiliation'].forEach(function (kind) {
    $('ag-kind-' + kind).addEventListener('change', function (ev) {
      state.kinds[kind] = ev.target.checked;
      apply();
    });
  });
  $('ag-color-community').addEventListener('change', function (ev) {
    state.community = ev.target.checked;
    var upd = [];
    var hl = highlightSet();
    loadedNodes.forEach(function (rec, id) {
      var style = nodeStyle(actorById.get(id), hl);
      rec.style = style;
      upd.push(Object.assign({ id: id }, nodeStyleProps(style)));
    });
    nodesDS.update(upd);
    renderLegend();
  });

  renderLegend();
  renderCounts();

  // ------------------------------------------------------------------ test / automation hooks

  api.network = network;
  api.nodes = nodesDS;
  api.edges = edgesDS;
  api.data = data;
  api.state = state;
  api.selectActor = function (id) { return selectActor(id, { focus: true }); };
  api.selectEdge = selectEdge;
  api.shownIds = function () { return Array.from(view.shown); };
  api.counts = function () {
    return { actors: view.shown.size, matching: view.matching, events: view.events, edges: view.edges };
  };
  api.edgeId = function (a, b) {
    for (var i = 0; i < edges.length; i++) {
      var e = edges[i];
      if ((e.source === a && e.target === b) || (e.source === b && e.target === a)) return e._id;
    }
    return null;
  };
  api.domPosition = function (id) {
    var p = network.canvasToDOM(network.getPosition(id));
    var r = container.getBoundingClientRect();
    return { x: r.left + p.x, y: r.top + p.y };
  };
  api.edgeDomPosition = function (edgeId) {
    var e = edgeById.get(edgeId);
    var a = api.domPosition(e.source), b = api.domPosition(e.target);
    return { x: (a.x + b.x) / 2, y: (a.y + b.y) / 2 };
  };
})();

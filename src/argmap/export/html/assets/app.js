/* argmap html: the explorer in a browser. Written for argmap, no library.
 *
 * The page's model (JSON, made by argmap.export.html.model) is read once; everything shown
 * is built with createElement and textContent: no text of a map ever goes through innerHTML.
 * The state (focused claim, view, trace, search, filters) lives in the URL fragment, so the
 * browser's back and forward buttons walk it and a link such as #claim=ID&trace=1 opens there.
 * Long lists (the tree, claim lists, the flow) draw only the rows on screen.
 */
(function () {
  'use strict';

  var D = JSON.parse(document.getElementById('argmap-data').textContent);
  var C = D.claims, R = D.rels, N = C.length;
  var STATUS = D.statuses; // ["IN", "OUT", "UNDEC"]
  var STATUS_ICON = { IN: '●', OUT: '○', UNDEC: '◐' };
  var STATUS_WORD = { IN: 'stands', OUT: 'falls', UNDEC: 'open' };
  var ROLE_ICON = { thesis: '◆', reason: '+', objection: '−', rebuttal: '↩', claim: '·' };
  var VERB_IN = ['supported by', 'rebutted by', 'inference undercut by'];
  var VERB_OUT = ['supports', 'rebuts', 'undercuts the inference to'];
  var RESP = D.responses; // [value, meaning, mark]
  var DROPPED = RESP.findIndex(function (r) { return r[0] === 'dropped'; });
  var UNANSWERED = ['dropped', 'not engaged', 'no chance to reply'].map(function (v) { return RESP.findIndex(function (r) { return r[0] === v; }); });
  var PRIMARY_MAPS = D.maps.map(function (m, i) { return m.primary ? i : -1; }).filter(function (i) { return i >= 0; });
  var VIEWS = [
    ['tree', 'Tree'], ['claims', 'Claims'], ['dropped', 'Dropped'], ['clashes', 'Clashes'],
    ['flow', 'Flow'], ['chains', 'Chains'], ['overview', 'Overview'], ['drill', 'Drill']
  ];
  var NARROW = window.matchMedia('(max-width: 820px)');

  // ---------------------------------------------------------------------------------------
  // small helpers

  function $(id) { return document.getElementById(id); }

  /* el('a', {href: '#', class: 'x', 'aria-label': '…'}, child, 'text', …): strings become text nodes. */
  function el(tag, attrs) {
    var node = document.createElement(tag);
    if (attrs) {
      for (var name in attrs) {
        var value = attrs[name];
        if (value === null || value === undefined || value === false) continue;
        if (name === 'text') node.textContent = value;
        else if (name === 'class') node.className = value;
        else if (name.slice(0, 2) === 'on') node.addEventListener(name.slice(2), value);
        else node.setAttribute(name, value === true ? '' : String(value));
      }
    }
    for (var i = 2; i < arguments.length; i++) append(node, arguments[i]);
    return node;
  }
  function append(node, child) {
    if (child === null || child === undefined || child === false) return;
    if (Array.isArray(child)) { child.forEach(function (c) { append(node, c); }); return; }
    node.appendChild(typeof child === 'string' || typeof child === 'number' ? document.createTextNode(String(child)) : child);
  }
  function clear(node) { while (node.firstChild) node.removeChild(node.firstChild); return node; }
  function plural(n, word) { return n + ' ' + word + (n === 1 ? '' : 's'); }
  function oneLine(text) { return String(text).replace(/\s+/g, ' ').trim(); }
  function cut(text, width) { text = oneLine(text); return text.length <= width ? text : text.slice(0, width - 1) + '…'; }
  function announce(message) { var box = $('announce'); box.textContent = ''; setTimeout(function () { box.textContent = message; }, 30); }

  // ---------------------------------------------------------------------------------------
  // the model, indexed

  var byName = new Map();
  C.forEach(function (c, i) { byName.set(c.k, i); if (!byName.has(c.i)) byName.set(c.i, i); });
  function claimOf(name) { return byName.has(name) ? byName.get(name) : -1; }
  function role(i) { return D.roles[C[i].r]; }
  function status(i) { return STATUS[C[i].st]; }
  function sideIndex(i) { return C[i].s === undefined ? -1 : C[i].s; }
  function sideId(s) { return s < 0 ? 'no side' : D.sides[s].id; }
  function sideLabel(s) { return s < 0 ? 'no side' : D.sides[s].label; }
  function speaker(i) { return C[i].sp === undefined ? null : D.speakers[C[i].sp]; }
  function isDropped(i) { return C[i].rs === DROPPED; }
  function mapOf(i) { return D.maps[C[i].m]; }

  var childCache = new Array(N), parentCache = new Array(N);
  /* What hangs below a claim in the tree: reasons, objections, linked premises, undercuts of its inferences. */
  function children(i) {
    if (!childCache[i]) {
      var seen = new Set(), out = [];
      (C[i].in || []).forEach(function (link) { if (!seen.has(link[0])) { seen.add(link[0]); out.push(link); } });
      childCache[i] = out;
    }
    return childCache[i];
  }
  /* The claims a claim hangs below. */
  function parents(i) {
    if (!parentCache[i]) {
      var seen = new Set(), out = [];
      (C[i].out || []).forEach(function (link) { if (!seen.has(link[0])) { seen.add(link[0]); out.push(link[0]); } });
      parentCache[i] = out;
    }
    return parentCache[i];
  }
  var RANK = [0, 2, 1]; // IN before UNDEC before OUT: following the first answer leads to the last word
  /* Who answers a claim: rebuttals of it and undercuts of its inferences, strongest standing first. */
  function answers(i) {
    var found = (C[i].in || []).filter(function (link) { return R[link[1]].k > 0 && !link[2]; });
    var seen = new Set();
    found = found.filter(function (link) { if (seen.has(link[0])) return false; seen.add(link[0]); return true; });
    return found.sort(function (a, b) { return (ownCaveat(i, a) - ownCaveat(i, b)) || (RANK[C[a[0]].st] - RANK[C[b[0]].st]); });
  }
  /* An attack from the claim's own side is a caveat, not an answer: it never takes the last word. */
  function ownCaveat(i, link) { var s = sideIndex(i); return s >= 0 && sideIndex(link[0]) === s ? 1 : 0; }
  function replies(i) { return answers(i).filter(function (a) { return !ownCaveat(i, a); }); }
  var haystacks = null;
  function haystack(i) {
    if (!haystacks) haystacks = new Array(N);
    if (haystacks[i] === undefined) {
      var c = C[i], sp = speaker(i);
      haystacks[i] = (c.i + ' ' + c.t + ' ' + (sp ? sp.name : '') + ' ' + (c.tg || []).map(function (t) { return D.tags[t]; }).join(' ')).toLowerCase();
    }
    return haystacks[i];
  }
  var rootSet = null;
  function roots() {
    if (!rootSet) {
      rootSet = new Set();
      PRIMARY_MAPS.forEach(function (m) { D.maps[m].theses.concat(D.maps[m].others).forEach(function (r) { rootSet.add(r); }); });
    }
    return rootSet;
  }
  /* A shortest path of claims from a root of the tree down to i. */
  function pathTo(i) {
    var top = roots(), previous = new Map([[i, -1]]), queue = [i];
    for (var q = 0; q < queue.length; q++) {
      var here = queue[q];
      if (top.has(here)) {
        var path = [here];
        while (previous.get(path[path.length - 1]) !== -1) path.push(previous.get(path[path.length - 1]));
        return path;
      }
      parents(here).forEach(function (p) { if (!previous.has(p)) { previous.set(p, here); queue.push(p); } });
    }
    return [i];
  }

  // ---------------------------------------------------------------------------------------
  // state <-> URL fragment

  var FILTERS = ['side', 'role', 'kind', 'status', 'tag', 'resp', 'dropped'];
  var state = {};
  var lastHash = null;

  function readHash() {
    var params = new URLSearchParams(location.hash.replace(/^#/, ''));
    var s = { view: 'tree', claim: -1, trace: null, q: params.get('q') || '', filter: {}, sub: params.get('sub') || '',
      map: params.get('map') || '', diagram: params.get('diagram') === '1', pane: params.get('pane') || 'list' };
    var view = params.get('view');
    if (VIEWS.some(function (v) { return v[0] === view; })) s.view = view;
    var claim = claimOf(params.get('claim') || '');
    FILTERS.forEach(function (name) { var v = params.get(name); if (v) s.filter[name] = v; });
    if (params.get('trace') === '1') {
      var path = (params.get('path') || '').split(',').map(claimOf).filter(function (i) { return i >= 0; });
      if (!path.length && claim >= 0) path = [claim];
      if (path.length) {
        var at = path.indexOf(claim);
        s.trace = { path: path, at: at >= 0 ? at : path.length - 1 };
        claim = path[s.trace.at];
      }
    }
    s.claim = claim;
    return s;
  }

  function hashOf(s) {
    var parts = [];
    function put(name, value) { parts.push(name + '=' + encodeURIComponent(value).replace(/%3A/g, ':').replace(/%2C/g, ',')); }
    if (s.claim >= 0) put('claim', C[s.claim].i);
    if (s.trace) { put('trace', '1'); if (s.trace.path.length > 1) put('path', s.trace.path.map(function (i) { return C[i].i; }).join(',')); }
    if (s.view !== 'tree') put('view', s.view);
    if (s.sub) put('sub', s.sub);
    if (s.map) put('map', s.map);
    if (s.q) put('q', s.q);
    FILTERS.forEach(function (name) { if (s.filter[name]) put(name, s.filter[name]); });
    if (s.diagram) put('diagram', '1');
    if (s.pane === 'detail') put('pane', 'detail');
    return '#' + parts.join('&');
  }

  function copyState(changes) {
    var s = { view: state.view, claim: state.claim, trace: state.trace, q: state.q, filter: Object.assign({}, state.filter),
      sub: state.sub, map: state.map, diagram: state.diagram, pane: state.pane };
    return Object.assign(s, changes || {});
  }
  /* The fragment a link to claim i has: the same state, another claim (its trace kept only along it). */
  function linkTo(i, changes) {
    var s = copyState(Object.assign({ claim: i, trace: null }, changes || {}));
    if (NARROW.matches && !('pane' in (changes || {}))) s.pane = 'detail';
    return hashOf(s);
  }

  /* Go to a new state: a new history entry, or (replace) the same entry changed. */
  var pendingUrl = null;
  /* Write the address a cursor move left pending, now. */
  function flushUrl() {
    if (pendingUrl === null) return;
    clearTimeout(pendingUrl);
    pendingUrl = null;
    history.replaceState(null, '', lastHash);
  }
  function go(changes, replace) {
    var next = copyState(changes);
    var hash = hashOf(next);
    if (hash === lastHash) { apply(next); return; }
    if (replace) {
      // a cursor move: the address follows once the keys pause (each change of it costs the browser a few ms)
      lastHash = hash;
      clearTimeout(pendingUrl);
      pendingUrl = setTimeout(flushUrl, 120);
    } else {
      flushUrl(); // the entry left behind keeps where the reader was
      lastHash = hash;
      history.pushState(null, '', hash);
    }
    apply(next);
  }

  // a link followed leaves behind an entry that must hold where the reader was
  document.addEventListener('click', function (e) { if (e.target.closest && e.target.closest('a[href^="#"]')) flushUrl(); }, true);
  window.addEventListener('popstate', fromUrl);
  window.addEventListener('hashchange', fromUrl);
  function fromUrl() {
    if (pendingUrl !== null) { clearTimeout(pendingUrl); pendingUrl = null; }
    if (location.hash === lastHash) return;
    lastHash = location.hash;
    apply(readHash());
  }

  // ---------------------------------------------------------------------------------------
  // filters and search

  function filterActive(f) { return FILTERS.some(function (n) { return !!f[n]; }); }
  function matches(i, f) {
    var c = C[i];
    if (f.side && sideId(sideIndex(i)) !== f.side) return false;
    if (f.role && role(i) !== f.role) return false;
    if (f.kind && D.kinds[c.kd] !== f.kind) return false;
    if (f.status && status(i) !== f.status) return false;
    if (f.tag && !(c.tg || []).some(function (t) { return D.tags[t] === f.tag; })) return false;
    if (f.resp && (c.rs === undefined || RESP[c.rs][0] !== f.resp)) return false;
    if (f.dropped && !isDropped(i)) return false;
    return true;
  }
  function allClaims() { var out = []; for (var i = 0; i < N; i++) out.push(i); return out; }

  /* Claims matching every word (ids first, then by where the first word occurs); then, if few, claims
     whose text holds the letters of the query in order (a typo still finds something). */
  function search(query, limit) {
    var words = query.toLowerCase().split(/\s+/).filter(Boolean);
    if (!words.length) return [];
    var found = [];
    for (var i = 0; i < N; i++) {
      var text = haystack(i), ok = true;
      for (var w = 0; w < words.length && ok; w++) ok = text.indexOf(words[w]) >= 0;
      if (ok) found.push([i, C[i].i.indexOf(words[0]) === 0 ? -1 : text.indexOf(words[0]) / (text.length + 1)]);
    }
    found.sort(function (a, b) { return a[1] - b[1]; });
    var result = found.map(function (f) { return f[0]; });
    if (result.length < 5) {
      var loose = words.join('').replace(/[^\p{L}\p{N}]/gu, '');
      var pattern = loose.length >= 4 ? loose.split('') : null;
      if (pattern) {
        var have = new Set(result);
        for (var j = 0; j < N && result.length < limit; j++) {
          if (have.has(j)) continue;
          var hay = haystack(j), at = 0, miss = 0;
          for (var p = 0; p < pattern.length && miss <= 1; p++) { var next = hay.indexOf(pattern[p], at); if (next < 0) miss++; else at = next + 1; }
          if (miss <= 1 && at - hay.indexOf(pattern[0]) < pattern.length * 3) result.push(j);
        }
      }
    }
    return result.slice(0, limit);
  }

  // ---------------------------------------------------------------------------------------
  // claim lines (tree rows, list rows)

  function roleBadge(i) {
    var r = role(i);
    return el('span', { class: 'role role-' + r }, el('span', { 'aria-hidden': 'true', text: ROLE_ICON[r] + ' ' }), r);
  }
  function statusBadge(i) {
    var s = status(i);
    return el('span', { class: 'status st-' + s, title: STATUS_WORD[s] }, el('span', { 'aria-hidden': 'true', text: STATUS_ICON[s] + ' ' }), s);
  }
  function sideBadge(i) {
    var s = sideIndex(i);
    return el('span', { class: 'side ' + (s < 0 ? 'side-none' : 'side-' + (s % 4)), title: sideLabel(s) }, s < 0 ? '–' : D.sides[s].id);
  }
  function strengthText(i) { return C[i].g === undefined ? '--' : C[i].g.toFixed(2); }
  /* What a screen reader says of a claim line: its role, text, status and side, and what became of it. */
  function spoken(i, extra) {
    var c = C[i], s = status(i), bits = [role(i) + ': ' + cut(c.t, 300), s + ', ' + STATUS_WORD[s], sideLabel(sideIndex(i))];
    if (c.rs !== undefined && UNANSWERED.indexOf(c.rs) >= 0) bits.push(RESP[c.rs][0]);
    if (c.x) bits.push('from ' + mapOf(i).title);
    if (extra) bits.push(extra);
    return bits.join('; ');
  }
  function claimMeta(i) {
    var c = C[i];
    var meta = el('span', { class: 'meta' }, roleBadge(i), statusBadge(i), el('span', { class: 'strength', text: strengthText(i) }), sideBadge(i));
    if (c.rs !== undefined && UNANSWERED.indexOf(c.rs) >= 0) meta.appendChild(el('span', { class: 'flag', text: RESP[c.rs][0] }));
    if (c.x) meta.appendChild(el('span', { class: 'ctx', text: mapOf(i).stem }));
    return meta;
  }
  function claimLine(i) { return el('span', { class: 'line' }, claimMeta(i), el('span', { class: 'text', text: oneLine(C[i].t) })); }

  // ---------------------------------------------------------------------------------------
  // a list that draws only the rows on screen (tree and listboxes alike)

  function VList(options) {
    this.o = options;
    this.host = el('div', { class: 'vlist', role: options.role, tabindex: '0', 'aria-label': options.label, id: options.id });
    if (options.role === 'listbox' || options.role === 'tree') this.host.setAttribute('aria-activedescendant', '');
    this.spacer = el('div', { class: 'spacer', 'aria-hidden': 'true' });
    this.host.appendChild(this.spacer);
    this.count = 0; this.active = -1; this.rows = new Map(); this.rowH = 40; this.pending = false;
    // where the list is scrolled to and how tall it is, kept rather than read: reading them
    // after a change makes the browser lay the page out there and then, on every key
    this.top = 0; this.viewH = window.innerHeight;
    var self = this;
    this.host.addEventListener('scroll', function () { self.top = self.host.scrollTop; self.schedule(); });
    if (window.ResizeObserver) new ResizeObserver(function (entries) { self.viewH = entries[0].contentRect.height || self.viewH; self.schedule(); }).observe(this.host);
    this.host.addEventListener('keydown', function (e) { self.key(e); });
    this.host.addEventListener('click', function (e) {
      var row = e.target.closest('.row');
      if (!row) return;
      var index = +row.dataset.index;
      self.setActive(index);
      if (e.target.closest('.twisty') && self.o.toggle) { self.o.toggle(index); return; }
      if (self.o.click) self.o.click(index, e);
    });
    this.host.addEventListener('dblclick', function (e) {
      var row = e.target.closest('.row');
      if (row && self.o.toggle) self.o.toggle(+row.dataset.index);
    });
  }
  var rowHeights = {};
  /* A row's height, measured once for each layout (phone or wider). */
  VList.prototype.measure = function () {
    var layout = NARROW.matches ? 'narrow' : 'wide';
    if (!rowHeights[layout]) {
      var probe = el('div', { class: 'row' }, 'x');
      document.body.appendChild(probe);
      rowHeights[layout] = probe.offsetHeight || 40;
      document.body.removeChild(probe);
    }
    this.rowH = rowHeights[layout];
  };
  VList.prototype.setCount = function (count, active) {
    this.count = count;
    this.measure();
    this.spacer.style.height = (count * this.rowH) + 'px';
    this.rows.forEach(function (row) { row.remove(); });
    this.rows.clear();
    this.active = Math.min(active === undefined ? this.active : active, count - 1);
    if (this.active < 0 && count) this.active = 0;
    this.draw();
  };
  VList.prototype.schedule = function () {
    if (this.pending) return;
    this.pending = true;
    var self = this;
    requestAnimationFrame(function () { self.pending = false; self.draw(); });
  };
  VList.prototype.refresh = function () { this.rows.forEach(function (row) { row.remove(); }); this.rows.clear(); this.draw(); };
  VList.prototype.draw = function () {
    var h = this.rowH, top = this.top, height = this.viewH || 600;
    var first = Math.max(0, Math.floor(top / h) - 8), last = Math.min(this.count - 1, Math.ceil((top + height) / h) + 8);
    var wanted = new Set();
    for (var i = first; i <= last; i++) wanted.add(i);
    if (this.active >= 0) wanted.add(this.active);
    var self = this;
    this.rows.forEach(function (row, index) { if (!wanted.has(index)) { row.remove(); self.rows.delete(index); } });
    wanted.forEach(function (index) {
      var row = self.rows.get(index);
      if (!row) {
        row = el('div', { class: 'row', id: self.o.id + '-' + index, 'data-index': index });
        self.o.render(index, row);
        row.style.top = (index * h) + 'px';
        self.host.appendChild(row);
        self.rows.set(index, row);
      }
      row.classList.toggle('active', index === self.active);
      if (self.o.role === 'listbox' || self.o.role === 'tree') row.setAttribute('aria-selected', index === self.active ? 'true' : 'false');
    });
    if (this.active >= 0) this.host.setAttribute('aria-activedescendant', this.o.id + '-' + this.active);
    else this.host.removeAttribute('aria-activedescendant');
  };
  VList.prototype.scrollToActive = function (center) {
    var h = this.rowH, top = this.active * h, view = this.viewH, to = null;
    if (center) to = Math.max(0, top - view / 2 + h / 2);
    else if (top < this.top) to = top;
    else if (top + h > this.top + view) to = top + h - view;
    if (to !== null && Math.abs(to - this.top) > 1) { this.host.scrollTop = to; this.top = to; }
  };
  VList.prototype.setActive = function (index, notify, center) {
    if (index < 0 || index >= this.count) return;
    this.active = index;
    this.scrollToActive(center);
    this.draw();
    if (notify !== false && this.o.move) this.o.move(index);
  };
  VList.prototype.key = function (e) {
    if (e.altKey || e.ctrlKey || e.metaKey) return;
    var page = Math.max(1, Math.floor(this.viewH / this.rowH) - 1);
    var moves = { ArrowDown: 1, j: 1, ArrowUp: -1, k: -1, PageDown: page, PageUp: -page };
    if (e.key in moves) { this.setActive(Math.max(0, Math.min(this.count - 1, this.active + moves[e.key]))); e.preventDefault(); e.stopPropagation(); }
    else if (e.key === 'Home' || e.key === 'g') { this.setActive(0); e.preventDefault(); e.stopPropagation(); }
    else if (e.key === 'End' || e.key === 'G') { this.setActive(this.count - 1); e.preventDefault(); e.stopPropagation(); }
    else if (e.key === 'Enter' && this.o.enter) { this.o.enter(this.active); e.preventDefault(); e.stopPropagation(); }
    else if ((e.key === 'ArrowRight' || e.key === 'l') && this.o.right) { this.o.right(this.active); e.preventDefault(); e.stopPropagation(); }
    else if ((e.key === 'ArrowLeft' || e.key === 'h') && this.o.left) { this.o.left(this.active); e.preventDefault(); e.stopPropagation(); }
  };

  // ---------------------------------------------------------------------------------------
  // the tree: one branch per map, theses on top, answers below; a row per visible node

  var expanded = new Set(); // node paths: "m0", "m0/g", "m0/12/40", …
  var treeRows = [];
  var tree = null;

  function treeTop() {
    var several = PRIMARY_MAPS.length > 1, top = [];
    var maps = PRIMARY_MAPS.slice().sort(function (a, b) { return (D.maps[b].theses.length > 0) - (D.maps[a].theses.length > 0); });
    maps.forEach(function (m) {
      var map = D.maps[m];
      var nodes = [];
      if (map.theses.length && map.others.length) {
        map.theses.forEach(function (c) { nodes.push({ type: 'claim', c: c }); });
        nodes.push({ type: 'group', label: 'Other claims, under no thesis (' + map.others.length + ')', kids: map.others, id: 'g' });
      } else {
        map.theses.concat(map.others).forEach(function (c) { nodes.push({ type: 'claim', c: c }); });
      }
      if (several) top.push({ type: 'map', m: m, label: map.title, kids: nodes, id: 'm' + m });
      else top.push.apply(top, nodes.map(function (n) { n.prefix = 'm' + m; return n; }));
    });
    return top;
  }

  function flattenTree() {
    var rows = [];
    function add(nodes, level, prefix, ancestors) {
      nodes.forEach(function (node, k) {
        var row = { type: node.type, level: level, pos: k + 1, size: nodes.length };
        if (node.type === 'claim') {
          row.c = node.c; row.rel = node.rel === undefined ? -1 : node.rel;
          row.path = prefix + '/' + node.c;
          if (ancestors.has(node.c)) { row.type = 'cycle'; rows.push(row); return; }
          row.kids = children(node.c).length > 0;
          row.open = row.kids && expanded.has(row.path);
          rows.push(row);
          if (row.open) {
            var next = new Set(ancestors); next.add(node.c);
            add(children(node.c).map(function (link) { return { type: 'claim', c: link[0], rel: link[1], linked: link[2] }; }), level + 1, row.path, next);
          }
        } else {
          row.label = node.label; row.path = prefix + '/' + node.id; row.kids = node.kids.length > 0;
          row.open = expanded.has(row.path);
          rows.push(row);
          if (row.open) {
            var kids = node.kids.map(function (x) { return typeof x === 'number' ? { type: 'claim', c: x } : x; });
            add(kids, level + 1, row.path, ancestors);
          }
        }
      });
    }
    add(treeTop(), 1, '', new Set());
    return rows;
  }

  function renderTreeRow(index, row) {
    var r = treeRows[index];
    row.setAttribute('role', 'treeitem');
    row.setAttribute('aria-level', r.level);
    row.setAttribute('aria-posinset', r.pos);
    row.setAttribute('aria-setsize', r.size);
    if (r.kids && r.type !== 'cycle') row.setAttribute('aria-expanded', r.open ? 'true' : 'false');
    row.appendChild(el('span', { class: 'indent', style: 'width:' + ((r.level - 1) * 1.1) + 'em' }));
    row.appendChild(el('span', { class: 'twisty', 'aria-hidden': 'true', text: r.kids && r.type !== 'cycle' ? (r.open ? '▾' : '▸') : '' }));
    if (r.type === 'map' || r.type === 'group') {
      row.classList.add(r.type);
      row.appendChild(el('span', { class: 'text', text: r.label }));
      row.setAttribute('aria-label', r.label);
      return;
    }
    if (r.type === 'cycle') {
      row.classList.add('cycle');
      var label = '↺ see ' + C[r.c].i + ' (above: a cycle of answers)';
      row.appendChild(el('span', { class: 'text', text: label }));
      row.setAttribute('aria-label', label);
      return;
    }
    var how = r.rel >= 0 ? VERB_OUT[R[r.rel].k] + ' the claim above' : '';
    row.appendChild(claimLine(r.c));
    row.setAttribute('aria-label', spoken(r.c, how));
    if (filterActive(state.filter) && !matches(r.c, state.filter)) row.classList.add('dimmed');
  }

  function makeTree() {
    tree = new VList({
      id: 'tree', role: 'tree', label: 'Claims of the map, theses first',
      render: renderTreeRow,
      move: function (index) { var r = treeRows[index]; if (r && r.c !== undefined) go({ claim: r.c, trace: null }, true); },
      click: function (index) {
        var r = treeRows[index];
        if (r.c === undefined) { toggleRow(index); return; }
        if (r.type === 'cycle') { jump(r.c); return; }
        if (NARROW.matches) go({ claim: r.c, trace: null, pane: 'detail' });
      },
      toggle: toggleRow,
      enter: function (index) {
        var r = treeRows[index];
        if (r.type === 'cycle') jump(r.c);
        else if (r.kids) toggleRow(index);
        else if (NARROW.matches && r.c !== undefined) go({ claim: r.c, pane: 'detail' });
      },
      right: function (index) {
        var r = treeRows[index];
        if (r.kids && !r.open) toggleRow(index);
        else if (r.kids && r.open) tree.setActive(index + 1);
      },
      left: function (index) {
        var r = treeRows[index];
        if (r.kids && r.open) { toggleRow(index); return; }
        for (var k = index - 1; k >= 0; k--) if (treeRows[k].level < r.level) { tree.setActive(k); return; }
      }
    });
    return tree;
  }

  function toggleRow(index) {
    var r = treeRows[index];
    if (!r || !r.kids || r.type === 'cycle') return;
    if (r.open) expanded.delete(r.path); else expanded.add(r.path);
    treeRows = flattenTree();
    tree.setCount(treeRows.length, index);
    announce((r.open ? 'collapsed' : 'expanded') + (r.c !== undefined ? ', ' + plural(children(r.c).length, 'claim') + ' below' : ''));
  }

  /* Show claim i in the tree: expand the path from a root down to it, and put the cursor there. */
  function reveal(i) {
    if (!tree) return;
    var path = pathTo(i);
    var m = C[path[0]].m;
    var prefix = PRIMARY_MAPS.length > 1 ? '/m' + m : 'm' + m;
    if (PRIMARY_MAPS.length > 1) expanded.add(prefix);
    var map = D.maps[m];
    if (map && map.theses && map.theses.length && map.others.length && map.others.indexOf(path[0]) >= 0) {
      prefix += '/g'; expanded.add(prefix);
    }
    var node = prefix;
    for (var k = 0; k < path.length - 1; k++) { node += '/' + path[k]; expanded.add(node); }
    node += '/' + path[path.length - 1];
    treeRows = flattenTree();
    var at = treeRows.findIndex(function (r) { return r.path === node; });
    if (at < 0) at = treeRows.findIndex(function (r) { return r.c === i; });
    tree.setCount(treeRows.length, Math.max(0, at));
    tree.scrollToActive(true);
    tree.draw();
  }
  function treeIndexOf(i) {
    var at = tree ? tree.active : -1;
    if (at >= 0 && treeRows[at] && treeRows[at].c === i) return at;
    return treeRows.findIndex(function (r) { return r.c === i && r.type !== 'cycle'; });
  }

  /* Jump to a claim: the tree view, the claim revealed and focused. */
  function jump(i) {
    go({ claim: i, trace: null, view: 'tree', q: '', pane: NARROW.matches ? 'detail' : 'list' });
    if (!NARROW.matches && tree) tree.host.focus();
  }

  // ---------------------------------------------------------------------------------------
  // claim listboxes (claims, dropped, search results, clashes, chains)

  var list = null;
  var listItems = [];
  var listRender = null;
  function makeList(label) {
    list = new VList({
      id: 'lst', role: 'listbox', label: label,
      render: function (index, row) { row.setAttribute('role', 'option'); listRender(index, row); },
      move: function (index) { var c = listItems[index]; var i = Array.isArray(c) ? c[0] : c; if (i >= 0) go({ claim: i, trace: null }, true); },
      click: function (index) { if (NARROW.matches) { var c = listItems[index]; go({ claim: Array.isArray(c) ? c[0] : c, pane: 'detail' }); } },
      enter: function (index) { var c = listItems[index]; if (state.view === 'chains') openChain(c); else jump(Array.isArray(c) ? c[0] : c); }
    });
    return list;
  }
  function claimRow(index, row) {
    var i = listItems[index];
    row.appendChild(claimLine(i));
    row.setAttribute('aria-label', spoken(i));
  }

  // ---------------------------------------------------------------------------------------
  // the left pane: tabs and views

  var host = $('list-host');
  var drawnView = null;

  function buildTabs() {
    var tabs = $('tabs');
    VIEWS.forEach(function (v, k) {
      tabs.appendChild(el('button', {
        type: 'button', role: 'tab', id: 'tab-' + v[0], 'aria-controls': 'pane-list', 'data-view': v[0], tabindex: '-1',
        onclick: function () { go({ view: v[0], trace: null, q: '', sub: '' }); }
      }, v[1] + ' ', el('span', { class: 'count' }), el('kbd', { 'aria-hidden': 'true', text: String(k + 1) })));
    });
    tabs.appendChild(el('button', { type: 'button', role: 'tab', id: 'tab-trace', 'aria-controls': 'pane-list', tabindex: '-1', hidden: true, onclick: function () {} }, 'Trace ', el('kbd', { 'aria-hidden': 'true', text: 't' })));
    tabs.addEventListener('keydown', function (e) {
      var all = Array.prototype.slice.call(tabs.querySelectorAll('[role=tab]:not([hidden])'));
      var at = all.indexOf(document.activeElement);
      if (at < 0) return;
      var to = e.key === 'ArrowRight' ? at + 1 : e.key === 'ArrowLeft' ? at - 1 : e.key === 'Home' ? 0 : e.key === 'End' ? all.length - 1 : null;
      if (to === null) return;
      e.preventDefault(); e.stopPropagation();
      var tab = all[(to + all.length) % all.length];
      tab.focus(); tab.click();
    });
    var dropped = C.filter(function (c) { return c.rs === DROPPED; }).length;
    setCount('dropped', dropped);
    setCount('clashes', D.clashes.length);
    setCount('chains', D.chains.length);
    setCount('claims', N);
  }
  function setCount(view, n) { var tab = $('tab-' + view); if (tab) tab.querySelector('.count').textContent = '(' + n + ')'; }
  function markTabs() {
    var current = state.trace ? 'trace' : state.q ? '' : state.view;
    $('tab-trace').hidden = !state.trace;
    Array.prototype.forEach.call($('tabs').querySelectorAll('[role=tab]'), function (tab) {
      var on = tab.id === 'tab-' + current;
      tab.setAttribute('aria-selected', on ? 'true' : 'false');
      tab.setAttribute('tabindex', on || (!current && tab.id === 'tab-tree') ? '0' : '-1');
    });
    $('pane-list').setAttribute('aria-labelledby', current ? 'tab-' + current : 'list-title');
  }

  function setHead(title, help) { $('list-title').textContent = title; $('list-help').textContent = help || ''; }

  function showList(view) {
    var f = state.filter, filtered = filterActive(f);
    var key = JSON.stringify([view, state.q, f, state.sub, state.map, state.trace]);
    if (drawnView === key) return false;  // what is drawn stays, the controls above it too
    var extra = clear($('list-extra'));
    drawnView = key;
    clear(host);
    host.classList.remove('tracing');
    tree = null; list = null; flowBox = null;
    if (state.trace) { showTrace(); return true; }
    if (state.q) {
      listItems = search(state.q, 200).filter(function (i) { return !filtered || matches(i, f); });
      setHead('Search: ' + plural(listItems.length, 'claim') + (listItems.length === 200 ? ' (the first 200)' : ''), 'enter goes to the claim in the tree');
      listRender = claimRow;
      host.appendChild(makeList('Claims matching “' + state.q + '”').host);
      list.setCount(listItems.length, 0);
      if (!listItems.length) host.appendChild(el('p', { class: 'empty', text: 'No claim matches “' + state.q + '”.' }));
      announce(plural(listItems.length, 'claim') + ' found');
      return true;
    }
    if (view === 'tree') {
      setHead('Claim tree', 'arrows move, → opens, ← closes, t traces');
      host.appendChild(makeTree().host);
      treeRows = flattenTree();
      tree.setCount(treeRows.length, 0);
      return true;
    }
    if (view === 'claims' || view === 'dropped') {
      var items = allClaims();
      if (view === 'dropped') {
        var sub = UNANSWERED.map(function (r) { return RESP[r][0]; }).indexOf(state.sub.replace(/-/g, ' '));
        var which = UNANSWERED[sub < 0 ? 0 : sub];
        var segs = el('div', { class: 'segments', role: 'group', 'aria-label': 'Which unanswered claims' });
        UNANSWERED.forEach(function (r) {
          var n = C.filter(function (c) { return c.rs === r; }).length;
          segs.appendChild(el('button', { type: 'button', 'aria-pressed': r === which ? 'true' : 'false',
            onclick: function () { go({ sub: RESP[r][0].replace(/ /g, '-') }, true); } }, RESP[r][0] + ' (' + n + ')'));
        });
        extra.appendChild(segs);
        extra.appendChild(el('p', { class: 'meaning', text: RESP[which][1] }));
        items = items.filter(function (i) { return C[i].rs === which; });
        setHead('Unanswered claims', '');
      } else {
        setHead('All claims', filtered ? 'filtered: f changes the filters' : 'f filters them');
      }
      listItems = filtered ? items.filter(function (i) { return matches(i, f); }) : items;
      listRender = claimRow;
      host.appendChild(makeList(view === 'dropped' ? 'Unanswered claims' : 'Claims').host);
      list.setCount(listItems.length, Math.max(0, listItems.indexOf(state.claim)));
      if (!listItems.length) host.appendChild(el('p', { class: 'empty', text: view === 'dropped' ? 'None: every claim here was answered, conceded, or grants a point.' : 'No claim matches the filters.' }));
      return true;
    }
    if (view === 'clashes') { showClashes(extra); return true; }
    if (view === 'chains') { showChains(); return true; }
    if (view === 'flow') { showFlow(extra); return true; }
    if (view === 'overview') { showOverview(extra); return true; }
    if (view === 'drill') { showDrill(extra); return true; }
    return true;
  }

  function showClashes(extra) {
    var agree = state.sub === 'agreements';
    var segs = el('div', { class: 'segments', role: 'group', 'aria-label': 'Clashes or agreements' },
      el('button', { type: 'button', 'aria-pressed': agree ? 'false' : 'true', onclick: function () { go({ sub: '' }, true); } }, 'Where the sides clash (' + D.clashes.length + ')'),
      el('button', { type: 'button', 'aria-pressed': agree ? 'true' : 'false', onclick: function () { go({ sub: 'agreements' }, true); } }, 'Where they agree (' + D.agreements.length + ')'));
    extra.appendChild(segs);
    if (agree) {
      setHead('Agreements', 'a claim of one side granted by another');
      listItems = D.agreements.map(function (a) { return [a[0], a]; });
      listRender = function (index, row) {
        var a = listItems[index][1];
        var words = 'granted by ' + (a[1] || 'another side') + (a[2] >= 0 ? ' (' + C[a[2]].i + ' supports it)' : ' (conceded)');
        row.appendChild(el('span', { class: 'line' }, el('span', { class: 'meta' }, statusBadge(a[0]), sideBadge(a[0]), el('span', { class: 'flag', text: 'agreed' })),
          el('span', { class: 'text', text: oneLine(C[a[0]].t) + ' — ' + words })));
        row.setAttribute('aria-label', spoken(a[0], words));
      };
    } else {
      setHead('Clash points', 'an attack across sides');
      listItems = D.clashes.map(function (x) { return [x[0], x]; });
      listRender = function (index, row) {
        var x = listItems[index][1], verb = VERB_OUT[R[x[2]].k] + (x[3] ? ' (in part)' : '');
        row.appendChild(el('span', { class: 'line' }, el('span', { class: 'meta' }, sideBadge(x[0]), statusBadge(x[0]), el('span', { class: 'rel-verb', text: verb }), sideBadge(x[1]), statusBadge(x[1])),
          el('span', { class: 'text', text: C[x[0]].i + ' → ' + C[x[1]].i + ': ' + oneLine(C[x[0]].t) })));
        row.setAttribute('aria-label', C[x[0]].i + ' (' + sideLabel(sideIndex(x[0])) + ', ' + status(x[0]) + ') ' + verb + ' ' + C[x[1]].i + ' (' + sideLabel(sideIndex(x[1])) + ', ' + status(x[1]) + '): ' + cut(C[x[0]].t, 200));
      };
    }
    host.appendChild(makeList(agree ? 'Agreements' : 'Clash points').host);
    list.setCount(listItems.length, 0);
    if (!listItems.length) host.appendChild(el('p', { class: 'empty', text: agree ? 'The sides grant each other nothing here.' : 'No attack crosses sides.' }));
  }

  function showChains() {
    setHead('Rebuttal chains', 'each claim answers the one before; enter walks it in the trace');
    listItems = D.chains;
    listRender = function (index, row) {
      var chain = listItems[index], claims = chain[0], last = claims[claims.length - 1];
      var end = chain[2] ? '↺ a cycle: nobody has the last word' : 'last word: ' + sideLabel(chain[1]);
      row.appendChild(el('span', { class: 'line' }, el('span', { class: 'meta' }, el('span', { class: 'strength', text: plural(claims.length, 'step') }), el('span', { class: 'side ' + (chain[1] < 0 ? 'side-none' : 'side-' + (chain[1] % 4)), text: end })),
        el('span', { class: 'text', text: claims.map(function (c) { return C[c].i; }).join(' → ') })));
      row.setAttribute('aria-label', plural(claims.length, 'step') + ', ' + end + ': ' + claims.map(function (c) { return C[c].i; }).join(', then ') + '. Last: ' + cut(C[last].t, 160));
    };
    host.appendChild(makeList('Rebuttal chains').host);
    list.setCount(listItems.length, 0);
    if (!listItems.length) host.appendChild(el('p', { class: 'empty', text: 'No rebuttal chain: nothing answers across sides.' }));
  }
  function openChain(chain) { go({ claim: chain[0][0], trace: { path: chain[0].slice(), at: 0 }, q: '' }); }

  function mapChooser(extra, label) {
    if (PRIMARY_MAPS.length < 2) return PRIMARY_MAPS[0];
    var chosen = PRIMARY_MAPS.find(function (m) { return D.maps[m].stem === state.map; });
    if (chosen === undefined) chosen = state.claim >= 0 && D.maps[C[state.claim].m].primary ? C[state.claim].m : PRIMARY_MAPS[0];
    var select = el('select', { id: 'map-choice', onchange: function () { go({ map: select.value }, true); } });
    PRIMARY_MAPS.forEach(function (m) { select.appendChild(el('option', { value: D.maps[m].stem, selected: m === chosen, text: D.maps[m].title })); });
    extra.appendChild(el('label', { for: 'map-choice', class: 'muted', text: label + ' ' }));
    extra.appendChild(select);
    return chosen;
  }

  // -- the flow: a column per speech, answers across from what they answer ---------------------
  var flowBox = null;
  function showFlow(extra) {
    var m = mapChooser(extra, 'Flow of');
    var flow = D.maps[m].flow;
    setHead('Flow', 'a column per speech; a blank beside a claim means nobody answered it there');
    var colW = NARROW.matches ? 220 : 260, rowH = NARROW.matches ? 92 : 84, gap = 6;
    var box = el('div', { class: 'flow', role: 'region', 'aria-label': 'Flow sheet of ' + D.maps[m].title, tabindex: '0' });
    var head = el('div', { class: 'flow-head' });
    flow.cols.forEach(function (col) { head.appendChild(el('div', { style: 'width:' + colW + 'px' }, col[0], el('small', { text: col[1] }))); });
    box.appendChild(head);
    var body = el('div', { style: 'position:relative;height:' + (flow.rows * rowH + 8) + 'px;width:' + (flow.cols.length * colW) + 'px' });
    box.appendChild(body);
    var byRow = [];
    flow.cells.forEach(function (cell) { (byRow[cell[1]] = byRow[cell[1]] || []).push(cell); });
    var shown = new Map();
    function draw() {
      var top = box.scrollTop, height = box.clientHeight || 600;
      var first = Math.max(0, Math.floor(top / rowH) - 4), last = Math.min(flow.rows - 1, Math.ceil((top + height) / rowH) + 4);
      shown.forEach(function (node, r) { if (r < first || r > last) { node.forEach(function (n) { n.remove(); }); shown.delete(r); } });
      for (var r = first; r <= last; r++) {
        if (shown.has(r)) continue;
        var nodes = [];
        (byRow[r] || []).forEach(function (cell) {
          var i = cell[0], mark = C[i].rs !== undefined ? RESP[C[i].rs][2] : '';
          var how = cell[4] >= 0 ? cell[5] + ' #' + flowNumber(flow, cell[4]) + (cell[7] ? ' ' + D.analystMark : '') : '';
          var a = el('a', { class: 'flow-cell' + (i === state.claim ? ' current' : ''), href: linkTo(i), 'data-c': i,
            style: 'top:' + (r * rowH + 4) + 'px;left:' + (cell[2] * colW + gap / 2) + 'px;width:' + (colW - gap) + 'px;height:' + (rowH - gap) + 'px',
            'aria-label': flow.cols[cell[2]][0] + ', #' + cell[3] + (how ? ', ' + how : '') + (mark ? ', ' + mark : '') + ': ' + spoken(i) },
          el('span', { class: 'num', text: '#' + cell[3] + ' ' }), statusBadge(i), ' ', sideBadge(i), mark ? el('span', { class: 'flag', text: ' ' + mark }) : null,
          how ? el('span', { class: 'strength', text: ' ' + how }) : null,
          el('span', { class: 'txt', text: oneLine(C[i].t) }));
          body.appendChild(a);
          nodes.push(a);
        });
        shown.set(r, nodes);
      }
    }
    box.addEventListener('scroll', function () { requestAnimationFrame(draw); });
    host.appendChild(box);
    flowBox = box;
    draw();
    if (!flow.cells.length) host.appendChild(el('p', { class: 'empty', text: 'Nothing to flow.' }));
  }
  var flowNumbers = new Map();
  function flowNumber(flow, i) {
    var numbers = flowNumbers.get(flow);
    if (!numbers) { numbers = new Map(); flow.cells.forEach(function (cell) { numbers.set(cell[0], cell[3]); }); flowNumbers.set(flow, numbers); }
    return numbers.get(i);
  }

  function showOverview(extra) {
    var m = mapChooser(extra, 'Overview of');
    var map = D.maps[m];
    setHead('Overview', 'the theses, what bears on them directly, and where the sides clash; drag to pan, wheel or pinch to zoom');
    if (map.overview === undefined) { host.appendChild(el('p', { class: 'empty', text: 'This page was written without diagrams.' })); return; }
    var viewer = diagramViewer(map.overview);
    host.appendChild(viewer.controls);
    host.appendChild(viewer.box);
  }

  // -- drill: answer the other side's claims, scheduled by FSRS, progress in this browser -----
  // The cards are `argmap drill`'s (D.drill); the progress is kept in localStorage in the
  // layout of its progress file, so the two read alike. Storage that holds something else is
  // reported and never written over.

  var DRILL_STORE = 'argmap-drill-progress', DRILL_FORMAT = 'argmap-drill-progress';
  var LEARN_AHEAD = 20 * 60000, GRADES = ['again', 'hard', 'good', 'easy'];
  var sitting = null;

  function readProgress() {
    var text = null;
    try { text = localStorage.getItem(DRILL_STORE); } catch (e) { return { error: 'this browser keeps no storage for this page' }; }
    if (text === null) { var fresh = {}; fresh[DRILL_FORMAT] = 1; fresh.sides = {}; return { doc: fresh }; }
    var doc;
    try { doc = JSON.parse(text); } catch (e) { return { error: 'the stored progress is not JSON' }; }
    if (!doc || typeof doc !== 'object' || doc[DRILL_FORMAT] !== 1 || typeof (doc.sides || {}) !== 'object') return { error: 'the stored progress is not an argmap drill progress record' };
    doc.sides = doc.sides || {};
    return { doc: doc };
  }
  function drillSides() { return D.drill.filter(function (d) { return d[1].length; }); }
  function entryOf(doc, side, i) { return (doc.sides[side] || {})[C[i].k]; }

  function startSitting(deck) {
    var side = D.sides[deck[0]].id, read = readProgress(), now = Date.now();
    var s = { deck: deck, side: side, error: read.error || null, cards: new Map(), learning: new Map(), queue: [], current: null, revealed: false, log: [], dueAtStart: 0, newAtStart: 0 };
    deck[1].forEach(function (card) { s.cards.set(card[0], card); });
    if (!read.error) {
      var due = [], fresh = [];
      deck[1].forEach(function (card) {
        var entry = entryOf(read.doc, side, card[0]);
        if (!entry) fresh.push(card[0]);
        else if (Date.parse(entry.fsrs.due) <= now) due.push([Date.parse(entry.fsrs.due), card[0]]);
      });
      due.sort(function (a, b) { return a[0] - b[0]; });
      s.queue = due.map(function (d) { return d[1]; }).concat(fresh);
      s.dueAtStart = due.length; s.newAtStart = fresh.length;
    }
    sitting = s;
    nextCard();
  }
  function nextCard() {
    var s = sitting, now = Date.now(), again = Array.from(s.learning.entries()).sort(function (a, b) { return a[1] - b[1]; });
    s.revealed = false;
    if (again.length && again[0][1] <= now) s.current = again[0][0];
    else if (s.queue.length) s.current = s.queue.shift();
    else if (again.length && again[0][1] <= now + LEARN_AHEAD) s.current = again[0][0];
    else s.current = null;
    if (s.current !== null) s.learning.delete(s.current);
  }
  function gradeCard(rating) {
    var s = sitting, i = s.current, now = Date.now();
    var read = readProgress();
    if (read.error) { s.error = read.error; drawDrill(); return; }
    var doc = read.doc, mine = doc.sides[s.side] = doc.sides[s.side] || {};
    var entry = mine[C[i].k] || { fsrs: ArgmapFSRS.newCard(now), text: C[i].t, reviews: [] };
    entry.fsrs = ArgmapFSRS.review(entry.fsrs, rating, now);
    entry.text = C[i].t;
    entry.reviews.push({ at: new Date(now).toISOString(), grade: GRADES[rating - 1] });
    mine[C[i].k] = entry;
    try { localStorage.setItem(DRILL_STORE, JSON.stringify(doc)); } catch (e) { s.error = 'the progress could not be stored: ' + e; drawDrill(); return; }
    s.log.push([i, rating]);
    if (Date.parse(entry.fsrs.due) <= now + LEARN_AHEAD) s.learning.set(i, Date.parse(entry.fsrs.due));
    nextCard();
    drawDrill();
    announce(s.current === null ? 'The sitting is over.' : 'Next card.');
  }
  function drillKey(k) {
    if (!sitting || sitting.current === null || !sitting.revealed || !/^[1-4]$/.test(k)) return false;
    gradeCard(+k);
    return true;
  }

  var drillBox = null;
  function showDrill(extra) {
    var decks = drillSides();
    setHead('Drill', 'answer the other side: type or think, turn the card over, grade yourself');
    if (!decks.length) { host.appendChild(el('p', { class: 'empty', text: 'Nothing to drill: no side has a claim of another side to answer.' })); return; }
    var deck = decks.find(function (d) { return D.sides[d[0]].id === state.sub; }) || decks[0];
    var select = el('select', { id: 'drill-side', onchange: function () { go({ sub: select.value }, true); } });
    decks.forEach(function (d) { select.appendChild(el('option', { value: D.sides[d[0]].id, selected: d === deck, text: D.sides[d[0]].label })); });
    extra.appendChild(el('label', { for: 'drill-side', class: 'muted', text: 'Answer as ' }));
    extra.appendChild(select);
    if (!sitting || sitting.deck !== deck) startSitting(deck);
    drillBox = el('div', { class: 'drill', id: 'drill' });
    host.appendChild(drillBox);
    drawDrill();
  }

  function said(i, into) {
    var sp = speaker(i), c = C[i];
    into.appendChild(el('p', { class: 'drill-who' }, el('strong', { text: sp ? sp.name : 'nobody in particular' }), ' ', sideBadge(i)));
    if (c.q !== undefined) {
      into.appendChild(el('blockquote', { text: '“' + oneLine(c.q) + '”' }));
      into.appendChild(el('p', { class: 'cite', text: '— ' + D.cites[c.c].text }));
    } else {
      into.appendChild(el('p', { class: 'muted', text: '(not quoted from a source)' }));
    }
  }

  function drawDrill() {
    var s = sitting, box = clear(drillBox);
    if (s.error) { box.appendChild(el('p', { class: 'empty', role: 'alert', text: 'The drill cannot keep progress: ' + s.error + '. It is left as it is.' })); return; }
    box.appendChild(el('p', { class: 'muted drill-status', text: s.log.length + ' reviewed, ' + (s.queue.length + s.learning.size) + ' to come · due ' + s.dueAtStart + ', new ' + s.newAtStart + ' · progress kept in this browser' }));
    if (s.current === null) { drawSummary(box); return; }
    var i = s.current, card = s.cards.get(i);
    var front = el('section', { class: 'drill-card', 'aria-labelledby': 'drill-they-say' });
    front.appendChild(el('h3', { id: 'drill-they-say', text: 'They say (' + C[i].i + ')' }));
    front.appendChild(el('p', { class: 'claim-text', text: oneLine(C[i].t) }));
    said(i, front);
    box.appendChild(front);
    var answer = el('textarea', { id: 'drill-answer', rows: '2', placeholder: 'Type it, or just think it; enter turns the card over', disabled: s.revealed });
    answer.addEventListener('keydown', function (e) { if (e.key === 'Enter' && !e.shiftKey) { e.preventDefault(); reveal(); } });
    box.appendChild(el('label', { for: 'drill-answer', text: 'Your answer' }));
    box.appendChild(answer);
    function reveal() { s.revealed = true; drawDrill(); var first = drillBox.querySelector('.grades button'); if (first) first.focus(); }
    if (!s.revealed) {
      box.appendChild(el('p', null, el('button', { type: 'button', id: 'drill-reveal', onclick: reveal }, 'Turn the card over ', el('kbd', { 'aria-hidden': 'true', text: 'enter' }))));
      setTimeout(function () { answer.focus({ preventScroll: true }); }, 0);
      return;
    }
    var back = el('section', { class: 'drill-back', 'aria-labelledby': 'drill-back-title' });
    if (!card[1].length) {
      back.appendChild(el('h3', { id: 'drill-back-title', text: 'Your side left this unanswered' }));
      var rs = C[i].rs !== undefined ? ' (' + RESP[C[i].rs][0] + ': ' + RESP[C[i].rs][1] + ')' : '';
      back.appendChild(el('p', { text: 'The map has no answer of ' + sideLabel(D.sides.findIndex(function (x) { return x.id === s.side; })) + ' to it' + rs + '. The answer is yours to invent.' }));
    } else {
      back.appendChild(el('h3', { id: 'drill-back-title', text: 'Your side’s answers in the map: ' + card[1].length }));
      var ul = el('ul', { class: 'drill-answers' });
      card[1].forEach(function (a) {
        var j = a[0], li = el('li');
        li.appendChild(el('p', null, el('strong', { text: (a[1] === 2 ? 'undercuts the inference' : 'rebuts') + (a[2] ? ' in part' : '') }), ' ',
          el('a', { href: linkTo(j), text: C[j].i }), ' ', statusBadge(j), a[3] ? el('span', { class: 'muted', text: ' ' + D.analystMark }) : null));
        li.appendChild(el('p', { class: 'claim-text', text: oneLine(C[j].t) }));
        said(j, li);
        li.appendChild(el('p', { class: 'muted', text: C[j].y }));
        a[4].forEach(function (end) {
          li.appendChild(el('p', { class: 'drill-end' }, '■ ', end < 0 ? 'the chain goes round in a circle: nobody has the last word'
            : ['last word: ', el('strong', { text: speaker(end) ? speaker(end).name : 'nobody' }), ' ', sideBadge(end), ' with ' + C[end].i + ', which ' + STATUS_WORD[status(end)] + ' (' + status(end) + ')']));
        });
        ul.appendChild(li);
      });
      back.appendChild(ul);
    }
    back.appendChild(el('p', null, el('strong', { text: 'Their claim: ' }), statusBadge(i), ' — ' + C[i].y));
    box.appendChild(back);
    var grades = el('div', { class: 'grades', role: 'group', 'aria-label': 'How did you do?' });
    GRADES.forEach(function (g, k) {
      grades.appendChild(el('button', { type: 'button', 'data-grade': String(k + 1), onclick: function () { gradeCard(k + 1); } }, g.charAt(0).toUpperCase() + g.slice(1) + ' ', el('kbd', { 'aria-hidden': 'true', text: String(k + 1) })));
    });
    box.appendChild(el('p', { class: 'muted', text: 'How did you do?' }));
    box.appendChild(grades);
  }

  function drawSummary(box) {
    var s = sitting, again = new Map();
    s.log.forEach(function (r) { if (r[1] === 1) again.set(r[0], (again.get(r[0]) || 0) + 1); });
    var seen = new Set(s.log.map(function (r) { return r[0]; })).size, misses = s.log.filter(function (r) { return r[1] === 1; }).length;
    var section = el('section', { class: 'drill-summary', 'aria-labelledby': 'drill-summary-title' });
    section.appendChild(el('h3', { id: 'drill-summary-title', text: 'The sitting is over' }));
    section.appendChild(el('p', { text: plural(seen, 'card') + ' seen, ' + plural(s.log.length, 'review') + ', again-rate ' + (s.log.length ? Math.round(100 * misses / s.log.length) : 0) + '% (' + misses + ' of ' + s.log.length + ').' }));
    if (again.size) {
      section.appendChild(el('p', { text: 'Missed most:' }));
      var ul = el('ul');
      Array.from(again.entries()).sort(function (a, b) { return b[1] - a[1]; }).slice(0, 5).forEach(function (m) {
        ul.appendChild(el('li', null, el('a', { href: linkTo(m[0]), text: C[m[0]].i }), ' (' + plural(m[1], 'time') + '): ' + cut(C[m[0]].t, 120)));
      });
      section.appendChild(ul);
    }
    var read = readProgress(), dues = [];
    if (!read.error) s.deck[1].forEach(function (card) { var e = entryOf(read.doc, s.side, card[0]); if (e) dues.push(Date.parse(e.fsrs.due)); });
    if (dues.length) section.appendChild(el('p', { text: 'The next card is due ' + new Date(Math.min.apply(null, dues)).toLocaleString() + '.' }));
    section.appendChild(el('p', null, el('button', { type: 'button', onclick: function () { startSitting(s.deck); drawDrill(); } }, 'Start again')));
    box.appendChild(section);
  }

  // -- trace: follow the answers to whoever has the last word --------------------------------

  function showTrace() {
    var t = state.trace, i = t.path[t.at];
    setHead('Trace: who answers ' + C[t.path[0]].i + '?', 'enter follows an answer; e goes to the last word; ← → walk back and forth');
    var crumbs = el('ol');
    t.path.forEach(function (c, k) {
      var s = { claim: c, trace: { path: t.path, at: k } };
      crumbs.appendChild(el('li', null, el('a', { href: hashOf(copyState(s)), 'aria-current': k === t.at ? 'step' : null, class: k > t.at ? 'later' : null },
        el('span', { 'aria-hidden': 'true', text: ROLE_ICON[role(c)] + ' ' }), C[c].i)));
    });
    var box = el('div', { class: 'trace' });
    box.appendChild(el('nav', { class: 'crumbs', 'aria-label': 'The path walked, step ' + (t.at + 1) + ' of ' + t.path.length }, crumbs,
      el('p', { class: 'muted', text: 'step ' + (t.at + 1) + ' of ' + t.path.length })));
    var sp0 = speaker(i);
    box.appendChild(el('div', { class: 'trace-card' }, claimMeta(i), el('p', { class: 'trace-text', text: oneLine(C[i].t) }),
      el('p', { class: 'muted' }, (sp0 ? sp0.name : 'no speaker') + ' · ', el('a', { href: hashOf(copyState({ pane: 'detail' })), class: 'details-link', text: 'quote, status and why' }))));
    var walked = new Set(t.path.slice(0, t.at + 1));
    var all = replies(i), open = all.filter(function (a) { return !walked.has(a[0]); });
    var caveats = answers(i).filter(function (a) { return ownCaveat(i, a) && !walked.has(a[0]); });
    var verdict = el('p', { class: 'verdict' + (open.length ? '' : ' end'), id: 'verdict' });
    if (open.length) {
      verdict.appendChild(el('strong', { text: 'Not the end: ' }));
      verdict.appendChild(document.createTextNode(plural(open.length, 'answer') + ' below. Enter follows the highlighted one; e follows the strongest each time to the last word.'));
    } else if (all.length) {
      verdict.appendChild(el('strong', { text: '↺ A cycle: ' }));
      verdict.appendChild(document.createTextNode('every answer to this claim is already on the path, so nobody has the last word.'));
    } else {
      var sp = speaker(i);
      verdict.appendChild(el('strong', { text: '■ Last word: ' }));
      verdict.appendChild(el('strong', { text: (sp ? sp.name : 'a claim with no speaker') + ' ' }));
      verdict.appendChild(el('span', { class: 'side ' + (sideIndex(i) < 0 ? 'side-none' : 'side-' + (sideIndex(i) % 4)), text: '(' + sideLabel(sideIndex(i)) + ')' }));
      verdict.appendChild(document.createTextNode(' — nobody answers this claim. Status: ' + status(i) + ' (' + STATUS_WORD[status(i)] + ').'));
    }
    box.appendChild(verdict);
    box.appendChild(el('div', { class: 'trace-actions' },
      el('button', { type: 'button', onclick: traceBack, disabled: t.at === 0 }, '← Back'),
      el('button', { type: 'button', onclick: traceForward, disabled: t.at + 1 >= t.path.length }, 'Forward →'),
      el('button', { type: 'button', onclick: traceToEnd, disabled: !open.length }, 'Last word ', el('kbd', { 'aria-hidden': 'true', text: 'e' })),
      el('button', { type: 'button', onclick: function () { jump(i); } }, 'Show in tree ', el('kbd', { 'aria-hidden': 'true', text: 'o' })),
      el('button', { type: 'button', onclick: closeTrace }, 'Close ', el('kbd', { 'aria-hidden': 'true', text: 'Esc' }))));
    var caveatNote = caveats.length ? ', then ' + plural(caveats.length, 'caveat') + ' of its own side' : '';
    box.appendChild(el('h3', { id: 'answers-title', style: 'font-size:1rem;margin:0.6rem 0 0.2rem', text: 'Who answers this? ' + plural(open.length, 'answer') + caveatNote }));
    host.appendChild(box);
    listItems = open.concat(caveats).map(function (a) { return [a[0], a]; });
    listRender = function (index, row) {
      var a = listItems[index][1];
      var verb = D.relationKinds[R[a[1]].k] + (R[a[1]].p ? ' (in part)' : '') + (R[a[1]].a ? ' ' + D.analystMark : '');
      row.appendChild(el('span', { class: 'rel-verb', text: verb }));
      row.appendChild(claimLine(a[0]));
      row.setAttribute('aria-label', verb + ': ' + spoken(a[0]));
    };
    list = new VList({
      id: 'ans', role: 'listbox', label: 'Who answers this claim',
      render: function (index, row) { row.setAttribute('role', 'option'); listRender(index, row); },
      click: function (index) { traceStep(listItems[index][0]); },
      enter: function (index) { if (listItems[index]) traceStep(listItems[index][0]); }
    });
    list.host.setAttribute('aria-labelledby', 'answers-title');
    host.appendChild(list.host);
    list.setCount(listItems.length, 0);
    list.host.style.height = (Math.min(listItems.length, 8) * list.rowH + 2) + 'px';
    host.classList.add('tracing');
    if (!listItems.length) { list.host.hidden = true; list = null; host.appendChild(el('p', { class: 'empty', text: 'Nobody answers this claim.' })); }
    announce('Step ' + (t.at + 1) + ' of ' + t.path.length + ': ' + cut(C[i].t, 120) + '. ' + verdict.textContent);
  }
  function traceStep(c) {
    var t = state.trace, path = t.path.slice(0, t.at + 1).concat([c]);
    go({ claim: c, trace: { path: path, at: path.length - 1 } });
  }
  function traceBack() { var t = state.trace; if (t && t.at > 0) go({ claim: t.path[t.at - 1], trace: { path: t.path, at: t.at - 1 } }); }
  function traceForward() { var t = state.trace; if (t && t.at + 1 < t.path.length) go({ claim: t.path[t.at + 1], trace: { path: t.path, at: t.at + 1 } }); }
  function closeTrace() { if (state.trace) go({ trace: null }); }
  function startTrace(i, toEnd) {
    if (i < 0) return;
    var trace = { path: [i], at: 0 };
    if (toEnd) trace = walkToEnd(trace, null);
    go({ claim: trace.path[trace.at], trace: trace, q: '' });
    focusList();
  }
  /* Follow the highlighted answer (or the strongest), then the strongest each time, to the end. */
  function walkToEnd(t, first) {
    var path = t.path.slice(0, t.at + 1), walked = new Set(path);
    var next = first;
    if (next === null || next === undefined) { var open = replies(path[path.length - 1]).filter(function (a) { return !walked.has(a[0]); }); next = open.length ? open[0][0] : null; }
    while (next !== null && next !== undefined) {
      path.push(next); walked.add(next);
      var more = replies(next).filter(function (a) { return !walked.has(a[0]); });
      next = more.length ? more[0][0] : null;
    }
    return { path: path, at: path.length - 1 };
  }
  function traceToEnd() {
    var t = state.trace;
    if (!t) { startTrace(state.claim, true); return; }
    var first = list && list.active >= 0 && listItems[list.active] ? listItems[list.active][0] : null;
    var done = walkToEnd(t, first);
    if (done.path.length === t.at + 1) { announce('This claim has the last word: nobody answers it.'); return; }
    go({ claim: done.path[done.at], trace: done });
    focusList();
  }

  // ---------------------------------------------------------------------------------------
  // the detail pane

  var drawnDetail = null;
  function showDetail() {
    var i = state.claim;
    var key = JSON.stringify([i, state.diagram, state.trace && state.trace.path, state.trace && state.trace.at, NARROW.matches]);
    if (drawnDetail === key) return;
    drawnDetail = key;
    var pane = clear($('detail'));
    pane.scrollTop = 0;
    if (i < 0) { pane.appendChild(el('p', { class: 'muted', text: 'No claim selected: pick one in the tree, or search with /.' })); return; }
    var c = C[i], s = status(i), side = sideIndex(i), sp = speaker(i);
    var back = el('button', { type: 'button', class: 'back-to-list', onclick: function () { go({ pane: 'list' }); } }, '← ' + (state.trace ? 'Trace' : 'Back to the list'));
    pane.appendChild(back);
    pane.appendChild(el('p', { class: 'card-meta' }, roleBadge(i), '·', el('span', { class: 'side ' + (side < 0 ? 'side-none' : 'side-' + (side % 4)), text: side < 0 ? 'no side' : D.sides[side].label + ' (' + D.sides[side].id + ')' }),
      '·', el('span', { class: 'muted', text: D.kinds[c.kd] }), c.x ? el('span', { class: 'ctx', text: 'context: ' + mapOf(i).title }) : null));
    pane.appendChild(el('h2', { class: 'claim-text', id: 'detail-title', text: oneLine(c.t) }));
    pane.setAttribute('aria-labelledby', 'detail-title');
    var dl = el('dl', { class: 'fields' });
    function field(name, value) { dl.appendChild(el('dt', { text: name })); dl.appendChild(el('dd', null, value)); }
    field('Said by', sp ? sp.name + (sp.role ? ' — ' + sp.role : '') : 'nobody in particular (no speaker: belongs to no side)');
    if (c.q !== undefined) {
      var cite = D.cites[c.c];
      field('Quote', [el('blockquote', { text: '“' + oneLine(c.q) + '”' }),
        el('p', { class: 'cite' }, '— ' + cite.text, cite.url ? [' ', el('a', { href: cite.url, rel: 'noopener noreferrer', text: '(source)' })] : null)]);
    } else {
      field('Quote', el('span', { class: 'muted', text: 'none (not quoted from a source)' }));
    }
    field('Status', [statusBadge(i), ' ' + STATUS_WORD[s] + ' — ' + c.y.replace(/^(stands|falls|open): /, '')]);
    if (c.g !== undefined) field('Strength', [el('meter', { min: '0', max: '1', value: String(c.g), 'aria-label': 'strength' }), ' ' + c.g.toFixed(2) + ' (' + D.strength + ': how much the map backs it, not a verdict)']);
    if (c.rs !== undefined) field('What became of it', [el('strong', { text: RESP[c.rs][0] }), ' — ' + RESP[c.rs][1]]);
    if (c.cd) field('Conceded', 'granted by ' + c.cd + ' (of another side)');
    if (c.cs) field('Concession', 'a point its own side grants: it only supports another side, or tells against its own case');
    if (c.tg) field('Tags', el('span', { class: 'chips' }, c.tg.map(function (t) {
      return el('button', { type: 'button', class: 'chip', 'aria-label': 'tag ' + D.tags[t] + ': show the claims with it', onclick: function () { setFilter('tag', D.tags[t]); } }, D.tags[t]);
    })));
    if (c.n) field('Note', el('span', { class: 'note' }, el('span', { class: 'muted', text: 'analyst’s note, not the speaker’s words: ' }), c.n));
    field('Id', [el('code', { text: c.k }), el('span', { class: 'muted', text: ' (' + c.at + ')' })]);
    pane.appendChild(dl);
    var hasDiagram = D.focus && D.focus[String(i)] !== undefined;
    pane.appendChild(el('div', { class: 'actions' },
      el('a', { href: hashOf(copyState({ claim: i, trace: { path: [i], at: 0 }, q: '', pane: 'list' })) }, 'Trace its answers ', el('kbd', { 'aria-hidden': 'true', text: 't' })),
      el('a', { href: hashOf(copyState(Object.assign({ q: '', pane: 'list' }, (function () { var w = walkToEnd({ path: [i], at: 0 }, null); return { claim: w.path[w.at], trace: w }; })()))) }, 'Last word ', el('kbd', { 'aria-hidden': 'true', text: 'e' })),
      el('button', { type: 'button', 'aria-expanded': state.diagram ? 'true' : 'false', 'aria-controls': 'diagram-box', onclick: function () { go({ diagram: !state.diagram }, true); } },
        state.diagram ? 'Hide the diagram ' : 'Diagram ', el('kbd', { 'aria-hidden': 'true', text: 'r' }))));
    if (state.diagram) {
      var box = el('section', { class: 'diagram-box', id: 'diagram-box', 'aria-labelledby': 'diagram-title' });
      box.appendChild(el('h3', { id: 'diagram-title', text: 'Diagram of its neighbourhood' }));
      if (hasDiagram) {
        var viewer = diagramViewer(D.focus[String(i)]);
        box.appendChild(viewer.controls); box.appendChild(viewer.box);
      } else {
        box.appendChild(el('p', { class: 'muted', text: D.diagrams && D.diagrams.chunks ? 'This page holds diagrams for the ' + Object.keys(D.focus).length + ' claims nearest the theses, not this one; its relations are listed below. argmap render MAP --focus ' + c.k + ' draws it.' : 'This page was written without diagrams.' }));
      }
      pane.appendChild(box);
    }
    pane.appendChild(relationsSection(i));
  }

  function relationsSection(i) {
    var c = C[i];
    var section = el('section', { class: 'relations', 'aria-labelledby': 'rel-title' });
    var ins = c.in || [], outs = c.out || [];
    section.appendChild(el('h3', { id: 'rel-title', text: 'Relations (' + (ins.length + outs.length) + ')' }));
    if (!ins.length && !outs.length) section.appendChild(el('p', { class: 'muted', text: 'no relations: nothing supports, rebuts or answers this claim' }));
    function group(title, links, incoming) {
      if (!links.length) return;
      section.appendChild(el('h4', { text: title }));
      var ul = el('ul', { class: 'rel-list', id: incoming ? 'rel-in' : 'rel-out' });
      var LIMIT = 300;
      links.slice(0, LIMIT).forEach(function (link) {
        var other = link[0], rel = R[link[1]];
        var verb = incoming ? VERB_IN[rel.k] + (link[2] ? ' (linked)' : '') : VERB_OUT[rel.k];
        var marks = [];
        if (rel.p) marks.push('in part');
        if (rel.a) marks.push(D.analystMark);
        if (rel.st !== undefined && STATUS[rel.st] !== 'IN') marks.push('this link ' + STATUS_WORD[STATUS[rel.st]]);
        var line = el('span', { class: 'rel-line' }, el('span', { 'aria-hidden': 'true', text: incoming ? '←' : '→' }), el('span', { class: 'rel-verb', text: verb }),
          roleBadge(other), statusBadge(other), el('span', { class: 'strength', text: strengthText(other) }), sideBadge(other),
          marks.length ? el('span', { class: 'flag', text: marks.join(' · ') }) : null,
          C[other].rs === DROPPED ? el('span', { class: 'flag', text: 'dropped' }) : null);
        ul.appendChild(el('li', null, el('a', { href: linkTo(other), 'aria-label': verb + (marks.length ? ' (' + marks.join(', ') + ')' : '') + ': ' + spoken(other) },
          line, el('span', { class: 'rel-text', text: cut(C[other].t, 400) }), rel.n ? el('span', { class: 'rel-note', text: 'note: ' + rel.n }) : null)));
      });
      section.appendChild(ul);
      if (links.length > LIMIT) section.appendChild(el('p', { class: 'muted', text: (links.length - LIMIT) + ' more: the Claims view and filters list them all.' }));
    }
    group('Bearing on it', ins, true);
    group('It bears on', outs, false);
    return section;
  }

  // ---------------------------------------------------------------------------------------
  // diagrams: unpacked when first shown, cleaned, then panned and zoomed

  var chunks = new Map();
  var domReady = new Promise(function (resolve) {
    if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', resolve); else resolve();
  });
  function chunk(n) {
    if (!chunks.has(n)) {
      chunks.set(n, domReady.then(function () {
        var node = document.getElementById('argmap-diagrams-' + n);
        if (!node) throw new Error('missing diagrams');
        if (typeof DecompressionStream === 'undefined') throw new Error('This browser cannot unpack the diagrams (it has no DecompressionStream): a current Chrome, Edge, Firefox or Safari can.');
        var bytes = Uint8Array.from(atob(node.textContent.trim()), function (ch) { return ch.charCodeAt(0); });
        var stream = new Blob([bytes]).stream().pipeThrough(new DecompressionStream('gzip'));
        return new Response(stream).text().then(JSON.parse);
      }));
    }
    return chunks.get(n);
  }
  var SVG_ELEMENTS = new Set(['svg', 'g', 'path', 'polygon', 'polyline', 'ellipse', 'circle', 'rect', 'line', 'text', 'tspan']);
  /* Graphviz's SVG, parsed as XML (which runs nothing) and kept to drawing elements and attributes. */
  function cleanSvg(text) {
    var doc = new DOMParser().parseFromString(text, 'image/svg+xml');
    var svg = doc.documentElement;
    if (!svg || svg.nodeName !== 'svg' || doc.getElementsByTagName('parsererror').length) throw new Error('unreadable diagram');
    (function walk(node) {
      Array.prototype.slice.call(node.children).forEach(function (child) {
        if (!SVG_ELEMENTS.has(child.nodeName)) { child.remove(); return; }
        walk(child);
      });
      Array.prototype.slice.call(node.attributes).forEach(function (attr) {
        var name = attr.name.toLowerCase();
        if (name.slice(0, 2) === 'on' || name.indexOf('href') >= 0 || name === 'style') node.removeAttribute(attr.name);
      });
    })(svg);
    return document.importNode(svg, true);
  }

  function diagramViewer(n) {
    var label = D.diagrams.labels[n], isOverview = D.maps.some(function (m) { return m.overview === n; });
    var box = el('div', { class: 'viewport', tabindex: '0', role: 'img', 'aria-label': label + '. Drag or use the arrow keys to pan, + and − to zoom, 0 to fit; a box, clicked, goes to its claim.' });
    var zoomText = el('span', { class: 'muted', 'aria-live': 'off' });
    var view = { x: 0, y: 0, s: 1, w: 100, h: 100 };
    var svg = null;
    function paint() { if (svg) svg.style.transform = 'translate(' + view.x + 'px,' + view.y + 'px) scale(' + view.s + ')'; zoomText.textContent = Math.round(view.s * 100) + '%'; }
    function fit() {
      var bw = box.clientWidth || 600, bh = box.clientHeight || 400;
      view.s = Math.min(bw / view.w, bh / view.h, 1.5);
      view.x = (bw - view.w * view.s) / 2; view.y = Math.max(0, (bh - view.h * view.s) / 2);
      paint();
    }
    function zoom(factor, cx, cy) {
      var s = Math.max(0.05, Math.min(8, view.s * factor));
      if (cx === undefined) { cx = box.clientWidth / 2; cy = box.clientHeight / 2; }
      view.x = cx - (cx - view.x) * (s / view.s); view.y = cy - (cy - view.y) * (s / view.s); view.s = s;
      paint();
    }
    var controls = el('div', { class: 'zoom', role: 'group', 'aria-label': 'Zoom' },
      el('button', { type: 'button', onclick: function () { zoom(1.25); }, 'aria-label': 'Zoom in' }, '+'),
      el('button', { type: 'button', onclick: function () { zoom(0.8); }, 'aria-label': 'Zoom out' }, '−'),
      el('button', { type: 'button', onclick: fit }, 'Fit'), zoomText);
    box.appendChild(el('p', { class: 'muted', style: 'padding:0.5rem;color:#444', text: 'Drawing the diagram…' }));
    var place = D.diagrams.places[n];
    chunk(place[0]).then(function (svgs) {
      svg = cleanSvg(svgs[place[1]]);
      var vb = (svg.getAttribute('viewBox') || '0 0 100 100').split(/[\s,]+/).map(Number);
      view.w = vb[2]; view.h = vb[3];
      svg.setAttribute('width', view.w); svg.setAttribute('height', view.h);
      svg.setAttribute('aria-hidden', 'true'); svg.setAttribute('focusable', 'false');
      clear(box).appendChild(svg);
      var mine = state.claim >= 0 && !isOverview ? svg.querySelector('g.node[data-c="' + state.claim + '"]') : null;
      requestAnimationFrame(function () {
        // the whole diagram if it is legible so; else (a phone) the claim's own box, centred, at a readable size
        var here = mine ? mine.getBoundingClientRect() : null, whole = svg.getBoundingClientRect();
        fit();
        if (here && view.s < 0.5) {
          var cx = here.left - whole.left + here.width / 2, cy = here.top - whole.top + here.height / 2;
          view.s = 0.75;
          view.x = box.clientWidth / 2 - cx * view.s; view.y = box.clientHeight / 2 - cy * view.s;
          paint();
        }
      });
    }).catch(function (err) { clear(box).appendChild(el('p', { style: 'padding:0.5rem;color:#8a1c14', text: 'The diagram cannot be shown: ' + err.message })); });
    // pointers: drag to pan, two fingers to pinch, a click on a box to go to its claim
    var pointers = new Map(), moved = 0, pinch = null;
    box.addEventListener('pointerdown', function (e) { box.setPointerCapture(e.pointerId); pointers.set(e.pointerId, [e.clientX, e.clientY]); moved = 0; box.classList.add('dragging'); if (pointers.size === 2) pinch = null; });
    box.addEventListener('pointermove', function (e) {
      if (!pointers.has(e.pointerId)) return;
      var prev = pointers.get(e.pointerId);
      if (pointers.size === 1) { view.x += e.clientX - prev[0]; view.y += e.clientY - prev[1]; moved += Math.abs(e.clientX - prev[0]) + Math.abs(e.clientY - prev[1]); paint(); }
      pointers.set(e.pointerId, [e.clientX, e.clientY]);
      if (pointers.size === 2) {
        var pts = Array.from(pointers.values()), d = Math.hypot(pts[0][0] - pts[1][0], pts[0][1] - pts[1][1]);
        var rect = box.getBoundingClientRect();
        if (pinch) zoom(d / pinch, (pts[0][0] + pts[1][0]) / 2 - rect.left, (pts[0][1] + pts[1][1]) / 2 - rect.top);
        pinch = d; moved += 10;
      }
    });
    function up(e) {
      pointers.delete(e.pointerId); box.classList.remove('dragging'); pinch = null;
      if (moved < 6 && e.type === 'pointerup') {
        var hit = document.elementFromPoint(e.clientX, e.clientY), node = hit && hit.closest ? hit.closest('g.node[data-c]') : null;
        var target = node ? +node.getAttribute('data-c') : -1;
        if (target >= 0 && target !== state.claim) go({ claim: target, trace: null });
      }
    }
    box.addEventListener('pointerup', up);
    box.addEventListener('pointercancel', up);
    box.addEventListener('wheel', function (e) { e.preventDefault(); var rect = box.getBoundingClientRect(); zoom(e.deltaY < 0 ? 1.15 : 1 / 1.15, e.clientX - rect.left, e.clientY - rect.top); }, { passive: false });
    box.addEventListener('keydown', function (e) {
      var step = 40, handled = true;
      if (e.key === 'ArrowLeft') view.x += step; else if (e.key === 'ArrowRight') view.x -= step;
      else if (e.key === 'ArrowUp') view.y += step; else if (e.key === 'ArrowDown') view.y -= step;
      else if (e.key === '+' || e.key === '=') zoom(1.25); else if (e.key === '-') zoom(0.8); else if (e.key === '0') fit();
      else handled = false;
      if (handled) { e.preventDefault(); e.stopPropagation(); paint(); }
    });
    return { box: box, controls: controls, zoom: zoom, fit: fit };
  }

  // ---------------------------------------------------------------------------------------
  // header: search, filters, theme, help

  var searchBox = $('search');
  var searchTimer = null;
  searchBox.addEventListener('input', function () {
    clearTimeout(searchTimer);
    searchTimer = setTimeout(function () { go({ q: searchBox.value.trim(), trace: null, pane: 'list' }, true); }, N > 20000 ? 120 : 0);
  });
  searchBox.addEventListener('keydown', function (e) {
    if (e.key === 'ArrowDown' && list) { e.preventDefault(); list.host.focus(); list.setActive(0); }
    else if (e.key === 'Enter') { e.preventDefault(); var first = search(searchBox.value.trim(), 1)[0]; if (first !== undefined) jump(first); }
    else if (e.key === 'Escape') { e.preventDefault(); searchBox.value = ''; go({ q: '' }, true); focusList(); }
  });

  var FILTER_CHOICES = {
    side: ['Side', D.sides.map(function (s) { return [s.id, s.label]; })],
    role: ['Role', D.roles.map(function (r) { return [r, r]; })],
    kind: ['Kind', D.kinds.map(function (k) { return [k, k]; })],
    status: ['Status', STATUS.map(function (s) { return [s, s + ' (' + STATUS_WORD[s] + ')']; })],
    tag: ['Tag', D.tags.slice().sort().map(function (t) { return [t, t]; })],
    resp: ['What became of it', RESP.map(function (r) { return [r[0], r[0]]; })]
  };
  function buildFilters() {
    var form = $('filters');
    Object.keys(FILTER_CHOICES).forEach(function (name) {
      var choice = FILTER_CHOICES[name];
      var select = el('select', { id: 'filter-' + name, onchange: function () { setFilter(name, select.value); } }, el('option', { value: '', text: 'any' }));
      choice[1].forEach(function (c) { select.appendChild(el('option', { value: c[0], text: c[1] })); });
      form.appendChild(el('label', { for: 'filter-' + name }, choice[0], select));
    });
    var box = el('input', { type: 'checkbox', id: 'filter-dropped', onchange: function () { setFilter('dropped', box.checked ? '1' : ''); } });
    form.appendChild(el('label', { class: 'check', for: 'filter-dropped' }, box, 'dropped only'));
    form.appendChild(el('button', { type: 'button', onclick: function () { go({ filter: {} }, true); } }, 'Clear filters'));
    form.addEventListener('submit', function (e) { e.preventDefault(); });
  }
  function setFilter(name, value) {
    var f = Object.assign({}, state.filter);
    if (value) f[name] = value; else delete f[name];
    // a filter is a question about claims: show the answer (as the terminal explorer does)
    var view = state.view === 'tree' && filterActive(f) ? 'claims' : state.view;
    go({ filter: f, view: view, trace: null }, true);
  }
  function syncFilters() {
    Object.keys(FILTER_CHOICES).forEach(function (name) { var s = $('filter-' + name); if (s) s.value = state.filter[name] || ''; });
    $('filter-dropped').checked = !!state.filter.dropped;
    var on = filterActive(state.filter);
    $('filters-toggle').textContent = '';
    append($('filters-toggle'), ['Filter' + (on ? ' (on)' : '') + ' ', el('kbd', { 'aria-hidden': 'true', text: 'f' })]);
  }
  function toggleFilters() {
    var form = $('filters'), open = form.hidden;
    form.hidden = !open;
    $('filters-toggle').setAttribute('aria-expanded', open ? 'true' : 'false');
    if (open) $('filter-side').focus();
  }
  $('filters-toggle').addEventListener('click', toggleFilters);

  function storedTheme() { try { return localStorage.getItem('argmap-theme'); } catch (e) { return null; } }
  function systemTheme() { return window.matchMedia('(prefers-color-scheme: dark)').matches ? 'dark' : 'light'; }
  function effectiveTheme() { return document.documentElement.getAttribute('data-theme') || systemTheme(); }
  /* A theme the reader chose (kept for next time), or with none the system's. */
  function setTheme(name, chosen) {
    document.documentElement.setAttribute('data-theme', name || systemTheme());
    try { if (chosen) localStorage.setItem('argmap-theme', name); } catch (e) { /* storage may be off for files */ }
    var other = effectiveTheme() === 'dark' ? 'light' : 'dark';
    $('theme-toggle').textContent = other === 'dark' ? 'Dark theme' : 'Light theme';
    $('theme-toggle').setAttribute('aria-label', 'Switch to the ' + other + ' theme');
  }
  $('theme-toggle').addEventListener('click', function () { setTheme(effectiveTheme() === 'dark' ? 'light' : 'dark', true); });

  var KEYS = [
    ['Everywhere', [
      ['/  or  ctrl+k', 'search claims by id, text, speaker or tag (as you type; enter goes to the first)'],
      ['1 – 8', 'views: tree, claims, dropped, clashes, flow, rebuttal chains, overview diagram, drill'],
      ['1 – 4 in the drill', 'once a card is turned over: again, hard, good, easy'],
      ['t', 'trace the focused claim: who answers it, who answers them, … to the last word'],
      ['e', 'trace straight to the last word (in a trace: from the highlighted answer)'],
      ['r', 'show or hide the diagram of the focused claim\'s neighbourhood'],
      ['f', 'filters: side, role, kind, status, tag, what became of it, dropped only'],
      ['w', 'switch between the list and the claim\'s relations'],
      ['d', 'dark or light theme (the page follows your system until you choose)'],
      ['?  or  F1', 'this help'],
      ['Esc', 'close the trace, the help, or clear the search']]],
    ['The tree and lists', [
      ['↑ ↓  or  j k', 'move (the claim shows on the right)'],
      ['→  or  l', 'open a claim\'s answers and reasons; again: the first of them'],
      ['←  or  h', 'close it; again: go to the claim above'],
      ['Home End  or  g G', 'first, last'],
      ['Enter', 'open or close (tree); go to the claim in the tree (lists)']]],
    ['Trace', [
      ['Enter', 'follow the highlighted answer'],
      ['← →  or  Backspace', 'back and forward along the path walked (the browser\'s back button too)'],
      ['e', 'follow the answers to the last word'],
      ['o', 'show the claim in the tree']]],
    ['Diagram', [
      ['drag, wheel, pinch', 'pan and zoom; a click on a box goes to its claim'],
      ['arrows, + − 0', 'pan, zoom in and out, fit (when the diagram has the focus)']]]
  ];
  var LEGEND = [
    ['Status', 'IN (●) stands: every attack on it is answered · OUT (○) falls to a standing attack · UNDEC (◐) open: caught in a cycle'],
    ['Roles', D.roles.map(function (r) { return ROLE_ICON[r] + ' ' + r; }).join('   ')],
    ['Strength', '0.00 – 1.00: how much the map backs the claim once attacks count (' + D.strength + ')'],
    ['Dropped', 'another side spoke later, took up the speech, and left the claim unanswered'],
    ['Links', D.linksNote]
  ];
  function buildHelp() {
    var dialog = $('help');
    dialog.appendChild(el('h2', { id: 'help-title', text: 'Keys, and how to read a line' }));
    dialog.appendChild(el('p', { class: 'muted', text: 'Mouse and touch work too: tap a claim, tap a relation to follow it. Links to this page can open anywhere: copy the address after moving.' }));
    KEYS.forEach(function (section) {
      dialog.appendChild(el('h3', { text: section[0] }));
      var body = el('tbody');
      section[1].forEach(function (k) { body.appendChild(el('tr', null, el('th', { scope: 'row' }, el('kbd', { text: k[0] })), el('td', { text: k[1] }))); });
      dialog.appendChild(el('table', null, el('thead', { class: 'sr-only' }, el('tr', null, el('th', { scope: 'col', text: 'Key' }), el('th', { scope: 'col', text: 'What it does' }))), body));
    });
    dialog.appendChild(el('h3', { text: 'Reading a line' }));
    var dl = el('dl', { class: 'fields' });
    LEGEND.forEach(function (l) { dl.appendChild(el('dt', { text: l[0] })); dl.appendChild(el('dd', { text: l[1] })); });
    dialog.appendChild(dl);
    dialog.appendChild(el('p', { class: 'muted', text: 'Made by ' + D.generator + ' from the maps’ own analysis.' }));
    dialog.appendChild(el('form', { method: 'dialog' }, el('button', { type: 'submit', text: 'Close (Esc)' })));
  }
  function openHelp() { var d = $('help'); if (!d.open) { if (d.showModal) d.showModal(); else d.setAttribute('open', ''); } }
  $('help-open').addEventListener('click', openHelp);

  // ---------------------------------------------------------------------------------------
  // keys

  function focusList() {
    setTimeout(function () { var target = list || tree; if (target) target.host.focus({ preventScroll: true }); }, 0);
  }
  function typing(target) {
    return target && (target.tagName === 'INPUT' || target.tagName === 'SELECT' || target.tagName === 'TEXTAREA' || target.isContentEditable);
  }
  document.addEventListener('keydown', function (e) {
    if ($('help').open) return;
    if ((e.ctrlKey || e.metaKey) && (e.key === 'k' || e.key === 'p')) { e.preventDefault(); searchBox.focus(); searchBox.select(); return; }
    if (e.key === 'F1') { e.preventDefault(); openHelp(); return; }
    if (e.altKey || e.ctrlKey || e.metaKey || typing(e.target)) return;
    var k = e.key;
    if (state.view === 'drill' && !state.trace && !state.q && drillKey(k)) { e.preventDefault(); return; }
    if (k === '/') { e.preventDefault(); searchBox.focus(); searchBox.select(); }
    else if (k === '?') { e.preventDefault(); openHelp(); }
    else if (k === 't') { e.preventDefault(); startTrace(state.claim, false); }
    else if (k === 'e') { e.preventDefault(); traceToEnd(); }
    else if (k === 'r') { e.preventDefault(); go({ diagram: !state.diagram }, true); }
    else if (k === 'f') { e.preventDefault(); toggleFilters(); }
    else if (k === 'd') { e.preventDefault(); setTheme(effectiveTheme() === 'dark' ? 'light' : 'dark', true); }
    else if (k === 'w') { e.preventDefault(); var rel = document.querySelector('#detail .rel-list a'); if (document.activeElement && $('detail').contains(document.activeElement)) focusList(); else if (rel) rel.focus(); else $('detail').focus(); }
    else if (/^[1-8]$/.test(k)) { e.preventDefault(); go({ view: VIEWS[+k - 1][0], trace: null, q: '', sub: '' }); focusList(); }
    else if (state.trace && (k === 'ArrowLeft' || k === 'Backspace' || k === 'h')) { e.preventDefault(); traceBack(); }
    else if (state.trace && (k === 'ArrowRight' || k === 'l')) { e.preventDefault(); traceForward(); }
    else if (state.trace && k === 'o') { e.preventDefault(); jump(state.claim); }
    else if (k === 'Escape') {
      if (state.trace) { e.preventDefault(); closeTrace(); focusList(); }
      else if (state.q) { e.preventDefault(); searchBox.value = ''; go({ q: '' }, true); }
      else if (NARROW.matches && state.pane === 'detail') { e.preventDefault(); go({ pane: 'list' }); }
    }
  });

  // ---------------------------------------------------------------------------------------
  // print: a readable outline of the case, built when the page is printed

  function buildOutline() {
    var box = clear($('print-outline'));
    box.appendChild(el('h1', { text: D.title }));
    box.appendChild(el('p', { text: 'Links: ' + D.linksNote + '. Status: IN stands, OUT falls, UNDEC open.' }));
    var done = new Set();
    function item(i, depth, how) {
      var c = C[i], sp = speaker(i), li = el('li');
      var head = el('span', { class: 'o-head', text: (how ? how + ': ' : '') + role(i).toUpperCase() + ' · ' + status(i) + ' (' + STATUS_WORD[status(i)] + ') · ' + sideLabel(sideIndex(i)) + (c.rs !== undefined && UNANSWERED.indexOf(c.rs) >= 0 ? ' · ' + RESP[c.rs][0].toUpperCase() : '') });
      li.appendChild(head);
      li.appendChild(el('div', { text: oneLine(c.t) + ' [' + c.i + ']' }));
      if (done.has(i)) { li.appendChild(el('div', { class: 'o-sub', text: '(set out above)' })); return li; }
      done.add(i);
      var sub = [];
      if (sp) sub.push(sp.name);
      if (c.q !== undefined) sub.push('“' + oneLine(c.q) + '” — ' + D.cites[c.c].text);
      sub.push(c.y);
      li.appendChild(el('div', { class: 'o-sub', text: sub.join(' · ') }));
      var kids = children(i);
      if (kids.length && depth < 40) {
        var ul = el('ul');
        kids.forEach(function (link) { ul.appendChild(item(link[0], depth + 1, VERB_OUT[R[link[1]].k])); });
        li.appendChild(ul);
      }
      return li;
    }
    PRIMARY_MAPS.forEach(function (m) {
      var map = D.maps[m];
      box.appendChild(el('h2', { text: map.title }));
      if (map.resolution) box.appendChild(el('p', { text: 'Resolution: ' + map.resolution }));
      var ul = el('ul');
      map.theses.concat(map.others).forEach(function (r) { ul.appendChild(item(r, 0, '')); });
      box.appendChild(ul);
    });
  }
  window.addEventListener('beforeprint', buildOutline);
  window.matchMedia('print').addEventListener('change', function (e) { if (e.matches) buildOutline(); });

  // ---------------------------------------------------------------------------------------
  // apply a state to the page

  function apply(next) {
    var before = state;
    state = next;
    if (state.claim < 0 && !state.q) {
      var first = PRIMARY_MAPS.length ? D.maps[PRIMARY_MAPS[0]].theses.concat(D.maps[PRIMARY_MAPS[0]].others)[0] : 0;
      state.claim = first === undefined ? (N ? 0 : -1) : first;
    }
    document.body.setAttribute('data-pane', NARROW.matches ? state.pane : 'list');
    if (searchBox.value.trim() !== state.q && document.activeElement !== searchBox) searchBox.value = state.q;
    markTabs();
    syncFilters();
    var redrawn = showList(state.view);
    if (!redrawn) {
      if (tree && state.claim >= 0 && (!before || before.claim !== state.claim)) {
        var at = treeIndexOf(state.claim);
        if (at >= 0 && at !== tree.active) tree.setActive(at, false);
        else if (at < 0) reveal(state.claim);
      } else if (list && state.claim >= 0) {
        var li = listItems.findIndex(function (x) { return (Array.isArray(x) ? x[0] : x) === state.claim; });
        if (li >= 0 && li !== list.active) { list.active = li; list.scrollToActive(); list.draw(); }
      }
      if (tree && before && JSON.stringify(before.filter) !== JSON.stringify(state.filter)) tree.refresh();
      if (flowBox) Array.prototype.forEach.call(flowBox.querySelectorAll('.flow-cell'), function (a) { a.classList.toggle('current', +a.dataset.c === state.claim); a.href = linkTo(+a.dataset.c); });
    } else if (tree && state.claim >= 0) {
      reveal(state.claim);
    } else if (list && state.claim >= 0) {
      var li2 = listItems.findIndex(function (x) { return (Array.isArray(x) ? x[0] : x) === state.claim; });
      if (li2 >= 0) { list.active = li2; list.scrollToActive(true); list.draw(); }
    }
    showDetail();
    if (redrawn && (document.activeElement === document.body || !document.activeElement)) focusList();
    document.title = (state.claim >= 0 ? cut(C[state.claim].t, 60) + ' — ' : '') + D.title;
  }

  // ---------------------------------------------------------------------------------------
  // start

  $('links-note').textContent = 'Verdicts ' + D.linksNote + (D.notes.length ? ' · ' + D.notes.join(' · ') : '');
  buildTabs();
  buildFilters();
  buildHelp();
  setTheme(storedTheme());
  window.matchMedia('(prefers-color-scheme: dark)').addEventListener('change', function () { if (!storedTheme()) setTheme(null); });
  NARROW.addEventListener('change', function () { drawnView = null; drawnDetail = null; apply(copyState()); });
  document.fonts && document.fonts.ready.then(function () { rowHeights = {}; drawnView = null; apply(copyState()); });
  window.addEventListener('resize', function () { if (tree) tree.schedule(); if (list) list.schedule(); });
  lastHash = location.hash;
  apply(readHash());
  // when the first screen was ready, and drawn (for the benchmark): milliseconds since navigation
  window.argmap = { state: function () { return state; }, outline: buildOutline, claims: N, search: search, firstScreen: performance.now(), drawn: 0 };
  requestAnimationFrame(function () { setTimeout(function () { window.argmap.drawn = performance.now(); }, 0); });
  // the search's lower-case texts, made while the reader looks at the first screen
  var made = 0;
  function makeHaystacks(deadline) {
    while (made < N && (!deadline || deadline.timeRemaining() > 2)) haystack(made++);
    if (made < N) idle(makeHaystacks);
  }
  function idle(callback) { if (window.requestIdleCallback) requestIdleCallback(callback); else setTimeout(callback, 50); }
  idle(makeHaystacks);
})();

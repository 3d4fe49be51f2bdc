// The report page's inline script (plain ES2019, no dependencies, no network): map drawing, hover, topic filter, search.

/**
 * Reads the JSON block `#map-data` ({ q: quantised x/y pairs 0..10000 over the frame's extent, t: topic ids,
 * title, date, topics: [{ id, name, color, size, c: quantised centre }], extent: [x0, x1, y0, y1] }), draws
 * the points and the topic labels on `#map-canvas` through a view (zoom k, pan tx, ty): wheel zooms about the
 * pointer by 2^(-deltaY/500) as d3-zoom does, drag pans, double-click zooms in, +, -, arrows and 0 on the
 * focused map, and `#map-reset`. Labels go largest topic first and are skipped when they would overlap one
 * already placed; they are kept inside the frame. `#map` carries `data-points` (drawn), `data-view`
 * ("x0 x1 y0 y1", the visible extent in export coordinates) and `data-labels` (labels drawn). Shows
 * `#map-tooltip` for the nearest point within 6 px (grid index). A topic chosen with a `[data-filter-topic]`
 * button zooms the map to its points and dims the others (labels: its own only), and filters every
 * `li.paper` / `section.topic`; a "show on map" button brings the map into view. The search box filters
 * the map and the lists. `data-matches` counts the papers matching the topic and the search.
 * The page's CSP allows this exact text by its sha256: any change here changes the hash, which page.ts computes.
 */
export const CLIENT_SCRIPT = `(function () {
  'use strict';
  var dataEl = document.getElementById('map-data');
  var mapEl = document.getElementById('map');
  var canvas = document.getElementById('map-canvas');
  var tooltip = document.getElementById('map-tooltip');
  var search = document.getElementById('search');
  var status = document.getElementById('status');
  var resetBtn = document.getElementById('map-reset');
  if (!dataEl || !mapEl || !canvas) return;
  var data = JSON.parse(dataEl.textContent || '{}');
  var n = data.t.length;
  var Q = 10000;
  var HOVER = 6;
  var CELL = 12;
  var MAX_ZOOM = 64;
  var ext = data.extent || [0, 1, 0, 1];
  var topics = {};
  data.topics.forEach(function (t) { topics[t.id] = t; });
  var byLabelOrder = data.topics.filter(function (t) { return t.c; }).sort(function (a, b) { return b.size - a.size || a.id - b.id; });
  var lowerTitles = data.title.map(function (s) { return String(s).toLowerCase(); });
  var visible = new Uint8Array(n);
  var px = new Float32Array(n);
  var py = new Float32Array(n);
  var grid = {};
  var cols = 1;
  var state = { topic: null, query: '' };
  var view = { k: 1, tx: 0, ty: 0 };
  mapEl.classList.add('js');

  // visible: matches the search; a chosen topic dims the other topics' points instead of hiding them
  function computeVisible() {
    var count = 0;
    for (var i = 0; i < n; i++) {
      var ok = state.query === '' || lowerTitles[i].indexOf(state.query) !== -1;
      visible[i] = ok ? (state.topic === null || data.t[i] === state.topic ? 1 : 2) : 0;
      if (visible[i] === 1) count++;
    }
    return count;
  }

  // the view that fits a topic's points, with a margin
  function fitTopic(id) {
    var sz = size();
    var x0 = Infinity, x1 = -Infinity, y0 = Infinity, y1 = -Infinity;
    for (var i = 0; i < n; i++) {
      if (data.t[i] !== id) continue;
      var x = data.q[2 * i] / Q * sz.w, y = (1 - data.q[2 * i + 1] / Q) * sz.h;
      if (x < x0) x0 = x; if (x > x1) x1 = x; if (y < y0) y0 = y; if (y > y1) y1 = y;
    }
    if (x0 > x1) return;
    var k = Math.min(MAX_ZOOM, 0.8 / Math.max((x1 - x0) / sz.w, (y1 - y0) / sz.h, 1 / MAX_ZOOM));
    view.k = Math.max(1, k);
    view.tx = sz.w / 2 - (x0 + x1) / 2 * view.k;
    view.ty = sz.h / 2 - (y0 + y1) / 2 * view.k;
  }

  function size() {
    var rect = canvas.getBoundingClientRect();
    return { w: rect.width, h: rect.height };
  }

  // the view never leaves the map: zoom 1..MAX_ZOOM, the frame always covered
  function clampView(w, h) {
    view.k = Math.min(MAX_ZOOM, Math.max(1, view.k));
    view.tx = Math.min(0, Math.max(w - w * view.k, view.tx));
    view.ty = Math.min(0, Math.max(h - h * view.k, view.ty));
  }

  function fmt(v) { return (Math.round(v * 1e4) / 1e4).toString(); }

  function setViewAttr(w, h) {
    var u0 = -view.tx / (view.k * w), u1 = (w - view.tx) / (view.k * w);
    var vTop = 1 + view.ty / (view.k * h), vBottom = 1 - (h - view.ty) / (view.k * h);
    var x0 = ext[0] + u0 * (ext[1] - ext[0]), x1 = ext[0] + u1 * (ext[1] - ext[0]);
    var y0 = ext[2] + vBottom * (ext[3] - ext[2]), y1 = ext[2] + vTop * (ext[3] - ext[2]);
    mapEl.setAttribute('data-view', [fmt(x0), fmt(x1), fmt(y0), fmt(y1)].join(' '));
    mapEl.setAttribute('data-zoom', fmt(view.k));
  }

  function drawLabels(ctx, w, h) {
    var placed = [];
    ctx.font = 'bold 12px system-ui, sans-serif';
    ctx.textBaseline = 'middle';
    ctx.lineJoin = 'round';
    for (var j = 0; j < byLabelOrder.length; j++) {
      var t = byLabelOrder[j];
      if (state.topic !== null && t.id !== state.topic) continue;
      var cx = t.c[0] / Q * w * view.k + view.tx;
      var cy = (1 - t.c[1] / Q) * h * view.k + view.ty;
      if (cx < 0 || cx > w || cy < 0 || cy > h) continue;
      var tw = ctx.measureText(t.name).width;
      var bw = tw + 6, bh = 16;
      // inside the frame: a label is moved in rather than cut off
      var x = Math.min(Math.max(cx - bw / 2, 0), Math.max(0, w - bw));
      var y = Math.min(Math.max(cy - bh / 2, 0), Math.max(0, h - bh));
      var clash = false;
      for (var p = 0; p < placed.length; p++) {
        var o = placed[p];
        if (x < o[0] + o[2] && o[0] < x + bw && y < o[1] + o[3] && o[1] < y + bh) { clash = true; break; }
      }
      if (clash) continue;
      placed.push([x, y, bw, bh]);
      ctx.lineWidth = 4;
      ctx.strokeStyle = 'rgba(255,255,255,0.9)';
      ctx.strokeText(t.name, x + 3, y + bh / 2);
      ctx.fillStyle = t.color;
      ctx.fillText(t.name, x + 3, y + bh / 2);
    }
    mapEl.setAttribute('data-labels', String(placed.length));
    mapEl.setAttribute('data-label-boxes', JSON.stringify(placed.map(function (b) { return b.map(function (v) { return Math.round(v * 10) / 10; }); })));
  }

  function draw() {
    var sz = size();
    var w = sz.w, h = sz.h;
    clampView(w, h);
    var dpr = window.devicePixelRatio || 1;
    canvas.width = Math.max(1, Math.round(w * dpr));
    canvas.height = Math.max(1, Math.round(h * dpr));
    var ctx = canvas.getContext('2d');
    var r = (n > 3000 ? 1.8 : n > 500 ? 2.6 : 3.5) * Math.min(3, Math.sqrt(view.k));
    grid = {};
    cols = Math.max(1, Math.ceil(w / CELL));
    var byTopic = {};
    var dimmed = [];
    var drawn = 0;
    for (var i = 0; i < n; i++) {
      px[i] = data.q[2 * i] / Q * w * view.k + view.tx;
      py[i] = (1 - data.q[2 * i + 1] / Q) * h * view.k + view.ty;
      if (!visible[i] || px[i] < -r || px[i] > w + r || py[i] < -r || py[i] > h + r) continue;
      if (visible[i] === 2) { dimmed.push(i); continue; }
      var key = Math.floor(py[i] / CELL) * cols + Math.floor(px[i] / CELL);
      (grid[key] || (grid[key] = [])).push(i);
      (byTopic[data.t[i]] || (byTopic[data.t[i]] = [])).push(i);
      drawn++;
    }
    if (ctx) {
      ctx.setTransform(dpr, 0, 0, dpr, 0, 0);
      ctx.clearRect(0, 0, w, h);
      if (dimmed.length) {
        ctx.globalAlpha = 0.12;
        ctx.fillStyle = '#888';
        ctx.beginPath();
        for (var d = 0; d < dimmed.length; d++) {
          ctx.moveTo(px[dimmed[d]] + r, py[dimmed[d]]);
          ctx.arc(px[dimmed[d]], py[dimmed[d]], r, 0, 2 * Math.PI);
        }
        ctx.fill();
      }
      ctx.globalAlpha = 0.8;
      Object.keys(byTopic).forEach(function (id) {
        var list = byTopic[id];
        ctx.fillStyle = (topics[id] && topics[id].color) || '#999';
        ctx.beginPath();
        for (var j = 0; j < list.length; j++) {
          var k = list[j];
          ctx.moveTo(px[k] + r, py[k]);
          ctx.arc(px[k], py[k], r, 0, 2 * Math.PI);
        }
        ctx.fill();
      });
      ctx.globalAlpha = 1;
      if (ctx.measureText) drawLabels(ctx, w, h);
    } else {
      drawn = 0;
    }
    mapEl.setAttribute('data-points', String(drawn));
    mapEl.setAttribute('data-matches', String(matches));
    setViewAttr(w, h);
    if (status) status.textContent = drawn + ' of ' + n + ' papers on the map' + (view.k > 1.001 ? ' (zoomed ' + (Math.round(view.k * 10) / 10) + 'x)' : '');
  }

  var frame = 0;
  function redraw() {
    if (frame) return;
    if (!window.requestAnimationFrame) { draw(); return; }
    frame = window.requestAnimationFrame(function () { frame = 0; draw(); });
  }

  // zoom by f about (mx, my), in canvas pixels
  function zoomAt(f, mx, my) {
    var k = Math.min(MAX_ZOOM, Math.max(1, view.k * f));
    f = k / view.k;
    view.tx = mx - (mx - view.tx) * f;
    view.ty = my - (my - view.ty) * f;
    view.k = k;
    hideTip();
    redraw();
  }

  function resetView() { view.k = 1; view.tx = 0; view.ty = 0; hideTip(); redraw(); }

  function pointer(e) {
    var rect = canvas.getBoundingClientRect();
    return { x: e.clientX - rect.left, y: e.clientY - rect.top };
  }

  function nearest(mx, my) {
    var best = -1;
    var bestD = HOVER * HOVER;
    var cx = Math.floor(mx / CELL);
    var cy = Math.floor(my / CELL);
    for (var gy = cy - 1; gy <= cy + 1; gy++) {
      for (var gx = cx - 1; gx <= cx + 1; gx++) {
        if (gx < 0 || gx >= cols) continue;
        var cell = grid[gy * cols + gx];
        if (!cell) continue;
        for (var j = 0; j < cell.length; j++) {
          var i = cell[j];
          var dx = px[i] - mx;
          var dy = py[i] - my;
          var d = dx * dx + dy * dy;
          if (d <= bestD) { bestD = d; best = i; }
        }
      }
    }
    return best;
  }

  function hideTip() { if (tooltip) tooltip.hidden = true; }

  function showTip(mx, my) {
    if (!tooltip) return;
    var i = nearest(mx, my);
    if (i < 0) { hideTip(); return; }
    var t = topics[data.t[i]];
    tooltip.textContent = '';
    // input text in its own bidi isolate (dir=auto, a bdi): its direction controls stay inside it
    var title = document.createElement('strong');
    title.dir = 'auto';
    title.textContent = data.title[i];
    var meta = document.createElement('span');
    meta.textContent = (data.date[i] || 'undated') + ' \\u00b7 ';
    var name = document.createElement('bdi');
    name.textContent = t ? t.name : 'topic ' + data.t[i];
    meta.appendChild(name);
    tooltip.appendChild(title);
    tooltip.appendChild(document.createElement('br'));
    tooltip.appendChild(meta);
    tooltip.style.left = (canvas.offsetLeft + px[i] + 10) + 'px';
    tooltip.style.top = (canvas.offsetTop + py[i] + 10) + 'px';
    tooltip.hidden = false;
    tooltip.setAttribute('data-index', String(i));
  }

  var drag = null;
  canvas.addEventListener('pointerdown', function (e) {
    if (e.button !== 0) return;
    var p = pointer(e);
    drag = { x: p.x, y: p.y, tx: view.tx, ty: view.ty, moved: false };
    if (canvas.setPointerCapture && e.pointerId !== undefined) canvas.setPointerCapture(e.pointerId);
  });
  canvas.addEventListener('pointermove', function (e) {
    if (!drag) return;
    var p = pointer(e);
    var dx = p.x - drag.x, dy = p.y - drag.y;
    if (!drag.moved && dx * dx + dy * dy < 9) return;
    drag.moved = true;
    canvas.style.cursor = 'grabbing';
    view.tx = drag.tx + dx;
    view.ty = drag.ty + dy;
    hideTip();
    redraw();
  });
  // hover by mouse events (pointer events do the dragging)
  canvas.addEventListener('mousemove', function (e) {
    if (drag && drag.moved) return;
    var p = pointer(e);
    showTip(p.x, p.y);
  });
  function endDrag() { drag = null; canvas.style.cursor = ''; }
  canvas.addEventListener('pointerup', endDrag);
  canvas.addEventListener('pointercancel', endDrag);
  canvas.addEventListener('mouseleave', hideTip);
  canvas.addEventListener('wheel', function (e) {
    e.preventDefault();
    var p = pointer(e);
    var dy = e.deltaY * (e.deltaMode === 1 ? 25 : e.deltaMode ? 500 : 1);
    zoomAt(Math.pow(2, -dy / 500), p.x, p.y);
  }, { passive: false });
  canvas.addEventListener('dblclick', function (e) {
    e.preventDefault();
    var p = pointer(e);
    zoomAt(e.shiftKey ? 0.5 : 2, p.x, p.y);
  });
  mapEl.addEventListener('keydown', function (e) {
    var sz = size();
    var step = 0.1 * sz.w;
    var handled = true;
    if (e.key === '+' || e.key === '=') zoomAt(2, sz.w / 2, sz.h / 2);
    else if (e.key === '-' || e.key === '_') zoomAt(0.5, sz.w / 2, sz.h / 2);
    else if (e.key === '0') resetView();
    else if (e.key === 'ArrowLeft') { view.tx += step; redraw(); }
    else if (e.key === 'ArrowRight') { view.tx -= step; redraw(); }
    else if (e.key === 'ArrowUp') { view.ty += step; redraw(); }
    else if (e.key === 'ArrowDown') { view.ty -= step; redraw(); }
    else handled = false;
    if (handled) e.preventDefault();
  });
  if (resetBtn) resetBtn.addEventListener('click', resetView);

  var items = Array.prototype.map.call(document.querySelectorAll('li.paper'), function (li) {
    var el = li.querySelector('.paper-title');
    return { el: li, topic: Number(li.getAttribute('data-topic')), title: (el ? el.textContent : '').toLowerCase() };
  });
  var sections = document.querySelectorAll('section.topic');
  var buttons = document.querySelectorAll('[data-filter-topic]');

  var matches = 0;
  function apply() {
    matches = computeVisible();
    draw();
    hideTip();
    items.forEach(function (it) {
      it.el.hidden = (state.topic !== null && it.topic !== state.topic) ||
        (state.query !== '' && it.title.indexOf(state.query) === -1);
    });
    Array.prototype.forEach.call(sections, function (s) {
      s.hidden = state.topic !== null && Number(s.getAttribute('data-topic')) !== state.topic;
    });
    Array.prototype.forEach.call(buttons, function (b) {
      b.setAttribute('aria-pressed', String(Number(b.getAttribute('data-filter-topic')) === state.topic));
    });
  }

  document.addEventListener('click', function (e) {
    var target = e.target;
    var b = target && target.closest ? target.closest('[data-filter-topic]') : null;
    if (!b) return;
    var id = Number(b.getAttribute('data-filter-topic'));
    state.topic = state.topic === id ? null : id;
    // choosing a topic zooms the map to it; clearing shows the whole map
    if (state.topic === null) { view.k = 1; view.tx = 0; view.ty = 0; } else fitTopic(state.topic);
    // a "show on map" button down the page brings the map into view
    if (!b.closest('.legend') && mapEl.scrollIntoView) mapEl.scrollIntoView({ block: 'center' });
    apply();
  });

  if (search) {
    search.addEventListener('input', function () {
      state.query = search.value.trim().toLowerCase();
      apply();
    });
  }

  window.addEventListener('resize', redraw);

  apply();
})();
`;

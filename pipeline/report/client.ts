// The report page's inline script (plain ES2019, no dependencies, no network): map drawing, hover, topic filter, search.

/**
 * Reads the JSON block `#map-data` ({ q: quantised x/y pairs 0..10000 over the frame's extent, t: topic ids,
 * title, date, topics: [{ id, name, color }] }), draws the points on `#map-canvas`, sets `data-points` on
 * `#map`, shows `#map-tooltip` for the nearest point within 6 px (grid index), filters the map and every
 * `li.paper` / `section.topic` by the topic chosen with a `[data-filter-topic]` button and by the search box.
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
  if (!dataEl || !mapEl || !canvas) return;
  var data = JSON.parse(dataEl.textContent || '{}');
  var n = data.t.length;
  var Q = 10000;
  var HOVER = 6;
  var CELL = 12;
  var topics = {};
  data.topics.forEach(function (t) { topics[t.id] = t; });
  var lowerTitles = data.title.map(function (s) { return String(s).toLowerCase(); });
  var visible = new Uint8Array(n);
  var px = new Float32Array(n);
  var py = new Float32Array(n);
  var grid = {};
  var cols = 1;
  var state = { topic: null, query: '' };

  function computeVisible() {
    var count = 0;
    for (var i = 0; i < n; i++) {
      var ok = (state.topic === null || data.t[i] === state.topic) &&
        (state.query === '' || lowerTitles[i].indexOf(state.query) !== -1);
      visible[i] = ok ? 1 : 0;
      if (ok) count++;
    }
    return count;
  }

  function draw() {
    var rect = canvas.getBoundingClientRect();
    var w = rect.width;
    var h = rect.height;
    var dpr = window.devicePixelRatio || 1;
    canvas.width = Math.max(1, Math.round(w * dpr));
    canvas.height = Math.max(1, Math.round(h * dpr));
    var ctx = canvas.getContext('2d');
    var r = n > 3000 ? 1.8 : n > 500 ? 2.6 : 3.5;
    grid = {};
    cols = Math.max(1, Math.ceil(w / CELL));
    var byTopic = {};
    var drawn = 0;
    for (var i = 0; i < n; i++) {
      px[i] = data.q[2 * i] / Q * w;
      py[i] = (1 - data.q[2 * i + 1] / Q) * h;
      if (!visible[i]) continue;
      var key = Math.floor(py[i] / CELL) * cols + Math.floor(px[i] / CELL);
      (grid[key] || (grid[key] = [])).push(i);
      (byTopic[data.t[i]] || (byTopic[data.t[i]] = [])).push(i);
      drawn++;
    }
    if (ctx) {
      ctx.setTransform(dpr, 0, 0, dpr, 0, 0);
      ctx.clearRect(0, 0, w, h);
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
    } else {
      drawn = 0;
    }
    mapEl.setAttribute('data-points', String(drawn));
    if (status) status.textContent = drawn + ' of ' + n + ' papers on the map';
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

  canvas.addEventListener('mousemove', function (e) {
    if (!tooltip) return;
    var rect = canvas.getBoundingClientRect();
    var mx = e.clientX - rect.left;
    var my = e.clientY - rect.top;
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
  });
  canvas.addEventListener('mouseleave', hideTip);

  var items = Array.prototype.map.call(document.querySelectorAll('li.paper'), function (li) {
    var el = li.querySelector('.paper-title');
    return { el: li, topic: Number(li.getAttribute('data-topic')), title: (el ? el.textContent : '').toLowerCase() };
  });
  var sections = document.querySelectorAll('section.topic');
  var buttons = document.querySelectorAll('[data-filter-topic]');

  function apply() {
    computeVisible();
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
    apply();
  });

  if (search) {
    search.addEventListener('input', function () {
      state.query = search.value.trim().toLowerCase();
      apply();
    });
  }

  var pending = 0;
  window.addEventListener('resize', function () {
    if (pending) return;
    pending = window.requestAnimationFrame ? window.requestAnimationFrame(function () { pending = 0; draw(); }) : 0;
  });

  apply();
})();
`;

// Explorer map view: canvas drawing (sized for devicePixelRatio), collision-free labels, zoom, pan, pinch, keys, hover.

const HOVER = 6;
const CELL = 12;
const MAX_ZOOM = 64;
/** The view: zoom k and pan tx, ty in canvas pixels (screen = base * k + t). */
const view = { k: 1, tx: 0, ty: 0 };
let px = new Float32Array(0);
let py = new Float32Array(0);
let grid = null;
let gridCols = 1;
let overlay = null;
let colours = { halo: 'rgba(255,255,255,0.9)', dim: '#888', ring: '#111', accent: '#3b6fb6', fg: '#444' };

function size() {
  const r = el.canvas.getBoundingClientRect();
  return { w: r.width, h: r.height };
}

function baseX(i, w) { return (D.xy[2 * i] / Q) * w; }
function baseY(i, h) { return (1 - D.xy[2 * i + 1] / Q) * h; }

/** The view never leaves the map: zoom 1..MAX_ZOOM, the frame always covered. */
function clampView(w, h) {
  view.k = Math.min(MAX_ZOOM, Math.max(1, view.k));
  view.tx = Math.min(0, Math.max(w - w * view.k, view.tx));
  view.ty = Math.min(0, Math.max(h - h * view.k, view.ty));
}

function fmt(v) { return (Math.round(v * 1e4) / 1e4).toString(); }

/** The visible extent in export coordinates: x0 x1 y0 y1. */
function viewExtent(w, h) {
  const e = D.ext;
  const u0 = -view.tx / (view.k * w);
  const u1 = (w - view.tx) / (view.k * w);
  const vTop = 1 + view.ty / (view.k * h);
  const vBottom = 1 - (h - view.ty) / (view.k * h);
  return [e[0] + u0 * (e[1] - e[0]), e[0] + u1 * (e[1] - e[0]), e[2] + vBottom * (e[3] - e[2]), e[2] + vTop * (e[3] - e[2])];
}

/** Sets the view to show an extent (export coordinates), centred, as far as the frame's aspect allows. */
function setViewExtent(v) {
  const sz = size();
  const e = D.ext;
  const u0 = (v[0] - e[0]) / (e[1] - e[0]);
  const u1 = (v[1] - e[0]) / (e[1] - e[0]);
  const w0 = 1 - (v[3] - e[2]) / (e[3] - e[2]);
  const w1 = 1 - (v[2] - e[2]) / (e[3] - e[2]);
  view.k = Math.min(MAX_ZOOM, Math.max(1, 1 / Math.max(u1 - u0, w1 - w0, 1e-9)));
  view.tx = sz.w / 2 - ((u0 + u1) / 2) * sz.w * view.k;
  view.ty = sz.h / 2 - ((w0 + w1) / 2) * sz.h * view.k;
}

/** The view that fits a topic's points, with a margin. */
function fitTopic(id) {
  const sz = size();
  let x0 = Infinity, x1 = -Infinity, y0 = Infinity, y1 = -Infinity;
  for (let i = 0; i < D.n; i++) {
    if (D.t[i] !== id) continue;
    const x = baseX(i, sz.w), y = baseY(i, sz.h);
    if (x < x0) x0 = x; if (x > x1) x1 = x; if (y < y0) y0 = y; if (y > y1) y1 = y;
  }
  if (x0 > x1) return;
  view.k = Math.max(1, Math.min(MAX_ZOOM, 0.8 / Math.max((x1 - x0) / sz.w, (y1 - y0) / sz.h, 1 / MAX_ZOOM)));
  view.tx = sz.w / 2 - ((x0 + x1) / 2) * view.k;
  view.ty = sz.h / 2 - ((y0 + y1) / 2) * view.k;
}

function readColours() {
  const cs = getComputedStyle(el.map);
  const v = (name, fallback) => (cs.getPropertyValue(name) || '').trim() || fallback;
  dimWord = 0;
  colours = { halo: v('--halo', colours.halo), dim: v('--dim', colours.dim), ring: v('--ring', colours.ring), accent: v('--accent', colours.accent), fg: v('--fg-soft', colours.fg) };
}

function drawLabels(ctx, w, h) {
  const placed = [];
  ctx.font = 'bold 12px system-ui, sans-serif';
  ctx.textBaseline = 'middle';
  ctx.lineJoin = 'round';
  for (let j = 0; j < D.labelOrder.length; j++) {
    const t = D.labelOrder[j];
    if (S.topic !== null && t.id !== S.topic) continue;
    const cx = (t.c[0] / Q) * w * view.k + view.tx;
    const cy = (1 - t.c[1] / Q) * h * view.k + view.ty;
    if (cx < 0 || cx > w || cy < 0 || cy > h) continue;
    const bw = ctx.measureText(t.name).width + 6;
    const bh = 16;
    // inside the frame: a label is moved in rather than cut off
    const x = Math.min(Math.max(cx - bw / 2, 0), Math.max(0, w - bw));
    const y = Math.min(Math.max(cy - bh / 2, 0), Math.max(0, h - bh));
    let clash = bw > w;
    for (let p = 0; p < placed.length && !clash; p++) {
      const o = placed[p];
      clash = x < o[0] + o[2] && o[0] < x + bw && y < o[1] + o[3] && o[1] < y + bh;
    }
    if (clash) continue;
    placed.push([x, y, bw, bh]);
    ctx.lineWidth = 4;
    ctx.strokeStyle = colours.halo;
    ctx.strokeText(t.name, x + 3, y + bh / 2);
    ctx.fillStyle = t.color;
    ctx.fillText(t.name, x + 3, y + bh / 2);
  }
  el.map.setAttribute('data-labels', String(placed.length));
  el.map.setAttribute('data-label-boxes', JSON.stringify(placed.map((b) => b.map((v) => Math.round(v * 10) / 10))));
}

/** A colour '#rgb' or '#rrggbb' as a little-endian RGBA word with alpha a (0..255) for an ImageData's Uint32 view. */
function rgba32(hex, a) {
  let h = String(hex || '').trim().replace('#', '');
  if (h.length === 3) h = h[0] + h[0] + h[1] + h[1] + h[2] + h[2];
  const v = /^[0-9a-f]{6}$/i.test(h) ? parseInt(h, 16) : 0x999999;
  return ((a << 24) | ((v & 0xff) << 16) | (v & 0xff00) | ((v >> 16) & 0xff)) >>> 0;
}

let img = null;
let pixels = null;
let topicWords = {};
let dimWord = 0;

/** Small points written straight into an ImageData as pixel discs (several times faster than a canvas path at 100k points). */
function drawPixels(ctx, cw, ch, dpr, r, w, h) {
  if (!img || img.width !== cw || img.height !== ch) {
    img = ctx.createImageData(cw, ch);
    pixels = new Uint32Array(img.data.buffer);
  } else pixels.fill(0);
  if (!dimWord) {
    dimWord = rgba32(colours.dim, 48);
    Object.keys(D.topics).forEach((id) => { topicWords[id] = rgba32(D.topics[id].color, 215); });
  }
  // a disc's pixel offsets (row, column) for the radius in device pixels; a square below 1.5 px
  const rad = r * dpr;
  const span = Math.max(1, Math.round(2 * rad));
  const half = (span - 1) / 2;
  const mask = [];
  for (let y = 0; y < span; y++) {
    for (let x = 0; x < span; x++) {
      if (rad < 1.5 || (x - half) * (x - half) + (y - half) * (y - half) <= rad * rad + 0.25) mask.push(y, x);
    }
  }
  const square = (i, word) => {
    const x0 = Math.round(px[i] * dpr - half), y0 = Math.round(py[i] * dpr - half);
    for (let m = 0; m < mask.length; m += 2) {
      const y = y0 + mask[m], x = x0 + mask[m + 1];
      if (x >= 0 && x < cw && y >= 0 && y < ch) pixels[y * cw + x] = word;
    }
  };
  const n = D.n;
  let dimmed = 0;
  if (matches < n) {
    for (let i = 0; i < n; i++) if (!match[i] && px[i] >= -r && px[i] <= w + r && py[i] >= -r && py[i] <= h + r) { square(i, dimWord); dimmed++; }
  }
  let drawn = 0;
  for (let j = 0; j < n; j++) {
    const i = D.order[j];
    if (!match[i] || px[i] < -r || px[i] > w + r || py[i] < -r || py[i] > h + r) continue;
    square(i, topicWords[D.t[i]] || 0xff999999);
    drawn++;
  }
  ctx.putImageData(img, 0, 0);
  return { drawn, dimmed };
}

/** Larger points as discs on a canvas path, one path per topic. */
function drawPaths(ctx, r, inView) {
  const n = D.n;
  const disc = (i) => { ctx.moveTo(px[i] + r, py[i]); ctx.arc(px[i], py[i], r, 0, 2 * Math.PI); };
  let dimmed = 0;
  if (matches < n) {
    ctx.globalAlpha = 0.16;
    ctx.fillStyle = colours.dim;
    ctx.beginPath();
    for (let i = 0; i < n; i++) if (!match[i] && inView(i)) { disc(i); dimmed++; }
    ctx.fill();
  }
  ctx.globalAlpha = 0.8;
  let drawn = 0;
  let current = -1;
  for (let j = 0; j <= n; j++) {
    const i = D.order[j];
    const topic = j < n ? D.t[i] : -2;
    if (topic !== current) {
      if (current !== -1) ctx.fill();
      if (j === n) break;
      current = topic;
      ctx.fillStyle = (D.topics[topic] && D.topics[topic].color) || '#999';
      ctx.beginPath();
    }
    if (!match[i] || !inView(i)) continue;
    disc(i);
    drawn++;
  }
  ctx.globalAlpha = 1;
  return { drawn, dimmed };
}

function draw() {
  const t0 = performance.now();
  const sz = size();
  const w = sz.w, h = sz.h;
  clampView(w, h);
  const dpr = window.devicePixelRatio || 1;
  const cw = Math.max(1, Math.round(w * dpr)), ch = Math.max(1, Math.round(h * dpr));
  if (el.canvas.width !== cw || el.canvas.height !== ch) { el.canvas.width = cw; el.canvas.height = ch; }
  const ctx = el.canvas.getContext('2d');
  const n = D.n;
  if (px.length !== n) { px = new Float32Array(n); py = new Float32Array(n); }
  const r = (n > 20000 ? 1.2 : n > 3000 ? 1.8 : n > 500 ? 2.6 : 3.5) * Math.min(3, Math.sqrt(view.k));
  const sx = w * view.k / Q, sy = h * view.k / Q;
  for (let i = 0; i < n; i++) {
    px[i] = D.xy[2 * i] * sx + view.tx;
    py[i] = h * view.k - D.xy[2 * i + 1] * sy + view.ty;
  }
  grid = null;
  let drawn = 0;
  ctx.setTransform(dpr, 0, 0, dpr, 0, 0);
  ctx.clearRect(0, 0, w, h);
  const inView = (i) => px[i] >= -r && px[i] <= w + r && py[i] >= -r && py[i] <= h + r;
  const counts = r < 2.2 ? drawPixels(ctx, cw, ch, dpr, r, w, h) : drawPaths(ctx, r, inView);
  drawn = counts.drawn;
  ctx.globalAlpha = 1;
  if (S.selected.length) {
    ctx.strokeStyle = colours.ring;
    ctx.lineWidth = 1.2;
    ctx.beginPath();
    for (let s = 0; s < S.selected.length; s++) {
      const i = S.selected[s];
      if (inView(i)) { ctx.moveTo(px[i] + r + 1.5, py[i]); ctx.arc(px[i], py[i], r + 1.5, 0, 2 * Math.PI); }
    }
    ctx.stroke();
  }
  if (S.paper !== null && inView(S.paper)) {
    ctx.strokeStyle = colours.ring;
    ctx.lineWidth = 2.5;
    ctx.beginPath();
    ctx.arc(px[S.paper], py[S.paper], r + 4, 0, 2 * Math.PI);
    ctx.stroke();
  }
  drawLabels(ctx, w, h);
  if (overlay) drawOverlay(ctx);
  el.map.setAttribute('data-points', String(drawn));
  el.map.setAttribute('data-dimmed', String(counts.dimmed));
  const ext = viewExtent(w, h);
  el.map.setAttribute('data-view', ext.map(fmt).join(' '));
  el.map.setAttribute('data-zoom', fmt(view.k));
  el.map.setAttribute('data-draw-ms', String(Math.round((performance.now() - t0) * 10) / 10));
  if (el.status) {
    el.status.textContent = matches + ' of ' + n + ' papers match' + (view.k > 1.001 ? ' · zoomed ' + Math.round(view.k * 10) / 10 + 'x' : '') +
      (S.selected.length ? ' · ' + S.selected.length + ' selected' : '');
  }
}

let frame = 0;
function redraw() {
  if (frame) return;
  frame = requestAnimationFrame(() => { frame = 0; draw(); writeHash(); });
}

/** Zoom by f about (mx, my), in canvas pixels. */
function zoomAt(f, mx, my) {
  const k = Math.min(MAX_ZOOM, Math.max(1, view.k * f));
  f = k / view.k;
  view.tx = mx - (mx - view.tx) * f;
  view.ty = my - (my - view.ty) * f;
  view.k = k;
  hideTip();
  redraw();
}

function resetView() { view.k = 1; view.tx = 0; view.ty = 0; hideTip(); redraw(); }

function pointer(e) {
  const r = el.canvas.getBoundingClientRect();
  return { x: e.clientX - r.left, y: e.clientY - r.top };
}

function inViewPoint(i, w, h) { return px[i] >= 0 && px[i] <= w && py[i] >= 0 && py[i] <= h; }

/** The matching paper nearest to (mx, my) within HOVER px, or -1 (a grid index built on first use after a draw). */
function nearest(mx, my) {
  if (!grid) {
    const sz = size();
    grid = new Map();
    gridCols = Math.max(1, Math.ceil(sz.w / CELL));
    for (let i = 0; i < D.n; i++) {
      if (!match[i] || !inViewPoint(i, sz.w, sz.h)) continue;
      const key = Math.floor(py[i] / CELL) * gridCols + Math.floor(px[i] / CELL);
      const cell = grid.get(key);
      if (cell) cell.push(i); else grid.set(key, [i]);
    }
  }
  let best = -1;
  let bestD = HOVER * HOVER;
  const cx = Math.floor(mx / CELL), cy = Math.floor(my / CELL);
  for (let gy = cy - 1; gy <= cy + 1; gy++) {
    for (let gx = cx - 1; gx <= cx + 1; gx++) {
      if (gx < 0 || gx >= gridCols) continue;
      const cell = grid.get(gy * gridCols + gx);
      if (!cell) continue;
      for (let j = 0; j < cell.length; j++) {
        const i = cell[j];
        const d = (px[i] - mx) * (px[i] - mx) + (py[i] - my) * (py[i] - my);
        if (d <= bestD) { bestD = d; best = i; }
      }
    }
  }
  return best;
}

function hideTip() { if (el.tooltip) el.tooltip.hidden = true; }

/** An element with input text as its content, in its own bidi isolate. */
function textEl(tag, text, cls) {
  const e = document.createElement(tag);
  e.dir = 'auto';
  if (cls) e.className = cls;
  e.textContent = text;
  return e;
}

function showTip(mx, my) {
  if (!el.tooltip) return;
  const i = nearest(mx, my);
  if (i < 0) { hideTip(); return; }
  const tip = el.tooltip;
  tip.textContent = '';
  tip.appendChild(textEl('strong', D.texts ? D.texts.title[i] : 'paper ' + (i + 1)));
  const meta = document.createElement('div');
  meta.className = 'meta';
  meta.textContent = dayText(D.day[i]) + ' \u00b7 ';
  meta.appendChild(textEl('bdi', topicName(D.t[i])));
  tip.appendChild(meta);
  if (D.texts && D.texts.abstract[i]) {
    const a = D.texts.abstract[i];
    tip.appendChild(textEl('div', a.length > 180 ? a.slice(0, 179).replace(/\s+\S*$/, '') + '\u2026' : a, 'tip-abstract'));
  }
  tip.style.left = Math.min(el.canvas.offsetLeft + px[i] + 12, el.map.clientWidth - 330) + 'px';
  tip.style.top = el.canvas.offsetTop + py[i] + 12 + 'px';
  tip.hidden = false;
  tip.setAttribute('data-index', String(i));
}

function setupView() {
  readColours();
  if (window.matchMedia) {
    const mq = window.matchMedia('(prefers-color-scheme: dark)');
    if (mq.addEventListener) mq.addEventListener('change', () => { readColours(); redraw(); drawTimeline(); });
  }
  const c = el.canvas;
  const touches = new Map();
  let drag = null;
  let pinch = null;
  c.addEventListener('pointerdown', (e) => {
    if (e.button !== 0) return;
    const p = pointer(e);
    touches.set(e.pointerId, p);
    if (c.setPointerCapture) c.setPointerCapture(e.pointerId);
    if (touches.size === 2) {
      // two fingers: pinch zoom about their midpoint
      const [a, b] = Array.from(touches.values());
      pinch = { d: Math.hypot(a.x - b.x, a.y - b.y) || 1 };
      drag = null;
      return;
    }
    if (e.shiftKey || e.altKey) { startOverlay(e.altKey ? 'lasso' : 'box', p); drag = null; return; }
    drag = { x: p.x, y: p.y, tx: view.tx, ty: view.ty, moved: false, t: performance.now() };
  });
  c.addEventListener('pointermove', (e) => {
    const p = pointer(e);
    if (touches.has(e.pointerId)) touches.set(e.pointerId, p);
    if (pinch && touches.size === 2) {
      const [a, b] = Array.from(touches.values());
      const d = Math.hypot(a.x - b.x, a.y - b.y) || 1;
      zoomAt(d / pinch.d, (a.x + b.x) / 2, (a.y + b.y) / 2);
      pinch.d = d;
      return;
    }
    if (overlay) { moveOverlay(p); return; }
    if (!drag) { if (e.pointerType === 'mouse') showTip(p.x, p.y); return; }
    const dx = p.x - drag.x, dy = p.y - drag.y;
    if (!drag.moved && dx * dx + dy * dy < 9) return;
    drag.moved = true;
    c.style.cursor = 'grabbing';
    view.tx = drag.tx + dx;
    view.ty = drag.ty + dy;
    hideTip();
    redraw();
  });
  const end = (e) => {
    touches.delete(e.pointerId);
    if (pinch) { if (touches.size < 2) pinch = null; drag = null; return; }
    if (overlay) { endOverlay(); return; }
    if (drag && !drag.moved && e.type === 'pointerup') {
      // a click: the paper under the pointer opens in the details panel
      const p = pointer(e);
      const i = nearest(p.x, p.y);
      if (i >= 0) showPaper(i);
    }
    drag = null;
    c.style.cursor = '';
  };
  c.addEventListener('pointerup', end);
  c.addEventListener('pointercancel', end);
  c.addEventListener('mouseleave', hideTip);
  c.addEventListener('wheel', (e) => {
    e.preventDefault();
    const p = pointer(e);
    const dy = e.deltaY * (e.deltaMode === 1 ? 25 : e.deltaMode ? 500 : 1);
    zoomAt(Math.pow(2, -dy / 500), p.x, p.y);
  }, { passive: false });
  c.addEventListener('dblclick', (e) => {
    e.preventDefault();
    const p = pointer(e);
    zoomAt(e.shiftKey ? 0.5 : 2, p.x, p.y);
  });
  el.map.addEventListener('keydown', (e) => {
    const sz = size();
    const step = 0.1 * sz.w;
    let handled = true;
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
  if (el.reset) el.reset.addEventListener('click', resetView);
  window.addEventListener('resize', redraw);
}

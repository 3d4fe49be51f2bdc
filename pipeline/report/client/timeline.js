// Explorer time chart: papers per week (or per few weeks on long spans) under the map, with a brush that filters by date.

const TL = { start: 0, bin: 7, bins: 0, all: null, brushing: null };

/** The Monday on or before a day number (day 0, 1970-01-01, was a Thursday). */
function mondayOf(d) { return d - ((((d - 4) % 7) + 7) % 7); }

function setupTimeline() {
  const c = el.timeline;
  if (!c) return;
  let lo = Infinity, hi = -Infinity;
  for (let i = 0; i < D.n; i++) {
    const d = D.day[i];
    if (d === UNDATED) continue;
    if (d < lo) lo = d;
    if (d > hi) hi = d;
  }
  if (lo > hi) { c.hidden = true; return; }
  TL.start = mondayOf(lo);
  const weeks = Math.floor((hi - TL.start) / 7) + 1;
  TL.bin = 7 * Math.max(1, Math.ceil(weeks / 160));
  TL.bins = Math.floor((hi - TL.start) / TL.bin) + 1;
  TL.all = new Int32Array(TL.bins);
  for (let i = 0; i < D.n; i++) if (D.day[i] !== UNDATED) TL.all[Math.floor((D.day[i] - TL.start) / TL.bin)]++;
  const binAt = (e) => {
    const r = c.getBoundingClientRect();
    const x = Math.min(Math.max(e.clientX - r.left, 0), r.width - 1e-6);
    return Math.floor((x / r.width) * TL.bins);
  };
  c.addEventListener('pointerdown', (e) => {
    if (e.button !== 0) return;
    TL.brushing = { a: binAt(e), b: binAt(e), x: e.clientX, moved: false };
    if (c.setPointerCapture) c.setPointerCapture(e.pointerId);
    drawTimeline();
  });
  c.addEventListener('pointermove', (e) => {
    if (!TL.brushing) { hoverBin(binAt(e)); return; }
    TL.brushing.b = binAt(e);
    if (Math.abs(e.clientX - TL.brushing.x) > 3) TL.brushing.moved = true;
    drawTimeline();
  });
  const end = () => {
    const b = TL.brushing;
    if (!b) return;
    TL.brushing = null;
    if (b.moved) {
      const a = Math.min(b.a, b.b), z = Math.max(b.a, b.b);
      S.time = [TL.start + a * TL.bin, TL.start + (z + 1) * TL.bin - 1];
    } else S.time = null; // a click clears the brush
    refilter();
  };
  c.addEventListener('pointerup', end);
  c.addEventListener('pointercancel', end);
}

function hoverBin(b) {
  const c = el.timeline;
  if (!c || b < 0 || b >= TL.bins) return;
  c.title = dayText(TL.start + b * TL.bin) + (TL.bin > 7 ? ' \u2013 ' + dayText(TL.start + (b + 1) * TL.bin - 1) : ' (week)') +
    ': ' + TL.all[b] + ' papers \u00b7 drag to choose a time range, click to clear it';
}

function drawTimeline() {
  const c = el.timeline;
  if (!c || !TL.all || c.hidden) return;
  const r = c.getBoundingClientRect();
  const w = r.width, h = r.height;
  const dpr = window.devicePixelRatio || 1;
  const cw = Math.max(1, Math.round(w * dpr)), ch = Math.max(1, Math.round(h * dpr));
  if (c.width !== cw || c.height !== ch) { c.width = cw; c.height = ch; }
  const ctx = c.getContext('2d');
  ctx.setTransform(dpr, 0, 0, dpr, 0, 0);
  ctx.clearRect(0, 0, w, h);
  const sel = new Int32Array(TL.bins);
  for (let i = 0; i < D.n; i++) if (matchTQ[i] && D.day[i] !== UNDATED) sel[Math.floor((D.day[i] - TL.start) / TL.bin)]++;
  let max = 1;
  for (let b = 0; b < TL.bins; b++) if (TL.all[b] > max) max = TL.all[b];
  const axis = 16;
  const bw = w / TL.bins;
  let range = null;
  if (TL.brushing) range = [Math.min(TL.brushing.a, TL.brushing.b), Math.max(TL.brushing.a, TL.brushing.b)];
  else if (S.time) range = [Math.floor((S.time[0] - TL.start) / TL.bin), Math.floor((S.time[1] - TL.start) / TL.bin)];
  if (range) {
    ctx.fillStyle = 'rgba(120,140,200,0.18)';
    ctx.fillRect(range[0] * bw, 0, (range[1] - range[0] + 1) * bw, h - axis);
  }
  const gap = bw > 3 ? 1 : 0;
  for (let b = 0; b < TL.bins; b++) {
    const inRange = !range || (b >= range[0] && b <= range[1]);
    const ha = (TL.all[b] / max) * (h - axis - 4);
    ctx.fillStyle = colours.dim;
    ctx.globalAlpha = 0.35;
    ctx.fillRect(b * bw, h - axis - ha, Math.max(1, bw - gap), ha);
    const hs = (sel[b] / max) * (h - axis - 4);
    ctx.globalAlpha = inRange ? 1 : 0.3;
    ctx.fillStyle = colours.accent || '#3b6fb6';
    ctx.fillRect(b * bw, h - axis - hs, Math.max(1, bw - gap), hs);
  }
  ctx.globalAlpha = 1;
  ctx.fillStyle = colours.fg || '#444';
  ctx.font = '11px system-ui, sans-serif';
  ctx.textBaseline = 'bottom';
  const ticks = Math.max(2, Math.min(8, Math.floor(w / 110)));
  let right = -Infinity;
  for (let k = 0; k < ticks; k++) {
    const b = Math.round((k / (ticks - 1)) * (TL.bins - 1));
    const text = dayText(TL.start + b * TL.bin);
    const tw = ctx.measureText(text).width;
    const x = Math.min(Math.max(b * bw + bw / 2 - tw / 2, 0), w - tw);
    if (x < right + 12) continue; // no two dates overlap
    ctx.fillText(text, x, h);
    right = x + tw;
  }
  c.setAttribute('data-range', S.time ? dayText(S.time[0]) + ' ' + dayText(S.time[1]) : '');
  c.setAttribute('data-bins', String(TL.bins));
}

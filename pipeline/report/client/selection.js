// Explorer selection: Shift-drag box or Alt-drag lasso on the map, the sortable selection list and its CSV download.

let sortKey = 'date';

function startOverlay(kind, p) {
  overlay = { kind, a: p, b: p, path: [p] };
  hideTip();
}

function moveOverlay(p) {
  overlay.b = p;
  if (overlay.kind === 'lasso') overlay.path.push(p);
  redraw();
}

function drawOverlay(ctx) {
  ctx.save();
  ctx.strokeStyle = colours.ring;
  ctx.fillStyle = 'rgba(120,140,200,0.12)';
  ctx.setLineDash([4, 3]);
  ctx.lineWidth = 1;
  ctx.beginPath();
  if (overlay.kind === 'box') {
    ctx.rect(Math.min(overlay.a.x, overlay.b.x), Math.min(overlay.a.y, overlay.b.y), Math.abs(overlay.b.x - overlay.a.x), Math.abs(overlay.b.y - overlay.a.y));
  } else {
    overlay.path.forEach((q, j) => { if (j) ctx.lineTo(q.x, q.y); else ctx.moveTo(q.x, q.y); });
    ctx.closePath();
  }
  ctx.fill();
  ctx.stroke();
  ctx.restore();
}

/** Whether (x, y) is inside the polygon (even-odd rule). */
function insidePolygon(path, x, y) {
  let inside = false;
  for (let a = 0, b = path.length - 1; a < path.length; b = a++) {
    const pa = path[a], pb = path[b];
    if ((pa.y > y) !== (pb.y > y) && x < ((pb.x - pa.x) * (y - pa.y)) / (pb.y - pa.y) + pa.x) inside = !inside;
  }
  return inside;
}

/** Ends the box or lasso: the matching papers inside it become the selection. */
function endOverlay() {
  const o = overlay;
  overlay = null;
  // the box's corners, or the lasso's bounding box (its last point is back near its first)
  const pts = o.kind === 'box' ? [o.a, o.b] : o.path;
  let x0 = Infinity, x1 = -Infinity, y0 = Infinity, y1 = -Infinity;
  for (const q of pts) { x0 = Math.min(x0, q.x); x1 = Math.max(x1, q.x); y0 = Math.min(y0, q.y); y1 = Math.max(y1, q.y); }
  const chosen = [];
  for (let i = 0; i < D.n; i++) {
    if (!match[i]) continue;
    const inBox = px[i] >= x0 && px[i] <= x1 && py[i] >= y0 && py[i] <= y1;
    if (inBox && (o.kind === 'box' || insidePolygon(o.path, px[i], py[i]))) chosen.push(i);
  }
  setSelection(chosen);
}

function setSelection(list) {
  S.selected = list;
  renderSelection();
  redraw();
}

function sorted() {
  const list = S.selected.slice();
  if (sortKey === 'upvotes') list.sort((a, b) => D.up[b] - D.up[a] || D.day[b] - D.day[a] || a - b);
  else list.sort((a, b) => D.day[b] - D.day[a] || D.up[b] - D.up[a] || a - b);
  return list;
}

/** The best link of a paper: its own URL, else its Hugging Face page when the id is an arXiv id. */
function mainLink(i) {
  const links = paperLinks(i);
  return links.length ? links[0].href : null;
}

function renderSelection() {
  const ol = el.selection;
  if (!ol) return;
  ol.textContent = '';
  const list = sorted();
  const frag = document.createDocumentFragment();
  for (let s = 0; s < list.length; s++) {
    const i = list[s];
    const li = document.createElement('li');
    li.setAttribute('data-id', D.texts ? D.texts.id[i] : String(i));
    const href = mainLink(i);
    const title = textEl(href ? 'a' : 'span', D.texts ? D.texts.title[i] : 'paper ' + (i + 1), 'sel-title');
    if (href) { title.href = href; title.target = '_blank'; title.rel = 'noopener noreferrer nofollow'; }
    li.appendChild(title);
    const meta = document.createElement('span');
    meta.className = 'meta';
    meta.textContent = ' ' + dayText(D.day[i]) + ' \u00b7 ';
    meta.appendChild(textEl('bdi', topicName(D.t[i])));
    if (D.up[i] >= 0) meta.appendChild(document.createTextNode(' \u00b7 ' + D.up[i] + ' upvotes'));
    li.appendChild(meta);
    const more = document.createElement('button');
    more.type = 'button';
    more.className = 'sel-details';
    more.textContent = 'details';
    more.addEventListener('click', () => showPaper(i));
    li.appendChild(more);
    frag.appendChild(li);
  }
  ol.appendChild(frag);
  const panel = el.selectionPanel;
  if (panel) {
    panel.hidden = list.length === 0;
    const count = panel.querySelector('.sel-count');
    if (count) count.textContent = String(list.length);
    panel.querySelectorAll('[data-sort]').forEach((b) => { b.setAttribute('aria-pressed', String(b.getAttribute('data-sort') === sortKey)); });
  }
}

/** A CSV field: quoted, and a leading = + - @ made inert (spreadsheets run those as formulas). */
function csvField(v) {
  let s = String(v);
  if (/^[=+\-@\t\r]/.test(s)) s = "'" + s;
  return '"' + s.replace(/"/g, '""') + '"';
}

function selectionCsv() {
  const rows = [['id', 'title', 'date', 'topic', 'topic_name', 'upvotes', 'url', 'authors']];
  sorted().forEach((i) => {
    const x = D.texts;
    rows.push([x ? x.id[i] : i, x ? x.title[i] : '', D.day[i] === UNDATED ? '' : dayText(D.day[i]), D.t[i], topicName(D.t[i]),
      D.up[i] >= 0 ? D.up[i] : '', mainLink(i) || '', x ? x.authors[i] : '']);
  });
  return rows.map((r) => r.map(csvField).join(',')).join('\r\n') + '\r\n';
}

function downloadCsv() {
  const blob = new Blob([selectionCsv()], { type: 'text/csv;charset=utf-8' });
  const a = document.createElement('a');
  a.href = URL.createObjectURL(blob);
  a.download = 'papermap-selection.csv';
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(a.href), 1000);
}

function setupSelection() {
  const panel = el.selectionPanel;
  if (!panel) return;
  panel.addEventListener('click', (e) => {
    const b = e.target.closest ? e.target.closest('button') : null;
    if (!b) return;
    if (b.hasAttribute('data-sort')) { sortKey = b.getAttribute('data-sort'); renderSelection(); }
    else if (b.id === 'selection-csv') downloadCsv();
    else if (b.id === 'selection-clear') setSelection([]);
  });
}

// Explorer core: the page's elements, the packed map decoded, the shared state, the filters and the URL hash.

const $ = (id) => document.getElementById(id);
const el = {
  data: $('map-data'),
  map: $('map'),
  canvas: $('map-canvas'),
  tooltip: $('map-tooltip'),
  search: $('search'),
  status: $('status'),
  reset: $('map-reset'),
  paper: $('paper'),
  selection: $('selection'),
  selectionPanel: $('selection-panel'),
  timeline: $('timeline'),
};
const Q = 10000;
const UNDATED = -2147483648;

/** The decoded map: typed arrays, topics by id, and the texts once inflated. */
const D = { n: 0, xy: null, t: null, day: null, up: null, topics: {}, order: [], ext: [0, 1, 0, 1], texts: null, index: {} };
/** What the reader chose: search query, topic, time range (day numbers), the paper shown, the selection. */
const S = { query: '', topic: null, time: null, paper: null, selected: [] };
/** 1 where a paper matches the query, topic and time range. */
let match = new Uint8Array(0);
/** 1 where a paper matches the query and topic, whatever its date (the time chart shows these). */
let matchTQ = new Uint8Array(0);
let matches = 0;

function bytesOf(b64) {
  const bin = atob(b64);
  const out = new Uint8Array(bin.length);
  for (let i = 0; i < bin.length; i++) out[i] = bin.charCodeAt(i);
  return out;
}

/** The page's texts: deflate-raw inflated by the browser's own DecompressionStream. */
function inflateText(b64) {
  const stream = new Blob([bytesOf(b64)]).stream().pipeThrough(new DecompressionStream('deflate-raw'));
  return new Response(stream).text();
}

function decode(raw) {
  D.n = raw.n;
  D.xy = new Uint16Array(bytesOf(raw.xy).buffer);
  D.t = new Uint16Array(bytesOf(raw.t).buffer);
  // days and upvotes come as Uint16 (0xffff: none); the page works with day numbers and -1 for none
  const days = new Uint16Array(bytesOf(raw.day).buffer);
  const ups = new Uint16Array(bytesOf(raw.up).buffer);
  D.day = new Int32Array(D.n);
  D.up = new Int32Array(D.n);
  for (let i = 0; i < D.n; i++) {
    D.day[i] = days[i] === 0xffff ? UNDATED : raw.day0 + days[i];
    D.up[i] = ups[i] === 0xffff ? -1 : ups[i];
  }
  D.ext = raw.extent;
  D.excerpt = raw.excerpt;
  raw.topics.forEach((t) => { D.topics[t.id] = t; });
  D.labelOrder = raw.topics.filter((t) => t.c).sort((a, b) => b.size - a.size || a.id - b.id);
  // papers in topic order, so each topic's points are drawn as one path
  const order = new Uint32Array(D.n);
  for (let i = 0; i < D.n; i++) order[i] = i;
  D.order = Array.prototype.slice.call(order).sort((a, b) => D.t[a] - D.t[b] || a - b);
  match = new Uint8Array(D.n).fill(1);
  matchTQ = new Uint8Array(D.n).fill(1);
  matches = D.n;
}

function topicName(id) {
  const t = D.topics[id];
  return t ? t.name : 'topic ' + id;
}

function dayText(d) {
  return d === UNDATED ? 'undated' : new Date(d * 86400000).toISOString().slice(0, 10);
}

function dayOf(text) {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text || '');
  return m ? Date.UTC(+m[1], +m[2] - 1, +m[3]) / 86400000 : null;
}

/** Lower-cased title, authors and abstract of every paper, built at the first search. */
let haystack = null;
function searchText(i) {
  if (!haystack) {
    haystack = new Array(D.n);
    const x = D.texts;
    for (let j = 0; j < D.n; j++) haystack[j] = (x.title[j] + '\n' + x.authors[j] + '\n' + x.abstract[j]).toLowerCase();
  }
  return haystack[i];
}

/** Recomputes match from the query (every word must occur), topic and time range; then every view follows. */
function refilter() {
  const words = S.query.toLowerCase().split(/\s+/).filter((w) => w);
  const haveText = D.texts !== null;
  let count = 0;
  for (let i = 0; i < D.n; i++) {
    let ok = S.topic === null || D.t[i] === S.topic;
    if (ok && words.length && haveText) {
      const h = searchText(i);
      for (let w = 0; w < words.length && ok; w++) ok = h.indexOf(words[w]) !== -1;
    }
    matchTQ[i] = ok ? 1 : 0;
    if (ok && S.time) ok = D.day[i] !== UNDATED && D.day[i] >= S.time[0] && D.day[i] <= S.time[1];
    match[i] = ok ? 1 : 0;
    if (ok) count++;
  }
  matches = count;
  el.map.setAttribute('data-matches', String(matches));
  filterLists(words);
  drawTimeline();
  redraw();
  writeHash();
}

// ---- the URL hash: q, topic, view, from, to and paper, so a copied link reopens the same view

let hashTimer = 0;
function writeHash() {
  if (!D.n || restoring) return;
  clearTimeout(hashTimer);
  hashTimer = setTimeout(() => {
    const p = new URLSearchParams();
    if (S.query) p.set('q', S.query);
    if (S.topic !== null) p.set('topic', String(S.topic));
    if (S.time) { p.set('from', dayText(S.time[0])); p.set('to', dayText(S.time[1])); }
    if (view.k > 1.001) p.set('view', (el.map.getAttribute('data-view') || '').split(' ').join(','));
    if (S.paper !== null) p.set('paper', D.texts ? D.texts.id[S.paper] : '');
    const hash = p.toString();
    const url = location.href.split('#')[0] + (hash ? '#' + hash : '');
    try { history.replaceState(null, '', url); } catch (e) { location.replace(url); }
  }, 150);
}

let restoring = false;
function readHash() {
  const p = new URLSearchParams(location.hash.replace(/^#/, ''));
  restoring = true;
  S.query = p.get('q') || '';
  if (el.search) el.search.value = S.query;
  const topic = p.get('topic');
  S.topic = topic !== null && D.topics[Number(topic)] ? Number(topic) : null;
  const from = dayOf(p.get('from'));
  const to = dayOf(p.get('to'));
  S.time = from !== null && to !== null && from <= to ? [from, to] : null;
  const v = (p.get('view') || '').split(',').map(Number);
  if (v.length === 4 && v.every(Number.isFinite)) setViewExtent(v);
  else if (S.topic !== null) fitTopic(S.topic);
  const id = p.get('paper');
  restoring = false;
  return id;
}

async function start() {
  if (!el.data || !el.map || !el.canvas) return;
  const raw = JSON.parse(el.data.textContent || '{}');
  decode(raw);
  el.map.classList.add('js');
  document.documentElement.classList.add('js');
  setupView();
  setupTimeline();
  setupLists();
  setupSelection();
  setupDetails();
  const id = readHash();
  refilter();
  try {
    D.texts = JSON.parse(await inflateText(raw.text));
  } catch (e) {
    el.map.setAttribute('data-state', 'no-text');
    if (el.status) el.status.textContent = 'This browser cannot unpack the paper texts (DecompressionStream): the map shows without titles.';
    return;
  }
  D.texts.id.forEach((x, i) => { D.index[x] = i; });
  if (S.query) refilter();
  if (id && D.index[id] !== undefined) showPaper(D.index[id]);
  el.map.setAttribute('data-state', 'ready');
}

// The report page: one self-contained HTML file (CSP with no network, Plot charts, map data, inline client script).
import { createHash } from 'node:crypto';
import { CLIENT_SCRIPT } from './client.ts';
import {
  MAP_LAYOUT,
  kCurveChart,
  mapExtent,
  mapFrameChart,
  topTermsChart,
  topicCentres,
  topicSharesChart,
  topicSizesChart,
  trendsChart,
} from './charts.ts';
import { escapeHtml, isolated, jsonForScript, safeHttpUrl } from './escape.ts';
import { colorOf } from './palette.ts';
import { packMap, placedPoints } from './mapPack.ts';
import { baselineText } from '../trends/baseline.ts';
import { lineageText } from './lineage.ts';
import type { ReportLink, ReportModel, ReportPaper, ReportTopic, TopicFlag } from './model.ts';

export type { ReportModel } from './model.ts';

/** The `sha256-...` CSP source of a script's exact text. */
export function scriptHash(script: string): string {
  return `'sha256-${createHash('sha256').update(script, 'utf8').digest('base64')}'`;
}

/** The page's Content-Security-Policy: nothing from the network, only the inline script with this hash. */
export function contentSecurityPolicy(script: string = CLIENT_SCRIPT): string {
  return [
    "default-src 'none'",
    `script-src ${scriptHash(script)}`,
    "style-src 'unsafe-inline'",
    "base-uri 'none'",
    "form-action 'none'",
  ].join('; ');
}

/** A relative link as an escaped href, or null for anything with a scheme or host (the page links nowhere else). */
function relativeHref(href: string): string | null {
  const h = href.trim();
  if (h === '' || /^[a-z][a-z0-9+.-]*:/i.test(h) || h.startsWith('//') || h.includes('\\')) return null;
  return escapeHtml(h);
}

const fmt = (x: number, digits = 3): string => (Number.isFinite(x) ? x.toFixed(digits) : '–');

const FLAG_TEXT: Record<TopicFlag, string> = { rising: 'rising', fading: 'fading', emerging: 'emerging', new: 'new' };

function flagBadges(flags: readonly TopicFlag[]): string {
  return flags.map((f) => `<span class="flag flag-${f}">${FLAG_TEXT[f]}</span>`).join(' ');
}

function swatch(id: number): string {
  return `<span class="swatch" style="background:${colorOf(id)}"></span>`;
}

/** One paper as a list item: the title linked when its URL is http(s), date and upvotes. */
function paperItem(p: ReportPaper, topic: number, showTopic?: string): string {
  const url = safeHttpUrl(p.url);
  const title = url
    ? `<a class="paper-title" href="${escapeHtml(url)}" rel="noopener noreferrer nofollow" target="_blank">${isolated(p.title)}</a>`
    : `<span class="paper-title">${isolated(p.title)}</span>`;
  // the title sits in its own bidi isolate, so direction controls in it cannot turn the date and upvotes around
  const meta = [
    escapeHtml(p.date ?? 'undated'),
    p.upvotes !== null ? `${p.upvotes} upvotes` : null,
    showTopic !== undefined ? isolated(showTopic) : null,
  ]
    .filter((x): x is string => x !== null)
    .join(' · ');
  return `<li class="paper" data-topic="${topic}" data-id="${escapeHtml(p.id)}">${showTopic ? swatch(topic) : ''}${title} <span class="meta">${meta}</span></li>`;
}

function paperList(papers: readonly ReportPaper[], topic: number): string {
  if (papers.length === 0) return '<p class="empty">none</p>';
  return `<ul class="papers">${papers.map((p) => paperItem(p, topic)).join('')}</ul>`;
}

function navLink(link: ReportLink | undefined, rel: string): string {
  if (!link) return '';
  const href = relativeHref(link.href);
  if (href === null) return `<span>${escapeHtml(link.label)}</span>`;
  return `<a href="${href}" rel="${rel}">${escapeHtml(link.label)}</a>`;
}

/** The report's first line: the target period with its days and papers, then the window it is compared in. */
function periodLine(model: ReportModel): string {
  const t = model.target;
  const window = `${model.period.from} – ${model.period.to}${model.period.papers !== undefined ? `, ${model.period.papers} dated papers` : ''}`;
  if (!t) {
    const count = model.period.papers !== undefined ? ` <span class="range">(${model.period.papers} dated papers)</span>` : '';
    return `<p class="period">${escapeHtml(model.period.label)}${count}</p>`;
  }
  return `<p class="period"><strong>${escapeHtml(t.label)}</strong> (${escapeHtml(t.from)} to ${escapeHtml(t.to)}): <strong>${t.papers} papers</strong> <span class="range">· window ${escapeHtml(window)}</span></p>`;
}

function header(model: ReportModel): string {
  const nav = model.nav ?? {};
  const prev = navLink(nav.previous, 'prev');
  const next = navLink(nav.next, 'next');
  const links = [prev && `← ${prev}`, navLink(nav.index, 'index'), next && `${next} →`].filter((x) => x).join(' · ');
  return `<header>
<h1>papermap · ${escapeHtml(model.run)}</h1>
${periodLine(model)}
${links ? `<nav>${links}</nav>` : ''}
</header>`;
}

function dateList(days: readonly string[]): string {
  return days.length === 0 ? 'none' : days.join(', ');
}

function coverage(model: ReportModel): string {
  const c = model.coverage;
  const rows: [string, string][] = [
    ['papers read', String(c.read)],
    ['kept', String(c.kept)],
    ...(c.merged !== undefined ? [['merged duplicates', String(c.merged)] as [string, string]] : []),
    ['rejected', String(c.rejected)],
    ['undated (on the map, not in the series)', String(c.undated)],
    ['days without papers', `${c.daysWithoutPapers.length}: ${dateList(c.daysWithoutPapers)}`],
    ...(c.failedFetches
      ? [
          [
            'failed fetches',
            `${c.failedFetches.length}: ${c.failedFetches.length ? c.failedFetches.map((f) => `${f.item} (${f.reason})`).join(', ') : 'none'}`,
          ] as [string, string],
        ]
      : []),
  ];
  return `<section id="coverage" class="panel"><h2>Coverage</h2>${definitions(rows)}</section>`;
}

/** A definition list of label/value pairs, both escaped. */
function definitions(rows: readonly [string, string][]): string {
  return `<dl>${rows.map(([k, v]) => `<dt>${escapeHtml(k)}</dt><dd>${escapeHtml(v)}</dd>`).join('')}</dl>`;
}

function quality(model: ReportModel): string {
  const q = model.quality;
  const rows: [string, string][] = [
    ['topics', String(model.topics.length)],
    ['k', `${model.kCurve.chosenK}${model.kCurve.how ? ` (${model.kCurve.how})` : ''}`],
    ['silhouette', fmt(q.silhouette)],
    ['coherence (NPMI)', fmt(q.coherence)],
    ['diversity', fmt(q.diversity)],
  ];
  if (q.labelled) {
    const l = q.labelled;
    rows.push(
      ['labelled papers', `${l.papers} in ${l.classes} classes`],
      ['V-measure', fmt(l.vMeasure)],
      ['homogeneity / completeness', `${fmt(l.homogeneity)} / ${fmt(l.completeness)}`],
      ['ARI', fmt(l.ari)],
    );
  }
  return `<section id="quality" class="panel"><h2>Quality</h2>${definitions(rows)}</section>`;
}

function legend(model: ReportModel): string {
  return `<div class="legend" role="group" aria-label="filter by topic">${model.topics
    .map(
      (t) =>
        `<button type="button" data-filter-topic="${t.id}" aria-pressed="false">${swatch(t.id)}${isolated(t.name)} <span class="n">${t.size}</span></button>`,
    )
    .join('')}</div>`;
}

/** Papers the no-JS map draws: all up to NOSCRIPT_POINTS, else an even sample of them. */
const NOSCRIPT_POINTS = 5000;

/**
 * Topic names for the static map, largest topic first, each dropped when its estimated box (7 px a
 * character at 12 px bold, 16 px high) would overlap one already placed: the no-JS map's labels do not collide.
 */
function staticLabels(
  topics: readonly ReportTopic[],
  centres: Map<number, { x: number; y: number }>,
  extent: { x: [number, number]; y: [number, number] },
): { id: number; name: string; x: number; y: number }[] {
  const L = MAP_LAYOUT;
  const w = L.width - L.marginLeft - L.marginRight;
  const h = L.height - L.marginTop - L.marginBottom;
  const placed: [number, number, number, number][] = [];
  const out: { id: number; name: string; x: number; y: number }[] = [];
  for (const t of [...topics].sort((a, b) => b.size - a.size || a.id - b.id)) {
    const c = centres.get(t.id);
    if (!c) continue;
    const cx = ((c.x - extent.x[0]) / (extent.x[1] - extent.x[0])) * w;
    const cy = (1 - (c.y - extent.y[0]) / (extent.y[1] - extent.y[0])) * h;
    const bw = t.name.length * 7 + 6;
    if (bw > w) continue;
    // moved inside the frame rather than cut off at its edge
    const box: [number, number, number, number] = [Math.min(Math.max(cx - bw / 2, 0), w - bw), Math.min(Math.max(cy - 8, 0), h - 16), bw, 16];
    if (placed.some((o) => box[0] < o[0] + o[2] && o[0] < box[0] + box[2] && box[1] < o[1] + o[3] && o[1] < box[1] + box[3])) continue;
    placed.push(box);
    const x = extent.x[0] + ((box[0] + bw / 2) / w) * (extent.x[1] - extent.x[0]);
    const y = extent.y[0] + (1 - (box[1] + 8) / h) * (extent.y[1] - extent.y[0]);
    out.push({ id: t.id, name: t.name, x, y });
  }
  return out;
}

/**
 * The map section: search and controls, the legend, `#map` (a canvas the client fills over a Plot SVG that
 * shows, without JavaScript, up to 5,000 sampled papers and the topic names), the details panel `#paper`,
 * the time chart and the selection list `#selection`.
 */
function mapSection(model: ReportModel): string {
  const extent = mapExtent(model.map.points);
  const points = placedPoints(model);
  const centres = topicCentres(points);
  const labels = staticLabels(model.topics, centres, extent);
  const step = Math.max(1, Math.ceil(points.length / NOSCRIPT_POINTS));
  const sample = points.filter((_, i) => i % step === 0);
  const L = MAP_LAYOUT;
  const pct = (v: number, of: number): string => `${((v / of) * 100).toFixed(4)}%`;
  const canvasStyle = [
    `left:${pct(L.marginLeft, L.width)}`,
    `top:${pct(L.marginTop, L.height)}`,
    `width:${pct(L.width - L.marginLeft - L.marginRight, L.width)}`,
    `height:${pct(L.height - L.marginTop - L.marginBottom, L.height)}`,
  ].join(';');
  const data = packMap(model, extent, points, centres);
  const small = model.tooFewToCluster
    ? `<p class="note">${escapeHtml(model.kCurve.how ?? 'Too few papers to cluster')}: the map shows no structure; the papers are listed below.</p>\n`
    : '';
  const sampled =
    (step > 1 ? ` <span class="nojs">Without JavaScript the map shows ${sample.length} of ${points.length} papers.</span>` : '') +
    (data.excerpt < 1000 ? ` <span class="note">At ${points.length} papers the page keeps the first ${data.excerpt} characters of each abstract (search and details use those).</span>` : '');
  return `<section id="map-section"><h2>Topic map</h2>
${small}<div class="controls"><input type="search" id="search" placeholder="Search titles, abstracts, authors" aria-label="Search titles, abstracts and authors" autocomplete="off"> <button type="button" id="map-reset" title="Show the whole map (key 0)">Whole map</button> <span id="status" aria-live="polite">${points.length} papers</span>${sampled}</div>
<p class="hint">wheel, pinch or + − zoom · drag or arrows pan · 0 whole map · click a paper for details · Shift-drag a box or Alt-drag a lasso to select · drag on the time chart to pick dates · Esc closes</p>
<div class="map-wrap">
<div id="map" class="map" tabindex="0" aria-label="topic map: wheel or + and - zoom, drag or arrows pan, 0 shows the whole map, click a paper for its details" data-points="0" data-total="${data.n}" data-matches="${data.n}" style="max-width:${L.width}px">
<canvas id="map-canvas" style="${canvasStyle}" aria-label="papers on the map"></canvas>
${mapFrameChart({ extent, labels, points: sample })}
<div id="map-tooltip" class="tooltip" role="tooltip" hidden></div>
</div>
<aside id="paper" class="paper-panel" aria-live="polite" hidden><button type="button" class="paper-close" aria-label="close (Esc)">×</button><div class="paper-body"></div></aside>
</div>
<canvas id="timeline" class="timeline" aria-label="papers per week: drag to choose a time range, click to clear it" style="max-width:${L.width}px"></canvas>
${legend(model)}
<section id="selection-panel" class="selection-panel" hidden><h3>Selection <span class="sel-count n">0</span></h3>
<p class="sel-controls">sort by <button type="button" data-sort="date" aria-pressed="true">date</button> <button type="button" data-sort="upvotes" aria-pressed="false">upvotes</button> · <button type="button" id="selection-csv">download CSV</button> <button type="button" id="selection-clear">clear</button></p>
<ol id="selection"></ol></section>
<script type="application/json" id="map-data">${jsonForScript(data)}</script>
</section>`;
}

function charts(model: ReportModel): string {
  const trendTest = model.trendTest ? `<p class="note">${escapeHtml(model.trendTest)}</p>` : '';
  return `<section id="charts"><h2>Topics at a glance</h2>
<figure><figcaption>Topic sizes (papers)</figcaption>${topicSizesChart(model.topics)}</figure>
<figure><figcaption>Topic shares over time <span class="note">(the largest topics, each as its share of the period's papers; hover for the figures)</span></figcaption>${topicSharesChart({ periods: model.periods, topics: model.topics, target: model.targetPeriod })}</figure>
<figure><figcaption>Rising and fading topics</figcaption>${trendsChart(model.topics, model.trendBaseline)}${trendTest}</figure>
<figure><figcaption>Choosing k</figcaption>${kCurveChart(model.kCurve)}</figure>
</section>`;
}

function trendLine(t: ReportTopic, model: ReportModel): string {
  if (!t.trend?.tested || !model.trendBaseline) return '';
  return baselineText(t.trend, model.trendBaseline);
}

function topicSection(t: ReportTopic, model: ReportModel): string {
  const counts = model.periods.map((p, i) => `${p}: ${t.counts[i] ?? 0}`).join(' · ');
  const history = t.history?.length
    ? `<p class="history">earlier runs: ${t.history.map((h) => `${escapeHtml(h.run)}: ${h.size}`).join(' · ')}</p>`
    : '';
  const trend = trendLine(t, model);
  const lineage = lineageText(t);
  return `<section class="topic" id="topic-${t.id}" data-topic="${t.id}">
<h3>${swatch(t.id)}${isolated(t.name)} ${flagBadges(t.flags)}</h3>
<p class="topic-meta">${t.size} papers${lineage ? ` · ${isolated(lineage)}` : ''}${trend ? ` · ${escapeHtml(trend)}` : ''} <button type="button" data-filter-topic="${t.id}" aria-pressed="false">show on map</button></p>
<p class="terms">${t.terms.map((x) => isolated(x.term)).join(', ')}</p>
<div class="topic-body"><div class="topic-chart">${topTermsChart(t)}</div><div class="topic-papers">
<p class="counts">${escapeHtml(counts)}</p>${history}
<h4>Representative papers</h4>${paperList(t.representatives, t.id)}
<h4>Most upvoted</h4>${paperList(t.mostUpvoted, t.id)}
</div></div>
</section>`;
}

/** The most papers the period's list shows (most upvoted first); the rest are on the map, by its time chart. */
export const TARGET_LIST_MAX = 1000;

function targetPapers(model: ReportModel): string {
  if (!model.targetPapers) return '';
  const names = new Map(model.topics.map((t) => [t.id, t.name]));
  const heading = model.targetPeriod ? `Papers of ${escapeHtml(model.targetPeriod)}` : 'Papers of the period';
  const all = model.targetPapers;
  const shown = all.slice(0, TARGET_LIST_MAX);
  const items = shown.map((p) => paperItem(p, p.topic, names.get(p.topic) ?? `topic ${p.topic}`)).join('');
  const more =
    all.length > shown.length
      ? `<p class="note">The ${shown.length} most upvoted of ${all.length}; the others are on the map (drag across the time chart under it to pick the period).</p>`
      : '';
  return `<section id="target-papers"><h2>${heading} <span class="n">${all.length}</span></h2>${more}${
    items ? `<ul class="papers">${items}</ul>` : '<p class="empty">none</p>'
  }</section>
`;
}

function gone(model: ReportModel): string {
  if (!model.gone?.length) return '';
  return `<section id="gone"><h2>Gone since the previous run</h2><ul>${model.gone
    .map((g) => `<li>${isolated(g.name)} <span class="meta">(topic ${g.id}, ${g.size} papers)</span></li>`)
    .join('')}</ul></section>`;
}

const STYLE = `
:root{color-scheme:light dark;font-family:system-ui,sans-serif;line-height:1.4;--bg:#fff;--fg:#222;--fg-soft:#555;--muted:#666;--line:#ddd;--panel:#fafafa;--link:#1f5fa8;--halo:rgba(255,255,255,0.9);--dim:#888;--ring:#111;--accent:#3b6fb6;--plot-background:#fff;color:var(--fg);background:var(--bg)}
@media (prefers-color-scheme: dark){:root{--bg:#15171a;--fg:#e4e4e4;--fg-soft:#b8b8b8;--muted:#a0a0a0;--line:#3a3d42;--panel:#202328;--link:#8ab4f8;--halo:rgba(21,23,26,0.9);--dim:#9aa0a6;--ring:#f1f1f1;--accent:#7fa7e6;--plot-background:#15171a}
.map svg text[stroke=white]{stroke:#15171a}}
body{margin:0 auto;max-width:1100px;padding:0 16px 48px;background:var(--bg)}
header{border-bottom:1px solid var(--line);margin-bottom:16px}
h1{font-size:1.6em;margin:16px 0 4px}.period{margin:0 0 8px;color:var(--fg-soft)}.range{color:var(--muted)}
nav{margin-bottom:8px}a{color:var(--link)}
main{display:flex;flex-direction:column}
.panels{display:flex;flex-wrap:wrap;gap:16px}.panel{flex:1 1 320px;border:1px solid var(--line);border-radius:6px;padding:0 12px 8px}
dl{display:grid;grid-template-columns:auto 1fr;gap:2px 12px;margin:0}dt{color:var(--fg-soft)}dd{margin:0;font-variant-numeric:tabular-nums}
.controls{margin:8px 0}#search{font:inherit;padding:4px 8px;width:min(360px,100%)}#status{color:var(--muted);margin-left:8px}
.legend{display:flex;flex-wrap:wrap;gap:4px;margin:8px 0}
button{font:inherit;font-size:12px;border:1px solid var(--line);background:var(--panel);color:var(--fg);border-radius:4px;padding:2px 6px;cursor:pointer}
button[aria-pressed=true]{background:var(--fg);color:var(--bg);border-color:var(--fg)}
.swatch{display:inline-block;width:10px;height:10px;border-radius:2px;margin-right:5px;vertical-align:baseline}
.map-wrap{position:relative;display:flex;gap:12px;align-items:flex-start}
.map{position:relative;width:100%;flex:1 1 auto}.map svg{position:relative;z-index:1;width:100%;height:auto;pointer-events:none}
#map-canvas{position:absolute;z-index:0;touch-action:none;cursor:grab}.map.js svg{visibility:hidden}.map.js #map-canvas{outline:1px solid var(--line)}.map:focus{outline:2px solid #8ab4f8}
.nojs{color:var(--muted);font-size:12px}.js .nojs{display:none}
.paper-panel{flex:0 0 300px;max-height:600px;overflow:auto;border:1px solid var(--line);border-radius:6px;padding:4px 12px 8px;background:var(--panel);position:relative;font-size:13px}
.paper-panel h3{font-size:15px;margin:4px 20px 6px 0}.paper-close{position:absolute;right:6px;top:6px}.paper-abstract{white-space:pre-wrap}.k{color:var(--muted)}
.timeline{display:block;width:100%;height:72px;margin-top:6px;cursor:crosshair;touch-action:none}
.selection-panel{border:1px solid var(--line);border-radius:6px;padding:0 12px 8px;margin:8px 0}.selection-panel h3{margin:8px 0 4px}
#selection{max-height:320px;overflow:auto;padding-left:24px;margin:4px 0;font-size:13px}#selection li{margin:2px 0}.sel-details{margin-left:6px;font-size:11px;padding:0 4px}
.hint{color:var(--muted);font-size:12px;margin:0 0 4px}
.tooltip{position:absolute;z-index:2;max-width:320px;background:var(--bg);color:var(--fg);border:1px solid var(--line);border-radius:4px;padding:4px 8px;font-size:12px;box-shadow:0 2px 6px rgba(0,0,0,.15);pointer-events:none}.tip-abstract{color:var(--fg-soft);margin-top:2px}
figure{margin:16px 0}figcaption{font-weight:600;margin-bottom:4px}.kcurve{display:flex;flex-wrap:wrap;gap:16px}
.note,.meta,.counts,.history,.empty{color:var(--muted);font-size:12px}
.flag{font-size:11px;border-radius:3px;padding:1px 5px;color:#fff;vertical-align:middle}
.flag-rising{background:#2a9d3f}.flag-fading{background:#d1495b}.flag-emerging{background:#7b3fb5}.flag-new{background:#1f78b4}
.topic{border-top:1px solid var(--line);padding-top:4px}.topic h3{margin:12px 0 4px}.terms{margin:4px 0;color:var(--fg)}
.topic-body{display:flex;flex-wrap:wrap;gap:16px}.topic-chart{flex:0 0 320px}.topic-papers{flex:1 1 400px}
.papers{padding-left:18px;margin:4px 0}.papers li{margin:2px 0}h4{margin:8px 0 2px;font-size:13px}
svg{color:var(--fg)}
@media (max-width: 720px){body{padding:0 8px 32px}#map-section{order:-1}.map-wrap{flex-direction:column}.paper-panel{flex:none;width:auto;max-height:none;align-self:stretch}
.legend{flex-wrap:nowrap;overflow-x:auto;padding-bottom:4px}.legend button{flex:0 0 auto}.hint{display:none}.topic-chart{flex:1 1 100%}h1{font-size:1.3em}}
[hidden]{display:none!important}
`;

/** The whole report as one self-contained HTML document (no request when opened). */
export function renderReport(model: ReportModel): string {
  const title = `papermap · ${model.run} · ${model.period.label}`;
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${escapeHtml(contentSecurityPolicy(CLIENT_SCRIPT))}">
<meta name="referrer" content="no-referrer">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)}</title>
<style>${STYLE}</style>
</head>
<body>
${header(model)}
<main>
<div class="panels">${coverage(model)}${quality(model)}</div>
${mapSection(model)}
${charts(model)}
${targetPapers(model)}
<section id="topics"><h2>Topics</h2>
${model.topics.map((t) => topicSection(t, model)).join('\n')}
</section>
${gone(model)}
</main>
<footer class="note">papermap report${model.generatedAt ? ` · generated ${escapeHtml(model.generatedAt)}` : ''}</footer>
<script>${CLIENT_SCRIPT}</script>
</body>
</html>
`;
}

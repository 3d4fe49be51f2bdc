// Report charts: data in, SVG markup out, rendered on the server with Observable Plot under jsdom.
import * as Plot from '@observablehq/plot';
import { JSDOM } from 'jsdom';
import { colorOf } from './palette.ts';
import type { KCurvePoint, MapPoint, ReportTopic, TopicFlag, TrendBaseline } from './model.ts';
import { baselineShort, baselineText, windowPhrase } from '../trends/baseline.ts';
import { stripBidi } from './escape.ts';

/** Sizes and margins of the charts; the map's are fixed so the page can lay its canvas over the plot area. */
export const defaults = Object.freeze({
  width: 640,
  barStep: 18,
  namesMargin: 210,
  namesLineWidth: 19,
  termsWidth: 320,
  termsMargin: 130,
  kCurveWidth: 320,
  kCurveHeight: 200,
  ratioClamp: 16,
});

/** The map frame's outer size and margins in pixels; the plot area is what the canvas covers. */
export const MAP_LAYOUT = Object.freeze({
  width: 880,
  height: 600,
  marginTop: 8,
  marginRight: 8,
  marginBottom: 8,
  marginLeft: 8,
});
export type MapLayout = typeof MAP_LAYOUT;

/** Colours of the trend flags (`steady` = tested, not flagged). */
export const FLAG_COLORS: Readonly<Record<TopicFlag | 'steady', string>> = Object.freeze({
  rising: '#2a9d3f',
  emerging: '#7b3fb5',
  fading: '#d1495b',
  new: '#1f78b4',
  steady: '#9e9e9e',
});

let sharedDocument: Document | null = null;

/** One jsdom document for every chart: Plot builds detached elements in it, nothing is attached. */
function plotDocument(): Document {
  sharedDocument ??= new JSDOM('<!DOCTYPE html>').window.document;
  return sharedDocument;
}

/** Plot's figure or SVG as markup. Every text from the input goes through Plot's marks, which escape it. */
function render(options: Plot.PlotOptions): string {
  return Plot.plot({ ...options, document: plotDocument() }).outerHTML;
}

/** An ordinal colour scale mapping topic ids to their colours (colour = f(id), whatever the order shown). */
function topicColor(ids: readonly number[]): Plot.ScaleOptions {
  return { type: 'ordinal', domain: [...ids], range: ids.map(colorOf) };
}

/** The y tick format showing a topic's name for its id. */
function nameOf(topics: readonly { id: number; name: string }[]): (id: number) => string {
  const names = new Map(topics.map((t) => [t.id, stripBidi(t.name)]));
  return (id) => names.get(id) ?? `topic ${id}`;
}

/** The y axis of a per-topic chart: topic names, cut with an ellipsis where long. */
function namesAxis(rows: readonly { id: number; name: string }[]): Plot.CompoundMark {
  return Plot.axisY({ tickFormat: nameOf(rows), lineWidth: defaults.namesLineWidth, textOverflow: 'ellipsis', tickSize: 0 });
}

/** At most `max` evenly spread indices of 0..n-1 (tick positions for long series), always the last one. */
function spreadTicks(n: number, max: number): number[] {
  if (n <= max) return Array.from({ length: n }, (_, i) => i);
  const step = Math.ceil((n - 1) / (max - 1));
  const ticks: number[] = [];
  for (let i = n - 1; i >= 0; i -= step) ticks.unshift(i);
  return ticks;
}

export type TopicSizeDatum = Pick<ReportTopic, 'id' | 'name' | 'size'>;

/** Topic sizes: one horizontal bar a topic, largest first, coloured by topic id, the name as label. */
export function topicSizesChart(topics: readonly TopicSizeDatum[]): string {
  const rows = [...topics].map((t) => ({ ...t, name: stripBidi(t.name) })).sort((a, b) => b.size - a.size || a.id - b.id);
  const ids = rows.map((t) => t.id);
  return render({
    ariaLabel: 'topic sizes',
    width: defaults.width,
    height: 50 + rows.length * defaults.barStep,
    marginLeft: defaults.namesMargin,
    marginRight: 40,
    x: { label: 'papers', grid: true },
    y: { domain: ids, label: null },
    color: topicColor(ids),
    marks: [
      namesAxis(rows),
      Plot.barX(rows, { x: 'size', y: 'id', fill: 'id', title: 'name' }),
      Plot.text(rows, { x: 'size', y: 'id', text: (d: TopicSizeDatum) => String(d.size), textAnchor: 'start', dx: 4 }),
      Plot.ruleX([0]),
    ],
  });
}

export interface SharesData {
  /** Period labels, oldest first. */
  periods: readonly string[];
  /** Counts per topic, aligned with periods. */
  topics: readonly Pick<ReportTopic, 'id' | 'name' | 'counts'>[];
  /** The period to mark (the target week). */
  target?: string;
}

interface ShareRow {
  p: number;
  id: number;
  name: string;
  count: number;
  /** count / the period's papers (0 for an empty period). */
  share: number;
}

/** Topics the shares chart draws, one small chart each: the largest. */
export const SHARES_TOPICS = 8;

/**
 * Shares over time as small multiples: one row per largest topic (up to SHARES_TOPICS, by papers), its share
 * of each period's papers as a step area in its colour, the row named by the topic, the target period marked.
 * Each row reads alone, with no 30-colour stack to decode; hovering a bar or step shows period, topic and share
 * (the SVG's own title, no script).
 */
export function topicSharesChart(data: SharesData): string {
  const { periods, topics } = data;
  const totals = periods.map((_, p) => topics.reduce((sum, t) => sum + (t.counts[p] ?? 0), 0));
  const size = (t: Pick<ReportTopic, 'counts'>): number => t.counts.reduce((a, b) => a + b, 0);
  const top = [...topics].sort((a, b) => size(b) - size(a) || a.id - b.id).slice(0, SHARES_TOPICS);
  const name = nameOf(topics);
  const rows: ShareRow[] = [];
  for (const t of top) {
    for (let p = 0; p < periods.length; p++) {
      const count = t.counts[p] ?? 0;
      rows.push({ p, id: t.id, name: stripBidi(t.name), count, share: totals[p] > 0 ? count / totals[p] : 0 });
    }
  }
  const tickFormat = (i: number): string => periods[i] ?? '';
  const target = data.target === undefined ? -1 : periods.indexOf(data.target);
  const ids = top.map((t) => t.id);
  const title = (d: ShareRow): string =>
    `${periods[d.p]} · ${name(d.id)}: ${(d.share * 100).toFixed(1)}% (${d.count} of ${totals[d.p]} papers)`;
  const few = periods.length < 3;
  const names = top.map((t) => ({ id: t.id, name: stripBidi(t.name) }));
  return render({
    ariaLabel: 'topic shares over time',
    width: defaults.width,
    height: 30 + top.length * 56 + 30,
    marginLeft: 44,
    marginRight: 44,
    marginTop: 30,
    marginBottom: 30,
    color: topicColor(ids),
    fy: { domain: ids, axis: null, padding: 0.3 },
    x: few
      ? { type: 'band', domain: periods.map((_, i) => i), tickFormat, label: null }
      : { domain: [0, Math.max(1, periods.length - 1)], ticks: spreadTicks(periods.length, 6), tickFormat, label: null },
    y: { label: 'share of the period (%)', percent: true, ticks: 2, grid: true },
    marks: [
      few
        ? Plot.barY(rows, { x: 'p', y: 'share', fy: 'id', fill: 'id', title })
        : Plot.areaY(rows, { x: 'p', y: 'share', fy: 'id', fill: 'id', fillOpacity: 0.85, curve: 'step', title }),
      ...(target >= 0 ? [Plot.ruleX([target], { stroke: 'currentColor', strokeOpacity: 0.6, strokeDasharray: '3,3' })] : []),
      Plot.ruleY([0]),
      // each row's topic name above its chart, at the left
      Plot.text(names, { fy: 'id', text: 'name', frameAnchor: 'top-left', dy: -13, fontWeight: 'bold', fill: 'id', lineWidth: 40, textOverflow: 'ellipsis' }),
    ],
  });
}

/** Log-axis ticks of the trends chart: powers of two either side of 1. */
const RATIO_TICKS = [1 / 16, 1 / 8, 1 / 4, 1 / 2, 1, 2, 4, 8, 16];

/** `1/4`, `1`, `4`: a ratio as its tick label. */
function ratioFormat(r: number): string {
  return r < 1 ? `1/${Math.round(1 / r)}` : String(Math.round(r));
}

export type TrendDatum = Pick<ReportTopic, 'id' | 'name' | 'flags' | 'trend'>;

interface TrendRow {
  id: number;
  name: string;
  flag: TopicFlag | 'steady';
  ratio: number;
  low: number;
  high: number;
  infinite: boolean;
  label: string;
  title: string;
}

/** The flag that colours a topic in the trends chart (rising, emerging, fading, else new, else steady). */
function mainFlag(flags: readonly TopicFlag[]): TopicFlag | 'steady' {
  for (const f of ['rising', 'emerging', 'fading', 'new'] as const) if (flags.includes(f)) return f;
  return 'steady';
}

/**
 * Rising and fading topics: each tested topic's rate ratio (target period against the trailing window,
 * the baseline every figure of the report uses) on a log axis with its exact 95% interval, coloured by its
 * flag, labelled with its count, its expectation and its q-value. Ratios and ends beyond the clamp (an
 * empty window gives ∞) are drawn at the clamp, a triangle marking an infinite ratio.
 */
export function trendsChart(topics: readonly TrendDatum[], baseline?: TrendBaseline): string {
  const clamp = defaults.ratioClamp;
  const clampRatio = (r: number | null): number =>
    r === null || !Number.isFinite(r) ? clamp : Math.min(clamp, Math.max(1 / clamp, r === 0 ? 1 / clamp : r));
  const rows: TrendRow[] = [];
  for (const t of topics) {
    if (!t.trend?.tested || !baseline) continue;
    const tr = t.trend;
    const infinite = tr.rateRatio === null;
    rows.push({
      id: t.id,
      name: stripBidi(t.name),
      flag: mainFlag(t.flags),
      ratio: clampRatio(tr.rateRatio),
      low: clampRatio(tr.ci ? tr.ci[0] : tr.rateRatio),
      high: clampRatio(tr.ci ? tr.ci[1] : tr.rateRatio),
      infinite,
      label: baselineShort(tr),
      title: `${stripBidi(t.name)}: ${baselineText(tr, baseline)}`,
    });
  }
  rows.sort((a, b) => b.ratio - a.ratio || a.id - b.id);
  const ids = rows.map((r) => r.id);
  const flags = Object.keys(FLAG_COLORS) as (TopicFlag | 'steady')[];
  const maxRatio = Math.max(2, ...rows.map((r) => r.high));
  const minRatio = Math.min(0.5, ...rows.map((r) => r.low));
  return render({
    ariaLabel: 'rising and fading topics',
    width: defaults.width,
    height: 50 + Math.max(1, rows.length) * defaults.barStep,
    marginLeft: defaults.namesMargin,
    marginRight: 150,
    x: {
      type: 'log',
      base: 2,
      domain: [minRatio / 1.2, maxRatio * 1.2],
      ticks: RATIO_TICKS.filter((r) => r >= minRatio / 1.2 && r <= maxRatio * 1.2),
      tickFormat: ratioFormat,
      label: baseline ? `rate ratio, ${baseline.target} against ${windowPhrase(baseline)} (95% CI)` : 'rate ratio',
      grid: true,
    },
    y: { domain: ids, label: null },
    color: { type: 'ordinal', domain: flags, range: flags.map((f) => FLAG_COLORS[f]) },
    marks: [
      namesAxis(rows),
      Plot.ruleX([1], { stroke: '#444' }),
      Plot.ruleY(rows, { y: 'id', x1: 'low', x2: 'high', stroke: 'flag', strokeWidth: 2, strokeOpacity: 0.6 }),
      Plot.dot(rows, {
        y: 'id',
        x: 'ratio',
        fill: 'flag',
        r: 4,
        symbol: (d: TrendRow) => (d.infinite ? 'triangle' : 'circle'),
        title: (d: TrendRow) => `${d.title} (${d.flag})`,
      }),
      Plot.text(rows, { y: 'id', x: 'high', text: 'label', textAnchor: 'start', dx: 8 }),
    ],
  });
}

export type TermsDatum = Pick<ReportTopic, 'id' | 'name' | 'terms'>;

/** Top terms of one topic: bars of c-TF-IDF weight, best first, in the topic's colour. */
export function topTermsChart(topic: TermsDatum, n = 10): string {
  const terms = topic.terms.slice(0, n);
  return render({
    ariaLabel: `top terms of ${stripBidi(topic.name)}`,
    width: defaults.termsWidth,
    height: 40 + Math.max(1, terms.length) * defaults.barStep,
    marginLeft: defaults.termsMargin,
    marginRight: 20,
    x: { label: 'c-TF-IDF weight', grid: true, ticks: 4 },
    y: { domain: terms.map((t) => t.term), label: null },
    marks: [
      Plot.axisY({ lineWidth: 12, textOverflow: 'ellipsis', tickSize: 0 }),
      Plot.barX(terms, { x: 'weight', y: 'term', fill: colorOf(topic.id) }),
      Plot.ruleX([0]),
    ],
  });
}

export interface KCurveData {
  points: readonly KCurvePoint[];
  chosenK: number;
}

/** One panel of the k-selection curve: a metric against k, the chosen k marked. */
function kPanel(
  points: readonly KCurvePoint[],
  chosenK: number,
  metric: 'silhouette' | 'inertia',
  label: string,
): string {
  const chosen = points.filter((p) => p.k === chosenK);
  return render({
    ariaLabel: `${metric} against k`,
    width: defaults.kCurveWidth,
    height: defaults.kCurveHeight,
    marginLeft: 56,
    x: { label: 'k', grid: true, ticks: Math.min(8, Math.max(1, points.length)), tickFormat: 'd' },
    y: { label, grid: true, ticks: 5 },
    marks: [
      Plot.ruleX([chosenK], { stroke: '#d1495b', strokeDasharray: '3,3' }),
      Plot.line(points, { x: 'k', y: metric, stroke: '#4e79a7' }),
      Plot.dot(points, { x: 'k', y: metric, fill: '#4e79a7', r: 2.5 }),
      Plot.dot(chosen, { x: 'k', y: metric, stroke: '#d1495b', r: 6, strokeWidth: 2 }),
      Plot.text(chosen, { x: 'k', y: metric, text: () => `k = ${chosenK}`, dy: -12, fill: '#d1495b' }),
    ],
  });
}

/** The k-selection curve: silhouette and inertia against k side by side (two SVGs in one div). */
export function kCurveChart(data: KCurveData): string {
  const points = [...data.points].sort((a, b) => a.k - b.k);
  return (
    '<div class="kcurve">' +
    kPanel(points, data.chosenK, 'silhouette', 'silhouette ↑') +
    kPanel(points, data.chosenK, 'inertia', 'inertia ↓') +
    '</div>'
  );
}

/** The map's data extent: x and y domains padded by 4% a side (so points never sit on the frame). */
export interface MapExtent {
  x: [number, number];
  y: [number, number];
}

/** The padded extent of the map points (a unit square around 0 when there are none). */
export function mapExtent(points: readonly Pick<MapPoint, 'x' | 'y'>[]): MapExtent {
  let x0 = Infinity;
  let x1 = -Infinity;
  let y0 = Infinity;
  let y1 = -Infinity;
  for (const p of points) {
    if (!Number.isFinite(p.x) || !Number.isFinite(p.y)) continue;
    if (p.x < x0) x0 = p.x;
    if (p.x > x1) x1 = p.x;
    if (p.y < y0) y0 = p.y;
    if (p.y > y1) y1 = p.y;
  }
  if (x0 > x1) return { x: [-1, 1], y: [-1, 1] };
  const pad = (a: number, b: number): [number, number] => {
    const d = b - a || 1;
    return [a - d * 0.04, b + d * 0.04];
  };
  return { x: pad(x0, x1), y: pad(y0, y1) };
}

export interface MapLabel {
  id: number;
  name: string;
  x: number;
  y: number;
}

export interface MapFrameData {
  extent: MapExtent;
  /** Topic names at their centres. */
  labels: readonly MapLabel[];
  /** Papers drawn in the SVG itself (the map without JavaScript): a sample, at most a few thousand. */
  points?: readonly Pick<MapPoint, 'x' | 'y' | 'topic'>[];
}

/**
 * The static map at MAP_LAYOUT's size over the exact extent (no nice rounding, no insets): the given papers
 * as dots and the topic names at their centres with a halo. No axes: a UMAP map's x and y mean nothing.
 * With JavaScript the page hides it and draws every paper on a canvas over the same plot area.
 */
export function mapFrameChart(data: MapFrameData, layout: MapLayout = MAP_LAYOUT): string {
  const points = data.points ?? [];
  const r = points.length > 3000 ? 1.3 : points.length > 500 ? 2 : 3;
  return render({
    ariaLabel: 'topic map',
    ...layout,
    x: { domain: data.extent.x, nice: false, axis: null },
    y: { domain: data.extent.y, nice: false, axis: null },
    marks: [
      Plot.frame({ stroke: '#ccc' }),
      Plot.dot(points, { x: 'x', y: 'y', r, fill: (d: Pick<MapPoint, 'topic'>) => colorOf(d.topic), fillOpacity: 0.75, stroke: null }),
      Plot.text(data.labels, {
        x: 'x',
        y: 'y',
        text: 'name',
        fill: (d: MapLabel) => colorOf(d.id),
        stroke: 'white',
        strokeWidth: 4,
        fontWeight: 'bold',
        fontSize: 12,
      }),
    ],
  });
}

/** The centre of each topic's points on the map (the mean), by topic id. */
export function topicCentres(
  points: readonly Pick<MapPoint, 'x' | 'y' | 'topic'>[],
): Map<number, { x: number; y: number }> {
  const acc = new Map<number, { x: number; y: number; n: number }>();
  for (const p of points) {
    const a = acc.get(p.topic) ?? { x: 0, y: 0, n: 0 };
    a.x += p.x;
    a.y += p.y;
    a.n += 1;
    acc.set(p.topic, a);
  }
  return new Map([...acc].map(([id, a]) => [id, { x: a.x / a.n, y: a.y / a.n }]));
}

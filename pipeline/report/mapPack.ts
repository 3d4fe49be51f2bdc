// The map's data packed for the page: quantised coordinates and numbers as base64 typed arrays, texts in one deflate block.
import { deflateRawSync } from 'node:zlib';
import { dayNumber } from '../dates.ts';
import { safeHttpUrl, stripBidi } from './escape.ts';
import { colorOf } from './palette.ts';
import type { MapExtent } from './charts.ts';
import type { MapPoint, ReportModel } from './model.ts';

/** Quantisation of map coordinates: 0..MAP_QUANT over the frame's extent (fits a Uint16). */
export const MAP_QUANT = 10000;

/** Stored for an undated paper's day and for a paper without upvotes (Uint16 maximum). */
export const NONE_U16 = 0xffff;

/**
 * The longest excerpt of an abstract in a report: 1,000 characters up to 20,000 papers, falling to 200
 * at 100,000, then as (100k/n)^0.7 to 40 at a million, so that a million-paper page stays near 80 MB.
 */
export function excerptLength(papers: number): number {
  const n = Math.max(1, papers);
  if (n <= 100_000) return Math.max(200, Math.min(1000, Math.floor(20_000_000 / n)));
  return Math.max(40, Math.floor(200 * (100_000 / n) ** 0.7));
}

/** What the client reads from `#map-data` (see client/README in client.ts). */
export interface PackedMap {
  n: number;
  /** x, y pairs quantised to 0..MAP_QUANT over `extent` (y up): base64 of little-endian Uint16. */
  xy: string;
  /** Topic id per paper: base64 little-endian Uint16. */
  t: string;
  /** Day per paper as days after `day0` (days since 1970-01-01), NONE_U16 when undated: base64 little-endian Uint16. */
  day: string;
  /** The day that `day` counts from. */
  day0: number;
  /** Upvotes per paper (at most 65,534), NONE_U16 when unknown: base64 little-endian Uint16. */
  up: string;
  /** deflate-raw of the UTF-8 JSON { id, title, authors, abstract, url } (parallel string arrays), in base64. */
  text: string;
  /** Characters kept of each abstract. */
  excerpt: number;
  topics: { id: number; name: string; color: string; size: number; c?: [number, number] }[];
  /** The frame's extent in the coordinates of papermap export's x and y: x0, x1, y0, y1. */
  extent: [number, number, number, number];
}

/** The texts of the packed map, as the client gets them back after inflating `text`. */
export interface PackedTexts {
  id: string[];
  title: string[];
  authors: string[];
  abstract: string[];
  /** The record's own http(s) link, '' when it has none or it is the Hugging Face page made from the id. */
  url: string[];
}

function u16(values: ArrayLike<number>): string {
  const buf = Buffer.alloc(values.length * 2);
  for (let i = 0; i < values.length; i++) buf.writeUInt16LE(values[i], 2 * i);
  return buf.toString('base64');
}


/** C0 controls and bidi controls out; whitespace folded, so a text shows as one line or paragraph. */
function clean(text: string): string {
  return stripBidi(text)
    // biome-ignore lint/suspicious/noControlCharactersInRegex: matching control characters is the point here
    .replace(/[\u0000-\u001f\u007f]+/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}

/** An excerpt cut at a word boundary near `max` characters, with an ellipsis when cut. */
export function excerpt(text: string, max: number): string {
  const t = clean(text);
  if (t.length <= max) return t;
  const cut = t.slice(0, max - 1);
  const space = cut.lastIndexOf(' ');
  return `${(space > max * 0.8 ? cut.slice(0, space) : cut).trimEnd()}…`;
}

/** The record's own link when the page cannot make it from the id (it makes the Hugging Face one). */
function ownUrl(p: MapPoint): string {
  const url = safeHttpUrl(p.url);
  if (!url || url === `https://huggingface.co/papers/${p.id}`) return '';
  return url;
}

/** The points of the map with finite coordinates (the others cannot be placed). */
export function placedPoints(model: ReportModel): MapPoint[] {
  return model.map.points.filter((p) => Number.isFinite(p.x) && Number.isFinite(p.y));
}

/**
 * Packs the map for the page from its placed points (placedPoints) and their topic centres (topicCentres);
 * the same model gives the same bytes (deflate at a fixed level).
 */
export function packMap(
  model: ReportModel,
  extent: MapExtent,
  points: readonly MapPoint[],
  centres: ReadonlyMap<number, { x: number; y: number }>,
): PackedMap {
  const [x0, x1] = extent.x;
  const [y0, y1] = extent.y;
  const quant = (v: number, a: number, b: number): number =>
    Math.min(MAP_QUANT, Math.max(0, Math.round(((v - a) / (b - a)) * MAP_QUANT)));
  const n = points.length;
  const xy = new Uint16Array(2 * n);
  const topicIds = new Uint16Array(n);
  const days = new Uint16Array(n);
  const ups = new Uint16Array(n);
  const dayNumbers = points.map((p) => (p.date ? dayNumber(p.date) : null));
  const day0 = dayNumbers.reduce<number>((lo, d) => (d !== null && d < lo ? d : lo), Infinity);
  const base = Number.isFinite(day0) ? day0 : 0;
  const max = excerptLength(n);
  const texts: PackedTexts = { id: [], title: [], authors: [], abstract: [], url: [] };
  points.forEach((p, i) => {
    xy[2 * i] = quant(p.x, x0, x1);
    xy[2 * i + 1] = quant(p.y, y0, y1);
    topicIds[i] = p.topic;
    const d = dayNumbers[i];
    // papers are dated 1990..tomorrow (ingest refuses the rest): fewer than 65,535 days after the first
    days[i] = d === null ? NONE_U16 : Math.min(NONE_U16 - 1, d - base);
    ups[i] = p.upvotes === null ? NONE_U16 : Math.min(NONE_U16 - 1, Math.max(0, p.upvotes));
    texts.id.push(clean(p.id));
    texts.title.push(clean(p.title));
    texts.authors.push(excerpt(p.authors, 300));
    texts.abstract.push(excerpt(p.abstract, max));
    texts.url.push(ownUrl(p));
  });
  const ids = new Set(points.map((p) => p.topic));
  const known = new Map(model.topics.map((t) => [t.id, t.name]));
  const sizes = new Map<number, number>();
  for (const p of points) sizes.set(p.topic, (sizes.get(p.topic) ?? 0) + 1);
  const topics = [...new Set([...model.topics.map((t) => t.id), ...ids])].map((id) => {
    const c = centres.get(id);
    return {
      id,
      name: known.get(id) ?? `topic ${id}`,
      color: colorOf(id),
      size: sizes.get(id) ?? 0,
      ...(c ? { c: [quant(c.x, x0, x1), quant(c.y, y0, y1)] as [number, number] } : {}),
    };
  });
  const text = deflateRawSync(Buffer.from(JSON.stringify(texts), 'utf8'), { level: 9 }).toString('base64');
  return { n, xy: u16(xy), t: u16(topicIds), day: u16(days), day0: base, up: u16(ups), text, excerpt: max, topics, extent: [x0, x1, y0, y1] };
}

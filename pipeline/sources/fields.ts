// Generic paper objects (JSON, JSONL and CSV rows) to RawPaper: field aliases, the user's field map, type checks.
import type { RawPaper, ReadOptions, Reject } from './types.ts';
import { parseDay } from './dates.ts';
import { reject, typeName } from './rejects.ts';

/** A field that has the wrong type or an unreadable value; the record becomes a reject with this message. */
export class FieldError extends Error {}

/** The RawPaper fields a source field can be mapped to (`labels` also answers to `label`). */
export type Target = 'id' | 'title' | 'abstract' | 'date' | 'published' | 'authors' | 'authorCount' | 'upvotes' | 'url';

/**
 * Where each target is looked for when the field map does not name a source field, in order;
 * the first present, non-null, non-empty one wins. `published*` never fills `date`: a record
 * with only a publication date keeps date null unless the map says `date: "published"`.
 */
export const ALIASES: Readonly<Record<Target, readonly string[]>> = {
  id: ['id'],
  title: ['title'],
  abstract: ['abstract', 'summary', 'text'],
  date: ['date', 'submittedOnDailyAt'],
  published: ['published', 'publishedAt', 'published_at'],
  authors: ['authors'],
  authorCount: ['authorCount', 'num_authors'],
  upvotes: ['upvotes'],
  url: ['url', 'arxiv_url', 'link'],
};

interface Found {
  value: unknown;
  /** The source field's name, for messages. */
  key: string;
}

function present(v: unknown): boolean {
  return v !== undefined && v !== null && v !== '';
}

function own(obj: Record<string, unknown>, key: string): unknown {
  return Object.hasOwn(obj, key) ? obj[key] : undefined;
}

/** The value for a target: the mapped source field when the map names one, else the first present alias. */
export function pick(obj: Record<string, unknown>, target: string, aliases: readonly string[], map: Record<string, string>): Found | undefined {
  const mapped = Object.hasOwn(map, target) ? map[target] : undefined;
  if (mapped !== undefined) {
    const value = own(obj, mapped);
    return present(value) ? { value, key: mapped } : undefined;
  }
  for (const key of aliases) {
    const value = own(obj, key);
    if (present(value)) return { value, key };
  }
  return undefined;
}

/** A string field; numbers are accepted only when `numbersOk` (ids such as 42). */
export function asString(f: Found | undefined, numbersOk = false): string | undefined {
  if (f === undefined) return undefined;
  if (typeof f.value === 'string') return f.value;
  if (numbersOk && typeof f.value === 'number' && Number.isFinite(f.value)) return String(f.value);
  throw new FieldError(`${f.key} is ${typeName(f.value)}, not a string`);
}

/** A day field (ISO date, ISO datetime taken as its UTC day, or YYYY/MM/DD) as `YYYY-MM-DD`; absent is null. */
export function asDay(f: Found | undefined): string | null {
  if (f === undefined) return null;
  if (typeof f.value !== 'string') throw new FieldError(`${f.key} is ${typeName(f.value)}, not a date string`);
  const day = parseDay(f.value);
  if (day === null) throw new FieldError(`${f.key} '${clip(f.value)}' is not a date (expected YYYY-MM-DD, an ISO datetime or YYYY/MM/DD)`);
  return day;
}

const NUMERIC = /^[+-]?\d+(?:\.\d*)?$/;

/** A non-negative whole number, from a number or a numeric string; absent is null. */
export function asCount(f: Found | undefined): number | null {
  if (f === undefined) return null;
  let n: number;
  if (typeof f.value === 'number') n = f.value;
  else if (typeof f.value === 'string') {
    const s = f.value.trim();
    if (s === '') return null;
    if (!NUMERIC.test(s)) throw new FieldError(`${f.key} '${clip(f.value)}' is not a number`);
    n = Number(s);
  } else throw new FieldError(`${f.key} is ${typeName(f.value)}, not a number`);
  if (!Number.isInteger(n) || n < 0) throw new FieldError(`${f.key} ${n} is not a whole number >= 0`);
  return n;
}

/** Split "A, B and C" (also ";" and ", and") into names. */
export function splitAuthors(s: string): string[] {
  const out: string[] = [];
  for (const part of s.split(/[,;]/)) {
    for (let name of part.split(/\s+and\s+/)) {
      name = name.trim();
      if (name.startsWith('and ')) name = name.slice(4).trim();
      if (name !== '' && name !== 'and') out.push(name);
    }
  }
  return out;
}

/** Authors from an array of names, an array of `{ name }`, or a separated string. */
export function asAuthors(f: Found | undefined): string[] | undefined {
  if (f === undefined) return undefined;
  const v = f.value;
  if (typeof v === 'string') return splitAuthors(v);
  if (!Array.isArray(v)) throw new FieldError(`${f.key} is ${typeName(v)}, not a list of names or a string`);
  const out: string[] = [];
  for (const a of v as unknown[]) {
    if (typeof a === 'string') {
      if (a.trim() !== '') out.push(a.trim());
    } else if (a !== null && typeof a === 'object' && typeof (a as { name?: unknown }).name === 'string') {
      const name = ((a as { name: string }).name).trim();
      if (name !== '') out.push(name);
    } else {
      throw new FieldError(`${f.key} has an entry that is ${typeName(a)}, not a name`);
    }
  }
  return out;
}

/** Labels from an array of strings or a string split on spaces, commas or semicolons ("cs.CL cs.LG"). */
export function asLabels(f: Found | undefined, splitString: boolean): string[] {
  if (f === undefined) return [];
  const v = f.value;
  if (typeof v === 'string') {
    if (!splitString) return v.trim() === '' ? [] : [v.trim()];
    return v.split(/[\s,;]+/).filter((x) => x !== '');
  }
  if (typeof v === 'number') return [String(v)];
  if (!Array.isArray(v)) throw new FieldError(`${f.key} is ${typeName(v)}, not a list of labels`);
  const out: string[] = [];
  for (const x of v as unknown[]) {
    if (typeof x === 'string') {
      if (x.trim() !== '') out.push(x.trim());
    } else if (typeof x === 'number') out.push(String(x));
    else throw new FieldError(`${f.key} has an entry that is ${typeName(x)}, not a label`);
  }
  return out;
}

/** Union of label lists in order, first occurrence kept. */
export function unionLabels(...lists: string[][]): string[] {
  const seen = new Set<string>();
  const out: string[] = [];
  for (const list of lists) for (const l of list) if (!seen.has(l)) { seen.add(l); out.push(l); }
  return out;
}

function readLabels(obj: Record<string, unknown>, map: Record<string, string>): string[] {
  const mapped = Object.hasOwn(map, 'labels') ? map.labels : Object.hasOwn(map, 'label') ? map.label : undefined;
  if (mapped !== undefined) return asLabels(pick(obj, 'labels', [], { labels: mapped }), true);
  return unionLabels(
    asLabels(pick(obj, 'label', ['label'], {}), false),
    asLabels(pick(obj, 'labels', ['labels'], {}), true),
    asLabels(pick(obj, 'categories', ['categories'], {}), true),
  );
}

function clip(s: string): string {
  return s.length > 60 ? s.slice(0, 57) + '...' : s;
}

/**
 * One generic paper object to a RawPaper, or a reject naming the field at fault.
 * `raw` is the record's source text for the reject excerpt (JSON.stringify(obj) when absent).
 */
export function fromObject(obj: Record<string, unknown>, file: string, line: number, opts: ReadOptions, raw?: string): RawPaper | Reject {
  const map = opts.map;
  const get = (t: Target): Found | undefined => pick(obj, t, ALIASES[t], map);
  try {
    const rec: RawPaper = { file, line };
    const id = asString(get('id'), true);
    if (id !== undefined) rec.id = id;
    const title = asString(get('title'));
    if (title !== undefined) rec.title = title;
    const abstract = asString(get('abstract'));
    if (abstract !== undefined) rec.abstract = abstract;
    rec.date = asDay(get('date'));
    rec.published = asDay(get('published'));
    const authors = asAuthors(get('authors'));
    if (authors !== undefined) rec.authors = authors;
    const count = asCount(get('authorCount'));
    if (count !== null) rec.authorCount = count;
    rec.upvotes = asCount(get('upvotes'));
    const url = asString(get('url'));
    rec.url = url === undefined || url.trim() === '' ? null : url.trim();
    const labels = readLabels(obj, map);
    if (labels.length > 0) rec.labels = labels;
    return rec;
  } catch (e) {
    if (e instanceof FieldError) return reject(file, line, e.message, raw ?? JSON.stringify(obj));
    throw e;
  }
}

// JSON Lines and JSON array readers: one record per line or element, its shape (generic, HF API, arXiv) detected per record.
import type { RawPaper, ReadOptions, ReadResult, Reject } from './types.ts';
import { fromObject } from './fields.ts';
import { fromHfEntry, isHfEntry } from './hfApi.ts';
import { fromArxivMeta, isArxivMeta } from './arxivMeta.ts';
import { excerptOf, isReject, reject, typeName } from './rejects.ts';

/** Keys of a top-level object whose array is read as the records, in order of preference. */
export const ARRAY_KEYS = ['data', 'papers'] as const;

function isPlainObject(v: unknown): v is Record<string, unknown> {
  return v !== null && typeof v === 'object' && !Array.isArray(v);
}

/** Deepest nesting of a record a paper needs is a handful of levels; deeper is rejected, never walked. */
export const MAX_RECORD_DEPTH = 64;

/** Whether a parsed value nests deeper than `max` arrays and objects (walked without recursion). */
export function nestedDeeper(value: unknown, max: number): boolean {
  const stack: Array<[unknown, number]> = [[value, 1]];
  while (stack.length > 0) {
    const [v, depth] = stack.pop() as [unknown, number];
    if (v === null || typeof v !== 'object') continue;
    if (depth > max) return true;
    for (const child of Array.isArray(v) ? v : Object.values(v as Record<string, unknown>)) {
      if (child !== null && typeof child === 'object') stack.push([child, depth + 1]);
    }
  }
  return false;
}

/**
 * One parsed JSON value to a RawPaper or a reject (a record nested deeper than MAX_RECORD_DEPTH is one): a `{ paper: {...} }` entry is read as the
 * Hugging Face API shape, a record with `versions` (or `update_date` and `categories`) as arXiv
 * metadata, any other object through the generic field logic.
 */
export function fromRecord(value: unknown, file: string, line: number, opts: ReadOptions, raw?: string): RawPaper | Reject {
  if (nestedDeeper(value, MAX_RECORD_DEPTH)) return reject(file, line, `record nested deeper than ${MAX_RECORD_DEPTH} levels`, raw?.slice(0, 300) ?? '');
  if (!isPlainObject(value)) return reject(file, line, `record is ${typeName(value)}, not an object`, raw ?? JSON.stringify(value) ?? '');
  if (isHfEntry(value)) return fromHfEntry(value, file, line, opts, raw);
  if (isArxivMeta(value)) return fromArxivMeta(value, file, line, opts, raw);
  return fromObject(value, file, line, opts, raw);
}

function stripBom(text: string): string {
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}

function isBlank(s: string): boolean {
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c !== 32 && c !== 9 && c !== 13 && c !== 10) return false;
  }
  return true;
}

function errorMessage(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}

/** One line of JSON Lines as a record, a reject, or null when blank; `lineNo` is 1-based. */
export function jsonlRecord(line: string, lineNo: number, file: string, opts: ReadOptions): RawPaper | Reject | null {
  if (isBlank(line)) return null;
  let value: unknown;
  try {
    value = JSON.parse(line);
  } catch (e) {
    return reject(file, lineNo, `broken JSON: ${errorMessage(e)}`, line);
  }
  return fromRecord(value, file, lineNo, opts, line);
}

/** JSON Lines: one object a line; blank lines are skipped; `line` is the 1-based line. */
export function readJsonl(text: string, file: string, opts: ReadOptions): ReadResult {
  const records: RawPaper[] = [];
  const rejects: Reject[] = [];
  const n = text.length;
  let pos = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  let lineNo = 0;
  while (pos < n) {
    const nl = text.indexOf('\n', pos);
    const end = nl < 0 ? n : nl;
    lineNo++;
    const line = text.slice(pos, end > pos && text.charCodeAt(end - 1) === 13 ? end - 1 : end);
    pos = end + 1;
    const r = jsonlRecord(line, lineNo, file, opts);
    if (r === null) continue;
    if (isReject(r)) rejects.push(r);
    else records.push(r);
  }
  return { records, rejects };
}

/** Where one element of a scanned array sits in the text: [start, end) and the 1-based line of its start. */
export interface Span {
  start: number;
  end: number;
  line: number;
}

/**
 * One pass over JSON text that finds where each element of the records array starts: the
 * top-level array (key ''), or the arrays under the keys `data` / `papers` of a top-level object.
 * It tracks strings, escapes and depth only; it does not validate (JSON.parse does).
 */
export function elementSpans(text: string): Map<string, Span[]> {
  const out = new Map<string, Span[]>();
  const n = text.length;
  let line = 1;
  let depth = 0;
  let topIsObject = false;
  let keyPos = false; // in the top-level object, the next string is a key
  let lastKey: string | null = null;
  let tracked: Span[] | null = null;
  let trackDepth = -1;
  let expect = false; // the tracked array expects an element next
  let curStart = -1;
  let curLine = 0;
  const close = (end: number): void => {
    if (tracked !== null && curStart >= 0) tracked.push({ start: curStart, end, line: curLine });
    curStart = -1;
  };
  for (let i = 0; i < n; i++) {
    const c = text.charCodeAt(i);
    if (c === 10) { line++; continue; }
    if (c === 32 || c === 9 || c === 13) continue;
    if (tracked !== null && expect && depth === trackDepth && c !== 93 && c !== 44) {
      curStart = i;
      curLine = line;
      expect = false;
    }
    if (c === 34) { // string
      const start = i;
      i++;
      while (i < n) {
        const s = text.charCodeAt(i);
        if (s === 92) { i += 2; continue; }
        if (s === 34) break;
        if (s === 10) line++;
        i++;
      }
      if (depth === 1 && topIsObject && keyPos) {
        lastKey = text.slice(start + 1, i);
        keyPos = false;
      }
    } else if (c === 123 || c === 91) { // { [
      depth++;
      if (depth === 1) {
        topIsObject = c === 123;
        if (topIsObject) keyPos = true;
        else { tracked = []; out.set('', tracked); trackDepth = 1; expect = true; }
      } else if (depth === 2 && topIsObject && c === 91 && lastKey !== null && (ARRAY_KEYS as readonly string[]).includes(lastKey)) {
        tracked = [];
        out.set(lastKey, tracked);
        trackDepth = 2;
        expect = true;
      }
    } else if (c === 125 || c === 93) { // } ]
      if (tracked !== null && depth === trackDepth && c === 93) {
        close(i);
        tracked = null;
      }
      depth--;
    } else if (c === 44) { // ,
      if (tracked !== null && depth === trackDepth) { close(i); expect = true; }
      if (depth === 1 && topIsObject) keyPos = true;
    }
  }
  if (tracked !== null) close(n);
  return out;
}

function lineAt(text: string, offset: number): number {
  let line = 1;
  for (let i = text.indexOf('\n'); i >= 0 && i < offset; i = text.indexOf('\n', i + 1)) line++;
  return line;
}

/**
 * A JSON array of records, or an object holding one under `data` or `papers`. `line` is the line
 * where each element starts. When the file does not parse, each element is parsed on its own so the
 * broken ones become rejects at their line and the others are kept.
 */
export function readJsonArray(text: string, file: string, opts: ReadOptions): ReadResult {
  text = stripBom(text);
  const records: RawPaper[] = [];
  const rejects: Reject[] = [];
  const spans = elementSpans(text);
  const take = (value: unknown, span: Span | undefined): void => {
    const r = fromRecord(value, file, span?.line ?? 1, opts);
    if (isReject(r)) {
      if (span !== undefined) r.excerpt = excerptOf(text.slice(span.start, span.end).trim());
      rejects.push(r);
    } else records.push(r);
  };

  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (e) {
    const msg = errorMessage(e);
    const pos = /position (\d+)/.exec(msg);
    const errLine = pos ? lineAt(text, +pos[1]) : 1;
    const found = spans.get('') ?? spans.get('data') ?? spans.get('papers') ?? [];
    let broken = 0;
    for (const span of found) {
      const raw = text.slice(span.start, span.end);
      let value: unknown;
      try {
        value = JSON.parse(raw);
      } catch (err) {
        broken++;
        rejects.push(reject(file, span.line, `broken JSON: ${errorMessage(err)}`, raw.trim()));
        continue;
      }
      take(value, span);
    }
    if (broken === 0) {
      const around = pos ? text.slice(Math.max(0, +pos[1] - 40), +pos[1] + 40) : text.slice(0, 80);
      rejects.push(reject(file, errLine, `not valid JSON: ${msg}`, around));
    }
    return { records, rejects };
  }

  let list: unknown[];
  let listSpans: Span[] | undefined;
  if (Array.isArray(parsed)) {
    list = parsed;
    listSpans = spans.get('');
  } else if (isPlainObject(parsed) && ARRAY_KEYS.some((k) => Array.isArray(parsed[k]))) {
    const key = ARRAY_KEYS.find((k) => Array.isArray(parsed[k])) as string;
    list = parsed[key] as unknown[];
    listSpans = spans.get(key);
  } else {
    const what = isPlainObject(parsed) ? 'an object without a `data` or `papers` array' : typeName(parsed);
    rejects.push(reject(file, 1, `top-level JSON is ${what}, not an array of records`, text.slice(0, 200)));
    return { records, rejects };
  }
  if (listSpans !== undefined && listSpans.length !== list.length) listSpans = undefined; // cannot happen for valid JSON
  for (let i = 0; i < list.length; i++) take(list[i], listSpans?.[i]);
  return { records, rejects };
}

// Which reader a file needs (by extension and content), strict UTF-8 decoding, a binary check, and the dispatch to the readers.
import { isUtf8 } from 'node:buffer';
import type { Format, ReadOptions, ReadResult } from './types.ts';
import { readCsv, isKnownHeader } from './csv.ts';
import { readHfPage } from './hfPage.ts';
import { readJsonArray, readJsonl } from './jsonRecords.ts';
import { looksLikeAtom, readArxivAtom } from './arxivAtom.ts';

/** How many leading bytes looksBinary inspects. */
export const BINARY_SNIFF_BYTES = 8192;

/** True when the first 8 KB hold a NUL byte (text files never do). */
export function looksBinary(buf: Uint8Array): boolean {
  const n = Math.min(buf.length, BINARY_SNIFF_BYTES);
  for (let i = 0; i < n; i++) if (buf[i] === 0) return true;
  return false;
}

/** Byte offset of the first invalid UTF-8 sequence (WHATWG rules: no overlongs, surrogates or > U+10FFFF), or -1. */
export function invalidUtf8Offset(buf: Uint8Array): number {
  const n = buf.length;
  let i = 0;
  while (i < n) {
    const b = buf[i];
    if (b < 0x80) { i++; continue; }
    let need: number, lo = 0x80, hi = 0xbf;
    if (b >= 0xc2 && b <= 0xdf) need = 1;
    else if (b >= 0xe0 && b <= 0xef) {
      need = 2;
      if (b === 0xe0) lo = 0xa0;
      if (b === 0xed) hi = 0x9f;
    } else if (b >= 0xf0 && b <= 0xf4) {
      need = 3;
      if (b === 0xf0) lo = 0x90;
      if (b === 0xf4) hi = 0x8f;
    } else return i;
    for (let k = 1; k <= need; k++) {
      if (i + k >= n) return i;
      const c = buf[i + k];
      if (c < (k === 1 ? lo : 0x80) || c > (k === 1 ? hi : 0xbf)) return i;
    }
    i += need + 1;
  }
  return -1;
}


/**
 * The text of a UTF-8 file, without a leading BOM. Throws an Error naming the file and the byte
 * offset (and the byte) of the first invalid sequence, e.g. for a Latin-1 or UTF-16 file.
 */
export function decodeUtf8Strict(buf: Uint8Array, file: string): string {
  // isUtf8 validates with SIMD; decoding through Buffer is then about twice as fast as a fatal TextDecoder.
  if (!isUtf8(buf)) {
    const at = invalidUtf8Offset(buf);
    const off = at < 0 ? 0 : at;
    const byte = buf[off] === undefined ? '' : ` (byte 0x${buf[off].toString(16).padStart(2, '0')})`;
    throw new Error(`${file}: not valid UTF-8 at byte offset ${off}${byte}; save the file as UTF-8`);
  }
  const text = Buffer.from(buf.buffer, buf.byteOffset, buf.byteLength).toString('utf8');
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}

function extensionOf(file: string): string {
  const base = file.slice(Math.max(file.lastIndexOf('/'), file.lastIndexOf('\\')) + 1);
  const dot = base.lastIndexOf('.');
  return dot <= 0 ? '' : base.slice(dot + 1).toLowerCase();
}

const HF_ENTRY = /"paper"\s*:\s*\{/;
const ARXIV_KEYS = /"versions"\s*:\s*\[|"update_date"\s*:/;
const WRAPPER_START = /^\{\s*"(?:data|papers|status|date|count)"\s*:/;

function hasPageMarkers(head: string): boolean {
  if (/•\s*\d+\s+authors?\b/.test(head)) return true;
  for (const l of head.split(/\r?\n/, 40)) if (l.trim().toLowerCase() === 'daily papers') return true;
  return false;
}

function firstLine(head: string): { text: string; complete: boolean } {
  const nl = head.indexOf('\n');
  return nl < 0 ? { text: head, complete: false } : { text: head.slice(0, nl).replace(/\r$/, ''), complete: true };
}

/** JSON-ish content: a JSON array or object (json / hf-api) or one object a line (jsonl / arxiv). */
function jsonKind(head: string): Format | null {
  const t = head.replace(/^\uFEFF/, '').trimStart();
  if (t.startsWith('[')) return HF_ENTRY.test(t) ? 'hf-api' : 'json';
  if (!t.startsWith('{')) return null;
  const first = firstLine(t);
  let lineObject = false;
  if (first.complete) {
    try {
      const v: unknown = JSON.parse(first.text);
      lineObject = v !== null && typeof v === 'object' && !Array.isArray(v);
    } catch {
      lineObject = false;
    }
  } else {
    // one long line cut short by the head: a wrapper object names its array (or a status) first
    lineObject = !WRAPPER_START.test(t);
  }
  if (lineObject) return ARXIV_KEYS.test(first.text) ? 'arxiv' : 'jsonl';
  return HF_ENTRY.test(t) ? 'hf-api' : 'json';
}

function csvKind(head: string): Format | null {
  const first = firstLine(head.replace(/^\uFEFF/, '')).text;
  if (!first.includes(',')) return null;
  const cells = first.split(',').map((c) => c.trim().replace(/^"|"$/g, ''));
  return cells.some(isKnownHeader) ? 'csv' : null;
}

/**
 * The format of a file from its name and its first few KB (`head`), or null when neither tells:
 * .jsonl/.ndjson -> jsonl (arxiv when the first record is arXiv metadata); .json -> by content
 * (array of `{ paper: ... }` entries -> hf-api, other arrays or a `{ data | papers: [...] }` object
 * -> json, one object a line -> jsonl/arxiv); .csv -> csv; .txt/.md -> hf-page when the page
 * markers ("• N authors", a "Daily Papers" line) are there; .xml/.atom -> arxiv-atom when the file
 * is an Atom feed (`<feed` root). Other names go by content alone.
 */
export function detectFormat(file: string, head: string): Format | null {
  const ext = extensionOf(file);
  switch (ext) {
    case 'jsonl':
    case 'ndjson': {
      const kind = jsonKind(head);
      return kind === 'arxiv' ? 'arxiv' : 'jsonl';
    }
    case 'json':
      return jsonKind(head);
    case 'csv':
      return 'csv';
    case 'txt':
    case 'md':
      return hasPageMarkers(head) ? 'hf-page' : null;
    case 'xml':
    case 'atom':
      return looksLikeAtom(head) ? 'arxiv-atom' : null;
    default:
      return jsonKind(head) ?? csvKind(head) ?? (hasPageMarkers(head) ? 'hf-page' : looksLikeAtom(head) ? 'arxiv-atom' : null);
  }
}

/**
 * Reads one decoded file with the reader for its format. For hf-api files the listing day of an
 * entry without `submittedOnDailyAt` is opts.fileDate when set (null included), else the date in
 * the file's name. An hf-page result also carries `pageDate`.
 */
export function readSource(text: string, file: string, format: Format, opts: ReadOptions): ReadResult {
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  switch (format) {
    case 'hf-page':
      return readHfPage(text, file, opts);
    case 'jsonl':
    case 'arxiv':
      return readJsonl(text, file, opts);
    case 'json':
    case 'hf-api':
      return readJsonArray(text, file, opts);
    case 'csv':
      return readCsv(text, file, opts);
    case 'arxiv-atom':
      return readArxivAtom(text, file, opts);
  }
}

// CSV reader: an RFC 4180 parser (quotes, doubled quotes, embedded newlines, CRLF, BOM) and rows to RawPaper via the shared field logic.
import type { RawPaper, ReadOptions, ReadResult, Reject } from './types.ts';
import { ALIASES, fromObject } from './fields.ts';
import { isReject, reject } from './rejects.ts';
import { InputError } from '../errors.ts';

/** One parsed row: its fields, the 1-based line it starts on, its [start, end) in the text, and a parse error if any (with the line it is at). */
export interface CsvRow {
  fields: string[];
  line: number;
  start: number;
  end: number;
  error?: string;
  errorLine?: number;
  /** Set when a quote is still open at the end of the text: with more text to come, the row may be whole after all. */
  openAtEnd?: boolean;
}

const QUOTE = 34, CR = 13, LF = 10;

/** The separators a header is tried with, in order of preference, with their names for messages. */
export const SEPARATORS: ReadonlyArray<readonly [string, string]> = [[',', 'comma'], [';', 'semicolon'], ['\t', 'tab'], ['|', 'bar']];

/**
 * The rows of a CSV text, one at a time; a leading BOM is skipped; CRLF, LF and lone CR end rows.
 * A quote left open to the end of the file is an error at the line it opens, and that row ends
 * with its line: the rest of the file is read as rows again, not swallowed into one field.
 */
export function* csvRows(text: string, separator = ',', firstLine = 1): Generator<CsvRow> {
  const SEP = separator.charCodeAt(0);
  const n = text.length;
  let i = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  let line = firstLine;
  while (i < n) {
    const start = i;
    const rowLine = line;
    const fields: string[] = [];
    let error: string | undefined;
    let errorLine: number | undefined;
    let openAtEnd = false;
    for (;;) {
      let field: string;
      if (i < n && text.charCodeAt(i) === QUOTE) {
        const quoteAt = i;
        const quoteLine = line;
        i++;
        let seg = i;
        let value = '';
        let closed = false;
        while (i < n) {
          const c = text.charCodeAt(i);
          if (c === QUOTE) {
            if (i + 1 < n && text.charCodeAt(i + 1) === QUOTE) {
              value += text.slice(seg, i + 1);
              i += 2;
              seg = i;
              continue;
            }
            value += text.slice(seg, i);
            i++;
            closed = true;
            break;
          }
          if (c === LF || (c === CR && text.charCodeAt(i + 1) !== LF)) line++;
          i++;
        }
        // A quote that runs over lines and "closes" right before more text was never closed: its
        // closing quote is another field's opening one ("1,"open\n2,x\n3,"next"").
        const next = i < n ? text.charCodeAt(i) : SEP;
        if (closed && line > quoteLine && next !== SEP && next !== LF && next !== CR) closed = false;
        if (!closed && i >= n) openAtEnd = true;
        if (!closed) {
          // back to the end of the line the quote opened on: the next lines are rows of their own
          error = `a quote opened on line ${quoteLine} is never closed`;
          errorLine = quoteLine;
          let j = quoteAt + 1;
          while (j < n && text.charCodeAt(j) !== LF && text.charCodeAt(j) !== CR) j++;
          value = text.slice(quoteAt + 1, j);
          i = j;
          line = quoteLine;
        }
        field = value;
        if (i < n) {
          const c = text.charCodeAt(i);
          if (c !== SEP && c !== LF && c !== CR) {
            error ??= 'text after a closing quote';
            let j = i;
            while (j < n) {
              const d = text.charCodeAt(j);
              if (d === SEP || d === LF || d === CR) break;
              j++;
            }
            field += text.slice(i, j);
            i = j;
          }
        }
      } else {
        let j = i;
        while (j < n) {
          const d = text.charCodeAt(j);
          if (d === SEP || d === LF || d === CR) break;
          j++;
        }
        field = text.slice(i, j);
        i = j;
      }
      fields.push(field);
      if (i >= n) break;
      const c = text.charCodeAt(i);
      if (c === SEP) { i++; continue; }
      i++; // CR or LF
      if (c === CR && i < n && text.charCodeAt(i) === LF) i++;
      line++;
      break;
    }
    const row: CsvRow = { fields, line: rowLine, start, end: i };
    if (error !== undefined) row.error = error;
    if (errorLine !== undefined) row.errorLine = errorLine;
    if (openAtEnd) row.openAtEnd = true;
    yield row;
  }
}

// Known source field names in lower case -> their spelling, so a "Title" or "Abstract" header is understood.
const KNOWN = new Map<string, string>();
for (const names of Object.values(ALIASES)) for (const name of names) KNOWN.set(name.toLowerCase(), name);
for (const name of ['label', 'labels', 'categories']) KNOWN.set(name, name);

/** True when a header cell names a field papermap knows (case-insensitive): title, abstract, summary, ... */
export function isKnownHeader(name: string): boolean {
  return KNOWN.has(name.trim().toLowerCase());
}

/** Header cells to the keys each column is stored under: its own name, plus the known spelling of a differently cased one. */
function headerKeys(header: string[]): string[][] {
  const names = header.map((h) => h.trim());
  const exact = new Set(names);
  return names.map((h) => {
    const known = KNOWN.get(h.toLowerCase());
    return known !== undefined && known !== h && !exact.has(known) ? [h, known] : [h];
  });
}

function isBlankRow(row: CsvRow): boolean {
  return row.fields.length === 1 && row.fields[0].trim() === '';
}

/** The first row of the text split by `separator` (header cells trimmed). */
function headerWith(text: string, separator: string): string[] {
  for (const row of csvRows(text, separator)) if (!isBlankRow(row)) return row.fields.map((f) => f.trim());
  return [];
}

/**
 * The separator of a CSV file: the first of comma, semicolon, tab and bar under which the header
 * names a field papermap knows (or one --map names). None: an InputError naming the columns seen
 * and the separators tried, since every row would be rejected for want of a title.
 */
export function csvSeparator(text: string, file: string, opts: ReadOptions): string {
  const mapped = new Set(Object.values(opts.map).map((m) => m.toLowerCase()));
  const knows = (h: string): boolean => isKnownHeader(h) || mapped.has(h.toLowerCase());
  for (const [sep] of SEPARATORS) if (headerWith(text, sep).some(knows)) return sep;
  const seen = headerWith(text, ',');
  if (seen.length === 0) return ',';
  throw new InputError(
    `${file}: the CSV header names no column papermap knows (found ${seen.slice(0, 8).map((h) => JSON.stringify(h)).join(', ')}${seen.length > 8 ? ', ...' : ''}); ` +
      `tried ${SEPARATORS.map(([, name]) => name).join(', ')} as separators; name a title and an abstract column, or map them: --map title=COLUMN --map abstract=COLUMN`,
  );
}

/**
 * A CSV file with a header row, its separator detected (csvSeparator). Each row becomes an object
 * keyed by header (empty cells are null, so empty numeric cells read as null) and goes through the
 * same field logic as JSON records. A row with a different number of fields than the header, or
 * with a quoting error, is a reject at the row's first line (an unclosed quote: at its own line).
 * Blank lines are skipped.
 */
export function readCsv(text: string, file: string, opts: ReadOptions): ReadResult {
  const records: RawPaper[] = [];
  const rejects: Reject[] = [];
  const rows = new CsvRecords(file, opts, csvSeparator(text, file, opts));
  for (const row of csvRows(text, rows.separator)) {
    const r = rows.record(row, text);
    if (r !== null) {
      if (isReject(r)) rejects.push(r);
      else records.push(r);
    }
    if (rows.stopped) break;
  }
  return { records, rejects };
}

/** Rows of one CSV file to records: the header row first (its keys kept), then one record or reject a row. */
export class CsvRecords {
  private keys: string[][] | null = null;
  /** True after a broken header row: nothing after it can be read. */
  stopped = false;

  constructor(
    private readonly file: string,
    private readonly opts: ReadOptions,
    readonly separator: string,
  ) {}

  /**
   * One row of `text`: null for a blank row or the header,
   * else a record or a reject (a broken header is one, and sets `stopped`).
   */
  record(row: CsvRow, text: string): RawPaper | Reject | null {
    if (isBlankRow(row)) return null;
    const file = this.file;
    const line = row.line;
    const errorLine = row.errorLine ?? row.line;
    const raw = text.slice(row.start, row.end).replace(/\r?\n$|\r$/, '');
    if (this.keys === null) {
      if (row.error !== undefined) {
        this.stopped = true;
        return reject(file, errorLine, `bad CSV header: ${row.error}`, raw);
      }
      this.keys = headerKeys(row.fields);
      return null;
    }
    const keys = this.keys;
    if (row.error !== undefined) return reject(file, errorLine, `bad CSV row: ${row.error}`, raw);
    if (row.fields.length !== keys.length) return reject(file, line, `row has ${row.fields.length} fields, the header has ${keys.length}`, raw);
    const obj = Object.create(null) as Record<string, unknown>;
    for (let j = 0; j < keys.length; j++) {
      const cell = row.fields[j];
      const value = cell.trim() === '' ? null : cell;
      for (const k of keys[j]) if (k !== '') obj[k] = value;
    }
    return fromObject(obj, file, line, this.opts, raw);
  }
}

// CSV reader: an RFC 4180 parser (quotes, doubled quotes, embedded newlines, CRLF, BOM) and rows to RawPaper via the shared field logic.
import type { RawPaper, ReadOptions, ReadResult, Reject } from './types.ts';
import { ALIASES, fromObject } from './fields.ts';
import { isReject, reject } from './rejects.ts';

/** One parsed row: its fields, the 1-based line it starts on, its [start, end) in the text, and a parse error if any. */
export interface CsvRow {
  fields: string[];
  line: number;
  start: number;
  end: number;
  error?: string;
}

const COMMA = 44, QUOTE = 34, CR = 13, LF = 10;

/** The rows of a CSV text, one at a time; a leading BOM is skipped; CRLF, LF and lone CR end rows. */
export function* csvRows(text: string): Generator<CsvRow> {
  const n = text.length;
  let i = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  let line = 1;
  while (i < n) {
    const start = i;
    const rowLine = line;
    const fields: string[] = [];
    let error: string | undefined;
    for (;;) {
      let field: string;
      if (i < n && text.charCodeAt(i) === QUOTE) {
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
        if (!closed) {
          error = 'unterminated quoted field';
          value += text.slice(seg, n);
        }
        field = value;
        if (i < n) {
          const c = text.charCodeAt(i);
          if (c !== COMMA && c !== LF && c !== CR) {
            error ??= 'text after a closing quote';
            let j = i;
            while (j < n) {
              const d = text.charCodeAt(j);
              if (d === COMMA || d === LF || d === CR) break;
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
          if (d === COMMA || d === LF || d === CR) break;
          j++;
        }
        field = text.slice(i, j);
        i = j;
      }
      fields.push(field);
      if (i >= n) break;
      const c = text.charCodeAt(i);
      if (c === COMMA) { i++; continue; }
      i++; // CR or LF
      if (c === CR && i < n && text.charCodeAt(i) === LF) i++;
      line++;
      break;
    }
    const row: CsvRow = { fields, line: rowLine, start, end: i };
    if (error !== undefined) row.error = error;
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

/**
 * A CSV file with a header row. Each row becomes an object keyed by header (empty cells are null,
 * so empty numeric cells read as null) and goes through the same field logic as JSON records.
 * A row with a different number of fields than the header, or with a quoting error, is a reject
 * at the row's first line. Blank lines are skipped.
 */
export function readCsv(text: string, file: string, opts: ReadOptions): ReadResult {
  const records: RawPaper[] = [];
  const rejects: Reject[] = [];
  let keys: string[][] | null = null;
  for (const row of csvRows(text)) {
    if (isBlankRow(row)) continue;
    const raw = text.slice(row.start, row.end).replace(/\r?\n$|\r$/, '');
    if (keys === null) {
      if (row.error !== undefined) {
        rejects.push(reject(file, row.line, `bad CSV header: ${row.error}`, raw));
        return { records, rejects };
      }
      keys = headerKeys(row.fields);
      continue;
    }
    if (row.error !== undefined) {
      rejects.push(reject(file, row.line, `bad CSV row: ${row.error}`, raw));
      continue;
    }
    if (row.fields.length !== keys.length) {
      rejects.push(reject(file, row.line, `row has ${row.fields.length} fields, the header has ${keys.length}`, raw));
      continue;
    }
    const obj = Object.create(null) as Record<string, unknown>;
    for (let j = 0; j < keys.length; j++) {
      const cell = row.fields[j];
      const value = cell.trim() === '' ? null : cell;
      for (const k of keys[j]) if (k !== '') obj[k] = value;
    }
    const r = fromObject(obj, file, row.line, opts, raw);
    if (isReject(r)) rejects.push(r);
    else records.push(r);
  }
  return { records, rejects };
}

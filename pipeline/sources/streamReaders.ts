// JSON Lines, arXiv metadata and CSV read record by record from a stream of lines (plain or gzip), with the whole-text readers' file:line rejects.
import type { Format, RawPaper, ReadOptions, Reject } from './types.ts';
import { jsonlRecord } from './jsonRecords.ts';
import { CsvRecords, csvRows, csvSeparator } from './csv.ts';
import { lineBatches } from '../io/lineStream.ts';

/** The formats read as streams: any size, record by record. The others are read whole (up to V8's string limit). */
export const STREAMED_FORMATS: ReadonlySet<Format> = new Set<Format>(['jsonl', 'arxiv', 'csv']);

/** Receives each record or reject as it is read, and the bytes read so far. */
export interface StreamSink {
  record(r: RawPaper | Reject): void;
  progress?(bytes: number): void;
}

/** A CSV row whose quote is still open is carried into the next block, up to this many characters; then it is an unclosed quote. */
const MAX_CARRY = 64 * 2 ** 20;

/** Text of this many characters or more is parsed as one CSV block. */
const CSV_BLOCK = 4 * 2 ** 20;

async function streamJsonl(path: string, file: string, gzip: boolean, opts: ReadOptions, sink: StreamSink): Promise<void> {
  for await (const batch of lineBatches(path, file, gzip)) {
    for (let i = 0; i < batch.lines.length; i++) {
      const r = jsonlRecord(batch.lines[i], batch.first + i, file, opts);
      if (r !== null) sink.record(r);
    }
    sink.progress?.(batch.bytes);
  }
}

/**
 * CSV in blocks of whole lines: each block is parsed with csvRows; a row whose quoted field runs past the
 * block's end is carried, with the lines after it, into the next block (a quote really left open is, at
 * the end of the file or past MAX_CARRY, an error at its own line, as in the whole-text reader).
 */
async function streamCsv(path: string, file: string, gzip: boolean, opts: ReadOptions, sink: StreamSink, block: number): Promise<void> {
  let rows: CsvRecords | null = null;
  let pending: string[] = [];
  let pendingChars = 0;
  let pendingFirst = 1;
  let carry = '';
  let carryFirst = 1;
  const parse = (final: boolean): void => {
    const text = carry + pending.join('\n') + '\n';
    const base = (carry ? carryFirst : pendingFirst) - 1;
    pending = [];
    pendingChars = 0;
    carry = '';
    rows ??= new CsvRecords(file, opts, csvSeparator(text, file, opts));
    const last = final || text.length > MAX_CARRY;
    for (const row of csvRows(text, rows.separator, base + 1)) {
      if (row.openAtEnd && !last) {
        carry = text.slice(row.start, text.length - 1) + '\n';
        carryFirst = row.line;
        return;
      }
      if (rows.stopped) return;
      const r = rows.record(row, text);
      if (r !== null) sink.record(r);
    }
  };
  // CRs kept: joined with LF again, the lines give back the file's own text for csvRows
  for await (const batch of lineBatches(path, file, gzip, true)) {
    for (let i = 0; i < batch.lines.length; i++) {
      if (pending.length === 0) pendingFirst = batch.first + i;
      pending.push(batch.lines[i]);
      pendingChars += batch.lines[i].length + 1;
      if (pendingChars >= block) parse(false);
      if ((rows as CsvRecords | null)?.stopped) return;
    }
    sink.progress?.(batch.bytes);
  }
  if (pending.length > 0 || carry !== '') parse(true);
}

/** Reads a streamed format (STREAMED_FORMATS) record by record into the sink; `csvBlock` (characters) is for tests. */
export function streamSource(
  path: string,
  file: string,
  gzip: boolean,
  format: Format,
  opts: ReadOptions,
  sink: StreamSink,
  csvBlock = CSV_BLOCK,
): Promise<void> {
  if (format === 'csv') return streamCsv(path, file, gzip, opts, sink, csvBlock);
  if (format === 'jsonl' || format === 'arxiv') return streamJsonl(path, file, gzip, opts, sink);
  throw new Error(`streamSource: ${format} is not a streamed format`);
}

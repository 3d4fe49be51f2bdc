// Stage ingest: reads every input file into one normalised, de-duplicated table of papers, and a rejects file.
import type { Stage, StageContext, StageResult } from './stage.ts';
import type { Paper } from '../paper.ts';
import type { RawPaper, Reject } from '../sources/types.ts';
import { FORMATS } from '../sources/types.ts';
import { detectFormat, looksBinary, decodeUtf8Strict, readSource } from '../sources/detect.ts';
import { STREAMED_FORMATS, streamSource } from '../sources/streamReaders.ts';
import { byteChunks, headBytes, isGzipFile } from '../io/lineStream.ts';
import { isReject } from '../sources/rejects.ts';
import { basename } from 'node:path';
import { dateFromFileName } from '../sources/hfApi.ts';
import { normalizePaper } from '../sources/normalize.ts';
import { dedupe } from '../sources/dedupe.ts';
import { InputError } from '../errors.ts';
import { dayNumber, dayString } from '../dates.ts';
import { weekSummary, formatWeekTable } from './weekTable.ts';

interface FileReport {
  file: string;
  format: string;
  records: number;
  rejects: number;
  pageDate?: string | null;
  /** Paragraphs of the site around a saved page (header, menus, footer) that were skipped. */
  chrome?: number;
}

/** The longest string V8 can make (0x1fffffe8 characters): a file over it cannot be decoded as one text. */
const MAX_TEXT_BYTES = 0x1fffffe8;

function gb(bytes: number): string {
  return (bytes / 1e9).toFixed(bytes < 1e8 ? 3 : 2);
}

/** The three commonest reasons of rejects, with counts ("no title (8), no abstract (3), ..."); quoted values do not split a reason. */
export function commonReasons(rejects: readonly Reject[], top = 3): string {
  const counts = new Map<string, number>();
  for (const r of rejects) {
    const reason = r.reason.replace(/'[^']*'/g, "'…'");
    counts.set(reason, (counts.get(reason) ?? 0) + 1);
  }
  const sorted = [...counts].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1));
  return sorted.slice(0, top).map(([reason, n]) => `${reason} (${n})`).join(', ') + (sorted.length > top ? `, and ${sorted.length - top} other reasons` : '');
}

/**
 * A file of a format read whole (a JSON array, a saved page, an Atom feed) as one text, gunzipped when it
 * is gzip; over V8's string limit it cannot be, and the message says how to go on.
 */
async function wholeText(path: string, file: string, gzip: boolean, size: number, format: string): Promise<string> {
  const mb = (bytes: number): string => (bytes / 1e6).toFixed(0);
  const convert = gzip ? `gunzip -c ${file} | jq -c '.[]' > papers.jsonl` : `jq -c '.[]' ${file} > papers.jsonl`;
  const tooBig = (bytes: number): InputError =>
    new InputError(
      `${file}: ${gzip ? `unpacks to over ${mb(bytes)} MB` : `${mb(bytes)} MB`}, more than papermap reads as one ${format} text (${mb(MAX_TEXT_BYTES)} MB); ` +
        `JSON Lines and CSV are read as streams at any size: convert it (${convert}) or split it`,
    );
  if (!gzip && size > MAX_TEXT_BYTES) throw tooBig(size);
  const parts: Buffer[] = [];
  let total = 0;
  for await (const chunk of byteChunks(path, file, gzip)) {
    total += chunk.length;
    if (total > MAX_TEXT_BYTES) throw tooBig(total);
    parts.push(chunk);
  }
  try {
    return decodeUtf8Strict(Buffer.concat(parts, total), file);
  } catch (err) {
    throw new InputError((err as Error).message);
  }
}

/** JSON Lines made row by row as the file is written, so a large table is never held as text. */
function* toJsonl(rows: unknown[]): Generator<string> {
  for (const r of rows) yield JSON.stringify(r) + '\n';
}

async function run(ctx: StageContext): Promise<StageResult> {
  const s = ctx.settings;
  if (ctx.inputFiles.length === 0) {
    throw new InputError(`run ${ctx.run} has no input: give --input PATH (a file, folder or glob)`);
  }
  const kept: Paper[] = [];
  const rejects: Reject[] = [];
  const files: FileReport[] = [];
  let read = 0;
  const tick = ctx.report.ticker('ingest', ctx.inputFiles.length);
  const cap = Math.round(s.maxInputGb * 1e9);
  const latest = dayString(dayNumber(s.asOf) + 1);
  for (const [i, file] of ctx.inputFiles.entries()) {
    const size = ctx.inputSize(file);
    if (size > cap) throw new InputError(`${file}: ${gb(size)} GB is over --max-input-gb ${s.maxInputGb}; raise it to read this file`);
    const path = ctx.inputPath(file);
    // a gzipped file goes by the name under its .gz
    const name = file.replace(/\.gz$/i, '');
    const opts = { map: s.map, asOf: s.asOf, fileDate: dateFromFileName(name) };
    const gzip = isGzipFile(path);
    const head = await headBytes(path, file, gzip);
    if (looksBinary(head)) throw new InputError(`${file}: a binary file, not text; papermap reads ${FORMATS.join(', ')}${gzip ? ' (gzipped or not)' : ''}`);
    const format = s.format === 'auto' ? detectFormat(name, new TextDecoder().decode(head)) : s.format;
    if (!format) {
      throw new InputError(`${file}: cannot tell its format from its name or content; give --format (${FORMATS.join(', ')})`);
    }
    let records = 0;
    let fileRejects = 0;
    const take = (raw: RawPaper | Reject): void => {
      records++;
      if (isReject(raw)) {
        rejects.push(raw);
        fileRejects++;
        return;
      }
      const p = normalizePaper(raw, latest);
      if ('reason' in p) {
        rejects.push(p);
        fileRejects++;
      } else kept.push(p);
    };
    let extra: { pageDate?: string | null; chrome?: number } = {};
    if (STREAMED_FORMATS.has(format)) {
      // record by record: memory grows with the papers kept, not with the file
      const mbTick = ctx.report.ticker(`ingest ${basename(file)}, MB`, Math.ceil(size / 1e6));
      await streamSource(path, file, gzip, format, opts, { record: take, progress: (b) => mbTick.update(Math.round(b / 1e6)) });
      mbTick.end();
    } else {
      const text = await wholeText(path, file, gzip, size, format);
      const res = readSource(text, file, format, opts);
      for (const r of res.rejects) take(r);
      for (const r of res.records) take(r);
      extra = res as { pageDate?: string | null; chrome?: number };
    }
    read += records;
    const { pageDate, chrome } = extra;
    files.push({
      file, format, records, rejects: fileRejects,
      ...(pageDate !== undefined ? { pageDate } : {}), ...(chrome ? { chrome } : {}),
    });
    tick.update(i + 1);
  }
  tick.end();
  if (read === 0) {
    throw new InputError(`no paper records found in ${ctx.inputFiles.join(', ')}: is this the right file and --format?`);
  }
  const deduped = dedupe(kept);
  const merged = deduped.merged;
  const conflicts = deduped.conflicts;
  // The run's window (--start/--end, set by weekly runs): dated papers outside it are counted, not kept; undated ones stay.
  const inWindow = (p: Paper): boolean =>
    p.date === null || ((s.start === null || p.date >= s.start) && (s.end === null || p.date <= s.end));
  const papers = deduped.papers.filter(inWindow);
  const outside = deduped.papers.length - papers.length;
  if (kept.length === 0) {
    const keep = { 'rejects.jsonl': rejects.map((r) => JSON.stringify(r) + '\n').join('') };
    throw new InputError(`all ${read} records were rejected: ${commonReasons(rejects)} (each one in data/runs/${ctx.run}/rejects.jsonl)`, keep);
  }
  if (papers.length === 0) {
    throw new InputError(`no paper in the inputs falls between --start ${s.start ?? '(any)'} and --end ${s.end ?? '(any)'}`);
  }
  const undated = papers.filter((p) => p.date === null).length;
  const weeks = await weekSummary(papers);
  const counts = { read, kept: papers.length, merged, rejected: rejects.length, outside, undated, idConflicts: conflicts.length };
  if (counts.kept + counts.merged + counts.rejected + counts.outside !== counts.read) {
    throw new Error(`ingest counts do not add up: ${JSON.stringify(counts)}`); // a bug, never bad input
  }
  const rejectNote = rejects.length ? ` (reasons in data/runs/${ctx.run}/rejects.jsonl)` : '';
  const mergeNote = merged ? `; which record merged into which: data/runs/${ctx.run}/merged.jsonl` : '';
  const conflictNote = conflicts.length
    ? `; ${conflicts.length} id${conflicts.length === 1 ? '' : 's'} given to papers that disagree (first: '${conflicts[0].id}' at ${conflicts[0].sources.slice(0, 2).join(' and ')}), kept apart as <id>~<hash>, listed in ingest.json`
    : '';
  return {
    outputs: {
      'papers.jsonl': toJsonl(papers),
      'rejects.jsonl': toJsonl(rejects),
      'merged.jsonl': toJsonl(deduped.merges),
      'ingest.json': JSON.stringify({ counts, files, weeks, conflicts }, null, 1) + '\n',
    },
    counts,
    handoff: { 'papers.jsonl': papers },
    meta: { files },
    summary: `read ${read}, kept ${papers.length}, merged ${merged}, rejected ${rejects.length}${rejectNote}${mergeNote}${conflictNote}${outside ? `, outside ${s.start ?? '…'}..${s.end ?? '…'} ${outside}` : ''}; ${undated} undated`,
    details: formatWeekTable(weeks, undated),
  };
}

export const ingest: Stage = {
  name: 'ingest',
  about: 'read the inputs into one table of papers (papers.jsonl) and a rejects file',
  reads: [],
  run,
};

// Hugging Face daily papers API entries (`{ paper: { id, title, summary, ... }, ... }`) to RawPaper.
import type { RawPaper, ReadOptions, Reject } from './types.ts';
import { asAuthors, asCount, asDay, asString, FieldError } from './fields.ts';
import { formatDay, isValidDay } from './dates.ts';
import { reject } from './rejects.ts';

const DAY_IN_NAME = /(\d{4})-(\d{2})-(\d{2})/;

/** The `YYYY-MM-DD` in a file's base name (`data/raw/2025-11-24.json` -> `2025-11-24`), or null. */
export function dateFromFileName(file: string): string | null {
  const base = file.slice(Math.max(file.lastIndexOf('/'), file.lastIndexOf('\\')) + 1);
  const m = DAY_IN_NAME.exec(base);
  if (!m) return null;
  const y = +m[1], mo = +m[2], d = +m[3];
  return isValidDay(y, mo, d) ? formatDay(y, mo, d) : null;
}

function isPlainObject(v: unknown): v is Record<string, unknown> {
  return v !== null && typeof v === 'object' && !Array.isArray(v);
}

/** True for the API's entry shape: an object holding a `paper` object. */
export function isHfEntry(obj: Record<string, unknown>): boolean {
  return isPlainObject(obj.paper);
}

function field(o: Record<string, unknown>, key: string, label: string): { value: unknown; key: string } | undefined {
  const value = Object.hasOwn(o, key) ? o[key] : undefined;
  return value === undefined || value === null || value === '' ? undefined : { value, key: label };
}

/**
 * One API entry to a RawPaper. date = the UTC day of `paper.submittedOnDailyAt`; without it,
 * `opts.fileDate` when the caller set it (null included), else the day in the file's name
 * (`dateFromFileName`), else null. published = the UTC day of `paper.publishedAt`.
 * id = `paper.id` (an arXiv id); url = `https://huggingface.co/papers/<id>`.
 */
export function fromHfEntry(entry: Record<string, unknown>, file: string, line: number, opts: ReadOptions, raw?: string): RawPaper | Reject {
  const paper = entry.paper;
  if (!isPlainObject(paper)) return reject(file, line, 'not a Hugging Face daily papers entry (no `paper` object)', raw ?? JSON.stringify(entry));
  try {
    const rec: RawPaper = { file, line };
    const id = asString(field(paper, 'id', 'paper.id'), true)?.trim();
    if (id !== undefined && id !== '') rec.id = id;
    const title = asString(field(paper, 'title', 'paper.title') ?? field(entry, 'title', 'title'));
    if (title !== undefined) rec.title = title;
    const abstract = asString(field(paper, 'summary', 'paper.summary') ?? field(entry, 'summary', 'summary'));
    if (abstract !== undefined) rec.abstract = abstract;
    const listed = asDay(field(paper, 'submittedOnDailyAt', 'paper.submittedOnDailyAt'));
    rec.date = listed ?? (opts.fileDate !== undefined ? opts.fileDate : dateFromFileName(file));
    rec.published = asDay(field(paper, 'publishedAt', 'paper.publishedAt') ?? field(entry, 'publishedAt', 'publishedAt'));
    rec.authors = asAuthors(field(paper, 'authors', 'paper.authors')) ?? [];
    rec.upvotes = asCount(field(paper, 'upvotes', 'paper.upvotes'));
    rec.url = rec.id === undefined ? null : `https://huggingface.co/papers/${rec.id}`;
    return rec;
  } catch (e) {
    if (e instanceof FieldError) return reject(file, line, e.message, raw ?? JSON.stringify(entry));
    throw e;
  }
}

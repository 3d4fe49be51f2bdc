// Reader for a Hugging Face Daily Papers page saved as text: title, abstract, "• N authors · date [upvotes]" per paper.
import type { RawPaper, ReadOptions, ReadResult, Reject } from './types.ts';
import { formatDay, isValidDay, monthNumber, resolveMonthDay } from './dates.ts';
import { reject } from './rejects.ts';

/** Lines of the page header that are not papers (compared trimmed, case-insensitive). */
export const PAGE_CHROME: ReadonlySet<string> = new Set([
  'new',
  'get trending papers in your email inbox!',
  'subscribe',
  'daily papers',
  'byak and the research community',
  'by ak and the research community',
]);

/** Longest one-line paragraph still taken for a title. */
const TITLE_MAX = 300;

const AUTHORS_LINE = /^\s*•?\s*(\d+)\s+authors?\s*$/;
const DATE_LINE = /^\s*([A-Za-z]{3,9})\.?\s+(\d{1,2})(?:,\s*(\d{4}))?(?:\s+(\d+))?\s*$/;
const MONTH_WORDS = new Set([
  'jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'sept', 'oct', 'nov', 'dec',
  'january', 'february', 'march', 'april', 'june', 'july', 'august', 'september', 'october', 'november', 'december',
]);

interface Paragraph {
  line: number;
  lines: string[];
}

/** A date line as written: "Nov 11", "Nov 28, 2023", "May 28 2" (upvotes 2). */
export interface PageDate {
  month: number;
  day: number;
  year: number | null;
  upvotes: number | null;
  text: string;
}

interface Meta {
  line: number;
  authorCount: number | null;
  date: PageDate | null;
  /** A line in the block that is neither "• N authors", "·" nor a date. */
  unknown: string | null;
}

/** A date line ("Nov 11", "Nov 28, 2023", "Jun 6 2") or null when the line is not one. */
export function parseDateLine(s: string): PageDate | null {
  const m = DATE_LINE.exec(s);
  if (!m || !MONTH_WORDS.has(m[1].toLowerCase())) return null;
  const month = monthNumber(m[1]);
  if (month === null) return null;
  return {
    month,
    day: +m[2],
    year: m[3] === undefined ? null : +m[3],
    upvotes: m[4] === undefined ? null : +m[4],
    text: s.trim(),
  };
}

/** The day a date line stands for: its own year, else the latest such month-day not after `ref`; null if no such day. */
export function resolvePageDate(d: PageDate, ref: string): string | null {
  if (d.year !== null) return isValidDay(d.year, d.month, d.day) ? formatDay(d.year, d.month, d.day) : null;
  return resolveMonthDay(d.month, d.day, ref);
}

function paragraphs(text: string): Paragraph[] {
  const out: Paragraph[] = [];
  const lines = text.split(/\r\n|\r|\n/);
  let cur: Paragraph | null = null;
  for (let i = 0; i < lines.length; i++) {
    const l = i === 0 && lines[0].charCodeAt(0) === 0xfeff ? lines[0].slice(1) : lines[i];
    if (l.trim() === '') {
      cur = null;
      continue;
    }
    if (cur === null) {
      cur = { line: i + 1, lines: [] };
      out.push(cur);
    }
    cur.lines.push(l);
  }
  return out;
}

function isMetaLine(l: string): boolean {
  const t = l.trim();
  return AUTHORS_LINE.test(l) || t === '·' || parseDateLine(l) !== null;
}

function parseMeta(p: Paragraph): Meta {
  const meta: Meta = { line: p.line, authorCount: null, date: null, unknown: null };
  for (const l of p.lines) {
    const a = AUTHORS_LINE.exec(l);
    if (a) { meta.authorCount = +a[1]; continue; }
    if (l.trim() === '·') continue;
    const d = parseDateLine(l);
    if (d !== null && meta.date === null) { meta.date = d; continue; }
    meta.unknown ??= l.trim();
  }
  return meta;
}

/** Two parts of one authors/date block never both give the same field. */
function canMerge(a: Meta, b: Meta): boolean {
  return !(a.authorCount !== null && b.authorCount !== null) && !(a.date !== null && b.date !== null);
}

function textOf(p: Paragraph): string {
  return p.lines.map((l) => l.trim()).join(' ');
}

/** Longest line of a paragraph that reads as the site's own words (menu entries, buttons, footer links). */
const CHROME_LINE_MAX = 40;

/**
 * A paragraph of short lines that do not end a sentence ("Models", "Log In", "System theme"): the
 * site's navigation, buttons or footer when it stands outside the papers; never an abstract.
 */
function chromeLike(p: Paragraph): boolean {
  return p.lines.every((l) => {
    const t = l.trim();
    return t.length <= CHROME_LINE_MAX && !/[.!?]$/.test(t);
  });
}

/** A one-line paragraph of at most TITLE_MAX characters that does not end with a period. */
function titleLike(p: Paragraph): boolean {
  if (p.lines.length !== 1) return false;
  const t = p.lines[0].trim();
  return t.length <= TITLE_MAX && !t.endsWith('.');
}

interface Found {
  title: Paragraph;
  abstract: Paragraph;
  meta: Meta | null;
}

/**
 * Reads a saved Daily Papers page. The page's own date line (the "Dec 12" under the header) is
 * resolved against opts.asOf as the latest such day not after it, and returned as `pageDate`;
 * each paper's year-less date line resolves against the page date (against asOf when the page
 * has none); dates with a year are taken as written. A paper's `line` is its title's line.
 * Paragraphs pair up as title then abstract; a one-line paragraph of at most 300 characters not
 * ending with "." is taken for a title, so a title followed by another title, or an abstract with
 * no title before it, becomes a reject instead of a wrong pairing. The site around the papers (a
 * page saved whole: header, navigation, "Subscribe", footer, theme switch) is skipped and counted in
 * `chrome`: short lines before the first paper or after the last paper's block, never paired as a paper.
 */
export function readHfPage(text: string, file: string, opts: ReadOptions): ReadResult & { pageDate: string | null; chrome: number } {
  const records: RawPaper[] = [];
  const rejects: Reject[] = [];
  const found: Found[] = [];
  let pageDate: string | null = null;
  let pageDateSeen = false;
  let seenText = false;
  let chrome = 0;
  let run: Paragraph[] = [];
  let lastMeta: Meta | null = null; // the block attached to the paper just read, while no text followed it

  const flush = (meta: Meta | null): void => {
    let i = 0;
    let lastPaired: Found | null = null;
    let lastWasPaired = false;
    while (i < run.length) {
      const p = run[i];
      const q = i + 1 < run.length ? run[i + 1] : undefined;
      if (titleLike(p) && q !== undefined && !titleLike(q) && !chromeLike(q)) {
        lastPaired = { title: p, abstract: q, meta: null };
        found.push(lastPaired);
        lastWasPaired = true;
        i += 2;
      } else if ((found.length === 0 || meta === null) && (titleLike(p) || chromeLike(p))) {
        // before the first paper or after the last one's block: the site's header or footer, not a paper
        chrome++;
        lastWasPaired = false;
        i += 1;
      } else if (titleLike(p)) {
        rejects.push(reject(file, p.line, 'title with no abstract after it', textOf(p)));
        lastWasPaired = false;
        i += 1;
      } else {
        rejects.push(reject(file, p.line, 'abstract with no title before it', textOf(p)));
        lastWasPaired = false;
        i += 1;
      }
    }
    if (meta !== null) {
      if (lastPaired !== null && lastWasPaired) {
        lastPaired.meta = meta;
        lastMeta = meta;
      } else if (run.length === 0 && lastMeta !== null && canMerge(lastMeta, meta)) {
        // the block was split by a blank line ("• 3 authors\n·\n\nNov 11"): one block
        lastMeta.authorCount ??= meta.authorCount;
        lastMeta.date ??= meta.date;
        lastMeta.unknown ??= meta.unknown;
      } else if (run.length === 0) {
        rejects.push(reject(file, meta.line, 'authors/date block with no paper before it'));
      }
    } else lastMeta = null;
    if (run.length > 0 && !(meta !== null && lastWasPaired)) lastMeta = null;
    run = [];
  };

  for (const p of paragraphs(text)) {
    if (!seenText && p.lines.length === 1 && PAGE_CHROME.has(p.lines[0].trim().toLowerCase())) continue;
    if (isMetaLine(p.lines[0])) {
      const meta = parseMeta(p);
      // The page's own date stands before the first paper, after nothing but the site's header.
      const onlyHeader = !seenText || (found.length === 0 && run.every((r) => titleLike(r) || chromeLike(r)));
      if (onlyHeader && !pageDateSeen && meta.date !== null && meta.authorCount === null && meta.unknown === null) {
        pageDateSeen = true;
        flush(null);
        pageDate = resolvePageDate(meta.date, opts.asOf);
        if (pageDate === null) rejects.push(reject(file, p.line, `page date '${meta.date.text}' is not a valid date`, meta.date.text));
        continue;
      }
      flush(meta);
    } else {
      // the date inside the header's navigation ("Previous / Dec 12 / Next" saved as one paragraph)
      const navDate = !pageDateSeen && found.length === 0 && chromeLike(p) ? p.lines.find((l) => parseDateLine(l) !== null) : undefined;
      if (navDate !== undefined && run.every((r) => titleLike(r) || chromeLike(r))) {
        const d = parseDateLine(navDate) as PageDate;
        pageDateSeen = true;
        flush(null);
        chrome++;
        pageDate = resolvePageDate(d, opts.asOf);
        if (pageDate === null) rejects.push(reject(file, p.line, `page date '${d.text}' is not a valid date`, d.text));
        continue;
      }
      seenText = true;
      run.push(p);
    }
  }
  flush(null);

  const ref = pageDate ?? opts.asOf;
  for (const f of found) {
    const title = textOf(f.title);
    const abstract = textOf(f.abstract);
    const meta = f.meta;
    if (meta !== null && meta.unknown !== null) {
      rejects.push(reject(file, f.title.line, `unrecognised line '${meta.unknown.slice(0, 60)}' in the authors/date block`, `${title}\n${meta.unknown}`));
      continue;
    }
    let date: string | null = null;
    if (meta !== null && meta.date !== null) {
      date = resolvePageDate(meta.date, ref);
      if (date === null) {
        rejects.push(reject(file, f.title.line, `invalid date '${meta.date.text}' (no such day)`, `${title}\n${meta.date.text}`));
        continue;
      }
    }
    const rec: RawPaper = {
      file,
      line: f.title.line,
      title,
      abstract,
      date,
      published: null,
      authors: [],
      upvotes: meta?.date?.upvotes ?? null,
      url: null,
    };
    if (meta !== null && meta.authorCount !== null) rec.authorCount = meta.authorCount;
    records.push(rec);
  }
  records.sort((a, b) => a.line - b.line);
  rejects.sort((a, b) => a.line - b.line);
  return { records, rejects, pageDate, chrome };
}

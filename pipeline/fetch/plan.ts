// Pure planning of a fetch: the listing days of a window, the cache rule, arXiv URLs and query hashes, body checks and the summary lines.
import { createHash } from 'node:crypto';
import { dayNumber, dayString } from '../dates.ts';

/** The days from `start` to `end` inclusive; Saturdays and Sundays only when `weekends` (the HF listing has none). */
export function listingDays(start: string, end: string, weekends: boolean): string[] {
  const out: string[] = [];
  for (let n = dayNumber(start); n <= dayNumber(end); n++) {
    const weekday = new Date(n * 86_400_000).getUTCDay(); // 0 Sunday, 6 Saturday
    if (weekends || (weekday !== 0 && weekday !== 6)) out.push(dayString(n));
  }
  return out;
}

/** Whole days from `day` to `today` (negative for a day in the future). */
export function ageInDays(day: string, today: string): number {
  return dayNumber(today) - dayNumber(day);
}

/**
 * Whether a cached response can be used as is: it exists, --refresh is off, and the day was older than
 * `maxAgeDays` on the day it was fetched (a younger listing still changes: upvotes grow and early
 * snapshots can be partial, so a copy fetched young stays young however long it sits in the cache).
 */
export function cacheIsFinal(cached: boolean, day: string, fetchedOn: string, maxAgeDays: number, refresh: boolean): boolean {
  return cached && !refresh && ageInDays(day, fetchedOn) > maxAgeDays;
}

/** The cache folder name of an arXiv query over a window: 12 hex characters of sha1(query, start, end). */
export function arxivQueryKey(query: string, start: string, end: string): string {
  return createHash('sha1').update(`${query}\n${start}\n${end}`).digest('hex').slice(0, 12);
}

/** One page of an arXiv API query, newest submissions first. */
export function arxivPageUrl(baseUrl: string, query: string, offset: number, pageSize: number): string {
  const q = new URLSearchParams({
    search_query: query,
    start: String(offset),
    max_results: String(pageSize),
    sortBy: 'submittedDate',
    sortOrder: 'descending',
  });
  return `${trimSlash(baseUrl)}/api/query?${q.toString()}`;
}

/** The daily papers API URL of one listing day. */
export function hfDayUrl(baseUrl: string, day: string): string {
  return `${trimSlash(baseUrl)}/api/daily_papers?date=${day}`;
}

function trimSlash(url: string): string {
  return url.replace(/\/+$/, '');
}

/** The file name of an arXiv page in its cache folder: `000.xml`, `001.xml`, ... (sorted in page order). */
export function pageFileName(page: number): string {
  return `${String(page).padStart(3, '0')}.xml`;
}

export type BodyCheck = { ok: true; count: number } | { ok: false; reason: string };

/** A daily papers API body is usable when it parses as JSON whole and is an array (`[]`: a day without papers). */
export function checkHfBody(text: string): BodyCheck {
  let v: unknown;
  try {
    v = JSON.parse(text);
  } catch (err) {
    return { ok: false, reason: `not valid JSON (${(err as Error).message}; ${text.length} characters received)` };
  }
  if (!Array.isArray(v)) {
    const what = v === null ? 'null' : typeof v === 'object' ? 'an object' : `a ${typeof v}`;
    return { ok: false, reason: `not a JSON array of papers but ${what}` };
  }
  return { ok: true, count: v.length };
}

/** What happened to one item (a day or an arXiv page) of a fetch. */
export interface ItemReport {
  item: string;
  outcome: 'fetched' | 'cached' | 'failed';
  /** Papers in the stored response, when known. */
  papers?: number;
  /** Attempts beyond the first, and why each was retried. */
  retries: string[];
  reason?: string;
  /** Where a malformed response was kept aside. */
  keptAside?: string;
  /** The file the run reads for this item (a failed item may still have an earlier good copy). */
  file?: string;
}

function list(items: string[]): string {
  return items.length ? `: ${items.join(', ')}` : '';
}

/** The four summary lines: fetched, cached (skipped), retried, failed. */
export function summaryLines(reports: ItemReport[]): string[] {
  const fetched = reports.filter((r) => r.outcome === 'fetched');
  const cached = reports.filter((r) => r.outcome === 'cached');
  const retried = reports.filter((r) => r.retries.length > 0);
  const failed = reports.filter((r) => r.outcome === 'failed');
  const papers = (r: ItemReport): string => (r.papers === undefined ? r.item : `${r.item} (${r.papers} papers)`);
  return [
    `fetched ${fetched.length}${list(fetched.map(papers))}`,
    `cached (skipped) ${cached.length}${list(cached.map(papers))}`,
    `retried ${retried.length}${list(retried.map((r) => `${r.item} (${r.retries.length}x: ${[...new Set(r.retries)].join('; ')})`))}`,
    `failed ${failed.length}${list(
      failed.map((r) => {
        const extra = [r.keptAside ? `kept aside in ${r.keptAside}` : '', r.file ? `the earlier copy ${r.file} is kept` : '']
          .filter(Boolean)
          .join('; ');
        return `${r.item} (${r.reason ?? 'failed'}${extra ? `; ${extra}` : ''})`;
      }),
    )}`,
  ];
}

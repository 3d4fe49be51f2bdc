// Fetch an arXiv API query over a window, page by page (newest first), into data/raw/arxiv/<query key>/<page>.xml.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { writeFileAtomic } from '../io/atomic.ts';
import { atomEntries, atomError, fromAtomEntry, parseXml, XmlError, type XmlElement } from '../sources/arxivAtom.ts';
import { getText } from './http.ts';
import { keptAside } from './hfDaily.ts';
import { arxivPageUrl, arxivQueryKey, cacheIsFinal, pageFileName, type ItemReport } from './plan.ts';
import type { FetchContext, FetchOutcome } from './context.ts';

export const ARXIV_CACHE = join('data', 'raw', 'arxiv');
const COMPLETE = 'complete.json';

interface PageInfo {
  entries: number;
  /** Oldest published day on the page, or null. */
  oldest: string | null;
  /** opensearch:totalResults, when given. */
  total: number | null;
}

/** A page body checked whole: an Atom feed, not the API's error feed; else the reason. */
export function checkAtomPage(text: string): { ok: true; info: PageInfo } | { ok: false; reason: string } {
  let feed: XmlElement;
  try {
    feed = parseXml(text);
  } catch (err) {
    if (err instanceof XmlError) return { ok: false, reason: `not well-formed XML (${err.message}; ${text.length} characters received)` };
    throw err;
  }
  if (feed.name !== 'feed' && !feed.name.endsWith(':feed')) return { ok: false, reason: `not an Atom feed (root <${feed.name}>)` };
  const apiError = atomError(feed);
  if (apiError !== null) return { ok: false, reason: `the arXiv API reported an error: ${apiError}` };
  const entries = atomEntries(feed);
  let oldest: string | null = null;
  for (const e of entries) {
    const r = fromAtomEntry(e, '');
    const d = 'reason' in r ? null : (r.date ?? null);
    if (d !== null && (oldest === null || d < oldest)) oldest = d;
  }
  const totalEl = feed.children.find((c) => c.name === 'opensearch:totalResults' || c.name.endsWith(':totalResults'));
  const total = totalEl && /^\d+$/.test(totalEl.text.trim()) ? Number(totalEl.text.trim()) : null;
  return { ok: true, info: { entries: entries.length, oldest, total } };
}

/** Page through the query until a page is empty, reaches entries older than --start, or runs out of results. */
export async function fetchArxiv(ctx: FetchContext): Promise<FetchOutcome> {
  const o = ctx.options;
  const query = o.query ?? '';
  const key = arxivQueryKey(query, o.start, o.end);
  const dirRel = join(ARXIV_CACHE, key);
  const dirAbs = join(ctx.cwd, dirRel);
  const reports: ItemReport[] = [];
  const files: string[] = [];
  const finalWindow = (cached: boolean): boolean => cacheIsFinal(cached, o.end, ctx.today, o.maxAgeDays, o.refresh);
  // A finished fetch of an old window: its pages, no request.
  const completePath = join(dirAbs, COMPLETE);
  if (finalWindow(existsSync(completePath))) {
    const done = JSON.parse(readFileSync(completePath, 'utf8')) as { pages: string[] };
    if (done.pages.every((p) => existsSync(join(dirAbs, p)))) {
      for (const p of done.pages) {
        const check = checkAtomPage(readFileSync(join(dirAbs, p), 'utf8'));
        reports.push({ item: `page ${p}`, outcome: 'cached', retries: [], file: join(dirRel, p), ...(check.ok ? { papers: check.info.entries } : {}) });
        files.push(join(dirRel, p));
      }
      ctx.log(`${query} ${o.start}..${o.end}: cached in ${dirRel} (${done.pages.length} pages)`);
      return { reports, files, note: `query key ${key}` };
    }
  }
  let note = '';
  let complete = false;
  for (let page = 0; page < o.maxPages; page++) {
    const name = pageFileName(page);
    const rel = join(dirRel, name);
    const abs = join(dirAbs, name);
    const prior = existsSync(abs) ? checkAtomPage(readFileSync(abs, 'utf8')) : null;
    let info: PageInfo;
    if (prior?.ok && finalWindow(true)) {
      info = prior.info;
      reports.push({ item: `page ${name}`, outcome: 'cached', papers: info.entries, retries: [], file: rel });
      ctx.log(`page ${name}: cached (${info.entries} papers)`);
    } else {
      const url = arxivPageUrl(o.baseUrl, query, page * o.pageSize, o.pageSize);
      const res = await getText(url, ctx.http);
      const earlier = prior?.ok ? { file: rel } : {};
      if (!res.ok) {
        reports.push({ item: `page ${name}`, outcome: 'failed', retries: res.retries, reason: res.reason, ...earlier });
        if (prior?.ok) files.push(rel);
        note = `stopped at page ${name}: it failed, so the window may be incomplete`;
        ctx.log(`page ${name}: failed: ${res.reason}`);
        break;
      }
      const check = checkAtomPage(res.body);
      if (!check.ok) {
        const aside = join(dirRel, 'rejected', name.replace(/\.xml$/, '.txt'));
        writeFileAtomic(join(ctx.cwd, aside), keptAside(url, res.status, check.reason, res.body));
        reports.push({ item: `page ${name}`, outcome: 'failed', retries: res.retries, reason: check.reason, keptAside: aside, ...earlier });
        if (prior?.ok) files.push(rel);
        note = `stopped at page ${name}: it was malformed, so the window may be incomplete`;
        ctx.log(`page ${name}: malformed response kept aside in ${aside}: ${check.reason}`);
        break;
      }
      info = check.info;
      if (info.entries === 0) {
        complete = true;
        note = `page ${name} was empty: the end of the results`;
        ctx.log(`page ${name}: empty, done`);
        break;
      }
      writeFileAtomic(abs, res.body);
      reports.push({ item: `page ${name}`, outcome: 'fetched', papers: info.entries, retries: res.retries, file: rel });
      ctx.log(`page ${name}: fetched (${info.entries} papers, oldest ${info.oldest ?? '?'})`);
    }
    files.push(rel);
    if (info.entries === 0 || (info.oldest !== null && info.oldest < o.start)) {
      complete = true;
      note = `page ${name} reached papers older than --start ${o.start}`;
      break;
    }
    if (info.total !== null && (page + 1) * o.pageSize >= info.total) {
      complete = true;
      note = `all ${info.total} results read`;
      break;
    }
    if (page === o.maxPages - 1) note = `stopped after --max-pages ${o.maxPages} before reaching --start ${o.start}`;
  }
  if (complete) {
    writeFileAtomic(completePath, JSON.stringify({ query, start: o.start, end: o.end, pages: files.map((f) => f.slice(dirRel.length + 1)) }, null, 1) + '\n');
  }
  return { reports, files, note: `query key ${key}; ${note}` };
}

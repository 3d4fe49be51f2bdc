// Fetch an arXiv API query over a window, page by page (newest first), into data/raw/arxiv/<query key>/<page>.xml.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { writeFileAtomic } from '../io/atomic.ts';
import { RAW } from '../workspace.ts';
import { atomEntries, atomError, fromAtomEntry, parseXml, XmlError, type XmlElement } from '../sources/arxivAtom.ts';
import { backoffDelay, getText } from './http.ts';
import { fetchedOn, storeResponse } from './cacheRecord.ts';
import { keptAside } from './hfDaily.ts';
import { arxivPageUrl, arxivQueryKey, cacheIsFinal, pageFileName, type ItemReport } from './plan.ts';
import type { FetchContext, FetchOutcome } from './context.ts';

export const ARXIV_CACHE = join(RAW, 'arxiv');
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

type PageFetch =
  | { ok: true; body: string; status: number; info: PageInfo; retries: string[]; url: string }
  | { ok: false; reason: string; retries: string[]; keptAside?: string };

/**
 * One page asked for and checked whole. An empty page before the feed's totalResults is reached is
 * the API's known hiccup, not the end: it is asked for again (up to the retries, with the back-off),
 * and stays a failure if it keeps coming back empty.
 */
async function fetchPage(ctx: FetchContext, url: string, offset: number, asideRel: string): Promise<PageFetch> {
  const retries: string[] = [];
  for (let attempt = 0; ; attempt++) {
    const res = await getText(url, ctx.http);
    retries.push(...res.retries);
    if (!res.ok) return { ok: false, reason: res.reason, retries };
    const check = checkAtomPage(res.body);
    if (!check.ok) {
      writeFileAtomic(join(ctx.cwd, asideRel), keptAside(url, res.status, check.reason, res.body));
      return { ok: false, reason: check.reason, retries, keptAside: asideRel };
    }
    const { info } = check;
    const short = info.entries === 0 && info.total !== null && offset < info.total;
    if (!short) return { ok: true, body: res.body, status: res.status, info, retries, url };
    if (attempt >= ctx.http.retries) {
      return { ok: false, reason: `empty page before all ${info.total} results were read (asked ${attempt + 1} time${attempt === 0 ? '' : 's'})`, retries };
    }
    retries.push(`empty page before totalResults ${info.total}`);
    await ctx.http.sleep(backoffDelay(attempt, ctx.http.backoffMs, ctx.http.random));
  }
}

/**
 * Page through the query until the feed's totalResults is reached, or a page reaches entries older
 * than --start (pages come newest first). Only such a window is complete (complete.json); a failed,
 * malformed or persistently empty page stops it, incomplete, so the next fetch asks again.
 */
export async function fetchArxiv(ctx: FetchContext): Promise<FetchOutcome> {
  const o = ctx.options;
  const query = o.query ?? '';
  const key = arxivQueryKey(query, o.start, o.end);
  const dirRel = join(ARXIV_CACHE, key);
  const dirAbs = join(ctx.cwd, dirRel);
  const reports: ItemReport[] = [];
  const files: string[] = [];
  // final when the window's last day was old enough at the time of the fetch, not today
  const finalAt = (cached: boolean, on: string | null | undefined): boolean =>
    cacheIsFinal(cached && typeof on === 'string', o.end, on ?? o.end, o.maxAgeDays, o.refresh);
  // A finished fetch of an old window: its pages, no request.
  const completePath = join(dirAbs, COMPLETE);
  const done = existsSync(completePath) ? (JSON.parse(readFileSync(completePath, 'utf8')) as { pages: string[]; fetchedOn?: string }) : null;
  if (done !== null && finalAt(true, done.fetchedOn)) {
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
    if (prior?.ok && finalAt(true, fetchedOn(abs))) {
      info = prior.info;
      reports.push({ item: `page ${name}`, outcome: 'cached', papers: info.entries, retries: [], file: rel });
      ctx.log(`page ${name}: cached (${info.entries} papers)`);
    } else {
      const url = arxivPageUrl(o.baseUrl, query, page * o.pageSize, o.pageSize);
      const got = await fetchPage(ctx, url, page * o.pageSize, join(dirRel, 'rejected', name.replace(/\.xml$/, '.txt')));
      if (!got.ok) {
        const earlier = prior?.ok ? { file: rel } : {};
        reports.push({ item: `page ${name}`, outcome: 'failed', retries: got.retries, reason: got.reason, ...(got.keptAside ? { keptAside: got.keptAside } : {}), ...earlier });
        if (prior?.ok) files.push(rel);
        note = `stopped at page ${name} (${got.reason}), so the window may be incomplete; fetch again to complete it`;
        ctx.log(`page ${name}: failed: ${got.reason}${got.keptAside ? `; kept aside in ${got.keptAside}` : ''}`);
        break;
      }
      info = got.info;
      if (info.entries === 0) {
        complete = true;
        note = `page ${name} was empty and no total was given: the end of the results`;
        ctx.log(`page ${name}: empty, done`);
        break;
      }
      storeResponse(abs, got.body, { url: got.url, status: got.status, fetchedOn: ctx.today });
      reports.push({ item: `page ${name}`, outcome: 'fetched', papers: info.entries, retries: got.retries, file: rel });
      ctx.log(`page ${name}: fetched (${info.entries} papers, oldest ${info.oldest ?? '?'})`);
    }
    files.push(rel);
    if (info.oldest !== null && info.oldest < o.start) {
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
    const pages = files.map((f) => f.slice(dirRel.length + 1));
    writeFileAtomic(completePath, JSON.stringify({ query, start: o.start, end: o.end, pages, fetchedOn: ctx.today }, null, 1) + '\n');
  }
  return { reports, files, note: `query key ${key}; ${note}` };
}

// Fetch Hugging Face daily papers listing days into data/raw/hf-daily/<day>.json, one request a day, with the cache rule.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { writeFileAtomic } from '../io/atomic.ts';
import { RAW } from '../workspace.ts';
import { fetchedOn, storeResponse } from './cacheRecord.ts';
import { getText } from './http.ts';
import { cacheIsFinal, checkHfBody, hfDayUrl, listingDays, type ItemReport } from './plan.ts';
import type { FetchContext, FetchOutcome } from './context.ts';

export const HF_CACHE = join(RAW, 'hf-daily');

/** The count of papers in a cached day, or null when the file is missing or not a good response. */
function cachedCount(path: string): number | null {
  if (!existsSync(path)) return null;
  const check = checkHfBody(readFileSync(path, 'utf8'));
  return check.ok ? check.count : null;
}

/** Fetch every listing day of the window; a failing day never replaces a good cached copy. */
export async function fetchHfDaily(ctx: FetchContext): Promise<FetchOutcome> {
  const o = ctx.options;
  const reports: ItemReport[] = [];
  const files: string[] = [];
  for (const day of listingDays(o.start, o.end, o.weekends)) {
    const rel = join(HF_CACHE, `${day}.json`);
    const abs = join(ctx.cwd, rel);
    const had = cachedCount(abs);
    // final when the day was old enough at the time of its fetch, not today: an early snapshot stays young
    const on = fetchedOn(abs);
    if (cacheIsFinal(had !== null && on !== null, day, on ?? day, o.maxAgeDays, o.refresh)) {
      reports.push({ item: day, outcome: 'cached', papers: had ?? 0, retries: [], file: rel });
      files.push(rel);
      ctx.log(`${day}: cached (${had} papers)`);
      continue;
    }
    const url = hfDayUrl(o.baseUrl, day);
    const res = await getText(url, ctx.http);
    const earlier = had !== null ? { file: rel } : {};
    if (!res.ok) {
      reports.push({ item: day, outcome: 'failed', retries: res.retries, reason: res.reason, ...earlier });
      if (had !== null) files.push(rel);
      ctx.log(`${day}: failed: ${res.reason}`);
      continue;
    }
    const check = checkHfBody(res.body);
    if (!check.ok) {
      const aside = join(HF_CACHE, 'rejected', `${day}.txt`);
      writeFileAtomic(join(ctx.cwd, aside), keptAside(url, res.status, check.reason, res.body));
      reports.push({ item: day, outcome: 'failed', retries: res.retries, reason: check.reason, keptAside: aside, ...earlier });
      if (had !== null) files.push(rel);
      ctx.log(`${day}: malformed response kept aside in ${aside}: ${check.reason}`);
      continue;
    }
    storeResponse(abs, res.body, { url, status: res.status, fetchedOn: ctx.today });
    reports.push({ item: day, outcome: 'fetched', papers: check.count, retries: res.retries, file: rel });
    files.push(rel);
    ctx.log(`${day}: fetched (${check.count} papers)`);
  }
  return { reports, files };
}

/** The text of a kept-aside response: why, from where, then the body as received. */
export function keptAside(url: string, status: number, reason: string, body: string): string {
  return `reason: ${reason}\nurl: ${url}\nstatus: ${status}\nreceived: ${body.length} characters\n\n${body}`;
}

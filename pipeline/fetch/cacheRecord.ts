// The record kept beside each cached response (<file>.meta, never a *.json name an input glob would take): when and from where it was fetched.
import { existsSync, readFileSync } from 'node:fs';
import { writeFileAtomic } from '../io/atomic.ts';
import { hashBytes } from '../io/hash.ts';
import { isIsoDay } from '../dates.ts';

export interface CacheRecord {
  url: string;
  /** The day of the fetch (today, or PAPERMAP_TODAY): the cache rule measures the listing's age at it. */
  fetchedOn: string;
  fetchedAt: string;
  status: number;
  bytes: number;
  /** sha1 of the stored bytes: a record that does not match its file is not trusted. */
  sha1: string;
}

export const RECORD_SUFFIX = '.meta';

/** Writes the response body to `abs` exactly as received, then its record beside it. */
export function storeResponse(abs: string, body: string, r: { url: string; status: number; fetchedOn: string }): void {
  const bytes = Buffer.from(body, 'utf8');
  writeFileAtomic(abs, bytes);
  const record: CacheRecord = {
    url: r.url, fetchedOn: r.fetchedOn, fetchedAt: new Date().toISOString(), status: r.status, bytes: bytes.length, sha1: hashBytes(bytes),
  };
  writeFileAtomic(abs + RECORD_SUFFIX, JSON.stringify(record, null, 1) + '\n');
}

/**
 * The day a cached file was fetched, from its record when the record matches the file; null when
 * there is no file or no such record (a copy made by hand, or by a papermap before records): then
 * nobody knows how young the listing was, and the file is never final.
 */
export function fetchedOn(abs: string): string | null {
  if (!existsSync(abs) || !existsSync(abs + RECORD_SUFFIX)) return null;
  try {
    const r = JSON.parse(readFileSync(abs + RECORD_SUFFIX, 'utf8')) as Partial<CacheRecord>;
    if (typeof r.fetchedOn === 'string' && isIsoDay(r.fetchedOn) && r.sha1 === hashBytes(readFileSync(abs))) return r.fetchedOn;
  } catch {
    /* a record that cannot be read vouches for nothing */
  }
  return null;
}

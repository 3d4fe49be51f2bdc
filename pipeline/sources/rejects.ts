// Building rejects: the excerpt rule and the guard that tells a reject from a record.
import type { Reject } from './types.ts';

/** Longest excerpt kept on a reject, in characters. */
export const EXCERPT_MAX = 300;

/** The first EXCERPT_MAX characters of a raw record, with a trailing "…" when cut. */
export function excerptOf(raw: string): string {
  if (raw.length <= EXCERPT_MAX) return raw;
  return raw.slice(0, EXCERPT_MAX - 1) + '…';
}

/** A reject at file:line with a reason and, when given, an excerpt of the raw record. */
export function reject(file: string, line: number, reason: string, raw?: string): Reject {
  return raw === undefined ? { file, line, reason } : { file, line, reason, excerpt: excerptOf(raw) };
}

/** True for a Reject (it has a reason), false for a record. */
export function isReject(x: object): x is Reject {
  return typeof (x as { reason?: unknown }).reason === 'string';
}

/** A short name for a JSON value's type, for reasons like "upvotes is an array, not a number". */
export function typeName(v: unknown): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'an array';
  if (typeof v === 'object') return 'an object';
  if (typeof v === 'string') return 'a string';
  if (typeof v === 'number') return 'a number';
  if (typeof v === 'boolean') return 'a boolean';
  return typeof v;
}

// De-duplication of normalised papers by id: first-seen order, the richest fields, max upvotes, earliest date.
import type { Paper } from '../paper.ts';

/** What dedupe returns: the unique papers, how many records were merged away, and which into which (by source). */
export interface DedupeResult {
  papers: Paper[];
  merged: number;
  /** `kept` and `from` are the `source` (file:line) of the kept record and of the one merged into it. */
  merges: Array<{ kept: string; from: string }>;
}

function earliest(a: string | null, b: string | null): string | null {
  if (a === null) return b;
  if (b === null) return a;
  return b < a ? b : a;
}

function maxOrNull(a: number | null, b: number | null): number | null {
  if (a === null) return b;
  if (b === null) return a;
  return b > a ? b : a;
}

/**
 * Merges `b` into `a` (same id): the title, id and source stay a's; the longer abstract and the longer
 * author list win (ties keep a's); published and url are a's unless null; date is the earliest of the
 * two (a paper listed on two days counts on its first); upvotes the larger; labels the union with a's
 * first (primary) label first.
 */
export function mergePapers(a: Paper, b: Paper): Paper {
  const out: Paper = {
    ...a,
    abstract: b.abstract.length > a.abstract.length ? b.abstract : a.abstract,
    date: earliest(a.date, b.date),
    published: a.published ?? b.published,
    authors: b.authors.length > a.authors.length ? b.authors : a.authors,
    authorCount: Math.max(a.authorCount, b.authorCount),
    upvotes: maxOrNull(a.upvotes, b.upvotes),
    url: a.url ?? b.url,
  };
  if (a.labels !== undefined || b.labels !== undefined) {
    out.labels = [...new Set([...(a.labels ?? []), ...(b.labels ?? [])])];
  }
  return out;
}

/**
 * Papers with the same id are one paper, kept at its first position and merged with mergePapers.
 * Papers with different ids are never merged, whatever their titles (forum posts share subjects).
 */
export function dedupe(papers: Paper[]): DedupeResult {
  const out: Paper[] = [];
  const at = new Map<string, number>();
  const merges: Array<{ kept: string; from: string }> = [];
  for (const p of papers) {
    const i = at.get(p.id);
    if (i === undefined) {
      at.set(p.id, out.length);
      out.push(p);
      continue;
    }
    out[i] = mergePapers(out[i], p);
    merges.push({ kept: out[i].source, from: p.source });
  }
  return { papers: out, merged: merges.length, merges };
}

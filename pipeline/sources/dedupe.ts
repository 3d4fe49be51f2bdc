// De-duplication of normalised papers by id (only records that agree are one paper): first-seen order, the richest fields, max upvotes, earliest date.
import { createHash } from 'node:crypto';
import type { Paper } from '../paper.ts';

/** What dedupe returns: the unique papers, how many records were merged away, and which into which (by source). */
export interface DedupeResult {
  papers: Paper[];
  merged: number;
  /** `kept` and `from` are the `source` (file:line) of the kept record and of the one merged into it. */
  merges: Array<{ id: string; kept: string; from: string }>;
  /** Ids whose records disagree: the sources (file:line) of each paper kept apart, and the ids they now have. */
  conflicts: Array<{ id: string; sources: string[]; ids: string[] }>;
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

const ARXIV_ID = /^(?:\d{4}\.\d{4,5}|[a-z][a-z-]*(?:\.[A-Z]{2})?\/\d{7})$/;
const DOI = /^10\.\d{4,9}\/\S+$/;
const URL_ID = /^https?:\/\/\S+$/i;

/**
 * How far an id can be trusted to name one paper: strong for an arXiv id (the Hugging Face paper id is
 * one), a DOI, a URL, or papermap's own content hash (`h:`); weak for anything else (a row number, a
 * name a tool made up), which two files may well give to two different papers.
 */
export function idStrength(id: string): 'strong' | 'weak' {
  return ARXIV_ID.test(id) || DOI.test(id) || URL_ID.test(id) || /^h:[0-9a-f]{16}$/.test(id) ? 'strong' : 'weak';
}

/** A title as compared across records: case, spacing and punctuation do not count. */
function titleKey(title: string): string {
  return title.toLowerCase().replace(/[^\p{L}\p{N}]+/gu, '');
}

/** What must agree for two records of one id to be one paper: the title for a strong id, the title and abstract for a weak one. */
function agreementKey(p: Paper): string {
  return idStrength(p.id) === 'strong' ? titleKey(p.title) : `${titleKey(p.title)}\n${p.abstract}`;
}

function contentHash(p: Paper): string {
  return createHash('sha256').update(`${p.title.toLowerCase()}\n${p.abstract}`).digest('hex').slice(0, 8);
}

/**
 * Records with the same id are one paper, kept at the first one's position and merged with
 * mergePapers, when they agree (agreementKey). When records of one id disagree, nothing is fused: each
 * agreeing group becomes its own paper with the id `<id>~<8 hex of its title and abstract>`, and the
 * conflict is reported. A weak id used once stays exactly as given. Papers with different ids are never
 * merged, whatever their titles (forum posts share subjects).
 */
export function dedupe(papers: Paper[]): DedupeResult {
  const out: Paper[] = [];
  const at = new Map<string, number>();
  const groupsOf = new Map<string, number[]>();
  const merges: DedupeResult['merges'] = [];
  for (const p of papers) {
    const key = `${p.id}\u0000${agreementKey(p)}`;
    const i = at.get(key);
    if (i === undefined) {
      at.set(key, out.length);
      const groups = groupsOf.get(p.id);
      if (groups) groups.push(out.length);
      else groupsOf.set(p.id, [out.length]);
      out.push(p);
      continue;
    }
    out[i] = mergePapers(out[i], p);
    merges.push({ id: p.id, kept: out[i].source, from: p.source });
  }
  const conflicts: DedupeResult['conflicts'] = [];
  for (const [id, groups] of groupsOf) {
    if (groups.length < 2) continue;
    for (const g of groups) out[g] = { ...out[g], id: `${id}~${contentHash(out[g])}` };
    conflicts.push({ id, sources: groups.map((g) => out[g].source), ids: groups.map((g) => out[g].id) });
  }
  return { papers: out, merged: merges.length, merges, conflicts };
}

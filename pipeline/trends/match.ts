// Topic identity across runs: match this run's topics one to one to a previous run's, keep their ids and names, number new ones.
//
// Evidence, strongest first:
//   1. papers: the two runs' windows overlap (a weekly run shares most papers with last week's).
//      Over the papers present in both runs only, each topic keeps its shared members A', B';
//      similarity = Jaccard |A' ∩ B'| / |A' ∪ B'|, a match from 0.3 (minPaperSimilarity). It is used
//      for a pair only when both topics have at least minSharedPapers (3) shared papers.
//   2. terms: for the pairs without paper evidence (a topic made of papers only one run has),
//      cosine similarity of the c-TF-IDF term weights, keyed by lower-cased term, a match from 0.3
//      (minTermSimilarity). Centroids are not compared: each run has its own SVD space.
// Assignment: greedy, one to one, by descending similarity (ties: lower previous id, then lower
// current id), first over the paper pairs, then over the term pairs among topics still unmatched.
// Ids: a matched topic keeps its previous id (and name); new topics get fresh ids from `nextId`
// (default the previous run's largest id + 1), largest topic first (ties: lower current id).
import type { TopicTerm } from '../stages/label.ts';

export interface MatchTopic {
  /** The topic's id in its own run. */
  id: number;
  /** The name to inherit: the run's computed or inherited name, not a user's name (see `topicName`). */
  name: string;
  /** c-TF-IDF top terms with weights. */
  terms: readonly TopicTerm[];
  /** Ids of the topic's papers. */
  members: readonly string[];
}

export const matchDefaults = {
  /** Least Jaccard similarity of shared members for a match by papers. */
  minPaperSimilarity: 0.3,
  /** Least cosine similarity of term weights for a match by terms. */
  minTermSimilarity: 0.3,
  /** Shared papers each topic of a pair needs before papers (not terms) decide. */
  minSharedPapers: 3,
};

export type MatchSettings = typeof matchDefaults;

export type Evidence = 'papers' | 'terms';

export interface TopicMatch {
  /** The topic's id in this run (its cluster number). */
  topic: number;
  /** Its stable id: the previous id when matched, else a fresh one. */
  id: number;
  /** The previous run's id it inherits, or null when new. */
  previous: number | null;
  /** Similarity of the match (Jaccard or cosine), 0 when new. */
  similarity: number;
  evidence: Evidence | null;
  /** The inherited name when matched, else the topic's own name. */
  name: string;
}

export interface MatchResult {
  /** One entry per current topic, in the order given. */
  matches: TopicMatch[];
  /** Previous ids with no match, ascending. */
  gone: number[];
  /** Current id -> stable id. */
  renumber: Map<number, number>;
  /** The smallest id not yet handed out: pass it as `nextId` next time so gone ids are never reused. */
  nextId: number;
  /** Papers present in both runs. */
  sharedPapers: number;
}

interface Candidate {
  /** Indices into the previous and current topic lists, and the topics' ids (for tie-breaks). */
  prev: number;
  cur: number;
  prevId: number;
  curId: number;
  similarity: number;
  evidence: Evidence;
}

function checkIds(topics: readonly MatchTopic[], run: string): void {
  const seen = new Set<number>();
  for (const t of topics) {
    if (!Number.isInteger(t.id) || t.id < 0) throw new Error(`${run} run: topic id ${t.id} is not a whole number >= 0`);
    if (seen.has(t.id)) throw new Error(`${run} run: topic id ${t.id} appears twice`);
    seen.add(t.id);
  }
}

/** Term weights keyed by lower-cased term (weights of terms that collide are summed). */
function termVector(terms: readonly TopicTerm[]): Map<string, number> {
  const v = new Map<string, number>();
  for (const { term, weight } of terms) {
    const key = term.toLowerCase();
    v.set(key, (v.get(key) ?? 0) + weight);
  }
  return v;
}

/** Cosine similarity of two sparse vectors keyed by term; 0 when either is empty. */
export function termCosine(a: readonly TopicTerm[], b: readonly TopicTerm[]): number {
  const va = termVector(a);
  const vb = termVector(b);
  let dot = 0;
  let na = 0;
  let nb = 0;
  for (const [k, w] of va) {
    na += w * w;
    const u = vb.get(k);
    if (u !== undefined) dot += w * u;
  }
  for (const w of vb.values()) nb += w * w;
  return na > 0 && nb > 0 ? dot / Math.sqrt(na * nb) : 0;
}

/** Greedy one-to-one assignment by descending similarity; marks `prevTaken` and fills `curOf` (current index -> candidate). */
function assign(cands: Candidate[], prevTaken: Set<number>, curOf: Map<number, Candidate>): void {
  cands.sort((p, q) => q.similarity - p.similarity || p.prevId - q.prevId || p.curId - q.curId);
  for (const c of cands) {
    if (prevTaken.has(c.prev) || curOf.has(c.cur)) continue;
    prevTaken.add(c.prev);
    curOf.set(c.cur, c);
  }
}

/** Match `current` topics to `previous` ones; see the module comment. */
export function matchTopics(
  previous: readonly MatchTopic[],
  current: readonly MatchTopic[],
  options: Partial<MatchSettings> & { nextId?: number } = {},
): MatchResult {
  const { nextId: nextIdOption, ...given } = options;
  const s: MatchSettings = { ...matchDefaults, ...given };
  checkIds(previous, 'previous');
  checkIds(current, 'current');

  // Papers in both runs, and each previous topic's shared members.
  const prevTopicsOf = new Map<string, number[]>();
  previous.forEach((a, i) => {
    for (const p of a.members) {
      const list = prevTopicsOf.get(p);
      if (list) list.push(i);
      else prevTopicsOf.set(p, [i]);
    }
  });
  const sharedSet = new Set<string>();
  for (const b of current) for (const p of b.members) if (prevTopicsOf.has(p)) sharedSet.add(p);
  const prevShared = previous.map((a) => new Set(a.members.filter((p) => sharedSet.has(p))).size);
  const curShared = current.map((b) => new Set(b.members.filter((p) => sharedSet.has(p))).size);

  const paperCands: Candidate[] = [];
  current.forEach((b, j) => {
    if (curShared[j] < s.minSharedPapers) return;
    const inter = new Map<number, number>();
    for (const p of new Set(b.members)) {
      for (const i of prevTopicsOf.get(p) ?? []) inter.set(i, (inter.get(i) ?? 0) + 1);
    }
    for (const [i, k] of inter) {
      if (prevShared[i] < s.minSharedPapers) continue;
      const jaccard = k / (prevShared[i] + curShared[j] - k);
      if (jaccard >= s.minPaperSimilarity) paperCands.push({ prev: i, cur: j, prevId: previous[i].id, curId: b.id, similarity: jaccard, evidence: 'papers' });
    }
  });
  const prevTaken = new Set<number>();
  const curOf = new Map<number, Candidate>();
  assign(paperCands, prevTaken, curOf);

  const termCands: Candidate[] = [];
  current.forEach((b, j) => {
    if (curOf.has(j)) return;
    previous.forEach((a, i) => {
      if (prevTaken.has(i)) return;
      if (curShared[j] >= s.minSharedPapers && prevShared[i] >= s.minSharedPapers) return; // papers had their say
      const cos = termCosine(a.terms, b.terms);
      if (cos >= s.minTermSimilarity) termCands.push({ prev: i, cur: j, prevId: a.id, curId: b.id, similarity: cos, evidence: 'terms' });
    });
  });
  assign(termCands, prevTaken, curOf);

  const largest = previous.reduce((m, a) => Math.max(m, a.id), -1);
  let nextId = nextIdOption ?? largest + 1;
  if (!Number.isInteger(nextId) || nextId <= largest) {
    throw new Error(`nextId ${nextId} is not above the previous run's largest topic id ${largest}`);
  }
  const fresh = current
    .map((b, j) => ({ b, j }))
    .filter(({ j }) => !curOf.has(j))
    .sort((p, q) => q.b.members.length - p.b.members.length || p.b.id - q.b.id);
  const freshId = new Map<number, number>();
  for (const { j } of fresh) freshId.set(j, nextId++);

  const matches: TopicMatch[] = current.map((b, j) => {
    const c = curOf.get(j);
    if (!c) return { topic: b.id, id: freshId.get(j) as number, previous: null, similarity: 0, evidence: null, name: b.name };
    const a = previous[c.prev];
    return { topic: b.id, id: a.id, previous: a.id, similarity: c.similarity, evidence: c.evidence, name: a.name };
  });
  const gone = previous.filter((_, i) => !prevTaken.has(i)).map((a) => a.id).sort((x, y) => x - y);
  return {
    matches,
    gone,
    renumber: new Map(matches.map((m) => [m.topic, m.id])),
    nextId,
    sharedPapers: sharedSet.size,
  };
}

export type NameSource = 'user' | 'inherited' | 'computed';

/**
 * A topic's display name: the user's name for its stable id (settings `topicNames`, keyed by the id
 * as a string), else the name inherited from the previous run, else the freshly computed one.
 * Keep `source` with the name, and pass on only non-user names as the next run's inherited name,
 * so that removing a user's name brings the computed one back.
 */
export function topicName(
  id: number,
  inherited: string | null,
  computed: string,
  userNames: Readonly<Record<string, string>> = {},
): { name: string; source: NameSource } {
  const user = Object.hasOwn(userNames, String(id)) ? userNames[String(id)].trim() : '';
  if (user !== '') return { name: user, source: 'user' };
  if (inherited !== null && inherited !== '') return { name: inherited, source: 'inherited' };
  return { name: computed, source: 'computed' };
}

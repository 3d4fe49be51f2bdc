// Topic identity across runs: an optimal one-to-one match of this run's topics to a previous run's, with splits, merges, new and gone topics.
//
// Evidence for a pair (previous topic A, current topic B):
//   papers: over the papers present in both runs only, each topic keeps its shared members A', B';
//           paper Jaccard |A' ∩ B'| / |A' ∪ B'| (used when both have minSharedPapers shared papers);
//   terms:  cosine of the c-TF-IDF term weights (keyed by lower-cased term), and the Jaccard of the
//           two topics' top `topTerms` (10) terms.
// Similarity: the mean of paper Jaccard and term cosine where the pair has paper evidence, else the
// term cosine alone. A pair may match when its similarity is at least minSimilarity (0.3), and is
// forced (a bonus of 1 on its weight) when either strong signal holds alone: paper Jaccard >=
// forcePaperJaccard (0.25) or top-term Jaccard >= forceTermJaccard (0.4).
// Assignment: the Hungarian method maximises the summed weight, one to one. It leaves no eligible
// pair with both topics unmatched, so a topic is never reported new while a gone topic is strongly
// like it.
// Splits and merges, from containment over shared papers: an unmatched current topic whose shared
// papers came mostly (>= minContainment, 0.5, and at least minSharedPapers) from one previous topic
// is split from it; an unmatched previous topic whose shared papers went mostly into one current
// topic is merged into it. The id stays on the larger side: among the current topics split from one
// previous topic the largest keeps its id and the others get fresh ids with `previousId`; a topic
// merged from several previous ones takes the id of the largest of them, and the others are listed
// in `mergedFrom` (not gone).
// Fresh ids start at `nextId` (default the previous run's largest id + 1), largest topic first.
import type { NameSource, TopicStatus, TopicTerm } from '../artifacts/topics.ts';

export type { NameSource, TopicStatus };
import { maxWeightAssignment } from '../math/assignment.ts';

export interface MatchTopic {
  /** The topic's id in its own run. */
  id: number;
  /** The name to inherit: the run's computed or inherited name, not a user's name (see `topicName`). */
  name: string;
  /** c-TF-IDF top terms with weights, best first. */
  terms: readonly TopicTerm[];
  /** Ids of the topic's papers. */
  members: readonly string[];
}

export const matchDefaults = {
  /** Least combined similarity for a match. */
  minSimilarity: 0.3,
  /** Paper Jaccard that forces a match on its own. */
  forcePaperJaccard: 0.25,
  /** Top-term Jaccard that forces a match on its own. */
  forceTermJaccard: 0.4,
  /** Top terms compared by the term Jaccard. */
  topTerms: 10,
  /** Shared papers each topic of a pair needs before papers count. */
  minSharedPapers: 3,
  /** Share of a topic's shared papers from (or into) one other topic that makes a split (or merge). */
  minContainment: 0.5,
};

export type MatchSettings = typeof matchDefaults;

export type Evidence = 'papers' | 'terms';


export interface TopicMatch {
  /** The topic's id in this run (its cluster number). */
  topic: number;
  /** Its stable id: the previous id it keeps, else a fresh one. */
  id: number;
  /** The previous id it keeps (null for new and split topics). */
  previous: number | null;
  /** The previous topic it descends from: the one it keeps, the one it split from, the largest it merged from. */
  previousId: number | null;
  status: Exclude<TopicStatus, 'renamed'>;
  /** Previous ids merged into it besides its own. */
  mergedFrom: number[];
  /** Combined similarity with `previousId`'s topic (0 when new). */
  similarity: number;
  paperJaccard: number | null;
  termCosine: number;
  termJaccard: number;
  evidence: Evidence | null;
  /** The inherited name when it keeps a previous id, else the topic's own name. */
  name: string;
}

export interface MatchResult {
  /** One entry per current topic, in the order given. */
  matches: TopicMatch[];
  /** Previous ids with no successor (neither matched nor merged), ascending. */
  gone: number[];
  /** Previous ids merged into a current topic that took another id: previous id -> the stable id it went into. */
  mergedInto: Map<number, number>;
  /** Current id -> stable id. */
  renumber: Map<number, number>;
  /** The smallest id not yet handed out: pass it as `nextId` next time so gone ids are never reused. */
  nextId: number;
  /** Papers present in both runs. */
  sharedPapers: number;
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

/** Jaccard of the two topics' first `n` terms, lower-cased. */
export function topTermJaccard(a: readonly TopicTerm[], b: readonly TopicTerm[], n: number): number {
  const sa = new Set(a.slice(0, n).map((t) => t.term.toLowerCase()));
  const sb = new Set(b.slice(0, n).map((t) => t.term.toLowerCase()));
  let inter = 0;
  for (const t of sa) if (sb.has(t)) inter++;
  const union = sa.size + sb.size - inter;
  return union > 0 ? inter / union : 0;
}

interface Pair {
  paperJaccard: number | null;
  termCosine: number;
  termJaccard: number;
  similarity: number;
  forced: boolean;
  /** Shared papers of the pair: |A' ∩ B'|. */
  overlap: number;
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
  const P = previous.length;
  const C = current.length;

  // Papers in both runs, and each topic's shared members.
  const prevOf = new Map<string, number>();
  previous.forEach((a, i) => {
    for (const p of a.members) prevOf.set(p, i);
  });
  const curOf = new Map<string, number>();
  current.forEach((b, j) => {
    for (const p of b.members) curOf.set(p, j);
  });
  const shared = new Set<string>();
  for (const p of curOf.keys()) if (prevOf.has(p)) shared.add(p);
  const prevShared = new Float64Array(P);
  const curShared = new Float64Array(C);
  const overlap = new Float64Array(P * C);
  for (const p of shared) {
    const i = prevOf.get(p) as number;
    const j = curOf.get(p) as number;
    prevShared[i]++;
    curShared[j]++;
    overlap[i * C + j]++;
  }

  const pairs: Pair[] = new Array(P * C);
  const weights = new Float64Array(P * C);
  for (let i = 0; i < P; i++) {
    for (let j = 0; j < C; j++) {
      const k = overlap[i * C + j];
      const papers = prevShared[i] >= s.minSharedPapers && curShared[j] >= s.minSharedPapers;
      const pj = papers ? k / (prevShared[i] + curShared[j] - k) : null;
      const cos = termCosine(previous[i].terms, current[j].terms);
      const tj = topTermJaccard(previous[i].terms, current[j].terms, s.topTerms);
      const similarity = pj === null ? cos : (pj + cos) / 2;
      const forced = (pj !== null && pj >= s.forcePaperJaccard) || tj >= s.forceTermJaccard;
      pairs[i * C + j] = { paperJaccard: pj, termCosine: cos, termJaccard: tj, similarity, forced, overlap: k };
      if (forced) weights[i * C + j] = 1 + similarity;
      else if (similarity >= s.minSimilarity) weights[i * C + j] = similarity;
    }
  }
  const assigned = maxWeightAssignment(weights, P, C);
  const matchedPrev = new Int32Array(C).fill(-1);
  assigned.forEach((j, i) => {
    if (j >= 0) matchedPrev[j] = i;
  });

  /**
   * The one topic on the other side holding most of a topic's `shared` papers, when it holds at least
   * minSharedPapers of them and a minContainment share; else -1. `cell(x)` is the overlap with x.
   */
  const mostlyIn = (others: number, shared: number, cell: (x: number) => number): number => {
    if (shared < s.minSharedPapers) return -1;
    let best = -1;
    for (let x = 0; x < others; x++) if (best < 0 || cell(x) > cell(best)) best = x;
    return best >= 0 && cell(best) >= s.minSharedPapers && cell(best) >= s.minContainment * shared ? best : -1;
  };
  // Splits: unmatched current topics mostly made of one previous topic's shared papers.
  const splitFrom = new Int32Array(C).fill(-1);
  for (let j = 0; j < C; j++) if (matchedPrev[j] < 0) splitFrom[j] = mostlyIn(P, curShared[j], (i) => overlap[i * C + j]);
  // Merges: unmatched previous topics whose shared papers went mostly into one current topic.
  const mergeInto = new Int32Array(P).fill(-1);
  for (let i = 0; i < P; i++) if (assigned[i] < 0) mergeInto[i] = mostlyIn(C, prevShared[i], (j) => overlap[i * C + j]);

  // The id on the larger side. A previous topic's successors: its match and the topics split from it.
  const keeper = new Int32Array(C).fill(-1); // current j -> the previous index whose id it keeps
  const splitOf = new Int32Array(C).fill(-1); // current j -> the previous index it split from (fresh id)
  for (let i = 0; i < P; i++) {
    const heirs: number[] = [];
    if (assigned[i] >= 0) heirs.push(assigned[i]);
    for (let j = 0; j < C; j++) if (splitFrom[j] === i) heirs.push(j);
    if (heirs.length === 0) continue;
    heirs.sort((a, b) => current[b].members.length - current[a].members.length || a - b);
    keeper[heirs[0]] = i;
    for (const j of heirs.slice(1)) splitOf[j] = i;
  }
  // A current topic's ancestors: the previous topic it keeps and those merged into it (not kept by
  // another topic); the largest gives the id.
  const kept = new Set<number>();
  for (let j = 0; j < C; j++) if (keeper[j] >= 0) kept.add(keeper[j]);
  const mergedFrom: number[][] = Array.from({ length: C }, () => []);
  const mergedInto = new Map<number, number>();
  for (let j = 0; j < C; j++) {
    const ancestors: number[] = [];
    if (keeper[j] >= 0) ancestors.push(keeper[j]);
    for (let i = 0; i < P; i++) if (mergeInto[i] === j && !kept.has(i)) ancestors.push(i);
    if (ancestors.length < 2) continue;
    ancestors.sort((a, b) => previous[b].members.length - previous[a].members.length || previous[a].id - previous[b].id);
    keeper[j] = ancestors[0];
    splitOf[j] = -1;
    mergedFrom[j] = ancestors.slice(1);
  }
  for (let j = 0; j < C; j++) {
    for (const i of mergedFrom[j]) mergedInto.set(previous[i].id, previous[keeper[j]].id);
  }

  const largest = previous.reduce((m, a) => Math.max(m, a.id), -1);
  let nextId = nextIdOption ?? largest + 1;
  if (!Number.isInteger(nextId) || nextId <= largest) {
    throw new Error(`nextId ${nextId} is not above the previous run's largest topic id ${largest}`);
  }
  const fresh = current
    .map((b, j) => ({ b, j }))
    .filter(({ j }) => keeper[j] < 0)
    .sort((p, q) => q.b.members.length - p.b.members.length || p.b.id - q.b.id);
  const freshId = new Map<number, number>();
  for (const { j } of fresh) freshId.set(j, nextId++);

  const matches: TopicMatch[] = current.map((b, j) => {
    const i = keeper[j] >= 0 ? keeper[j] : splitOf[j];
    const pair = i >= 0 ? pairs[i * C + j] : null;
    const figures = {
      similarity: pair?.similarity ?? 0,
      paperJaccard: pair?.paperJaccard ?? null,
      termCosine: pair?.termCosine ?? 0,
      termJaccard: pair?.termJaccard ?? 0,
      evidence: pair ? (pair.paperJaccard !== null ? ('papers' as const) : ('terms' as const)) : null,
    };
    if (keeper[j] >= 0) {
      const a = previous[keeper[j]];
      const merged = mergedFrom[j].map((m) => previous[m].id).sort((x, y) => x - y);
      return { topic: b.id, id: a.id, previous: a.id, previousId: a.id, status: merged.length ? 'merged' : 'carried', mergedFrom: merged, ...figures, name: a.name };
    }
    const id = freshId.get(j) as number;
    if (splitOf[j] >= 0) {
      return { topic: b.id, id, previous: null, previousId: previous[splitOf[j]].id, status: 'split', mergedFrom: [], ...figures, name: b.name };
    }
    return { topic: b.id, id, previous: null, previousId: null, status: 'new', mergedFrom: [], ...figures, name: b.name };
  });
  const succeeded = new Set<number>();
  for (const m of matches) {
    if (m.previousId !== null) succeeded.add(m.previousId);
    for (const id of m.mergedFrom) succeeded.add(id);
  }
  const gone = previous.filter((a) => !succeeded.has(a.id)).map((a) => a.id).sort((x, y) => x - y);
  return {
    matches,
    gone,
    mergedInto,
    renumber: new Map(matches.map((m) => [m.topic, m.id])),
    nextId,
    sharedPapers: shared.size,
  };
}


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

// Stage label: names each topic from its c-TF-IDF terms (re-ranked by MMR), picks representative papers, and scores quality.
import type { Stage, StageContext, StageResult } from './stage.ts';
import type { Paper } from '../paper.ts';
import { classTfidf, topTerms } from '../text/ctfidf.ts';
import { mmrSelect, occurrenceSimilarity } from '../text/mmr.ts';
import { topicCoherence, topicDiversity } from '../math/metricsTopics.ts';
import { homogeneityCompletenessV, adjustedRandIndex } from '../math/metrics.ts';
import { readTokens } from './tokenize.ts';
import { readClusters, clusteringSpace } from './cluster.ts';
import type { VocabularyEntry } from './vectorize.ts';
import { matchTopics, topicName, type NameSource } from '../trends/match.ts';
import { InputError } from '../errors.ts';

/** Candidates taken from the c-TF-IDF ranking before MMR re-ranks them. */
const CANDIDATES = 30;
/** Terms in a topic's name. */
const NAME_TERMS = 3;

export interface TopicTerm {
  term: string;
  weight: number;
}

export interface Topic {
  /** Stable id: the cluster number in a fresh run, inherited from the previous run when matched. */
  id: number;
  name: string;
  /** Where the name comes from: the user's settings, the previous run, or this run's terms. */
  nameSource: NameSource;
  /** The name a next run inherits (never a user's name, so removing it brings the computed one back). */
  inheritName: string;
  /** How it matched the previous run's topics (absent without --previous). */
  match?: { previous: number | null; similarity: number; evidence: 'papers' | 'terms' | null };
  size: number;
  terms: TopicTerm[];
  /** Paper ids closest to the topic's centre in the clustering space, nearest first. */
  representatives: string[];
  /** Paper ids with the most upvotes, most first (papers without upvotes left out). */
  mostUpvoted: string[];
}

export interface Quality {
  silhouette: number;
  coherence: number;
  diversity: number;
  /** Present when the input carries labels. */
  labelled?: { papers: number; classes: number; homogeneity: number; completeness: number; vMeasure: number; ari: number };
}

export interface TopicsFile {
  /** Indexed by cluster number (clusters.bin); each carries its stable id. */
  topics: Topic[];
  quality: Quality;
  /** The run matched against, the previous topics with no match, and the next fresh id to hand out. */
  previous: string | null;
  gone: { id: number; name: string; size: number }[];
  nextId: number;
}

/** Stable ids, inherited names and what is gone, from matching against the previous run's topics. */
function inheritIdentity(ctx: StageContext, papers: Paper[], members: number[][], topics: Topic[]): Pick<TopicsFile, 'gone' | 'nextId'> & { inherited: (string | null)[] } {
  const prevRun = ctx.settings.previous as string;
  if (prevRun === ctx.run) throw new InputError(`--previous ${prevRun} names this run itself; name last week's run`);
  const prev = ctx.readRun(prevRun);
  if (!prev.has('topics.json') || !prev.has('clusters.bin')) {
    throw new InputError(`previous run ${prevRun} has no topics (data/runs/${prevRun}/topics.json); run it first or drop --previous`);
  }
  const prevFile = prev.json<TopicsFile>('topics.json');
  const prevLabels = prev.arrays('clusters').arrays.labels as Int32Array;
  const prevPapers = prev.jsonl<Paper>('papers.jsonl');
  const prevMembers: string[][] = prevFile.topics.map(() => []);
  for (let i = 0; i < prevLabels.length; i++) prevMembers[prevLabels[i]].push(prevPapers[i].id);
  const res = matchTopics(
    prevFile.topics.map((t, c) => ({ id: t.id, name: t.inheritName ?? t.name, terms: t.terms, members: prevMembers[c] })),
    topics.map((t, c) => ({ id: c, name: t.name, terms: t.terms, members: members[c].map((i) => papers[i].id) })),
    { nextId: prevFile.nextId ?? Math.max(-1, ...prevFile.topics.map((t) => t.id)) + 1 },
  );
  res.matches.forEach((m, c) => {
    topics[c].id = m.id;
    topics[c].match = { previous: m.previous, similarity: round(m.similarity), evidence: m.evidence };
  });
  const byId = new Map(prevFile.topics.map((t) => [t.id, t]));
  return {
    inherited: res.matches.map((m) => (m.previous !== null ? m.name : null)),
    gone: res.gone.map((id) => ({ id, name: byId.get(id)?.name ?? `topic ${id}`, size: byId.get(id)?.size ?? 0 })),
    nextId: res.nextId,
  };
}

const round = (x: number, digits = 4): number => Math.round(x * 10 ** digits) / 10 ** digits;

/** Agreement of the topics with the input's own labels (first label of each paper), over the labelled papers. */
export function labelAgreement(papers: Paper[], topics: Int32Array): Quality['labelled'] {
  const classOf = new Map<string, number>();
  const truth: number[] = [];
  const pred: number[] = [];
  papers.forEach((p, i) => {
    const l = p.labels?.[0];
    if (l === undefined) return;
    if (!classOf.has(l)) classOf.set(l, classOf.size);
    truth.push(classOf.get(l) as number);
    pred.push(topics[i]);
  });
  if (truth.length === 0) return undefined;
  const h = homogeneityCompletenessV(truth, pred);
  return {
    papers: truth.length,
    classes: classOf.size,
    homogeneity: round(h.homogeneity),
    completeness: round(h.completeness),
    vMeasure: round(h.vMeasure),
    ari: round(adjustedRandIndex(truth, pred)),
  };
}

async function run(ctx: StageContext): Promise<StageResult> {
  const s = ctx.settings;
  const corpus = readTokens(ctx);
  const nTerms = corpus.vocab.length;
  const vocabulary = ctx.read.json<VocabularyEntry[]>('vocabulary.json');
  const idOfKey = new Map(corpus.vocab.map((key, t) => [key, t]));
  const keep = new Uint8Array(nTerms);
  for (const v of vocabulary) keep[idOfKey.get(v.key) as number] = 1;
  const cl = readClusters(ctx);
  const papers = ctx.read.jsonl<Paper>('papers.jsonl');
  const { X, n, d } = clusteringSpace(ctx);
  if (papers.length !== n || cl.labels.length !== n) {
    throw new Error(`run is inconsistent: ${papers.length} papers, ${cl.labels.length} cluster labels, ${n} points`);
  }

  const ct = classTfidf(corpus.docOffsets, corpus.tokens, cl.labels, cl.k, nTerms, keep);
  const members: number[][] = Array.from({ length: cl.k }, () => []);
  for (let i = 0; i < n; i++) members[cl.labels[i]].push(i);

  const topics: Topic[] = [];
  const topTermIds: Int32Array[] = [];
  for (let c = 0; c < cl.k; c++) {
    const cand = topTerms(ct, c, CANDIDATES);
    const w = ct.weights.subarray(c * nTerms, (c + 1) * nTerms);
    const maxW = cand.length ? w[cand[0]] : 1;
    const relevance = Float64Array.from(cand, (t) => (maxW > 0 ? w[t] / maxW : 0));
    const sim = occurrenceSimilarity(corpus.docOffsets, corpus.tokens, members[c], cand, nTerms);
    const picked = Array.from(mmrSelect(relevance, sim, s.topTerms, s.mmrDiversity), (i) => cand[i]);
    topTermIds.push(Int32Array.from(picked));
    const terms = picked.map((t) => ({ term: corpus.display[t], weight: round(w[t], 6) }));

    const dist = members[c].map((i) => {
      let acc = 0;
      for (let j = 0; j < d; j++) {
        const diff = X[i * d + j] - cl.centroids[c * d + j];
        acc += diff * diff;
      }
      return { i, acc };
    });
    dist.sort((a, b) => a.acc - b.acc || a.i - b.i);
    const upvoted = members[c]
      .filter((i) => (papers[i].upvotes ?? 0) > 0)
      .sort((a, b) => (papers[b].upvotes ?? 0) - (papers[a].upvotes ?? 0) || a - b);
    const computed = terms.slice(0, NAME_TERMS).map((t) => t.term).join(' · ') || `topic ${c}`;
    topics.push({
      id: c,
      name: computed,
      nameSource: 'computed',
      inheritName: computed,
      size: members[c].length,
      terms,
      representatives: dist.slice(0, s.representatives).map((x) => papers[x.i].id),
      mostUpvoted: upvoted.slice(0, s.representatives).map((i) => papers[i].id),
    });
  }

  const identity = s.previous !== null ? inheritIdentity(ctx, papers, members, topics) : { inherited: topics.map(() => null), gone: [], nextId: cl.k };
  topics.forEach((t, c) => {
    const named = topicName(t.id, identity.inherited[c], t.name, s.topicNames);
    t.inheritName = identity.inherited[c] ?? t.name;
    t.name = named.name;
    t.nameSource = named.source;
  });
  const coherence = topicCoherence(corpus.docOffsets, corpus.tokens, topTermIds, nTerms);
  const labelled = labelAgreement(papers, cl.labels);
  const quality: Quality = {
    silhouette: cl.silhouette,
    coherence: round(coherence.mean),
    diversity: round(topicDiversity(topTermIds)),
    ...(labelled ? { labelled } : {}),
  };
  const file: TopicsFile = { topics, quality, previous: s.previous, gone: identity.gone, nextId: identity.nextId };
  const carried = topics.filter((t) => t.match?.previous != null).length;
  const idNote = s.previous !== null ? `; ${carried} ids carried over from ${s.previous}, ${topics.length - carried} new, ${identity.gone.length} gone` : '';
  const lab = labelled ? `; against the input's labels V-measure ${labelled.vMeasure}, ARI ${labelled.ari}` : '';
  return {
    outputs: { 'topics.json': JSON.stringify(file, null, 1) + '\n' },
    counts: { topics: topics.length, docs: n },
    meta: { quality },
    summary: `${topics.length} topics named; silhouette ${Number.isFinite(quality.silhouette) ? quality.silhouette.toFixed(3) : '– (one topic)'}, coherence (NPMI) ${quality.coherence.toFixed(3)}, diversity ${quality.diversity.toFixed(2)}${lab}${idNote}`,
    details: topics.slice(0, 40).map((t) => `  ${String(t.id).padStart(3)} ${String(t.size).padStart(6)}  ${t.name}${t.match && t.match.previous === null ? '  (new)' : ''}`),
  };
}

export const label: Stage = {
  name: 'label',
  externalInputs: (s) =>
    s.previous === null ? [] : ['topics.json', 'clusters.bin', 'papers.jsonl'].map((f) => `data/runs/${s.previous}/${f}`),
  about: 'topic names, terms, representative papers, quality figures',
  reads: ['papers.jsonl', 'tokens.json', 'tokens.bin', 'vocabulary.json', 'clusters.json', 'clusters.bin', 'lsa.json', 'lsa.bin', 'umap.json', 'umap.bin'],
  run,
};

// Stage label: names each topic from its c-TF-IDF terms (re-ranked by MMR), picks representative papers, and scores quality.
import type { Stage, StageContext, StageResult } from './stage.ts';
import type { Paper } from '../paper.ts';
import { classTfidf, topTerms } from '../text/ctfidf.ts';
import { mmrSelect, occurrenceSimilarity } from '../text/mmr.ts';
import { topicCoherence, topicDiversity } from '../math/metricsTopics.ts';
import { homogeneityCompletenessV, adjustedRandIndex } from '../math/metrics.ts';
import { readClusters, clusteringSpace } from '../artifacts/clusters.ts';
import { keptTerms } from '../artifacts/tfidf.ts';
import type { Quality, Topic, TopicStatus, TopicsFile } from '../artifacts/topics.ts';
import { matchTopics, topicName } from '../trends/match.ts';
import { composeName, distinctNames, nameHolds, NAME_SEPARATOR, repeatsNoWord } from '../text/topicNames.ts';
import { InputError } from '../errors.ts';

/** Candidates taken from the c-TF-IDF ranking before MMR re-ranks them. */
const CANDIDATES = 30;
/** Terms in a topic's name. */
const NAME_TERMS = 3;

/** A warning for --topic-name ids that no topic of this run has (the names are kept for a later run that has them). */
function unusedNames(topics: readonly Topic[], names: Record<string, string>): string {
  const ids = new Set(topics.map((t) => String(t.id)));
  const unused = Object.keys(names).filter((id) => !ids.has(id));
  return unused.length ? `; warning: no topic ${unused.join(', ')} for --topic-name (kept for a later run that has it)` : '';
}

/** Stable ids, inherited names and what is gone or merged, from matching against the previous run's topics. */
function inheritIdentity(ctx: StageContext, papers: Paper[], members: number[][], topics: Topic[]): Pick<TopicsFile, 'gone' | 'nextId' | 'mergedInto'> & { inherited: (string | null)[] } {
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
  const byId = new Map(prevFile.topics.map((t) => [t.id, t]));
  res.matches.forEach((m, c) => {
    topics[c].id = m.id;
    topics[c].match = {
      previous: m.previous,
      previousId: m.previousId,
      status: m.status,
      mergedFrom: m.mergedFrom,
      similarity: round(m.similarity),
      paperJaccard: m.paperJaccard === null ? null : round(m.paperJaccard),
      termCosine: round(m.termCosine),
      termJaccard: round(m.termJaccard),
      evidence: m.evidence,
      previousName: m.previousId === null ? null : (byId.get(m.previousId)?.name ?? null),
    };
  });
  const brief = (id: number): { id: number; name: string; size: number } => ({ id, name: byId.get(id)?.name ?? `topic ${id}`, size: byId.get(id)?.size ?? 0 });
  return {
    inherited: res.matches.map((m) => (m.previous !== null ? m.name : null)),
    gone: res.gone.map(brief),
    mergedInto: [...res.mergedInto].map(([id, into]) => ({ ...brief(id), into })),
    nextId: res.nextId,
  };
}

/**
 * Final names: the user's always; a carried name while every one of its terms is among the topic's
 * top terms and it repeats no word (else a fresh name, status renamed); then made distinct in the run.
 */
export function nameTopics(topics: Topic[], inherited: (string | null)[], ranked: string[][], userNames: Record<string, string>): void {
  topics.forEach((t, c) => {
    const own = inherited[c];
    const holds = own !== null && nameHolds(own, ranked[c].slice(0, t.terms.length)) && repeatsNoWord(own);
    const named = topicName(t.id, holds ? own : null, t.name, userNames);
    if (own !== null && !holds && named.source !== 'user' && t.match?.status === 'carried') t.match.status = 'renamed';
    t.name = named.name;
    t.nameSource = named.source;
  });
  const order = topics.map((_, c) => c).sort((a, b) => topics[b].size - topics[a].size || a - b);
  const unique = distinctNames(
    order.map((c) => topics[c].name),
    order.map((c) => ranked[c]),
    order.map((c) => topics[c].nameSource === 'user'),
  );
  order.forEach((c, k) => {
    if (unique[k] !== topics[c].name && topics[c].nameSource === 'inherited') {
      topics[c].nameSource = 'computed';
      if (topics[c].match?.status === 'carried') topics[c].match.status = 'renamed';
    }
    topics[c].name = unique[k];
    if (topics[c].nameSource !== 'user') topics[c].inheritName = unique[k];
  });
}

/** "  (new)", "  (split from 4)", "  (merged from 2, 7)", "  (renamed from old name)" for the stage's table. */
function statusNote(t: Topic): string {
  const m = t.match;
  if (!m) return '';
  if (m.status === 'new') return '  (new)';
  if (m.status === 'split') return `  (split from ${m.previousId})`;
  if (m.status === 'merged') return `  (merged from ${[m.previous, ...m.mergedFrom].join(', ')})`;
  if (m.status === 'renamed') return `  (renamed from ${m.previousName})`;
  return '';
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
  const { corpus, nTerms, keep } = keptTerms(ctx);
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
  /** Each topic's terms in rank order: the MMR picks, then the other candidates by weight. */
  const ranked: string[][] = [];
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
    const candidates = [...picked, ...Array.from(cand).filter((t) => !picked.includes(t))].map((t) => corpus.display[t]);
    ranked.push(candidates);
    const computed = composeName(candidates, NAME_TERMS).join(NAME_SEPARATOR) || `topic ${c}`;
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

  const identity =
    s.previous !== null
      ? inheritIdentity(ctx, papers, members, topics)
      : { inherited: topics.map(() => null), gone: [], mergedInto: [], nextId: cl.k };
  nameTopics(topics, identity.inherited, ranked, s.topicNames);
  const coherence = topicCoherence(corpus.docOffsets, corpus.tokens, topTermIds, nTerms);
  const labelled = labelAgreement(papers, cl.labels);
  const quality: Quality = {
    silhouette: cl.silhouette,
    coherence: round(coherence.mean),
    diversity: round(topicDiversity(topTermIds)),
    ...(labelled ? { labelled } : {}),
  };
  const file: TopicsFile = { topics, quality, previous: s.previous, gone: identity.gone, mergedInto: identity.mergedInto, nextId: identity.nextId };
  const status = (x: TopicStatus): number => topics.filter((t) => t.match?.status === x).length;
  const idNote =
    s.previous !== null
      ? `; against ${s.previous}: ${status('carried')} carried, ${status('renamed')} renamed, ${status('split')} split, ` +
        `${status('merged')} merged, ${status('new')} new, ${identity.gone.length} gone`
      : '';
  const lab = labelled ? `; against the input's labels V-measure ${labelled.vMeasure}, ARI ${labelled.ari}` : '';
  return {
    outputs: { 'topics.json': JSON.stringify(file, null, 1) + '\n' },
    counts: { topics: topics.length, docs: n },
    meta: { quality },
    summary: `${topics.length} ${topics.length === 1 ? 'topic' : 'topics'} named; silhouette ${Number.isFinite(quality.silhouette) ? quality.silhouette.toFixed(3) : '– (one topic)'}, coherence (NPMI) ${quality.coherence.toFixed(3)}, diversity ${quality.diversity.toFixed(2)}${lab}${idNote}${unusedNames(topics, s.topicNames)}`,
    details: topics.slice(0, 40).map((t) => `  ${String(t.id).padStart(3)} ${String(t.size).padStart(6)}  ${t.name}${statusNote(t)}`),
  };
}

export const label: Stage = {
  name: 'label',
  externalInputs: (s) =>
    s.previous === null ? [] : ['topics.json', 'clusters.bin', 'papers.jsonl'].map((f) => `data/runs/${s.previous}/${f}`),
  about: 'topic names, terms, representative papers, quality figures',
  reads: ['papers.jsonl', 'tokens.json', 'tokens.bin', 'vocabulary.json', 'clusters.json', 'clusters.bin', 'lsa.json', 'lsa.bin', 'vectors.json', 'vectors.bin', 'umap.json', 'umap.bin'],
  run,
};

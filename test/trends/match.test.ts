// Topic identity across runs: shifted weekly windows keep their ids by shared papers, disjoint runs match by terms, names resolve.
import { describe, expect, it } from 'vitest';
import { matchTopics, termCosine, topicName, type MatchTopic } from '../../pipeline/trends/match.ts';

const terms = (...pairs: [string, number][]) => pairs.map(([term, weight]) => ({ term, weight }));

/** Paper ids `w<week>-<theme>-<i>` for `perWeek` papers a week over weeks from..to. */
function papers(theme: string, from: number, to: number, perWeek: number): string[] {
  const out: string[] = [];
  for (let w = from; w <= to; w++) for (let i = 0; i < perWeek; i++) out.push(`w${w}-${theme}-${i}`);
  return out;
}

const retrievalTerms = terms(['retrieval', 0.09], ['late interaction', 0.06], ['dense', 0.04], ['reranking', 0.03]);
const diffusionTerms = terms(['diffusion', 0.1], ['image generation', 0.05], ['denoising', 0.04], ['guidance', 0.02]);
const agentTerms = terms(['agent', 0.11], ['tool use', 0.05], ['planning', 0.04], ['web', 0.02]);

// Run A: weeks 1-12. Topics numbered by size as the cluster stage does; robotics only has week-1 papers.
const runA: MatchTopic[] = [
  { id: 0, name: 'retrieval · late interaction · dense', terms: retrievalTerms, members: papers('ret', 1, 12, 3) },
  { id: 1, name: 'diffusion · image generation · denoising', terms: diffusionTerms, members: papers('dif', 1, 12, 2) },
  { id: 2, name: 'agent · tool use · planning', terms: agentTerms, members: papers('agt', 1, 12, 2) },
  { id: 3, name: 'robot · manipulation · grasping', terms: terms(['robot', 0.1], ['manipulation', 0.06], ['grasping', 0.03]), members: papers('rob', 1, 1, 6) },
];

// Run B: weeks 2-13, clustered afresh: other numbers, two retrieval papers landed in diffusion, audio only in week 13.
const movedRetrieval = ['w5-ret-0', 'w9-ret-1'];
const runB: MatchTopic[] = [
  { id: 0, name: 'agent · tool use · web', terms: agentTerms, members: papers('agt', 2, 13, 3) },
  { id: 1, name: 'retrieval · dense · reranking', terms: retrievalTerms, members: papers('ret', 2, 13, 3).filter((p) => !movedRetrieval.includes(p)) },
  { id: 2, name: 'diffusion · guidance · denoising', terms: diffusionTerms, members: [...papers('dif', 2, 13, 2), ...movedRetrieval] },
  { id: 3, name: 'speech · audio · tts', terms: terms(['speech', 0.1], ['audio', 0.07], ['tts', 0.03]), members: papers('aud', 13, 13, 6) },
];

describe('matchTopics across shifted weekly windows', () => {
  const r = matchTopics(runA, runB);

  it('keeps the ids of topics with mostly the same papers', () => {
    expect(r.sharedPapers).toBe(11 * 3 + 11 * 2 + 11 * 2); // weeks 2-12 of retrieval, diffusion, agents
    expect(r.matches.map((m) => [m.topic, m.previous, m.id, m.evidence])).toEqual([
      [0, 2, 2, 'papers'],
      [1, 0, 0, 'papers'],
      [2, 1, 1, 'papers'],
      [3, null, 4, null],
    ]);
    // retrieval, over the shared papers (weeks 2-12): A' = 33, B' = 33 - 2 moved = 31, A' ∩ B' = 31: Jaccard 31/33
    expect(r.matches[1].similarity).toBeCloseTo(31 / 33, 12);
    // diffusion: A' = 22, B' = 22 + 2 moved = 24, A' ∩ B' = 22: Jaccard 22/24 (week 13's papers are not shared: ignored)
    expect(r.matches[2].similarity).toBeCloseTo(22 / 24, 12);
    // agents: week 13 and the third paper a week are new to B, A' = B' = 22: Jaccard 1
    expect(r.matches[0].similarity).toBe(1);
  });

  it('marks a topic only in the new run as new, with a fresh id above the previous run, and one only in the old as gone', () => {
    expect(r.matches[3]).toMatchObject({ topic: 3, previous: null, id: 4, similarity: 0, name: 'speech · audio · tts' });
    expect(r.gone).toEqual([3]);
    expect(r.nextId).toBe(5);
    expect([...r.renumber]).toEqual([
      [0, 2],
      [1, 0],
      [2, 1],
      [3, 4],
    ]);
  });

  it('inherits the previous names of matched topics', () => {
    expect(r.matches.map((m) => m.name)).toEqual([
      'agent · tool use · planning',
      'retrieval · late interaction · dense',
      'diffusion · image generation · denoising',
      'speech · audio · tts',
    ]);
  });

  it('never reuses an id handed out before when given nextId, and numbers new topics largest first', () => {
    const extra: MatchTopic = { id: 4, name: 'small', terms: terms(['graph', 1]), members: papers('gr', 13, 13, 2) };
    const s = matchTopics(runA, [...runB, extra], { nextId: 10 });
    expect(s.matches.filter((m) => m.previous === null).map((m) => [m.topic, m.id])).toEqual([
      [3, 10], // 6 papers
      [4, 11], // 2 papers
    ]);
    expect(s.nextId).toBe(12);
    expect(() => matchTopics(runA, runB, { nextId: 2 })).toThrow(/nextId 2 is not above the previous run's largest topic id 3/);
  });

  it('keeps ids week after week when the renumbered run becomes the previous one', () => {
    const stableB = runB.map((t) => ({ ...t, id: r.renumber.get(t.id) as number, name: r.matches[t.id].name }));
    // Run C: weeks 3-14, every topic continues; audio grows.
    const runC: MatchTopic[] = [
      { id: 0, name: 'retrieval · x', terms: retrievalTerms, members: papers('ret', 3, 14, 3) },
      { id: 1, name: 'agent · x', terms: agentTerms, members: papers('agt', 3, 14, 3) },
      { id: 2, name: 'diffusion · x', terms: diffusionTerms, members: papers('dif', 3, 14, 2) },
      { id: 3, name: 'speech · x', terms: runB[3].terms, members: papers('aud', 13, 14, 6) },
    ];
    const c = matchTopics(stableB, runC, { nextId: r.nextId });
    expect(c.matches.map((m) => m.id)).toEqual([0, 2, 1, 4]);
    expect(c.matches[3].name).toBe('speech · audio · tts');
    expect(c.gone).toEqual([]);
  });

  it('does not let terms overrule papers: a regrouped topic with paper evidence stays new', () => {
    // B's only topic takes a third of each A topic's shared papers (Jaccard < 0.3 against each) but A's retrieval terms.
    const mixed: MatchTopic = {
      id: 0,
      name: 'mixed',
      terms: retrievalTerms,
      members: [...papers('ret', 2, 5, 3), ...papers('dif', 2, 4, 2), ...papers('agt', 2, 4, 2)],
    };
    const m = matchTopics(runA, [mixed]);
    // against retrieval: A' = 12 (only its weeks 2-5 papers are shared), B' = 24, A' ∩ B' = 12 -> 0.5: papers decide
    expect(m.matches[0]).toMatchObject({ previous: 0, evidence: 'papers', similarity: 0.5 });
    const thin = { ...mixed, members: [...papers('ret', 2, 2, 3), ...papers('dif', 2, 6, 2), ...papers('agt', 2, 6, 2)] };
    // A'(ret) = 3, B' = 23, ∩ = 3 -> 0.13; diffusion and agents 10/23 = 0.43 each: diffusion (lower previous id) wins the tie
    expect(matchTopics(runA, [thin]).matches[0]).toMatchObject({ previous: 1, evidence: 'papers' });
    const none = {
      ...mixed,
      members: [...papers('ret', 2, 2, 3), ...papers('dif', 2, 3, 2), ...papers('agt', 2, 3, 2), ...papers('rob', 1, 1, 4)],
    };
    // 15 shared papers, all B's: Jaccard 3/15, 4/15, 4/15, 4/15, all < 0.3, and each pair has >= 3 shared papers
    // on both sides, so the terms (identical to retrieval's) are not consulted: new
    expect(matchTopics(runA, [none]).matches[0]).toMatchObject({ previous: null, evidence: null, id: 4 });
  });
});

describe('matchTopics by terms when the runs share no papers', () => {
  const prev: MatchTopic[] = [
    { id: 0, name: 'retrieval', terms: retrievalTerms, members: ['a1', 'a2', 'a3', 'a4'] },
    { id: 1, name: 'diffusion', terms: diffusionTerms, members: ['a5', 'a6', 'a7'] },
    { id: 7, name: 'agents', terms: agentTerms, members: ['a8', 'a9'] },
  ];
  const cur: MatchTopic[] = [
    // Same themes, other surface forms and weights, other numbering.
    { id: 0, name: 'diffusion 2', terms: terms(['Diffusion', 0.08], ['denoising', 0.05], ['video', 0.04]), members: ['b1', 'b2', 'b3', 'b4', 'b5'] },
    { id: 1, name: 'retrieval 2', terms: terms(['retrieval', 0.1], ['dense', 0.05], ['late interaction', 0.02], ['RAG', 0.05]), members: ['b6', 'b7', 'b8'] },
    { id: 2, name: 'quantum', terms: terms(['quantum', 0.1], ['qubit', 0.05]), members: ['b9'] },
  ];
  const r = matchTopics(prev, cur);

  it('matches by cosine of term weights keyed by term', () => {
    expect(r.sharedPapers).toBe(0);
    // diffusion: (0.1·0.08 + 0.04·0.05) / (|prev| |cur|) with |prev|² = 0.0145, |cur|² = 0.0105
    const dif = (0.1 * 0.08 + 0.04 * 0.05) / Math.sqrt((0.01 + 0.0025 + 0.0016 + 0.0004) * (0.0064 + 0.0025 + 0.0016));
    expect(termCosine(diffusionTerms, cur[0].terms)).toBeCloseTo(dif, 12);
    expect(r.matches.map((m) => [m.topic, m.previous, m.id, m.evidence])).toEqual([
      [0, 1, 1, 'terms'],
      [1, 0, 0, 'terms'],
      [2, null, 8, null],
    ]);
    expect(r.matches[0].similarity).toBeCloseTo(dif, 12);
    expect(r.gone).toEqual([7]);
  });

  it('assigns one to one, the most similar pair first', () => {
    const twins: MatchTopic[] = [
      { id: 0, name: 'near', terms: terms(['retrieval', 0.09], ['late interaction', 0.06], ['dense', 0.04]), members: ['c1'] },
      { id: 1, name: 'nearer', terms: retrievalTerms, members: ['c2'] },
    ];
    const t = matchTopics(prev, twins);
    expect(t.matches.map((m) => [m.topic, m.previous])).toEqual([
      [0, null],
      [1, 0],
    ]);
    expect(t.matches[1].similarity).toBeCloseTo(1, 12);
  });

  it('respects the threshold', () => {
    const weak: MatchTopic[] = [{ id: 0, name: 'w', terms: terms(['retrieval', 0.01], ['quantum', 0.1]), members: ['d1'] }];
    expect(matchTopics(prev, weak).matches[0].previous).toBeNull();
    expect(matchTopics(prev, weak, { minTermSimilarity: 0.05 }).matches[0].previous).toBe(0);
  });

  it('gives every topic of a first run an id, largest first', () => {
    const first = matchTopics([], cur);
    expect(first.matches.map((m) => m.id)).toEqual([0, 1, 2]);
    expect(first.gone).toEqual([]);
  });

  it('refuses duplicate ids', () => {
    expect(() => matchTopics([prev[0], prev[0]], cur)).toThrow(/previous run: topic id 0 appears twice/);
  });
});

describe('topicName', () => {
  const user = { '4': 'speech synthesis', '2': '   ' };
  it("prefers the user's name, then the inherited one, then the computed one", () => {
    expect(topicName(4, 'speech · audio · tts', 'speech · x', user)).toEqual({ name: 'speech synthesis', source: 'user' });
    expect(topicName(2, 'agent · tool use · planning', 'agent · x', user)).toEqual({ name: 'agent · tool use · planning', source: 'inherited' });
    expect(topicName(9, null, 'graph · gnn', user)).toEqual({ name: 'graph · gnn', source: 'computed' });
    expect(topicName(9, null, 'graph · gnn')).toEqual({ name: 'graph · gnn', source: 'computed' });
  });
});

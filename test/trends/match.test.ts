// Topic identity across runs: shifted weekly windows keep their ids by shared papers, disjoint runs match by terms, names resolve.
import { describe, expect, it } from 'vitest';
import { matchTopics, termCosine, topicName, topTermJaccard, type MatchTopic } from '../../pipeline/trends/match.ts';

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
    expect(r.matches[1].paperJaccard).toBeCloseTo(31 / 33, 12);
    // the similarity the assignment maximises: the mean of paper Jaccard and term cosine (identical terms: 1)
    expect(r.matches[1].similarity).toBeCloseTo((31 / 33 + 1) / 2, 12);
    // diffusion: A' = 22, B' = 22 + 2 moved = 24, A' ∩ B' = 22: Jaccard 22/24 (week 13's papers are not shared: ignored)
    expect(r.matches[2].paperJaccard).toBeCloseTo(22 / 24, 12);
    // agents: week 13 and the third paper a week are new to B, A' = B' = 22: Jaccard 1
    expect(r.matches[0].paperJaccard).toBe(1);
    expect(r.matches.map((m) => m.status)).toEqual(['carried', 'carried', 'carried', 'new']);
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

  it('lets either strong signal force a match: paper Jaccard >= 0.25 or top-term Jaccard >= 0.4', () => {
    // B's only topic takes part of each A topic's shared papers and A's retrieval terms.
    const mixed: MatchTopic = {
      id: 0,
      name: 'mixed',
      terms: retrievalTerms,
      members: [...papers('ret', 2, 5, 3), ...papers('dif', 2, 4, 2), ...papers('agt', 2, 4, 2)],
    };
    // against retrieval: A' = 12 (its weeks 2-5 papers are the shared ones), B' = 24, A' ∩ B' = 12 -> 0.5, and cosine 1
    expect(matchTopics(runA, [mixed]).matches[0]).toMatchObject({ previous: 0, evidence: 'papers', paperJaccard: 0.5, similarity: 0.75 });
    // Papers only: terms like none of A's; B takes the shared papers of all four A topics (3 of retrieval, 4 of
    // diffusion, agents and robotics), each time all of that topic's shared papers: a merge of the four, and the
    // id goes to the largest (retrieval, 36 papers); none of them is gone.
    const byPapers = {
      ...mixed,
      terms: terms(['misc', 1]),
      members: [...papers('ret', 2, 2, 3), ...papers('dif', 2, 3, 2), ...papers('agt', 2, 3, 2), ...papers('rob', 1, 1, 4)],
    };
    const merged = matchTopics(runA, [byPapers]);
    expect(merged.matches[0]).toMatchObject({ id: 0, previous: 0, status: 'merged', mergedFrom: [1, 2, 3], evidence: 'papers' });
    expect(merged.gone).toEqual([]);
    expect([...merged.mergedInto]).toEqual([[1, 0], [2, 0], [3, 0]]);
    // Terms alone: no shared paper, cosine 0.05 (under 0.3) but 4 of the 5 top terms in common: Jaccard 4/6 >= 0.4.
    const byTerms: MatchTopic = {
      id: 0,
      name: 'x',
      terms: terms(['quantum', 1], ['retrieval', 0.01], ['late interaction', 0.01], ['dense', 0.01], ['reranking', 0.01]),
      members: ['z1', 'z2'],
    };
    const t = matchTopics(runA, [byTerms]).matches[0];
    expect(t.termCosine).toBeLessThan(0.3);
    expect(t.termJaccard).toBeCloseTo(4 / 5, 12);
    expect(t).toMatchObject({ previous: 0, evidence: 'terms' });
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
    expect(matchTopics(prev, weak, { minSimilarity: 0.05 }).matches[0].previous).toBe(0);
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

describe('matchTopics: splits, merges, new and gone on constructed runs', () => {
  const ids = (prefix: string, n: number): string[] => Array.from({ length: n }, (_, i) => `${prefix}${i}`);
  const prev: MatchTopic[] = [
    { id: 0, name: 'retrieval · dense · reranking', terms: retrievalTerms, members: ids('r', 40) },
    { id: 1, name: 'diffusion · denoising · guidance', terms: diffusionTerms, members: ids('d', 20) },
    { id: 2, name: 'video · generation · temporal', terms: terms(['video', 0.1], ['temporal', 0.05]), members: ids('v', 12) },
    { id: 3, name: 'agent · tool use · planning', terms: agentTerms, members: ids('a', 10) },
    { id: 4, name: 'robot · grasping · arm', terms: terms(['robot', 0.1], ['grasping', 0.05]), members: ids('o', 8) },
  ];
  const cur: MatchTopic[] = [
    // retrieval split in two: 25 papers with other terms, 15 with retrieval's own terms
    { id: 0, name: 'x', terms: terms(['sparse', 0.1], ['index', 0.05]), members: ids('r', 40).slice(0, 25) },
    // diffusion and video merged: 20 + 12 shared papers
    { id: 1, name: 'y', terms: diffusionTerms, members: [...ids('d', 20), ...ids('v', 12)] },
    { id: 2, name: 'z', terms: retrievalTerms, members: ids('r', 40).slice(25) },
    // agents carried; robotics gone; speech new
    { id: 3, name: 'w', terms: agentTerms, members: [...ids('a', 10), ...ids('na', 3)] },
    { id: 4, name: 'speech · audio', terms: terms(['speech', 0.1]), members: ids('s', 9) },
  ];
  const r = matchTopics(prev.slice(0, 4), cur);

  it('keeps the id on the larger side of a split, whichever side the assignment chose', () => {
    // the assignment prefers 15 papers with retrieval's terms: (0.375 + 1) / 2 over (0.625 + 0) / 2; the id goes to the 25
    expect(r.matches[0]).toMatchObject({ id: 0, previous: 0, previousId: 0, status: 'carried' });
    expect(r.matches[2]).toMatchObject({ id: 4, previous: null, previousId: 0, status: 'split' });
  });

  it('gives a merge the id of its largest ancestor and lists the other as merged, not gone', () => {
    expect(r.matches[1]).toMatchObject({ id: 1, previous: 1, previousId: 1, status: 'merged', mergedFrom: [2] });
    expect([...r.mergedInto]).toEqual([[2, 1]]);
    expect(r.gone).toEqual([]);
  });

  it('keeps a carried topic and numbers a new one; a previous topic with no successor is gone', () => {
    expect(r.matches[3]).toMatchObject({ id: 3, status: 'carried' });
    expect(r.matches[4]).toMatchObject({ id: 5, previous: null, previousId: null, status: 'new' });
    const withRobots = matchTopics(prev, cur);
    expect(withRobots.gone).toEqual([4]);
    expect(new Set(withRobots.matches.map((m) => m.status))).toEqual(new Set(['carried', 'split', 'merged', 'new']));
  });

  it('never reports a topic new while a gone topic shares a strong signal with it', () => {
    for (const m of r.matches.filter((x) => x.status === 'new')) {
      for (const g of r.gone) {
        const a = prev.find((p) => p.id === g) as MatchTopic;
        const b = cur.find((c) => c.id === m.topic) as MatchTopic;
        expect(topTermJaccard(a.terms, b.terms, 10)).toBeLessThan(0.4);
      }
    }
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

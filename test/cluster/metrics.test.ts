// Tests for pipeline/math/metrics.ts and metricsTopics.ts against values worked out by hand.
import { describe, expect, it } from 'vitest';
import { adjustedRandIndex, homogeneityCompletenessV, normalizedMutualInfo, silhouetteScore } from '../../pipeline/math/metrics.ts';
import { npmi, topicCoherence, topicDiversity } from '../../pipeline/math/metricsTopics.ts';

describe('label agreement', () => {
  // truth [0,0,0,1,1,1], pred [0,0,1,1,2,2]: contingency rows (class) x cols (cluster)
  //   class 0: [2,1,0]; class 1: [0,1,2]; n = 6; class sizes 3,3; cluster sizes 2,2,2
  const truth = [0, 0, 0, 1, 1, 1];
  const pred = [0, 0, 1, 1, 2, 2];

  it('homogeneity, completeness, V-measure', () => {
    // H(C) = ln 2; H(K) = ln 3
    // MI = 2·(2/6) ln(6·2/(3·2)) + 2·(1/6) ln(6·1/(3·2)) = (2/3) ln 2 + 0 = (2/3) ln 2
    // h = MI / H(C) = 2/3;  c = MI / H(K) = (2/3) ln2 / ln3 = 0.420620...
    // V = 2hc / (h + c) = 0.515873...
    const r = homogeneityCompletenessV(truth, pred);
    const c = ((2 / 3) * Math.LN2) / Math.log(3);
    expect(r.homogeneity).toBeCloseTo(2 / 3, 12);
    expect(r.completeness).toBeCloseTo(c, 12);
    expect(r.vMeasure).toBeCloseTo((2 * (2 / 3) * c) / (2 / 3 + c), 12);
    expect(r.vMeasure).toBeCloseTo(0.515803743, 9); // 2 · 0.666667 · 0.420620 / 1.087287
  });

  it('adjusted Rand index', () => {
    // Σ C(n_ck,2) = C(2,2) + C(2,2) = 2 (the ones are 0)
    // Σ_c C(3,2) = 3 + 3 = 6;  Σ_k C(2,2) = 3;  C(6,2) = 15;  E = 6·3/15 = 1.2
    // max = (6 + 3)/2 = 4.5;  ARI = (2 - 1.2) / (4.5 - 1.2) = 0.8 / 3.3 = 0.242424...
    expect(adjustedRandIndex(truth, pred)).toBeCloseTo(0.8 / 3.3, 12);
    expect(adjustedRandIndex([0, 0, 1, 1], [5, 5, 7, 7])).toBe(1);
  });

  it('normalized mutual information (arithmetic mean)', () => {
    // NMI = MI / ((H(C) + H(K)) / 2) = (2/3) ln 2 / ((ln 2 + ln 3)/2) = 0.515873... (here equal to V)
    expect(normalizedMutualInfo(truth, pred)).toBeCloseTo(((2 / 3) * Math.LN2) / ((Math.LN2 + Math.log(3)) / 2), 12);
  });
});

describe('silhouette', () => {
  it('equals the hand-computed value on four points on a line', () => {
    // points 0, 1 (cluster A) and 4, 6 (cluster B), 1-D euclidean
    // x=0: a = 1, b = (4 + 6)/2 = 5, s = 4/5 = 0.8
    // x=1: a = 1, b = (3 + 5)/2 = 4, s = 3/4 = 0.75
    // x=4: a = 2, b = (4 + 3)/2 = 3.5, s = 1.5/3.5 = 0.428571...
    // x=6: a = 2, b = (6 + 5)/2 = 5.5, s = 3.5/5.5 = 0.636363...
    // mean = (0.8 + 0.75 + 3/7 + 7/11) / 4 = 0.653733...
    const X = Float32Array.from([0, 1, 4, 6]);
    const s = silhouetteScore(X, 4, 1, [0, 0, 1, 1]);
    expect(s).toBeCloseTo((0.8 + 0.75 + 3 / 7 + 7 / 11) / 4, 12);
  });

  it('sampled silhouette is seeded and close to the exact one', () => {
    const n = 600;
    const X = new Float32Array(n * 2);
    const labels = new Int32Array(n);
    for (let i = 0; i < n; i++) { labels[i] = i % 3; X[i * 2] = (i % 3) * 10 + Math.sin(i); X[i * 2 + 1] = Math.cos(i * 1.7); }
    const exact = silhouetteScore(X, n, 2, labels);
    const a = silhouetteScore(X, n, 2, labels, { sampleSize: 200, seed: 3 });
    expect(silhouetteScore(X, n, 2, labels, { sampleSize: 200, seed: 3 })).toBe(a);
    expect(Math.abs(a - exact)).toBeLessThan(0.02);
  });
});

describe('topic coherence and diversity', () => {
  it('NPMI over document co-occurrence, by hand', () => {
    // 4 documents over terms 0..3: {0,1}, {0,1,2}, {2}, {3}
    // p(0) = p(1) = 2/4, p(0,1) = 2/4: NPMI = ln(0.5 / 0.25) / -ln 0.5 = ln 2 / ln 2 = 1
    // p(2) = 2/4, p(0,2) = 1/4: NPMI = ln(0.25 / 0.25) / -ln 0.25 = 0
    // terms 1 and 3 never co-occur: -1 (no smoothing)
    const docOffsets = Int32Array.from([0, 2, 5, 6, 7]);
    const tokens = Int32Array.from([0, 1, 0, 1, 2, 2, 3]);
    expect(npmi(2, 2, 2, 4)).toBeCloseTo(1, 12);
    expect(npmi(2, 2, 1, 4)).toBeCloseTo(0, 12);
    const r = topicCoherence(docOffsets, tokens, [Int32Array.from([0, 1, 2]), Int32Array.from([1, 3])], 4);
    // topic 0 pairs: (0,1) = 1, (0,2) = 0, (1,2) = 0 -> mean 1/3; topic 1: (1,3) = -1
    expect(r.perTopic[0]).toBeCloseTo(1 / 3, 12);
    expect(r.perTopic[1]).toBe(-1);
    expect(r.mean).toBeCloseTo((1 / 3 - 1) / 2, 12);
  });

  it('diversity is the share of unique top terms', () => {
    // 6 top terms, 5 distinct
    expect(topicDiversity([Int32Array.from([1, 2, 3]), Int32Array.from([3, 4, 5])])).toBeCloseTo(5 / 6, 12);
  });
});

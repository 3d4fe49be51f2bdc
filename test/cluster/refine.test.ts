// After k is chosen: the start of the smoothed silhouette plateau, a small dense group split out of a large topic, near-duplicate topics merged.
import { describe, expect, it } from 'vitest';
import { mergeNearDuplicates, splitSeparated } from '../../pipeline/math/refine.ts';
import { chooseKOnRows, plateauK, smoothedCurve } from '../../pipeline/stages/cluster.ts';
import { adjustedRandIndex } from '../../pipeline/math/metrics.ts';
import { blobs } from './synth.ts';
import { mulberry32 } from '../../pipeline/math/random.ts';

describe('plateauK', () => {
  // real 2026-W34 curve (seed 42), k = 4..60: it creeps from 0.45 to 0.49 and wanders at the top
  const W34 = [0.436, 0.421, 0.392, 0.379, 0.41, 0.391, 0.39, 0.397, 0.405, 0.396, 0.418, 0.412, 0.411, 0.426, 0.428, 0.434, 0.429, 0.438,
    0.442, 0.453, 0.457, 0.456, 0.45, 0.451, 0.458, 0.465, 0.475, 0.475, 0.47, 0.472, 0.468, 0.482, 0.469, 0.475, 0.486, 0.477, 0.471,
    0.472, 0.465, 0.461, 0.462, 0.458, 0.472, 0.473, 0.473, 0.464, 0.474, 0.475, 0.471, 0.467, 0.465, 0.475, 0.475, 0.477, 0.464, 0.462, 0.475];
  // real 2026-W24 window with 30 planted papers, k = 4..30: 4 macro-topics score as well as the plateau
  const W24 = [0.452, 0.449, 0.45, 0.379, 0.371, 0.374, 0.365, 0.386, 0.372, 0.38, 0.394, 0.384, 0.398, 0.409, 0.418, 0.427, 0.424, 0.424,
    0.443, 0.442, 0.453, 0.45, 0.457, 0.46, 0.455, 0.451, 0.453];
  const curveOf = (sil: number[]) => sil.map((silhouette, i) => ({ k: 4 + i, silhouette, inertia: 0 }));

  it('does not follow a wider range to its top when the curve only wanders there', () => {
    const curve = curveOf(W34);
    const upTo = (kMax: number) => plateauK(curve.filter((p) => p.k <= kMax), 0.02);
    expect([upTo(30), upTo(45), upTo(60)]).toEqual([23, 28, 28]);
  });

  it('does not fall to the coarse split at the bottom of the range', () => {
    expect(plateauK(curveOf(W24), 0.02)).toBe(22);
  });

  it('is the start of the last stretch within the tolerance of the smoothed best', () => {
    const flat = curveOf([0.3, 0.3, 0.3, 0.3, 0.3, 0.5, 0.5, 0.5, 0.5, 0.5, 0.5, 0.5]);
    // smoothed: 0.3 up to k 6, rising through k 7..10, 0.5 from k 11
    expect(plateauK(flat, 0.001)).toBe(11);
    expect(plateauK(flat, 0.5)).toBe(4);
    expect(smoothedCurve(flat).map((x) => Math.round(x * 100) / 100)).toEqual([0.3, 0.3, 0.3, 0.34, 0.38, 0.42, 0.46, 0.5, 0.5, 0.5, 0.5, 0.5]);
  });
});

/** n points around a centre in d dimensions, spread s. */
function blob(rand: () => number, n: number, _d: number, centre: number[], s: number): number[][] {
  return Array.from({ length: n }, () => centre.map((c) => c + (rand() - 0.5) * s));
}

describe('splitSeparated', () => {
  const rand = mulberry32(5);
  const d = 5;
  // topic 0: 60 points of one subject plus 20 far away (a planted subject); topic 1: one loose blob of 60
  const pts = [...blob(rand, 60, d, [0, 0, 0, 0, 0], 2), ...blob(rand, 20, d, [8, 8, 0, 0, 0], 1), ...blob(rand, 60, d, [-9, 5, 0, 0, 0], 3)];
  const X = Float32Array.from(pts.flat());
  const labels = Int32Array.from(pts.map((_, i) => (i < 80 ? 0 : 1)));

  it('splits the far group out of its host when the parts also differ in words', () => {
    const r = splitSeparated(X, pts.length, d, labels, 2, 1, () => true);
    expect(r.k).toBe(3);
    expect(r.splits).toHaveLength(1);
    expect(r.splits[0]).toMatchObject({ topic: 0, into: 2, sizes: [60, 20] });
    expect([...r.labels.slice(60, 80)].every((l) => l === 2)).toBe(true);
    expect([...r.labels.slice(0, 60)].every((l) => l === 0)).toBe(true);
  });

  it('keeps the topic whole when the words say it is one subject, or the parts are not apart', () => {
    expect(splitSeparated(X, pts.length, d, labels, 2, 1, () => false).k).toBe(2);
    const one = Float32Array.from(blob(rand, 80, d, [0, 0, 0, 0, 0], 2).flat());
    expect(splitSeparated(one, 80, d, new Int32Array(80), 1, 1, () => true).k).toBe(1);
  });
});

describe('mergeNearDuplicates', () => {
  it('joins topics whose c-TF-IDF rows are nearly parallel, transitively, and renumbers', () => {
    // rows: 0 and 2 nearly the same words, 1 other words, 3 like 2
    const W = Float64Array.from([1, 0.1, 0, 0, 0, 1, 0, 0, 0.9, 0.2, 0, 0.05, 0.8, 0.3, 0.1, 0]);
    const r = mergeNearDuplicates(Int32Array.from([0, 1, 2, 3, 0]), 4, W, 4, { mergeCosine: 0.9 });
    expect(r.k).toBe(2);
    expect([...r.labels]).toEqual([0, 1, 0, 0, 0]);
    expect(r.merges.map((m) => m.topics)).toEqual([
      [0, 2],
      [0, 3],
    ]);
  });
});

describe('plateauK on a curve that falls after its best', () => {
  it('chooses by the best, not the top of the range (a curve measured on the synthetic 100k corpus, k 4..30)', () => {
    const sil = [0.289, 0.338, 0.386, 0.375, 0.385, 0.395, 0.402, 0.4, 0.395, 0.4, 0.392, 0.401, 0.393, 0.399, 0.401, 0.405, 0.405, 0.407,
      0.41, 0.409, 0.376, 0.346, 0.331, 0.333, 0.345, 0.311, 0.313];
    const curve = sil.map((silhouette, i) => ({ k: 4 + i, silhouette, inertia: 0 }));
    const k = plateauK(curve, 0.02);
    // not 30, where the curve has fallen to 0.31, but the start of the stretch within 0.02 of the smoothed best
    expect(k).toBeLessThanOrEqual(23);
    const s = smoothedCurve(curve);
    for (let i = k - 4; i <= s.indexOf(Math.max(...s)); i++) expect(s[i]).toBeGreaterThanOrEqual(Math.max(...s) - 0.02);
  });
});

describe('chooseKOnRows', () => {
  // 8 separated groups of 400 points: the curve on a 600-row sample finds them as the curve on all rows does
  const n = 3200, d = 5;
  const data = blobs(n, d, 8, 21, 30);
  const range = Array.from({ length: 9 }, (_, i) => 4 + i);
  const opts = { seed: 3, nInit: 3, sampleSize: 0 };

  it('chooses k on a seeded sample above the limit, then clusters every row with it', () => {
    const ticks: number[] = [];
    const sampled = chooseKOnRows(data.X, n, d, range, opts, 600, (done, total) => ticks.push(done / total));
    const all = chooseKOnRows(data.X, n, d, range, opts, n);
    expect(sampled.rows).toBe(600);
    expect(all.rows).toBe(n);
    expect(sampled.k).toBe(all.k);
    expect(sampled.k).toBeGreaterThanOrEqual(7); // 8 groups, two of them close enough to read as one
    expect(sampled.res.labels.length).toBe(n);
    expect(adjustedRandIndex(all.res.labels, sampled.res.labels)).toBeGreaterThan(0.95);
    expect(adjustedRandIndex(data.labels, sampled.res.labels)).toBeGreaterThan(0.8);
    expect(ticks.at(-1)).toBe(1);
    expect(ticks.every((t, i) => i === 0 || t >= ticks[i - 1])).toBe(true);
  });
});

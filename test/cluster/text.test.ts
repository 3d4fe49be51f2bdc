// Tests for pipeline/text/ctfidf.ts (c-TF-IDF against its formula, by hand) and pipeline/text/mmr.ts.
import { describe, expect, it } from 'vitest';
import { classTfidf, topTerms } from '../../pipeline/text/ctfidf.ts';
import { mmrSelect, occurrenceSimilarity } from '../../pipeline/text/mmr.ts';

describe('classTfidf', () => {
  it('equals tf_{t,c} · ln(1 + A / f_t) on a hand-checked example', () => {
    // class 0: docs [0,0,1] and [1,2]   -> counts t0 2, t1 2, t2 1 (total 5)
    // class 1: doc  [2,2,2,3]           -> counts t2 3, t3 1      (total 4)
    // A = floor((5 + 4) / 2) = 4;  f = [2, 2, 4, 1]
    // w(0,t0) = 2/5 · ln(1 + 4/2) = 0.4 ln 3 = 0.439445
    // w(0,t2) = 1/5 · ln(1 + 4/4) = 0.2 ln 2 = 0.138629
    // w(1,t2) = 3/4 · ln 2 = 0.519860;  w(1,t3) = 1/4 · ln(1 + 4) = 0.25 ln 5 = 0.402359
    const docOffsets = Int32Array.from([0, 3, 5, 9]);
    const tokens = Int32Array.from([0, 0, 1, 1, 2, 2, 2, 2, 3]);
    const ct = classTfidf(docOffsets, tokens, [0, 0, 1], 2, 4);
    expect(ct.avgWords).toBe(4);
    const w = (c: number, t: number): number => ct.weights[c * 4 + t];
    expect(w(0, 0)).toBeCloseTo(0.4 * Math.log(3), 6);
    expect(w(0, 1)).toBeCloseTo(0.4 * Math.log(3), 6);
    expect(w(0, 2)).toBeCloseTo(0.2 * Math.log(2), 6);
    expect(w(0, 3)).toBe(0);
    expect(w(1, 2)).toBeCloseTo(0.75 * Math.log(2), 6);
    expect(w(1, 3)).toBeCloseTo(0.25 * Math.log(5), 6);
    expect(Array.from(topTerms(ct, 1, 5))).toEqual([2, 3]);
    expect(Array.from(topTerms(ct, 0, 2))).toEqual([0, 1]);
  });

  it('skips outlier documents (label -1) and rejects labels out of range', () => {
    const ct = classTfidf(Int32Array.from([0, 1, 2]), Int32Array.from([0, 1]), [0, -1], 1, 2);
    expect(ct.counts[1]).toBe(0);
    expect(() => classTfidf(Int32Array.from([0, 1]), Int32Array.from([0]), [3], 2, 1)).toThrow(/outside/);
  });
});

describe('mmr', () => {
  it('diversity 0 ranks by relevance; diversity > 0 skips a redundant term', () => {
    // candidates 0,1,2 with relevance 1, 0.9, 0.5; 0 and 1 always co-occur (similarity 1)
    const rel = Float64Array.from([1, 0.9, 0.5]);
    const sim = Float64Array.from([1, 1, 0, 1, 1, 0, 0, 0, 1]);
    expect(Array.from(mmrSelect(rel, sim, 3, 0))).toEqual([0, 1, 2]);
    // λ = 0.5: after 0, score(1) = 0.5·0.9 - 0.5·1 = -0.05, score(2) = 0.5·0.5 - 0 = 0.25 -> 2
    expect(Array.from(mmrSelect(rel, sim, 3, 0.5))).toEqual([0, 2, 1]);
  });

  it('occurrence similarity is the Ochiai coefficient', () => {
    // docs: {5,6}, {5}, {6,7}: df(5)=2, df(6)=2, co(5,6)=1 -> 1/√4 = 0.5; 5 and 7 never together
    const docOffsets = Int32Array.from([0, 2, 3, 5]);
    const tokens = Int32Array.from([5, 6, 5, 6, 7]);
    const s = occurrenceSimilarity(docOffsets, tokens, [0, 1, 2], Int32Array.from([5, 6, 7]), 8);
    expect(s[0 * 3 + 1]).toBeCloseTo(0.5, 12);
    expect(s[0 * 3 + 2]).toBe(0);
    expect(s[1 * 3 + 2]).toBeCloseTo(1 / Math.sqrt(2), 12);
  });
});

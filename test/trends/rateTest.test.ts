// Rising, fading and emerging flags from the exact conditional binomial test of two Poisson rates, on hand-made series.
import { describe, expect, it } from 'vitest';
import {
  binomialLowerTail,
  binomialUpperTail,
  poissonRateTest,
  topicTrends,
  type CountSeries,
} from '../../pipeline/trends/rateTest.ts';
import { topicSeries } from '../../pipeline/trends/series.ts';

/** A CountSeries from rows of counts; the last row is everything else, so each period totals `totals`. */
function series(rows: number[][], totals: number[]): CountSeries {
  const rest = totals.map((t, j) => t - rows.reduce((s, r) => s + r[j], 0));
  const all = [...rows, rest];
  return {
    nTopics: all.length,
    periods: totals.map((_, j) => `2025-W${String(10 + j).padStart(2, '0')}`),
    counts: Int32Array.from(all.flat()),
    totals: Int32Array.from(totals),
  };
}

describe('binomial tails', () => {
  it('match sums worked by hand for small n', () => {
    // P(X >= 8 | n=12, p=0.2) = Σ_{k=8..12} C(12,k) 0.2^k 0.8^(12-k)
    //   = 495·0.2^8·0.8^4 + 220·0.2^9·0.8^3 + 66·0.2^10·0.8^2 + 12·0.2^11·0.8 + 0.2^12
    //   = 5.1904512e-4 + 5.767168e-5 + 4.325376e-6 + 1.96608e-7 + 4.096e-9 = 5.8124288e-4
    expect(binomialUpperTail(8, 12, 0.2)).toBeCloseTo(5.8124288e-4, 12);
    // P(X <= 0 | n=20, p=0.2) = 0.8^20 = 0.011529215046068
    expect(binomialLowerTail(0, 20, 0.2)).toBeCloseTo(0.011529215046068, 14);
    // P(X >= 3 | n=7, p=0.2) = 1 - 0.8^7 - 7·0.2·0.8^6 - 21·0.04·0.8^5 = 1 - 0.2097152 - 0.3670016 - 0.2752512 = 0.148032
    expect(binomialUpperTail(3, 7, 0.2)).toBeCloseTo(0.148032, 12);
    // P(X >= 8 | n=16, p=0.5) = (2^16 + C(16,8)) / 2 / 2^16 = (65536 + 12870) / 131072 = 0.5981903076171875
    expect(binomialUpperTail(8, 16, 0.5)).toBeCloseTo(0.5981903076171875, 14);
    expect(binomialUpperTail(0, 16, 0.3)).toBeCloseTo(1, 14);
    expect(binomialLowerTail(16, 16, 0.3)).toBeCloseTo(1, 14);
  });
  it('stay exact far in the tails (log space, no underflow to 0 before 1e-300)', () => {
    // scipy.stats.binom.sf(999, 5000, 0.1) = 9.638358859749514e-99; binom.cdf(300, 5000, 0.1) = 3.446529013856015e-24
    expect(binomialUpperTail(1000, 5000, 0.1) / 9.638358859749514e-99).toBeCloseTo(1, 9);
    expect(binomialLowerTail(300, 5000, 0.1) / 3.446529013856015e-24).toBeCloseTo(1, 9);
  });
  it('handle p at 0 and 1', () => {
    expect(binomialUpperTail(1, 5, 0)).toBe(0);
    expect(binomialLowerTail(0, 5, 0)).toBe(1);
    expect(binomialUpperTail(5, 5, 1)).toBe(1);
    expect(binomialLowerTail(4, 5, 1)).toBe(0);
  });
});

describe('poissonRateTest', () => {
  it('conditions on x + y with p0 = E_t / (E_t + E_w)', () => {
    const r = poissonRateTest(8, 4, 100, 400);
    expect(r.p0).toBe(0.2); // 100 / (100 + 400) = 1 / (1 + w) with w = 4 equal periods
    expect(r.pUp).toBeCloseTo(5.8124288e-4, 12);
    // rate ratio ((8 + 0.5) / 100) / ((4 + 0.5) / 400) = 0.085 / 0.01125 = 7.5556
    expect(r.rateRatio).toBeCloseTo(0.085 / 0.01125, 12);
  });
  it('does not test without exposure', () => {
    expect(poissonRateTest(0, 5, 0, 100)).toMatchObject({ pUp: 1, pDown: 1 });
    expect(poissonRateTest(3, 0, 100, 0)).toMatchObject({ pUp: 1, pDown: 1 });
  });
});

describe('topicTrends', () => {
  // Six weeks of 100 papers each; the target is the last, the window the four before (P1..P4), P0 is outside.
  const totals = [100, 100, 100, 100, 100, 100];
  const s = series(
    [
      [0, 1, 1, 1, 1, 8], //  0 rising:   x=8, y=4,  n=12, p0=0.2: p_up = 5.8124e-4 < 0.05, x >= 3
      [30, 5, 5, 5, 5, 0], // 1 fading:   x=0, y=20, n=20: p_down = 0.8^20 = 0.011529 < 0.05, y/w = 5 >= 3 (P0's 30 not in the window)
      [0, 1, 1, 1, 1, 3], //  2 steady:   x=3, y=4,  n=7:  p_up = 0.148032 >= 0.05
      [9, 0, 0, 0, 0, 5], //  3 emerging: x=5, y=0,  n=5:  p_up = 0.2^5 = 3.2e-4, y <= 1
      [0, 0, 0, 0, 0, 2], //  4 too few:  x=2, y=0,  n=2:  p_up = 0.2^2 = 0.04 < 0.05 but x < 3
      [0, 1, 0, 0, 0, 0], //  5 too few to fade: x=0, y=1: p_down = 0.8 and y/w = 0.25 < 3
    ],
    totals,
  );
  const r = topicTrends(s);

  it('tests the last period against the four before', () => {
    expect(r.target).toBe(5);
    expect(r.windowStart).toBe(1);
    expect(r.window).toBe(4);
    expect(r.exposure).toBe(100);
    expect(r.windowExposure).toBe(400);
    expect(r.settings).toEqual({ window: 4, alpha: 0.05, minCount: 3, emergingMax: 1 });
  });

  it('flags rising, fading and emerging topics by the stated p-values', () => {
    const t = r.topics;
    expect(t[0]).toMatchObject({ count: 8, windowCount: 4, windowMean: 1, rising: true, fading: false, emerging: false, flag: 'rising' });
    expect(t[0].pUp).toBeCloseTo(5.8124288e-4, 12);
    expect(t[1]).toMatchObject({ count: 0, windowCount: 20, windowMean: 5, rising: false, fading: true, flag: 'fading' });
    expect(t[1].pDown).toBeCloseTo(0.011529215046068, 14);
    expect(t[1].pUp).toBe(1); // P(X >= 0) = 1
    expect(t[2]).toMatchObject({ rising: false, fading: false, flag: 'steady' });
    expect(t[2].pUp).toBeCloseTo(0.148032, 12);
    expect(t[3]).toMatchObject({ count: 5, windowCount: 0, rising: true, emerging: true, flag: 'emerging' });
    expect(t[3].pUp).toBeCloseTo(3.2e-4, 14);
    expect(t[4].pUp).toBeCloseTo(0.04, 14);
    expect(t[4]).toMatchObject({ rising: false, emerging: false, flag: 'steady' });
    expect(t[5].pDown).toBeCloseTo(0.8, 14);
    expect(t[5].flag).toBe('steady');
  });

  it('reports the change as shares and a continuity-corrected rate ratio', () => {
    const t = r.topics[1];
    expect(t.share).toBe(0);
    expect(t.windowShare).toBe(20 / 400);
    // ((0 + 0.5) / 100) / ((20 + 0.5) / 400) = 0.005 / 0.05125 = 0.09756
    expect(t.rateRatio).toBeCloseTo(0.005 / 0.05125, 12);
    // emerging from 0: ((5 + 0.5) / 100) / (0.5 / 400) = 44, finite
    expect(r.topics[3].rateRatio).toBeCloseTo(44, 12);
  });

  it('never flags growth that only follows the listing growing', () => {
    // The listing quadruples (100 -> 400 papers) and so does the topic (2 -> 8): same share.
    // p0 = 400 / (400 + 400) = 0.5, n = 16: p_up = P(X >= 8 | 16, 0.5) = 0.59819; rate ratio (8.5/400)/(8.5/400) = 1
    const g = topicTrends(series([[2, 2, 2, 2, 8]], [100, 100, 100, 100, 400])).topics[0];
    expect(g.pUp).toBeCloseTo(0.5981903076171875, 14);
    expect(g.rateRatio).toBeCloseTo(1, 14);
    expect(g.flag).toBe('steady');
    // And a topic holding steady while the listing halves is fading in count but not in rate:
    // totals 100 x4 then 50, counts 10 x4 then 5: p0 = 50/450 = 1/9, n = 45, P(X <= 5 | 45, 1/9) > 0.5
    const h = topicTrends(series([[10, 10, 10, 10, 5]], [100, 100, 100, 100, 50])).topics[0];
    expect(h.pDown).toBeGreaterThan(0.5);
    expect(h.flag).toBe('steady');
  });

  it('takes settings, another target, and a short history', () => {
    // emergingMax 0: topic 3 (y = 0) stays emerging; minCount 9: topic 0 (x = 8) no longer rises
    const strict = topicTrends(s, { minCount: 9, emergingMax: 0 });
    expect(strict.topics[0].rising).toBe(false);
    expect(strict.topics[3].rising).toBe(false); // x = 5 < 9
    // target period 2 with a 4-period window: only P0 and P1 before it, w = 2
    const early = topicTrends(s, { target: 2 });
    expect(early.window).toBe(2);
    expect(early.windowExposure).toBe(200);
    // the first period has no window: nothing is tested
    const first = topicTrends(s, { target: 0 });
    expect(first.window).toBe(0);
    expect(first.topics.every((t) => t.flag === 'steady' && t.pUp === 1 && t.pDown === 1)).toBe(true);
    // alpha 0.001: topic 1 (p_down 0.0115) no longer fades; topic 0 (p_up 5.8e-4) still rises
    const tight = topicTrends(s, { alpha: 0.001 });
    expect(tight.topics[1].fading).toBe(false);
    expect(tight.topics[0].rising).toBe(true);
  });

  it('refuses bad settings', () => {
    expect(() => topicTrends(s, { alpha: 1.5 })).toThrow(/alpha/);
    expect(() => topicTrends(s, { window: 0 })).toThrow(/window/);
    expect(() => topicTrends(s, { target: 6 })).toThrow(/outside 0..5/);
  });

  it('reads a series built from papers', () => {
    // Weeks 2025-W10..W14, 10 papers a week: topic 0 has 1 a week, then 7 in W14; topic 1 the rest.
    const dates: string[] = [];
    const topics: number[] = [];
    const mondays = ['2025-03-03', '2025-03-10', '2025-03-17', '2025-03-24', '2025-03-31'];
    mondays.forEach((d, j) => {
      for (let i = 0; i < 10; i++) {
        dates.push(d);
        topics.push(i < (j === 4 ? 7 : 1) ? 0 : 1);
      }
    });
    const rs = topicTrends(topicSeries({ dates, topics: Int32Array.from(topics) }));
    // x = 7, y = 4, p0 = 10 / 50 = 0.2, n = 11: P(X >= 7 | 11, 0.2) = Σ_{k=7..11} C(11,k) 0.2^k 0.8^(11-k)
    //   = 330·1.28e-5·0.4096 + 165·2.56e-6·0.512 + 55·5.12e-7·0.64 + 11·1.024e-7·0.8 + 2.048e-8
    //   = 1.7301504e-3 + 2.162688e-4 + 1.80224e-5 + 9.0112e-7 + 2.048e-8 = 1.96536320e-3
    expect(rs.topics[0].pUp).toBeCloseTo(1.9653632e-3, 12);
    expect(rs.topics[0].flag).toBe('rising');
    // topic 1: x = 3, y = 36, p0 = 0.2, n = 39: p_down = P(X <= 3 | 39, 0.2) = 0.033207 (7.8 expected), y/w = 9 >= 3
    expect(rs.topics[1].pDown).toBeCloseTo(0.033207334558759564, 12);
    expect(rs.topics[1].flag).toBe('fading');
  });
});

// Rising, fading and emerging flags from the exact conditional binomial test of two Poisson rates, on hand-made series.
import { describe, expect, it } from 'vitest';
import {
  benjaminiHochberg,
  clopperPearson,
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
  it('conditions on x + y with p0 = E_t / (E_t + E_w) and states the baseline', () => {
    const r = poissonRateTest(8, 4, 100, 400);
    expect(r.p0).toBe(0.2); // 100 / (100 + 400) = 1 / (1 + w) with w = 4 equal periods
    expect(r.pUp).toBeCloseTo(5.8124288e-4, 12);
    expect(r.p).toBeCloseTo(2 * 5.8124288e-4, 12); // two-sided: twice the smaller tail
    // E = y E_t / E_w = 4 * 100 / 400 = 1 paper expected; rate ratio x / E = 8
    expect(r.expected).toBe(1);
    expect(r.rateRatio).toBe(8);
  });
  it('gives the exact (Clopper-Pearson) interval of the rate ratio', () => {
    // x = 8 of n = 12, E_w / E_t = 4: p in [beta.ppf(0.025, 8, 5), beta.ppf(0.975, 9, 4)], r = p / (1 - p) * 4
    // (scipy.stats.beta): 2.1432184465984405 to 36.303854324813834
    const r = poissonRateTest(8, 4, 100, 400);
    expect(r.ciLow).toBeCloseTo(2.1432184465984405, 8);
    expect(r.ciHigh).toBeCloseTo(36.303854324813834, 6);
    // x = y = 1, equal exposures: 1 - (1 - p)^2 = 0.025 and 1 - p^2 = 0.025, so p = 1 - sqrt(0.975) and sqrt(0.975);
    // r = p / (1 - p): (1 - s) / s = 0.0127394 and s / (1 - s) = 78.4968 with s = sqrt(0.975)
    const s = Math.sqrt(0.975);
    const e = poissonRateTest(1, 1, 100, 100);
    expect(e.ciLow).toBeCloseTo((1 - s) / s, 9);
    expect(e.ciHigh).toBeCloseTo(s / (1 - s), 6);
    expect(e.rateRatio).toBe(1);
    // No papers in the window: p_L^3 = 0.025, r_L = p_L / (1 - p_L) * 400 / 100 = 1.65293; the ratio and its upper end are infinite
    const z = poissonRateTest(3, 0, 100, 400);
    expect(z.ciLow).toBeCloseTo(1.6529254201235755, 8);
    expect(z.ciHigh).toBe(Infinity);
    expect(z.rateRatio).toBe(Infinity);
    expect(z.expected).toBe(0);
    // None now: the lower end is 0
    expect(poissonRateTest(0, 5, 100, 400).ciLow).toBe(0);
  });
  it('excludes 1 from the interval exactly when the two-sided p is under 0.05', () => {
    for (const [x, y] of [[8, 4], [5, 6], [6, 6], [7, 8], [0, 14], [0, 15], [3, 0], [4, 1], [12, 20]]) {
      const r = poissonRateTest(x, y, 100, 400);
      expect(r.ciLow > 1 || r.ciHigh < 1, `x ${x}, y ${y}`).toBe(r.p < 0.05);
    }
  });
  it('does not test without exposure', () => {
    expect(poissonRateTest(0, 5, 0, 100)).toMatchObject({ pUp: 1, pDown: 1, p: 1 });
    expect(poissonRateTest(3, 0, 100, 0)).toMatchObject({ pUp: 1, pDown: 1, p: 1 });
  });
});

describe('clopperPearson', () => {
  it('matches the closed forms at the ends', () => {
    // x = 0 of n: upper end 1 - 0.025^(1/n); x = n: lower end 0.025^(1/n)
    expect(clopperPearson(0, 5)).toEqual([0, expect.closeTo(1 - 0.025 ** (1 / 5), 12)]);
    expect(clopperPearson(5, 5)).toEqual([expect.closeTo(0.025 ** (1 / 5), 12), 1]);
  });
});

describe('benjaminiHochberg', () => {
  it('gives the step-up q-values worked by hand', () => {
    // m = 4, sorted 0.005, 0.01, 0.03, 0.04: m p / rank = 0.02, 0.02, 0.04, 0.04; running minimum from the top
    expect(benjaminiHochberg([0.01, 0.04, 0.03, 0.005])).toEqual([0.02, 0.04, 0.04, 0.02].map((v) => expect.closeTo(v, 15)));
    // m = 3, sorted 0.01, 0.03, 0.04: 0.03, 0.045, 0.04 -> the second is lowered to the third's 0.04
    expect(benjaminiHochberg([0.04, 0.01, 0.03])).toEqual([0.04, 0.03, 0.04].map((v) => expect.closeTo(v, 15)));
    // capped at 1, and one test is its own q
    expect(benjaminiHochberg([0.9, 0.8])).toEqual([0.9, 0.9].map((v) => expect.closeTo(v, 15)));
    expect(benjaminiHochberg([0.2])).toEqual([0.2]);
    expect(benjaminiHochberg([])).toEqual([]);
  });
  it('refuses a p-value outside [0, 1]', () => {
    expect(() => benjaminiHochberg([0.1, 1.5])).toThrow(/\[0, 1\]/);
  });
});

describe('topicTrends', () => {
  // Six weeks of 100 papers each; the target is the last, the window the four before (P1..P4), P0 is outside.
  const totals = [100, 100, 100, 100, 100, 100];
  const s = series(
    [
      [0, 1, 1, 1, 1, 8], //  0 rising:   x=8, y=4,  n=12, p0=0.2: p = 2 * 5.8124e-4 = 1.1625e-3
      [30, 5, 5, 5, 5, 0], // 1 fading:   x=0, y=20, n=20: p = 2 * 0.8^20 = 0.023058, y/w = 5 >= 3 (P0's 30 not in the window)
      [0, 1, 1, 1, 1, 3], //  2 steady:   x=3, y=4,  n=7:  p = 2 * 0.148032 = 0.296064
      [9, 0, 0, 0, 0, 5], //  3 emerging: x=5, y=0,  n=5:  p = 2 * 0.2^5 = 6.4e-4
      [0, 0, 0, 0, 0, 2], //  4 too few:  x=2, y=0,  n=2:  p = 2 * 0.2^2 = 0.08, x < 3
      [0, 1, 0, 0, 0, 0], //  5 too few to fade: x=0, y=1: p = 1 (2 * 0.8 capped)
    ],
    totals,
  );
  const r = topicTrends(s);
  // The 7th row (the rest) holds 82 now against 369 in the window: E = 92.25, p = 2 P(X <= 82 | 451, 0.2) = 0.365763.
  // Sorted p of the 7 tested: 6.4e-4, 1.1625e-3, 0.023058, 0.08, 0.296064, 0.365763, 1
  // 7 p / rank: 0.00448, 0.0040687, 0.053802, 0.14, 0.41449, 0.42672, 1; q = the running minimum from the top:
  // 0.0040687, 0.0040687, 0.053802, 0.14, 0.41449, 0.42672, 1

  it('tests the last period against the four before', () => {
    expect(r.target).toBe(5);
    expect(r.windowStart).toBe(1);
    expect(r.window).toBe(4);
    expect(r.exposure).toBe(100);
    expect(r.windowExposure).toBe(400);
    expect(r.tested).toBe(7);
    expect(r.settings).toEqual({ window: 4, fdr: 0.1, minCount: 3 });
  });

  it('flags rising, fading and emerging topics by their q-values', () => {
    const t = r.topics;
    expect(t[0]).toMatchObject({ count: 8, windowCount: 4, windowMean: 1, expected: 1, rateRatio: 8, trend: 'rising' });
    expect(t[0].p).toBeCloseTo(1.16248576e-3, 12);
    expect(t[0].q).toBeCloseTo((7 * 1.16248576e-3) / 2, 12);
    expect(t[1]).toMatchObject({ count: 0, windowCount: 20, windowMean: 5, expected: 5, trend: 'fading' });
    expect(t[1].p).toBeCloseTo(2 * 0.011529215046068, 14);
    expect(t[1].q).toBeCloseTo((7 * 2 * 0.011529215046068) / 3, 12);
    expect(t[2]).toMatchObject({ trend: 'steady' });
    expect(t[2].p).toBeCloseTo(0.296064, 12);
    expect(t[3]).toMatchObject({ count: 5, windowCount: 0, rateRatio: Infinity, trend: 'emerging' });
    expect(t[3].q).toBeCloseTo((7 * 1.16248576e-3) / 2, 12); // 0.00448 at rank 1, lowered to rank 2's value by the step-up
    expect(t[4]).toMatchObject({ trend: 'steady' }); // q = 0.14 and x < 3
    expect(t[4].p).toBeCloseTo(0.08, 14);
    expect(t[5]).toMatchObject({ p: 1, q: 1, trend: 'steady' });
    expect(t.every((x) => ['rising', 'fading', 'emerging', 'steady'].includes(x.trend))).toBe(true);
  });

  it('drops a flag that only held for one test once many topics are tested', () => {
    // One topic rising alone: x = 6, y = 5 (E = 1.25): p = 2 P(X >= 6 | 11, 0.2) = 0.0233; with nothing else tested q = p -> rising.
    const alone = topicTrends(series([[1, 1, 2, 1, 6]], [100, 100, 100, 100, 100]), { minCount: 3 });
    expect(alone.topics[0].p).toBeLessThan(0.05);
    expect(alone.topics[0].trend).toBe('rising');
    // The same topic among 30 steady ones (3 papers a week each): its q = p * 31 / 1 > 0.1, so no flag.
    const steady = Array.from({ length: 30 }, () => [3, 3, 3, 3, 3]);
    const many = topicTrends(series([[1, 1, 2, 1, 6], ...steady], [200, 200, 200, 200, 200]));
    expect(many.topics[0].p).toBeLessThan(0.05);
    expect(many.topics[0].q).toBeGreaterThan(0.1);
    expect(many.topics[0].trend).toBe('steady');
    expect(many.tested).toBe(32);
  });

  it('never flags growth that only follows the listing growing', () => {
    // The listing quadruples (100 -> 400 papers) and so does the topic (2 -> 8): same share.
    // p0 = 400 / (400 + 400) = 0.5, n = 16: p_up = P(X >= 8 | 16, 0.5) = 0.59819; E = 8 * 400 / 400 = 8, ratio 1
    const g = topicTrends(series([[2, 2, 2, 2, 8]], [100, 100, 100, 100, 400])).topics[0];
    expect(g.pUp).toBeCloseTo(0.5981903076171875, 14);
    expect(g.rateRatio).toBeCloseTo(1, 14);
    expect(g.trend).toBe('steady');
    // And a topic holding steady while the listing halves is fading in count but not in rate:
    // totals 100 x4 then 50, counts 10 x4 then 5: p0 = 50/450 = 1/9, n = 45, P(X <= 5 | 45, 1/9) > 0.5
    const h = topicTrends(series([[10, 10, 10, 10, 5]], [100, 100, 100, 100, 50])).topics[0];
    expect(h.pDown).toBeGreaterThan(0.5);
    expect(h.trend).toBe('steady');
  });

  it('takes settings, another target, and a short history', () => {
    // minCount 9: topic 0 (x = 8) and topic 3 (x = 5) no longer rise
    const strict = topicTrends(s, { minCount: 9 });
    expect(strict.topics[0].trend).toBe('steady');
    expect(strict.topics[3].trend).toBe('steady');
    // target period 2 with a 4-period window: only P0 and P1 before it, w = 2
    const early = topicTrends(s, { target: 2 });
    expect(early.window).toBe(2);
    expect(early.windowExposure).toBe(200);
    // the first period has no window: nothing is tested
    const first = topicTrends(s, { target: 0 });
    expect(first.window).toBe(0);
    expect(first.tested).toBe(0);
    expect(first.topics.every((t) => t.trend === 'steady' && t.p === 1 && t.q === 1)).toBe(true);
    // fdr 0.01: topic 1 (q 0.0538) no longer fades; topic 0 (q 0.0041) still rises
    const tight = topicTrends(s, { fdr: 0.01 });
    expect(tight.topics[1].trend).toBe('steady');
    expect(tight.topics[0].trend).toBe('rising');
  });

  it('refuses bad settings', () => {
    expect(() => topicTrends(s, { fdr: 1.5 })).toThrow(/fdr/);
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
    expect(rs.topics[0].trend).toBe('rising');
    // topic 1: x = 3, y = 36, p0 = 0.2, n = 39: p_down = P(X <= 3 | 39, 0.2) = 0.033207; two-sided 0.066415,
    // q over the two tested = max(0.066415, 2 * 0.0039307 / 1) = 0.066415 <= 0.1, y/w = 9 >= 3: fading
    expect(rs.topics[1].pDown).toBeCloseTo(0.033207334558759564, 12);
    expect(rs.topics[1].q).toBeCloseTo(2 * 0.033207334558759564, 12);
    expect(rs.topics[1].trend).toBe('fading');
  });
});

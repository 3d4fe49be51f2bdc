// Tests for the seeded random generators.
import { describe, expect, it } from 'vitest';
import { createRng, mulberry32 } from '../../pipeline/math/random.ts';

describe('random', () => {
  it('repeats for a seed and differs across seeds', () => {
    const a = mulberry32(1), b = mulberry32(1), c = mulberry32(2);
    const xs = [a(), a(), a()];
    expect([b(), b(), b()]).toEqual(xs);
    expect(c()).not.toBe(xs[0]);
    xs.forEach((x) => { expect(x).toBeGreaterThanOrEqual(0); expect(x).toBeLessThan(1); });
  });

  it('draws standard normals', () => {
    const rng = createRng(123);
    let sum = 0, sq = 0;
    const n = 20000;
    for (let i = 0; i < n; i++) { const x = rng.normal(); sum += x; sq += x * x; }
    expect(Math.abs(sum / n)).toBeLessThan(0.03);
    expect(Math.abs(sq / n - 1)).toBeLessThan(0.05);
    for (let i = 0; i < 100; i++) { const k = rng.int(7); expect(Number.isInteger(k) && k >= 0 && k < 7).toBe(true); }
  });
});

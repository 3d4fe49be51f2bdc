// The Hungarian method: the largest total weight of a one-to-one matching, checked against every permutation of small matrices.
import { describe, expect, it } from 'vitest';
import { maxWeightAssignment } from '../../pipeline/math/assignment.ts';
import { mulberry32 } from '../../pipeline/math/random.ts';

/** The best total by trying every injective map of rows to columns (or none). */
function bruteForce(w: number[], rows: number, cols: number): number {
  let best = 0;
  const used = new Array<boolean>(cols).fill(false);
  const go = (i: number, sum: number): void => {
    if (i === rows) {
      best = Math.max(best, sum);
      return;
    }
    go(i + 1, sum);
    for (let j = 0; j < cols; j++) {
      if (used[j]) continue;
      used[j] = true;
      go(i + 1, sum + w[i * cols + j]);
      used[j] = false;
    }
  };
  go(0, 0);
  return best;
}

describe('maxWeightAssignment', () => {
  it('finds what greedy misses', () => {
    // greedy takes 0.9 (row 0 - col 0) and is left with 0; the optimum pairs 0.8 + 0.85
    expect(Array.from(maxWeightAssignment([0.9, 0.8, 0.85, 0], 2, 2))).toEqual([1, 0]);
  });

  it('reaches the brute-force optimum on random rectangular matrices, one to one, zero weights unmatched', () => {
    const rand = mulberry32(3);
    for (let k = 0; k < 300; k++) {
      const rows = 1 + Math.floor(rand() * 5);
      const cols = 1 + Math.floor(rand() * 5);
      const w = Array.from({ length: rows * cols }, () => (rand() < 0.4 ? 0 : Math.round(rand() * 100) / 100));
      const a = maxWeightAssignment(w, rows, cols);
      const cols_ = [...a].filter((j) => j >= 0);
      expect(new Set(cols_).size).toBe(cols_.length);
      const total = [...a].reduce((s, j, i) => s + (j >= 0 ? w[i * cols + j] : 0), 0);
      expect(total).toBeCloseTo(bruteForce(w, rows, cols), 9);
      a.forEach((j, i) => {
        if (j >= 0) expect(w[i * cols + j]).toBeGreaterThan(0);
      });
    }
  });

  it('refuses negative weights and a wrong size', () => {
    expect(() => maxWeightAssignment([1, -1], 1, 2)).toThrow(/>= 0/);
    expect(() => maxWeightAssignment([1, 2, 3], 2, 2)).toThrow(/2 x 2/);
  });
});

// Seeded pseudo-random numbers (mulberry32) and Gaussian draws (Box-Muller), for reproducible runs.
import { mulberryNext, mulberryUniform } from './mulberry.mjs';

/** A generator of uniform numbers in [0, 1) from a 32-bit seed (mulberry32). */
export function mulberry32(seed: number): () => number {
  let a = seed | 0;
  return () => {
    a = mulberryNext(a);
    return mulberryUniform(a);
  };
}

/** Seeded source of uniform, integer and standard normal draws. */
export interface Rng {
  /** Uniform in [0, 1). */
  uniform(): number;
  /** Uniform integer in [0, n). */
  int(n: number): number;
  /** Standard normal (Box-Muller; the second value of each pair is kept for the next call). */
  normal(): number;
}

export function createRng(seed: number): Rng {
  const next = mulberry32(seed);
  let spare = 0;
  let hasSpare = false;
  return {
    uniform: next,
    int: (n: number) => Math.floor(next() * n),
    normal(): number {
      if (hasSpare) {
        hasSpare = false;
        return spare;
      }
      let u = next();
      while (u === 0) u = next();
      const v = next();
      const r = Math.sqrt(-2 * Math.log(u));
      spare = r * Math.sin(2 * Math.PI * v);
      hasSpare = true;
      return r * Math.cos(2 * Math.PI * v);
    },
  };
}

/** Fill `out` with standard normal draws, in index order. */
export function fillNormal(out: Float64Array | Float32Array, rng: Rng): void {
  for (let i = 0; i < out.length; i++) out[i] = rng.normal();
}

/** `count` distinct rows of [0, n) chosen with the seed, ascending. */
export function sampleRows(n: number, count: number, seed: number): Int32Array {
  const rng = createRng(seed);
  const c = Math.min(n, count);
  const perm = new Int32Array(n);
  for (let i = 0; i < n; i++) perm[i] = i;
  for (let i = 0; i < c; i++) {
    const j = i + rng.int(n - i);
    const t = perm[i]; perm[i] = perm[j]; perm[j] = t;
  }
  return perm.slice(0, c).sort();
}

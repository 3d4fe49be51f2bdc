// Seeded synthetic clustered data for the cluster tests: Gaussian blobs, optionally l2-normalised rows.
import { createRng } from '../../pipeline/math/random.ts';

/** n points around `centres` random centres in d dims (centre coordinates N(0, spread²), noise N(0, 1)). */
export function blobs(n: number, d: number, centres: number, seed: number, spread = 10, normalise = false): { X: Float32Array; labels: Int32Array } {
  const rng = createRng(seed);
  const C = new Float64Array(centres * d);
  for (let i = 0; i < C.length; i++) C[i] = rng.normal() * spread;
  const X = new Float32Array(n * d);
  const labels = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    const c = i % centres;
    labels[i] = c;
    let s = 0;
    for (let t = 0; t < d; t++) { const v = C[c * d + t] + rng.normal(); X[i * d + t] = v; s += v * v; }
    if (normalise) { const r = Math.sqrt(s) || 1; for (let t = 0; t < d; t++) X[i * d + t] /= r; }
  }
  return { X, labels };
}

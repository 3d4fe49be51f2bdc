// UMAP layout optimisation by SGD with negative sampling (plain JS, shared by the main thread and UMAP workers).
import { mulberryNext, mulberryUniform } from './mulberry.mjs';

/** 2^k for k in [-1100, 1100), indexed k + 1100. */
const POW2 = new Float64Array(2200);
for (let k = 0; k < 2200; k++) POW2[k] = Math.pow(2, k - 1100);

/**
 * 2^y by 2^floor(y) (table) times e^(f ln 2) for the fraction f in [0, 1) (Taylor to degree 9:
 * relative error < 1e-8). x^b as exp2(b log2 x) this way costs ~18 ns against ~55 ns for Math.pow
 * in V8 here, and the layout spends most of its time on these powers.
 * @param {number} y
 */
export function exp2(y) {
  const k = Math.floor(y);
  const f = (y - k) * Math.LN2;
  const p = 1 + f * (1 + f * (1 / 2 + f * (1 / 6 + f * (1 / 24 + f * (1 / 120 + f * (1 / 720 + f * (1 / 5040 + f * (1 / 40320 + f / 362880))))))));
  return k < -1100 ? 0 : p * POW2[k + 1100];
}

/**
 * One epoch of one block of umap-learn's optimize_layout_euclidean, in a form whose bytes do not
 * depend on threads. The points are cut into `blocks` ranges of indices (blockPoints) and the
 * edges, sorted by head, with them (blockEdges). For each edge of the block whose next sample is
 * due, head and tail are pulled together with the attractive gradient -2ab d^(2(b-1)) / (1 + a d^(2b)),
 * then the head is pushed away from nNeg uniformly drawn vertices with the repulsive gradient
 * 2γb / ((0.001 + d²)(1 + a d^(2b))); every gradient component is clipped to [-4, 4] and scaled by
 * alpha = lr (1 - epoch / nEpochs). A point of the block is read and moved live, as umap-learn
 * does; a point of another block is read as it stood at the start of the epoch (`snap`), and the
 * pull on it, when it is the tail, is added to this block's row of `delta` (blocks x n x dim) for
 * snapshotBlock to apply after the epoch. So a block writes only its own points and its own delta
 * row, and blocks run on any threads at once. Each block draws its negative samples from its own
 * mulberry32 state, rngs[block] (the same generator as random.ts), advanced in place.
 * @param {object} s @param {number} blk @param {number} epoch
 */
export function optimizeBlock(s, blk, epoch) {
  const { head, tail, epochsPerSample, epochOfNextSample, epochOfNextNegativeSample, emb, snap, delta, blockPoints, blockEdges, rngs, dim, n, a, b, gamma, lr, nEpochs, negativeSampleRate } = s;
  const p0 = blockPoints[blk];
  const p1 = blockPoints[blk + 1];
  const dOff = blk * n * dim;
  let rng = rngs[blk] | 0;
  const bLog2e = b * Math.LOG2E;
  const alpha = lr * (1 - epoch / nEpochs);
  for (let i = blockEdges[blk], end = blockEdges[blk + 1]; i < end; i++) {
    if (epochOfNextSample[i] > epoch) continue;
    const eps = epochsPerSample[i];
    const j = head[i] * dim;
    const t = tail[i];
    const k = t * dim;
    const own = t >= p0 && t < p1;
    let d2 = 0;
    if (own) for (let c = 0; c < dim; c++) { const u = emb[j + c] - emb[k + c]; d2 += u * u; }
    else for (let c = 0; c < dim; c++) { const u = emb[j + c] - snap[k + c]; d2 += u * u; }
    let g = 0;
    if (d2 > 0) {
      const pb = exp2(bLog2e * Math.log(d2)); // d2^b
      g = (-2 * a * b * (pb / d2)) / (a * pb + 1);
    }
    if (own) {
      for (let c = 0; c < dim; c++) {
        let gd = g * (emb[j + c] - emb[k + c]);
        gd = gd > 4 ? 4 : gd < -4 ? -4 : gd;
        emb[j + c] += gd * alpha;
        emb[k + c] -= gd * alpha;
      }
    } else {
      for (let c = 0; c < dim; c++) {
        let gd = g * (emb[j + c] - snap[k + c]);
        gd = gd > 4 ? 4 : gd < -4 ? -4 : gd;
        emb[j + c] += gd * alpha;
        delta[dOff + k + c] -= gd * alpha;
      }
    }
    epochOfNextSample[i] += eps;
    const epn = eps / negativeSampleRate;
    const nNeg = Math.floor((epoch - epochOfNextNegativeSample[i]) / epn);
    for (let p = 0; p < nNeg; p++) {
      // mulberry32, the same code random.ts draws with
      rng = mulberryNext(rng);
      const u = mulberryUniform(rng);
      const kk = Math.floor(u * n);
      const o = kk * dim;
      const src = kk >= p0 && kk < p1 ? emb : snap;
      let e2 = 0;
      for (let c = 0; c < dim; c++) { const t2 = emb[j + c] - src[o + c]; e2 += t2 * t2; }
      if (!(e2 > 0)) continue; // the point itself (or a duplicate): no push, as umap-learn
      const gr = (2 * gamma * b) / ((0.001 + e2) * (a * exp2(bLog2e * Math.log(e2)) + 1));
      for (let c = 0; c < dim; c++) {
        let gd = gr * (emb[j + c] - src[o + c]);
        gd = gd > 4 ? 4 : gd < -4 ? -4 : gd;
        emb[j + c] += gd * alpha;
      }
    }
    epochOfNextNegativeSample[i] += nNeg * epn;
  }
  rngs[blk] = rng;
}

/**
 * After every block's epoch: block `blk`'s points take the pulls the other blocks left for them
 * (added in block order, so the sums do not depend on threads), those rows are cleared, and the
 * points are copied to `snap` for the next epoch.
 * @param {object} s @param {number} blk
 */
export function snapshotBlock(s, blk) {
  const { emb, snap, delta, blockPoints, blocks, dim, n } = s;
  const r0 = blockPoints[blk] * dim;
  const r1 = blockPoints[blk + 1] * dim;
  for (let o = 0; o < blocks; o++) {
    if (o === blk) continue;
    const off = o * n * dim;
    for (let t = r0; t < r1; t++) { emb[t] += delta[off + t]; delta[off + t] = 0; }
  }
  for (let t = r0; t < r1; t++) snap[t] = emb[t];
}

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
 * One run of epochs [e0, e1) of umap-learn's optimize_layout_euclidean (single-threaded, so
 * deterministic): for each edge i whose next sample is due, pull head[i] and tail[i] together with
 * the attractive gradient -2ab d^(2(b-1)) / (1 + a d^(2b)) (both endpoints move), then push head[i]
 * away from nNeg uniformly drawn vertices with the repulsive gradient 2γb / ((0.001 + d²)(1 + a d^(2b)));
 * every gradient component is clipped to [-4, 4] and scaled by the learning rate
 * alpha = lr (1 - epoch / nEpochs). `s` holds the state (see umap.ts LayoutState); its rng field
 * is the mulberry32 state (the same generator as random.ts), advanced in place.
 * @param {object} s @param {number} e0 @param {number} e1
 */
export function optimizeEpochs(s, e0, e1) {
  const { head, tail, epochsPerSample, epochOfNextSample, epochOfNextNegativeSample, emb, dim, n, a, b, gamma, lr, nEpochs, negativeSampleRate } = s;
  const nEdges = head.length;
  let rng = s.rng | 0;
  const bLog2e = b * Math.LOG2E;
  const cur = new Float64Array(dim);
  for (let epoch = e0; epoch < e1; epoch++) {
    const alpha = lr * (1 - epoch / nEpochs);
    for (let i = 0; i < nEdges; i++) {
      if (epochOfNextSample[i] > epoch) continue;
      const eps = epochsPerSample[i];
      const j = head[i] * dim;
      const k = tail[i] * dim;
      let d2 = 0;
      for (let c = 0; c < dim; c++) { const t = emb[j + c] - emb[k + c]; d2 += t * t; }
      let g = 0;
      if (d2 > 0) {
        const pb = exp2(bLog2e * Math.log(d2)); // d2^b
        g = (-2 * a * b * (pb / d2)) / (a * pb + 1);
      }
      for (let c = 0; c < dim; c++) {
        let gd = g * (emb[j + c] - emb[k + c]);
        gd = gd > 4 ? 4 : gd < -4 ? -4 : gd;
        emb[j + c] += gd * alpha;
        emb[k + c] -= gd * alpha;
      }
      epochOfNextSample[i] += eps;
      const epn = eps / negativeSampleRate;
      const nNeg = Math.floor((epoch - epochOfNextNegativeSample[i]) / epn);
      for (let c = 0; c < dim; c++) cur[c] = emb[j + c];
      for (let p = 0; p < nNeg; p++) {
        // mulberry32, the same code random.ts draws with
        rng = mulberryNext(rng);
        const u = mulberryUniform(rng);
        const kk = Math.floor(u * n);
        const o = kk * dim;
        let e2 = 0;
        for (let c = 0; c < dim; c++) { const t2 = cur[c] - emb[o + c]; e2 += t2 * t2; }
        if (!(e2 > 0)) continue; // the point itself (or a duplicate): no push, as umap-learn
        const gr = (2 * gamma * b) / ((0.001 + e2) * (a * exp2(bLog2e * Math.log(e2)) + 1));
        for (let c = 0; c < dim; c++) {
          let gd = gr * (cur[c] - emb[o + c]);
          gd = gd > 4 ? 4 : gd < -4 ? -4 : gd;
          cur[c] += gd * alpha;
        }
      }
      for (let c = 0; c < dim; c++) emb[j + c] = cur[c];
      epochOfNextNegativeSample[i] += nNeg * epn;
    }
  }
  s.rng = rng;
}

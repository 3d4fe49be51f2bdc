// Pure parts of embedding: batches of texts of like length, and the mean of a text's token vectors scaled to unit length.

/** Texts a batch holds at most, and the word pieces (batch x longest) it may pad to. */
export const BATCH_TEXTS = 16;
export const BATCH_PIECES = 16 * 256;

/**
 * Row indices grouped into batches: sorted by length (ties by index), cut at BATCH_TEXTS texts or when
 * the padded size would pass BATCH_PIECES. Like lengths keep padding small.
 */
export function planBatches(lengths: readonly number[]): number[][] {
  const order = lengths.map((_, i) => i).sort((a, b) => lengths[a] - lengths[b] || a - b);
  const batches: number[][] = [];
  let cur: number[] = [];
  for (const r of order) {
    // sorted ascending, so this row is the longest of the batch so far
    if (cur.length && (cur.length >= BATCH_TEXTS || (cur.length + 1) * lengths[r] > BATCH_PIECES)) {
      batches.push(cur);
      cur = [];
    }
    cur.push(r);
  }
  if (cur.length) batches.push(cur);
  return batches;
}

/**
 * Mean over each text's own tokens (padding left out) of hidden states [batch, T, dims], then scaled to unit
 * length: sentence-transformers' mean pooling and Normalize. Sums in float64, in token order.
 */
export function meanPoolNormalized(hidden: Float32Array, lengths: readonly number[], T: number, dims: number): Float32Array {
  const out = new Float32Array(lengths.length * dims);
  const acc = new Float64Array(dims);
  lengths.forEach((len, b) => {
    acc.fill(0);
    for (let j = 0; j < len; j++) {
      const at = (b * T + j) * dims;
      for (let c = 0; c < dims; c++) acc[c] += hidden[at + c];
    }
    let norm = 0;
    for (let c = 0; c < dims; c++) norm += acc[c] * acc[c];
    const scale = norm > 0 ? 1 / Math.sqrt(norm) : 0;
    for (let c = 0; c < dims; c++) out[b * dims + c] = acc[c] * scale;
  });
  return out;
}

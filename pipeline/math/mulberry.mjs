// mulberry32, split into its state step and its output hash (plain JS, so UMAP workers and random.ts share one implementation).

/**
 * The next mulberry32 state after `state` (a 32-bit integer).
 * @param {number} state
 */
export function mulberryNext(state) {
  return (state + 0x6d2b79f5) | 0;
}

/**
 * The uniform number in [0, 1) a mulberry32 state gives.
 * @param {number} state
 */
export function mulberryUniform(state) {
  let t = Math.imul(state ^ (state >>> 15), 1 | state);
  t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
}

// Runs of a handful of papers (a quiet day, a tiny export): below this many papers there is nothing to cluster, so the run keeps one topic.

/** Fewest papers that the map (UMAP) and k-means work on; below it a run has one topic and a plain layout. */
export const MIN_PAPERS_TO_CLUSTER = 6;

/** True when a run of n papers is too small to cluster. */
export function tooFewToCluster(n: number): boolean {
  return n < MIN_PAPERS_TO_CLUSTER;
}

/** The words the stages and the report use for such a run. */
export function tooFewNote(n: number): string {
  return `too few papers to cluster (${n}, fewer than ${MIN_PAPERS_TO_CLUSTER}): one topic, papers placed on a circle`;
}

/** n points evenly on the unit circle (one at the centre), `dims` coordinates each, the rest 0: a layout that claims no structure. */
export function circleLayout(n: number, dims: number): Float32Array {
  const out = new Float32Array(n * dims);
  if (n === 1) return out;
  for (let i = 0; i < n; i++) {
    const a = (2 * Math.PI * i) / n;
    out[i * dims] = Math.cos(a);
    if (dims > 1) out[i * dims + 1] = Math.sin(a);
  }
  return out;
}

// Refining a k-means partition when k was chosen: split a topic whose members form two well-separated groups, merge topics whose words nearly repeat each other.
import { kmeans } from './kmeans.ts';
import { silhouetteScore } from './metrics.ts';
import { gatherRows } from './dense.ts';

export interface RefineOptions {
  splitMinSize: number;
  splitSilhouette: number;
  mergeCosine: number;
  splitInit: number;
  /** Most parts a topic is cut into when looking for a group to split off. */
  maxParts: number;
}

export const REFINE_DEFAULTS: Readonly<RefineOptions> = Object.freeze({
  /** Least papers on each side of a split. */
  splitMinSize: 10,
  /** Least silhouette of the best cut of a topic's own points for a part to split off. */
  splitSilhouette: 0.5,
  /**
   * Cosine of two topics' c-TF-IDF weight rows above which they are one topic. Distinct topics of a
   * real week reach 0.64 ("agents · code · execution" beside "agents · search · reasoning"); at 0.6
   * such pairs chained into one 170-paper topic and the seed stability fell from ARI 0.64 to 0.53.
   */
  mergeCosine: 0.7,
  /** k-means restarts of each cut. */
  splitInit: 5,
  maxParts: 4,
});


export interface SplitRecord {
  /** The cluster split, the new cluster the part became, the sizes left and split off, and the cut's silhouette. */
  topic: number;
  into: number;
  sizes: [number, number];
  silhouette: number;
}

/**
 * Each cluster of at least 2 x splitMinSize points is cut by k-means on its own points (the
 * clustering space) into 2 to maxParts parts, the cut with the best silhouette kept. When that
 * silhouette is at least splitSilhouette, each part of at least splitMinSize points becomes a topic
 * of its own, while at least splitMinSize points stay behind, if `distinct` accepts it (the caller's test that the part is
 * about something else than the rest of the topic). Such a part is a subject that the global k-means
 * put inside another (a small dense group inside a large topic). One pass; new parts get the next
 * cluster numbers. Returns new labels (a copy) and the new count.
 */
export function splitSeparated(
  X: Float32Array,
  n: number,
  d: number,
  labels: Int32Array,
  k: number,
  seed: number,
  distinct: (trial: Int32Array, topic: number, into: number) => boolean,
  options: Partial<RefineOptions> = {},
): { labels: Int32Array; k: number; splits: SplitRecord[] } {
  const o = { ...REFINE_DEFAULTS, ...options };
  const out = Int32Array.from(labels);
  const members: number[][] = Array.from({ length: k }, () => []);
  for (let i = 0; i < n; i++) members[labels[i]].push(i);
  const splits: SplitRecord[] = [];
  let next = k;
  for (let c = 0; c < k; c++) {
    const rows = members[c];
    if (rows.length < 2 * o.splitMinSize) continue;
    const sub = gatherRows(X, d, rows);
    let best: { labels: Int32Array; parts: number; silhouette: number } | null = null;
    for (let parts = 2; parts <= Math.min(o.maxParts, Math.floor(rows.length / o.splitMinSize)); parts++) {
      const cut = kmeans(sub, rows.length, d, parts, { nInit: o.splitInit, seed: seed + c });
      const sil = silhouetteScore(sub, rows.length, d, cut.labels, { sampleSize: 2000, seed });
      if (best === null || sil > best.silhouette) best = { labels: cut.labels, parts, silhouette: sil };
    }
    if (best === null || !(best.silhouette >= o.splitSilhouette)) continue;
    const cut = best;
    const sizes = new Array<number>(cut.parts).fill(0);
    for (const l of cut.labels) sizes[l]++;
    let left = rows.length;
    // smallest parts first: the largest stays behind unless the others have gone
    const order = sizes.map((_, p) => p).sort((a, b) => sizes[a] - sizes[b] || a - b);
    for (const part of order) {
      if (sizes[part] < o.splitMinSize || left - sizes[part] < o.splitMinSize) continue;
      const trial = Int32Array.from(out);
      rows.forEach((i, r) => {
        if (cut.labels[r] === part) trial[i] = next;
      });
      if (!distinct(trial, c, next)) continue;
      out.set(trial);
      left -= sizes[part];
      splits.push({ topic: c, into: next, sizes: [left, sizes[part]], silhouette: Math.round(cut.silhouette * 1e4) / 1e4 });
      next++;
    }
  }
  return { labels: out, k: next, splits };
}

/** Cosine of two rows of a k x m row-major matrix. */
export function rowCosine(W: Float64Array | Float32Array, m: number, a: number, b: number): number {
  let dot = 0;
  let na = 0;
  let nb = 0;
  for (let t = 0; t < m; t++) {
    const x = W[a * m + t];
    const y = W[b * m + t];
    dot += x * y;
    na += x * x;
    nb += y * y;
  }
  return na > 0 && nb > 0 ? dot / Math.sqrt(na * nb) : 0;
}

export interface MergeRecord {
  /** Clusters joined into one (the lowest number kept), with the cosine that joined each pair. */
  topics: number[];
  cosine: number;
}

/**
 * Joins clusters whose c-TF-IDF rows (k x m weights) have a cosine above mergeCosine, transitively
 * (single linkage); returns labels renumbered 0..k'-1 in order of the lowest old number of each group.
 */
export function mergeNearDuplicates(
  labels: Int32Array,
  k: number,
  weights: Float64Array | Float32Array,
  m: number,
  options: Partial<RefineOptions> = {},
): { labels: Int32Array; k: number; merges: MergeRecord[] } {
  const o = { ...REFINE_DEFAULTS, ...options };
  const parent = Int32Array.from({ length: k }, (_, i) => i);
  const find = (x: number): number => {
    while (parent[x] !== x) {
      parent[x] = parent[parent[x]];
      x = parent[x];
    }
    return x;
  };
  const merges: MergeRecord[] = [];
  for (let a = 0; a < k; a++) {
    for (let b = a + 1; b < k; b++) {
      const cos = rowCosine(weights, m, a, b);
      if (cos <= o.mergeCosine) continue;
      const ra = find(a);
      const rb = find(b);
      if (ra === rb) continue;
      parent[Math.max(ra, rb)] = Math.min(ra, rb);
      merges.push({ topics: [a, b], cosine: Math.round(cos * 1e4) / 1e4 });
    }
  }
  const newId = new Map<number, number>();
  for (let c = 0; c < k; c++) {
    const r = find(c);
    if (!newId.has(r)) newId.set(r, newId.size);
  }
  const out = labels.map((l) => newId.get(find(l)) as number);
  return { labels: out, k: newId.size, merges };
}

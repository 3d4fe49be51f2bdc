// The clusters artifact (clusters.json + clusters.bin): each paper's topic, the centres, sizes and how k was chosen; and the space clustering runs in.
import type { KCurvePoint } from '../math/kmeans.ts';
import type { MergeRecord, SplitRecord } from '../math/refine.ts';
import type { Settings } from '../config.ts';
import { readDocVectors } from './lsa.ts';
import { readLayout } from './layouts.ts';
import type { Reads } from './reader.ts';

/** The clusters of a run. */
export interface Clusters {
  labels: Int32Array;
  k: number;
  /** k x dims, row-major, in the clustering space. */
  centroids: Float64Array;
  dims: number;
  space: 'umap' | 'lsa';
  sizes: number[];
  silhouette: number;
  curve: KCurvePoint[];
  /** Set when the run had too few papers to cluster (one topic). */
  tooFew?: boolean;
  /** When k was chosen: the k the curve chose, whether it is an edge of the range, and the splits and merges after it. */
  chosenK?: number;
  edge?: 'low' | 'high' | null;
  refinement?: { splits: SplitRecord[]; merges: MergeRecord[] };
  /** Papers the k curve was computed on (a seeded sample above CHOOSE_K_ROWS, else all). */
  chosenOnRows?: number;
  /** How k came about, in words (for the report). */
  how?: string;
}

/** The clusters artifact (`clusters.json` + `clusters.bin`). */
export function readClusters(ctx: Reads): Clusters {
  const b = ctx.read.arrays('clusters');
  const m = b.meta as Omit<Clusters, 'labels' | 'centroids'>;
  // silhouette is stored as null when undefined (one topic)
  return { ...m, silhouette: m.silhouette ?? NaN, labels: b.arrays.labels as Int32Array, centroids: b.arrays.centroids as Float64Array };
}

/** The points of the clustering space chosen in the settings. */
export function clusteringSpace(ctx: Reads & { settings: Pick<Settings, 'clusterSpace' | 'vectors'> }): { X: Float32Array; n: number; d: number } {
  if (ctx.settings.clusterSpace === 'lsa') {
    const l = readDocVectors(ctx);
    return { X: l.embedding, n: l.nRows, d: l.dims };
  }
  const u = readLayout(ctx, 'umap');
  return { X: u.coords, n: u.n, d: u.dims };
}

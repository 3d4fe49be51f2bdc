// The layout artifacts (map.json + map.bin, the 2-D map; umap.json + umap.bin, the clustering layout).
import type { Reads } from './reader.ts';

/** A layout artifact (`map` or `umap`): n x dims, row-major. */
export function readLayout(ctx: Reads, name: 'map' | 'umap'): { coords: Float32Array; n: number; dims: number } {
  const b = ctx.read.arrays(name);
  return { coords: b.arrays.coords as Float32Array, n: b.meta.n as number, dims: b.meta.dims as number };
}

// The shared cache of text vectors, keyed by the sha256 of the text and the model: each run adds one shard of what it embedded.
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { writeFileAtomic } from '../io/atomic.ts';

const MAGIC = 0x3143_5650; // 'PVC1' little-endian
const HEADER = 16;
const KEY = 32;

/** The cache key of a text: sha256 over the model's graph hash, the word-piece cut and the text. */
export function textKey(modelSha: string, maxTokens: number, text: string): string {
  return createHash('sha256').update(`${modelSha}\n${maxTokens}\n`).update(text).digest('hex');
}

export interface VectorCache {
  dims: number;
  /** Shards read, and shards skipped as unreadable (a file that is not a whole shard). */
  shards: number;
  skipped: string[];
  get(key: string): Float32Array | undefined;
  /** Write one new shard of these vectors (row-major, dims each), atomically; returns its path. */
  add(keys: readonly string[], vectors: Float32Array): string | null;
}

/** Encode a shard: magic, dims, count, 0, then count keys of 32 bytes, then count x dims float32. */
export function encodeShard(keys: readonly string[], vectors: Float32Array, dims: number): Uint8Array {
  const n = keys.length;
  const buf = new Uint8Array(HEADER + n * KEY + n * dims * 4);
  const view = new DataView(buf.buffer);
  view.setUint32(0, MAGIC, true);
  view.setUint32(4, dims, true);
  view.setUint32(8, n, true);
  keys.forEach((k, i) => {
    buf.set(Buffer.from(k, 'hex'), HEADER + i * KEY);
  });
  buf.set(new Uint8Array(vectors.buffer, vectors.byteOffset, n * dims * 4), HEADER + n * KEY);
  return buf;
}

/** The entries of a shard, or null when the bytes are not a whole shard of `dims`. */
export function decodeShard(buf: Uint8Array, dims: number): { keys: string[]; vectors: Float32Array } | null {
  if (buf.length < HEADER) return null;
  const view = new DataView(buf.buffer, buf.byteOffset, buf.byteLength);
  if (view.getUint32(0, true) !== MAGIC || view.getUint32(4, true) !== dims) return null;
  const n = view.getUint32(8, true);
  if (buf.length !== HEADER + n * KEY + n * dims * 4) return null;
  const keys: string[] = [];
  for (let i = 0; i < n; i++) keys.push(Buffer.from(buf.subarray(HEADER + i * KEY, HEADER + (i + 1) * KEY)).toString('hex'));
  const at = HEADER + n * KEY;
  // a copy of just these bytes: a Buffer's slice is a view into a larger (pooled) store, and need not be 4-byte aligned
  const vectors = new Float32Array(Uint8Array.prototype.slice.call(buf, at, at + n * dims * 4).buffer);
  return { keys, vectors };
}

export function openVectorCache(dir: string, dims: number): VectorCache {
  const map = new Map<string, Float32Array>();
  const skipped: string[] = [];
  let shards = 0;
  const names = existsSync(dir) ? readdirSync(dir).filter((f) => f.endsWith('.vec')).sort() : [];
  for (const name of names) {
    const shard = decodeShard(readFileSync(join(dir, name)), dims);
    if (!shard) {
      skipped.push(join(dir, name));
      continue;
    }
    shards++;
    shard.keys.forEach((k, i) => {
      map.set(k, shard.vectors.subarray(i * dims, (i + 1) * dims));
    });
  }
  return {
    dims,
    shards,
    skipped,
    get: (key) => map.get(key),
    add(keys, vectors) {
      if (!keys.length) return null;
      const bytes = encodeShard(keys, vectors, dims);
      // named by its content: the same papers embedded twice make the same shard, not two
      const path = join(dir, `${createHash('sha256').update(bytes).digest('hex').slice(0, 16)}.vec`);
      writeFileAtomic(path, bytes);
      keys.forEach((k, i) => {
        map.set(k, vectors.subarray(i * dims, (i + 1) * dims));
      });
      return path;
    },
  };
}

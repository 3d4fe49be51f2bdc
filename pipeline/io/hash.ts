// Content hashes of files and bytes (sha1: change detection, not security), cached per process by size and mtime.
import { createHash } from 'node:crypto';
import { statSync, openSync, readSync, closeSync } from 'node:fs';

const cache = new Map<string, { size: number; mtimeMs: number; hash: string }>();

/** sha1 of bytes, hex. */
export function hashBytes(data: Uint8Array | string): string {
  return createHash('sha1').update(data).digest('hex');
}

/** A digest of a file's content, hex, read in 1 MB pieces (never as one string or buffer). */
export function digestFile(path: string, algorithm: 'sha1' | 'sha256'): string {
  const h = createHash(algorithm);
  const buf = Buffer.allocUnsafe(1 << 20);
  const fd = openSync(path, 'r');
  try {
    for (;;) {
      const n = readSync(fd, buf, 0, buf.length, null);
      if (n === 0) break;
      h.update(buf.subarray(0, n));
    }
  } finally {
    closeSync(fd);
  }
  return h.digest('hex');
}

/** sha1 of a file's content, hex; null when the file does not exist. */
export function hashFile(path: string): string | null {
  let st: ReturnType<typeof statSync>;
  try {
    st = statSync(path);
  } catch {
    return null;
  }
  if (!st.isFile()) return null;
  const hit = cache.get(path);
  if (hit && hit.size === st.size && hit.mtimeMs === st.mtimeMs) return hit.hash;
  const hash = digestFile(path, 'sha1');
  cache.set(path, { size: st.size, mtimeMs: st.mtimeMs, hash });
  return hash;
}

/** Remember a hash just computed from the bytes written to `path`, so it is not read back. */
export function rememberHash(path: string, hash: string): void {
  try {
    const st = statSync(path);
    cache.set(path, { size: st.size, mtimeMs: st.mtimeMs, hash });
  } catch {
    /* the file vanished: nothing to remember */
  }
}

/** A stable JSON string (object keys sorted) for hashing settings. */
export function stableJson(value: unknown): string {
  return JSON.stringify(value, (_k, v: unknown) => {
    if (v && typeof v === 'object' && !Array.isArray(v) && !ArrayBuffer.isView(v)) {
      const o = v as Record<string, unknown>;
      return Object.fromEntries(Object.keys(o).sort().map((k) => [k, o[k]]));
    }
    return v;
  });
}

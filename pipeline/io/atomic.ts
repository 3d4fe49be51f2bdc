// Atomic file writes (temp file, fsync, rename) so a crash never leaves a half-written artifact.
import { mkdirSync, openSync, writeSync, fsyncSync, closeSync, renameSync, rmSync } from 'node:fs';
import { dirname, basename, join } from 'node:path';
import { createHash, randomBytes } from 'node:crypto';

/** File content: bytes, a string, or chunks of either (an array or a generator, written in order, never joined whole). */
export type Content = Uint8Array | string | Iterable<string | Uint8Array>;

/**
 * Write `data` to `path` atomically: readers see the old file or the whole new one, never a part.
 * Returns the sha1 of what was written (computed on the way, so the file is not read back).
 */
export function writeFileAtomic(path: string, data: Content): string {
  mkdirSync(dirname(path), { recursive: true });
  const tmp = join(dirname(path), `.${basename(path)}.tmp-${process.pid}-${randomBytes(4).toString('hex')}`);
  const hash = createHash('sha1');
  const fd = openSync(tmp, 'w');
  const put = (bytes: Uint8Array): void => {
    hash.update(bytes);
    let off = 0;
    while (off < bytes.length) off += writeSync(fd, bytes, off, bytes.length - off);
  };
  try {
    if (typeof data === 'string') put(Buffer.from(data, 'utf8'));
    else if (data instanceof Uint8Array) put(data);
    else {
      // Encode string chunks straight into one reused 4 MB buffer: no joined strings, no per-chunk Buffers.
      const buf = Buffer.allocUnsafe(4 << 20);
      let used = 0;
      const flush = (): void => {
        if (used) put(buf.subarray(0, used));
        used = 0;
      };
      for (const chunk of data) {
        if (chunk instanceof Uint8Array) {
          flush();
          put(chunk);
        } else if (chunk.length * 3 > buf.length) {
          flush();
          put(Buffer.from(chunk, 'utf8'));
        } else {
          if (used + chunk.length * 3 > buf.length) flush();
          used += buf.write(chunk, used, 'utf8');
        }
      }
      flush();
    }
    fsyncSync(fd);
  } catch (err) {
    closeSync(fd);
    rmSync(tmp, { force: true });
    // a write error names no file (it is about a descriptor): name the one being written
    const e = err as NodeJS.ErrnoException;
    if (e instanceof Error && typeof e.code === 'string' && e.path === undefined) e.path = path;
    throw err;
  }
  closeSync(fd);
  renameSync(tmp, path);
  return hash.digest('hex');
}

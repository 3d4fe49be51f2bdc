// Input files read as streams: plain or gzip, strict UTF-8 decoded chunk by chunk into lines, so no file is ever one string.
import { closeSync, createReadStream, openSync, readSync } from 'node:fs';
import { StringDecoder } from 'node:string_decoder';
import { createGunzip } from 'node:zlib';
import { invalidUtf8Offset } from '../sources/detect.ts';
import { InputError } from '../errors.ts';

/** Bytes read at a time. */
const CHUNK = 1 << 20;

/** The longest line read (characters): far beyond any record, far below V8's string limit. */
const MAX_LINE = 256 * 2 ** 20;

/** True when the file starts with the gzip magic bytes (1f 8b), whatever its name. */
export function isGzipFile(path: string): boolean {
  const fd = openSync(path, 'r');
  try {
    const b = Buffer.alloc(2);
    return readSync(fd, b, 0, 2, 0) === 2 && b[0] === 0x1f && b[1] === 0x8b;
  } finally {
    closeSync(fd);
  }
}

/** The file's bytes as a stream, gunzipped when it is gzip; a broken gzip stream is one line naming the file. */
export async function* byteChunks(path: string, file: string, gzip: boolean, read?: { bytes: number }): AsyncGenerator<Buffer> {
  const raw = createReadStream(path, { highWaterMark: CHUNK });
  const source = gzip ? raw.pipe(createGunzip({ chunkSize: CHUNK })) : raw;
  if (gzip) raw.on('error', (e) => source.destroy(e));
  try {
    for await (const chunk of source) {
      if (read) read.bytes = raw.bytesRead;
      yield chunk as Buffer;
    }
  } catch (err) {
    const e = err as NodeJS.ErrnoException;
    if (gzip && typeof e.code === 'string' && e.code.startsWith('Z_')) throw new InputError(`${file}: not a whole gzip file (${e.message}); download it again or gunzip it to see`);
    throw err;
  } finally {
    raw.destroy();
    source.destroy();
  }
}

/** The first `max` bytes of the (gunzipped) file, for format detection and the binary check. */
export async function headBytes(path: string, file: string, gzip: boolean, max = 8192): Promise<Buffer> {
  const parts: Buffer[] = [];
  let have = 0;
  for await (const chunk of byteChunks(path, file, gzip)) {
    parts.push(chunk);
    have += chunk.length;
    if (have >= max) break;
  }
  return Buffer.concat(parts).subarray(0, max);
}

/** A batch of consecutive lines and the 1-based number of the first. */
export interface LineBatch {
  first: number;
  lines: string[];
  /** Bytes of the file itself (compressed, for a gzip file) read so far, for progress. */
  bytes: number;
}

/**
 * The file's lines in batches (split on LF, a CR before it dropped unless keepCr, a leading BOM skipped), decoded as
 * strict UTF-8: invalid bytes stop the read with one line naming the file, the line and the byte offset.
 */
export async function* lineBatches(path: string, file: string, gzip: boolean, keepCr = false): AsyncGenerator<LineBatch> {
  const decoder = new TextDecoder('utf-8', { fatal: true, ignoreBOM: false });
  let carry = '';
  let lineNo = 1;
  let bytes = 0;
  const fileRead = { bytes: 0 };
  for await (const chunk of byteChunks(path, file, gzip, fileRead)) {
    let text: string;
    try {
      text = decoder.decode(chunk, { stream: true });
    } catch {
      const at = Math.max(0, invalidUtf8Offset(chunk));
      const newlines = chunk.subarray(0, at).reduce((n, b) => n + (b === 10 ? 1 : 0), 0);
      const line = lineNo + (carry.match(/\n/g)?.length ?? 0) + newlines;
      throw new InputError(`${file}:${line}: not valid UTF-8 at byte offset ${bytes + at} (byte 0x${(chunk[at] ?? 0).toString(16).padStart(2, '0')}); save the file as UTF-8`);
    }
    bytes += chunk.length;
    const all = carry === '' ? text : carry + text;
    const last = all.lastIndexOf('\n');
    if (last < 0) {
      if (all.length > MAX_LINE) throw new InputError(`${file}:${lineNo}: a line longer than ${MAX_LINE / 2 ** 20} M characters; is this the right file and --format?`);
      carry = all;
      continue;
    }
    carry = all.slice(last + 1);
    const lines = all.slice(0, last).split('\n');
    if (!keepCr) for (let i = 0; i < lines.length; i++) if (lines[i].endsWith('\r')) lines[i] = lines[i].slice(0, -1);
    yield { first: lineNo, lines, bytes: fileRead.bytes };
    lineNo += lines.length;
  }
  try {
    carry += decoder.decode();
  } catch {
    throw new InputError(`${file}:${lineNo}: not valid UTF-8 at the end of the file (a cut multi-byte character); save the file as UTF-8`);
  }
  if (carry !== '') yield { first: lineNo, lines: [carry.endsWith('\r') && !keepCr ? carry.slice(0, -1) : carry], bytes: fileRead.bytes };
}

/** Calls `each` with every non-empty line of a UTF-8 file (an artifact papermap wrote), read 16 MB at a time, never as one string. */
export function forEachLineSync(path: string, each: (line: string) => void): void {
  const fd = openSync(path, 'r');
  const buf = Buffer.allocUnsafe(16 * 2 ** 20);
  const decoder = new StringDecoder('utf8');
  let carry = '';
  try {
    for (;;) {
      const n = readSync(fd, buf, 0, buf.length, null);
      const text = n === 0 ? carry + decoder.end() : carry + decoder.write(buf.subarray(0, n));
      let start = 0;
      for (let nl = text.indexOf('\n'); nl >= 0; nl = text.indexOf('\n', start)) {
        if (nl > start) each(text.slice(start, nl));
        start = nl + 1;
      }
      carry = text.slice(start);
      if (n === 0) break;
    }
  } finally {
    closeSync(fd);
  }
  if (carry !== '') each(carry);
}

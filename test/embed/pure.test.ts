// The pure parts of embedding: protobuf varints, half floats, batch plans, mean pooling and cache shards.
import { describe, expect, it } from 'vitest';
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ProtoWriter } from '../../pipeline/embed/protobuf.ts';
import { halfToFloat, readSafetensors } from '../../pipeline/embed/safetensors.ts';
import { BATCH_PIECES, BATCH_TEXTS, meanPoolNormalized, planBatches } from '../../pipeline/embed/pooling.ts';
import { decodeShard, encodeShard, openVectorCache, textKey } from '../../pipeline/embed/vectorCache.ts';

const hex = (b: Uint8Array): string => Buffer.from(b).toString('hex');

describe('protobuf writer', () => {
  it('writes varints as the protobuf encoding does, negative int64 as ten bytes', () => {
    // field 1, wire 0: tag 0x08
    expect(hex(new ProtoWriter().int(1, 1).finish())).toBe('0801');
    expect(hex(new ProtoWriter().int(1, 300).finish())).toBe('08ac02');
    expect(hex(new ProtoWriter().int(2, 2 ** 40).finish())).toBe('108080808080' + '20');
    expect(hex(new ProtoWriter().int(1, -1).finish())).toBe('08ffffffffffffffffff01');
    expect(hex(new ProtoWriter().int(1, -2).finish())).toBe('08feffffffffffffffff01');
  });

  it('writes floats little-endian and nests messages by length', () => {
    expect(hex(new ProtoWriter().float(3, 1).finish())).toBe('1d0000803f');
    const inner = new ProtoWriter().string(1, 'ab');
    expect(hex(new ProtoWriter().message(7, inner).finish())).toBe('3a040a026162');
    expect(hex(new ProtoWriter().int(16, 1).finish())).toBe('800101');
  });
});

describe('half floats', () => {
  it('reads every kind of half exactly', () => {
    expect(halfToFloat(0x3c00)).toBe(1);
    expect(halfToFloat(0xc000)).toBe(-2);
    expect(halfToFloat(0x3555)).toBeCloseTo(0.33325195, 8);
    expect(halfToFloat(0x7bff)).toBe(65504);
    expect(halfToFloat(0x0001)).toBe(2 ** -24); // smallest subnormal
    expect(halfToFloat(0x03ff)).toBe(1023 * 2 ** -24);
    expect(halfToFloat(0x7c00)).toBe(Number.POSITIVE_INFINITY);
    expect(halfToFloat(0xfc00)).toBe(Number.NEGATIVE_INFINITY);
    expect(Number.isNaN(halfToFloat(0x7e00))).toBe(true);
    expect(Object.is(halfToFloat(0x8000), -0)).toBe(true);
  });

  it('reads a safetensors buffer and names what is wrong with a bad one', () => {
    const header = JSON.stringify({ w: { dtype: 'F16', shape: [2], data_offsets: [0, 4] }, __metadata__: {} });
    const buf = new Uint8Array(8 + header.length + 4);
    const view = new DataView(buf.buffer);
    view.setBigUint64(0, BigInt(header.length), true);
    buf.set(new TextEncoder().encode(header), 8);
    view.setUint16(8 + header.length, 0x3c00, true);
    view.setUint16(8 + header.length + 2, 0xc000, true);
    expect([...(readSafetensors(buf).get('w')?.data ?? [])]).toEqual([1, -2]);
    expect(() => readSafetensors(buf.subarray(0, buf.length - 1))).toThrow(/tensor w lies outside the file/);
    expect(() => readSafetensors(new Uint8Array(4))).toThrow(/too short/);
  });
});

describe('batches and pooling', () => {
  it('plans batches of like length that cover every row once and stay within the padding budget', () => {
    const lengths = Array.from({ length: 100 }, (_, i) => 3 + ((i * 37) % 254));
    const batches = planBatches(lengths);
    expect(batches.flat().sort((a, b) => a - b)).toEqual(lengths.map((_, i) => i));
    for (const b of batches) {
      expect(b.length).toBeLessThanOrEqual(BATCH_TEXTS);
      expect(b.length * Math.max(...b.map((r) => lengths[r]))).toBeLessThanOrEqual(BATCH_PIECES);
    }
    // sorted by length: each batch's longest is no longer than the next batch's shortest
    for (let i = 1; i < batches.length; i++) {
      expect(Math.max(...batches[i - 1].map((r) => lengths[r]))).toBeLessThanOrEqual(Math.min(...batches[i].map((r) => lengths[r])));
    }
    expect(planBatches(Array(40).fill(256)).map((b) => b.length)).toEqual([16, 16, 8]);
  });

  it('mean-pools only a text\'s own tokens and scales to unit length', () => {
    const T = 3;
    const dims = 2;
    // text 0 has 2 tokens (then padding full of junk), text 1 has 3
    const hidden = Float32Array.from([1, 0, 3, 0, 99, 99, 0, 1, 0, 2, 0, 3]);
    const v = meanPoolNormalized(hidden, [2, 3], T, dims);
    expect([...v]).toEqual([1, 0, 0, 1]);
    const w = meanPoolNormalized(Float32Array.from([3, 4, 50, 50]), [1], 2, 2);
    expect(w[0]).toBeCloseTo(0.6, 6);
    expect(w[1]).toBeCloseTo(0.8, 6);
  });
});

describe('the vector cache', () => {
  const dims = 3;
  const k1 = textKey('sha', 256, 'first text');
  const k2 = textKey('sha', 256, 'second text');

  it('keys a text by the model and the cut as well as the text', () => {
    expect(k1).toMatch(/^[0-9a-f]{64}$/);
    expect(textKey('sha', 256, 'first text')).toBe(k1);
    expect(textKey('other', 256, 'first text')).not.toBe(k1);
    expect(textKey('sha', 128, 'first text')).not.toBe(k1);
  });

  it('round-trips a shard and refuses bytes that are not a whole one', () => {
    const v = Float32Array.from([1, 2, 3, 4, 5, 6]);
    const bytes = encodeShard([k1, k2], v, dims);
    const back = decodeShard(bytes, dims);
    expect(back?.keys).toEqual([k1, k2]);
    expect([...(back?.vectors ?? [])]).toEqual([...v]);
    expect(decodeShard(bytes.subarray(0, bytes.length - 4), dims)).toBeNull();
    expect(decodeShard(bytes, 4)).toBeNull();
    // not 4-byte aligned in memory: still read
    const shifted = new Uint8Array(bytes.length + 1);
    shifted.set(bytes, 1);
    expect([...(decodeShard(shifted.subarray(1), dims)?.vectors ?? [])]).toEqual([...v]);
  });

  it('keeps what a run added for the next run, and leaves out a truncated shard by name', () => {
    const dir = mkdtempSync(join(tmpdir(), 'papermap-veccache-'));
    const a = openVectorCache(dir, dims);
    expect(a.shards).toBe(0);
    const path = a.add([k1, k2], Float32Array.from([1, 2, 3, 4, 5, 6]));
    expect(a.add([], new Float32Array(0))).toBeNull();
    const b = openVectorCache(dir, dims);
    expect(b.shards).toBe(1);
    expect([...(b.get(k2) ?? [])]).toEqual([4, 5, 6]);
    // the same vectors added again make the same shard, not a second one
    b.add([k1, k2], Float32Array.from([1, 2, 3, 4, 5, 6]));
    expect(readdirSync(dir).filter((f) => f.endsWith('.vec'))).toHaveLength(1);
    const whole = readFileSync(path as string);
    writeFileSync(join(dir, 'broken.vec'), whole.subarray(0, whole.length - 5));
    const c = openVectorCache(dir, dims);
    expect(c.skipped).toEqual([join(dir, 'broken.vec')]);
    expect(c.shards).toBe(1);
    expect(c.get(k1)).toBeDefined();
  });
});

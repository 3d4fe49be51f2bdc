// Typed-array artifacts round-trip through their header and binary file, aligned, with shapes and meta.
import { describe, expect, it } from 'vitest';
import { decodeArrays, encodeArrays } from '../../pipeline/io/arrays.ts';

describe('typed-array artifacts', () => {
  it('round-trips arrays of every dtype with shapes and meta', () => {
    const a = new Float32Array([1.5, -2, 3.25]);
    const b = new Int32Array([7, -8, 9, 10, 11]);
    const c = new Float64Array([Math.PI]);
    const { header, bin } = encodeArrays({ arrays: { a, b, c }, shapes: { a: [3, 1] }, meta: { n: 3 } });
    const blob = Buffer.concat(bin);
    expect(blob.byteLength % 8).toBe(0);
    const back = decodeArrays(header, blob, 'test');
    expect(Array.from(back.arrays.a)).toEqual([1.5, -2, 3.25]);
    expect(back.arrays.b).toBeInstanceOf(Int32Array);
    expect(Array.from(back.arrays.b)).toEqual([7, -8, 9, 10, 11]);
    expect(back.arrays.c[0]).toBe(Math.PI);
    expect(back.shapes?.a).toEqual([3, 1]);
    expect(back.meta).toEqual({ n: 3 });
  });
  it('refuses a truncated binary file', () => {
    const { header, bin } = encodeArrays({ arrays: { a: new Float32Array(10) }, meta: {} });
    expect(() => decodeArrays(header, Buffer.concat(bin).subarray(0, 12), 'x.bin')).toThrow(/runs past the end/);
  });
});

// Typed-array artifacts: one little-endian .bin file of named arrays with a JSON header beside it.
import { endianness } from 'node:os';

export type TypedArray = Float32Array | Float64Array | Int32Array | Uint32Array | Uint8Array;
type DType = 'float32' | 'float64' | 'int32' | 'uint32' | 'uint8';

/** Header of a `.bin` artifact, stored as `<name>.json` beside it. */
export interface ArraysHeader {
  format: 'papermap-arrays/1';
  arrays: Record<string, { dtype: DType; length: number; offset: number; shape?: number[] }>;
  meta: Record<string, unknown>;
}

export interface ArraysBundle {
  arrays: Record<string, TypedArray>;
  shapes?: Record<string, number[]>;
  meta: Record<string, unknown>;
}

const CTORS = { float32: Float32Array, float64: Float64Array, int32: Int32Array, uint32: Uint32Array, uint8: Uint8Array };

function dtypeOf(a: TypedArray): DType {
  if (a instanceof Float32Array) return 'float32';
  if (a instanceof Float64Array) return 'float64';
  if (a instanceof Int32Array) return 'int32';
  if (a instanceof Uint32Array) return 'uint32';
  return 'uint8';
}

function assertLittleEndian(): void {
  if (endianness() !== 'LE') throw new Error('papermap artifacts are little-endian; this machine is big-endian');
}

/**
 * Encode named arrays into header JSON text and the binary file's chunks (each array 8-byte aligned, in key
 * order). The chunks are views of the arrays themselves, so nothing large is copied on the way to disk.
 */
export function encodeArrays(bundle: ArraysBundle): { header: string; bin: Uint8Array[] } {
  assertLittleEndian();
  const header: ArraysHeader = { format: 'papermap-arrays/1', arrays: {}, meta: bundle.meta };
  const bin: Uint8Array[] = [];
  let offset = 0;
  for (const [name, a] of Object.entries(bundle.arrays)) {
    const shape = bundle.shapes?.[name];
    header.arrays[name] = { dtype: dtypeOf(a), length: a.length, offset, ...(shape ? { shape } : {}) };
    bin.push(new Uint8Array(a.buffer, a.byteOffset, a.byteLength));
    const pad = Math.ceil(a.byteLength / 8) * 8 - a.byteLength;
    if (pad) bin.push(new Uint8Array(pad));
    offset += a.byteLength + pad;
  }
  return { header: JSON.stringify(header, null, 1) + '\n', bin };
}

/** Outputs of a typed-array artifact for a stage result: `<name>.json` and `<name>.bin`. */
export function arraysOutputs(name: string, bundle: ArraysBundle): Record<string, string | Uint8Array[]> {
  const { header, bin } = encodeArrays(bundle);
  return { [`${name}.json`]: header, [`${name}.bin`]: bin };
}

/** Decode a header and its binary blob back into typed arrays (views copied into aligned buffers). */
export function decodeArrays(headerText: string, bin: Uint8Array, where: string): ArraysBundle {
  assertLittleEndian();
  const header = JSON.parse(headerText) as ArraysHeader;
  if (header.format !== 'papermap-arrays/1') throw new Error(`${where}: not a papermap arrays header`);
  const arrays: Record<string, TypedArray> = {};
  const shapes: Record<string, number[]> = {};
  for (const [name, spec] of Object.entries(header.arrays)) {
    const Ctor = CTORS[spec.dtype];
    const bytes = spec.length * Ctor.BYTES_PER_ELEMENT;
    if (spec.offset + bytes > bin.byteLength) throw new Error(`${where}: array ${name} runs past the end of the file`);
    const out = new Ctor(spec.length);
    new Uint8Array(out.buffer).set(bin.subarray(spec.offset, spec.offset + bytes));
    arrays[name] = out;
    if (spec.shape) shapes[name] = spec.shape;
  }
  return { arrays, shapes, meta: header.meta };
}

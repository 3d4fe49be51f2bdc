// Reads a safetensors file's tensors (F16, F32 or I64) into float32 arrays, named as in the file.

export interface NamedTensor {
  shape: number[];
  data: Float32Array;
}

/** IEEE half to float, exact (every half is a float). */
export function halfToFloat(h: number): number {
  const sign = h & 0x8000 ? -1 : 1;
  const exp = (h >> 10) & 0x1f;
  const frac = h & 0x3ff;
  if (exp === 0) return sign * frac * 2 ** -24;
  if (exp === 0x1f) return frac ? Number.NaN : sign * Number.POSITIVE_INFINITY;
  return sign * (1 + frac / 1024) * 2 ** (exp - 15);
}

/** The tensors of a safetensors buffer; throws an Error naming what is wrong when it is not one. */
export function readSafetensors(buf: Uint8Array): Map<string, NamedTensor> {
  if (buf.length < 8) throw new Error('too short to be a safetensors file');
  const view = new DataView(buf.buffer, buf.byteOffset, buf.byteLength);
  const headerLen = Number(view.getBigUint64(0, true));
  if (headerLen <= 0 || 8 + headerLen > buf.length) throw new Error('its header length is out of range');
  const header = JSON.parse(new TextDecoder().decode(buf.subarray(8, 8 + headerLen))) as Record<
    string,
    { dtype: string; shape: number[]; data_offsets: [number, number] }
  >;
  const base = 8 + headerLen;
  const out = new Map<string, NamedTensor>();
  for (const [name, t] of Object.entries(header)) {
    if (name === '__metadata__') continue;
    const [from, to] = t.data_offsets;
    if (base + to > buf.length || from > to) throw new Error(`tensor ${name} lies outside the file`);
    const n = t.shape.reduce((a, b) => a * b, 1);
    const data = new Float32Array(n);
    const at = base + from;
    if (t.dtype === 'F16') for (let i = 0; i < n; i++) data[i] = halfToFloat(view.getUint16(at + 2 * i, true));
    else if (t.dtype === 'F32') for (let i = 0; i < n; i++) data[i] = view.getFloat32(at + 4 * i, true);
    else if (t.dtype === 'I64') for (let i = 0; i < n; i++) data[i] = Number(view.getBigInt64(at + 8 * i, true));
    else throw new Error(`tensor ${name} has dtype ${t.dtype}, not F16, F32 or I64`);
    out.set(name, { shape: t.shape, data });
  }
  return out;
}

// ONNX's protobuf messages (onnx.proto field numbers) written with ProtoWriter: tensors, nodes, graphs, a model.
import { ProtoWriter } from './protobuf.ts';

export const FLOAT = 1;
export const INT64 = 7;

export interface Tensor {
  name: string;
  dims: readonly number[];
  type: typeof FLOAT | typeof INT64;
  /** Little-endian element bytes. */
  data: Float32Array | BigInt64Array;
}

export type Attribute = number | readonly number[] | { float: number } | { tensor: Tensor };

export interface Node {
  op: string;
  inputs: readonly string[];
  outputs: readonly string[];
  attributes?: Record<string, Attribute>;
}

/** A graph input or output: element type and shape, a dimension given as a number or a symbolic name. */
export interface ValueInfo {
  name: string;
  type: typeof FLOAT | typeof INT64;
  shape: readonly (number | string)[];
}

function tensorProto(t: Tensor): ProtoWriter {
  const w = new ProtoWriter();
  for (const d of t.dims) w.int(1, d);
  w.int(2, t.type).string(8, t.name);
  // raw_data is little-endian by the ONNX spec, as typed arrays are on every platform Node runs on
  w.bytes(9, new Uint8Array(t.data.buffer, t.data.byteOffset, t.data.byteLength));
  return w;
}

function attributeProto(name: string, value: Attribute): ProtoWriter {
  const w = new ProtoWriter().string(1, name);
  if (typeof value === 'number') return w.int(20, 2).int(3, value);
  if (Array.isArray(value)) {
    w.int(20, 7);
    for (const v of value as readonly number[]) w.int(8, v);
    return w;
  }
  if ('float' in (value as object)) return w.int(20, 1).float(2, (value as { float: number }).float);
  return w.int(20, 4).message(5, tensorProto((value as { tensor: Tensor }).tensor));
}

function nodeProto(n: Node, index: number): ProtoWriter {
  const w = new ProtoWriter();
  for (const i of n.inputs) w.string(1, i);
  for (const o of n.outputs) w.string(2, o);
  w.string(3, `${n.op}_${index}`).string(4, n.op);
  for (const [k, v] of Object.entries(n.attributes ?? {})) w.message(5, attributeProto(k, v));
  return w;
}

function valueInfoProto(v: ValueInfo): ProtoWriter {
  const shape = new ProtoWriter();
  for (const d of v.shape) shape.message(1, typeof d === 'number' ? new ProtoWriter().int(1, d) : new ProtoWriter().string(2, d));
  const tensorType = new ProtoWriter().int(1, v.type).message(2, shape);
  return new ProtoWriter().string(1, v.name).message(2, new ProtoWriter().message(1, tensorType));
}

export interface Graph {
  name: string;
  nodes: readonly Node[];
  initializers: readonly Tensor[];
  inputs: readonly ValueInfo[];
  outputs: readonly ValueInfo[];
}

/** A whole ModelProto: IR version 8, the default operator set at `opset`. */
export function modelBytes(g: Graph, opset: number, producer: string): Uint8Array {
  const graph = new ProtoWriter();
  g.nodes.forEach((n, i) => {
    graph.message(1, nodeProto(n, i));
  });
  graph.string(2, g.name);
  for (const t of g.initializers) graph.message(5, tensorProto(t));
  for (const v of g.inputs) graph.message(11, valueInfoProto(v));
  for (const v of g.outputs) graph.message(12, valueInfoProto(v));
  return new ProtoWriter()
    .int(1, 8)
    .string(2, producer)
    .message(7, graph)
    .message(8, new ProtoWriter().string(1, '').int(2, opset))
    .finish();
}

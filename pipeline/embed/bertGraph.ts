// The ONNX graph of a BERT encoder (as all-MiniLM-L6-v2) from its weights: token ids and mask in, last hidden states out.
import { FLOAT, INT64, type Node, type Tensor, modelBytes } from './onnxProto.ts';
import type { NamedTensor } from './safetensors.ts';

export interface BertShape {
  layers: number;
  hidden: number;
  heads: number;
  eps: number;
}

/** The row-major transpose of an [rows, cols] matrix (PyTorch's Linear keeps [out, in]; MatMul needs [in, out]). */
function transpose(m: Float32Array, rows: number, cols: number, scale = 1): Float32Array {
  const t = new Float32Array(m.length);
  for (let r = 0; r < rows; r++) for (let c = 0; c < cols; c++) t[c * rows + r] = m[r * cols + c] * scale;
  return t;
}

/**
 * The encoder as an ONNX model (opset 17). Inputs `input_ids` and `attention_mask` [batch, seq] int64;
 * output `last_hidden_state` [batch, seq, hidden]. Token type ids are all 0 (single sentences), so row 0 of
 * the token-type table is added as a constant.
 */
export function bertModel(w: Map<string, NamedTensor>, s: BertShape): Uint8Array {
  const nodes: Node[] = [];
  const inits: Tensor[] = [];
  const get = (name: string): NamedTensor => {
    const t = w.get(name);
    if (!t) throw new Error(`the weights have no tensor ${name}`);
    return t;
  };
  const init = (name: string, dims: number[], data: Float32Array): string => {
    inits.push({ name, dims, type: FLOAT, data });
    return name;
  };
  const ints = (name: string, values: number[]): string => {
    inits.push({ name, dims: [values.length], type: INT64, data: BigInt64Array.from(values.map(BigInt)) });
    return name;
  };
  const scalar = (name: string, v: number): string => init(name, [], Float32Array.of(v));
  let seq = 0;
  const op = (type: string, inputs: string[], attributes?: Node['attributes']): string => {
    const out = `${type.toLowerCase()}_${seq++}`;
    nodes.push({ op: type, inputs, outputs: [out], ...(attributes ? { attributes } : {}) });
    return out;
  };
  const H = s.hidden;
  const headDim = H / s.heads;
  const linear = (x: string, prefix: string, scale = 1): string => {
    const wt = get(`${prefix}.weight`);
    const [outDim, inDim] = wt.shape;
    const b = get(`${prefix}.bias`).data;
    const bias = scale === 1 ? b : b.map((v) => v * scale);
    const m = op('MatMul', [x, init(`${prefix}.w`, [inDim, outDim], transpose(wt.data, outDim, inDim, scale))]);
    return op('Add', [m, init(`${prefix}.b`, [outDim], bias)]);
  };
  const layerNorm = (x: string, prefix: string): string =>
    op('LayerNormalization', [x, init(`${prefix}.g`, [H], get(`${prefix}.weight`).data), init(`${prefix}.beta`, [H], get(`${prefix}.bias`).data)], {
      axis: -1,
      epsilon: { float: s.eps },
    });

  // embeddings: word + position (rows 0..seq-1) + token type 0, then LayerNorm
  const word = get('embeddings.word_embeddings.weight');
  const pos = get('embeddings.position_embeddings.weight');
  const typeRow = get('embeddings.token_type_embeddings.weight').data.slice(0, H);
  const seqLen = op('Shape', ['input_ids'], { start: 1, end: 2 });
  const positions = op('Slice', [init('pos_table', pos.shape, pos.data), ints('zero', [0]), seqLen, ints('axis0', [0])]);
  const words = op('Gather', [init('word_table', word.shape, word.data), 'input_ids']);
  let h = layerNorm(op('Add', [op('Add', [words, positions]), init('type_row', [H], typeRow)]), 'embeddings.LayerNorm');

  // the additive mask: 0 where a token is, -10000 on padding, shaped [batch, 1, 1, seq]
  const maskF = op('Cast', ['attention_mask'], { to: FLOAT });
  const maskBias = op('Unsqueeze', [op('Mul', [op('Sub', [scalar('one', 1), maskF]), scalar('neg', -10000)]), ints('axes12', [1, 2])]);
  const headsShape = ints('heads_shape', [0, 0, s.heads, headDim]);
  const hiddenShape = ints('hidden_shape', [0, 0, H]);
  const sqrt2 = scalar('sqrt2', Math.SQRT2);
  const half = scalar('half', 0.5);

  for (let l = 0; l < s.layers; l++) {
    const p = `encoder.layer.${l}`;
    // 1/sqrt(head dim) is folded into the query projection
    const q = op('Transpose', [op('Reshape', [linear(h, `${p}.attention.self.query`, 1 / Math.sqrt(headDim)), headsShape])], { perm: [0, 2, 1, 3] });
    const k = op('Transpose', [op('Reshape', [linear(h, `${p}.attention.self.key`), headsShape])], { perm: [0, 2, 3, 1] });
    const v = op('Transpose', [op('Reshape', [linear(h, `${p}.attention.self.value`), headsShape])], { perm: [0, 2, 1, 3] });
    const probs = op('Softmax', [op('Add', [op('MatMul', [q, k]), maskBias])], { axis: -1 });
    const context = op('Reshape', [op('Transpose', [op('MatMul', [probs, v])], { perm: [0, 2, 1, 3] }), hiddenShape]);
    const h1 = layerNorm(op('Add', [linear(context, `${p}.attention.output.dense`), h]), `${p}.attention.output.LayerNorm`);
    // exact GELU: x * 0.5 * (1 + erf(x / sqrt 2))
    const pre = linear(h1, `${p}.intermediate.dense`);
    const gelu = op('Mul', [op('Mul', [pre, op('Add', [op('Erf', [op('Div', [pre, sqrt2])]), 'one'])]), half]);
    h = layerNorm(op('Add', [linear(gelu, `${p}.output.dense`), h1]), `${p}.output.LayerNorm`);
  }
  nodes.push({ op: 'Identity', inputs: [h], outputs: ['last_hidden_state'] });
  return modelBytes(
    {
      name: 'bert',
      nodes,
      initializers: inits,
      inputs: [
        { name: 'input_ids', type: INT64, shape: ['batch', 'seq'] },
        { name: 'attention_mask', type: INT64, shape: ['batch', 'seq'] },
      ],
      outputs: [{ name: 'last_hidden_state', type: FLOAT, shape: ['batch', 'seq', H] }],
    },
    17,
    'papermap',
  );
}

// Runs an installed model: texts -> word pieces -> the ONNX graph on onnxruntime -> mean-pooled, unit-length vectors.
import { createRequire } from 'node:module';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { InstalledModel } from './models.ts';
import { meanPoolNormalized, planBatches } from './pooling.ts';

/** The part of onnxruntime-node's API papermap uses (its own types are in the optional package). */
interface OrtTensor {
  data: Float32Array;
  dims: readonly number[];
}
interface OrtSession {
  run(feeds: Record<string, unknown>): Promise<Record<string, OrtTensor>>;
  release(): Promise<void>;
}
interface Ort {
  Tensor: new (type: 'int64', data: BigInt64Array, dims: number[]) => unknown;
  InferenceSession: {
    create(path: string, options: Record<string, unknown>): Promise<OrtSession>;
  };
}
interface WordPieces {
  encode(text: string, options: { add_special_tokens: boolean }): { ids: number[] };
}

const CLS = 101;
const SEP = 102;
/** Texts are cut to this many characters before tokenizing: far more than 256 word pieces ever need. */
const MAX_CHARS = 20_000;

export interface Encoder {
  dims: number;
  /** Unit-length vectors of `texts`, row-major n x dims; each row depends on its own text only. */
  embed(texts: readonly string[], onProgress?: (done: number, total: number) => void): Promise<Float32Array>;
  close(): Promise<void>;
}

/** The word-piece ids of a text: [CLS], at most maxTokens - 2 pieces, [SEP]. */
export function pieceIds(tok: WordPieces, text: string, maxTokens: number): number[] {
  const ids = tok.encode(text.length > MAX_CHARS ? text.slice(0, MAX_CHARS) : text, { add_special_tokens: false }).ids;
  return [CLS, ...ids.slice(0, maxTokens - 2), SEP];
}

/**
 * Open one onnxruntime session of the model on `threads` threads. onnxruntime-node runs a session on the
 * calling thread, so two sessions side by side would still use one core; one session's own threads split
 * each product by rows, and the vectors come out the same bytes for 1 or 2 threads (test/embed/model.test.ts).
 */
export async function openEncoder(model: InstalledModel, threads: number): Promise<Encoder> {
  const req = createRequire(join(model.dir, 'node_modules', 'index.js'));
  // biome-ignore lint: the optional package has no types papermap compiles against; Ort describes what is used
  const ort = req('onnxruntime-node') as Ort;
  const tokUrl = pathToFileURL(join(model.dir, 'node_modules', '@huggingface', 'tokenizers', 'dist', 'tokenizers.mjs')).href;
  const { Tokenizer } = (await import(tokUrl)) as { Tokenizer: new (json: object, config: object) => WordPieces };
  const tok = new Tokenizer(JSON.parse(readFileSync(model.tokenizer, 'utf8')) as object, {});
  const options = { intraOpNumThreads: Math.max(1, threads), interOpNumThreads: 1, executionMode: 'sequential', graphOptimizationLevel: 'all' };
  const session = await ort.InferenceSession.create(model.onnx, options);
  const { dims, maxTokens } = model.spec;

  async function runBatch(ids: number[][]): Promise<Float32Array> {
    const T = ids.reduce((m, x) => Math.max(m, x.length), 0);
    const B = ids.length;
    const input = new BigInt64Array(B * T);
    const mask = new BigInt64Array(B * T);
    ids.forEach((x, b) => {
      for (let j = 0; j < x.length; j++) {
        input[b * T + j] = BigInt(x[j]);
        mask[b * T + j] = 1n;
      }
    });
    const out = await session.run({
      input_ids: new ort.Tensor('int64', input, [B, T]),
      attention_mask: new ort.Tensor('int64', mask, [B, T]),
    });
    return meanPoolNormalized(out.last_hidden_state.data, ids.map((x) => x.length), T, dims);
  }

  return {
    dims,
    async embed(texts, onProgress) {
      const ids = texts.map((t) => pieceIds(tok, t, maxTokens));
      const batches = planBatches(ids.map((x) => x.length));
      const out = new Float32Array(texts.length * dims);
      let done = 0;
      for (const rows of batches) {
        const v = await runBatch(rows.map((r) => ids[r]));
        rows.forEach((r, b) => {
          out.set(v.subarray(b * dims, (b + 1) * dims), r * dims);
        });
        done += rows.length;
        onProgress?.(done, texts.length);
      }
      return out;
    },
    async close() {
      await session.release();
    },
  };
}

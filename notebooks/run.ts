// `npm run notebooks`: builds the runs the notebooks read where they are missing, then executes every notebook
// headless with Jupyter's nbconvert and the Deno kernel, writing static HTML copies to reports/notebooks/.
// Exits non-zero when a build or a cell fails. Uses no network: Deno reads packages from node_modules.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = fileURLToPath(new URL('..', import.meta.url));
export const NOTEBOOKS = ['explore-topics', 'choose-k', 'compare-weeks'];
const SHARED = join(ROOT, '..', 'shared', 'data');
const DENO = join(ROOT, 'node_modules', '.bin', 'deno');
const WEEKS = ['2026-W33', '2026-W34'];

function sh(cmd: string, args: string[], env: Record<string, string> = {}): void {
  console.log(`$ ${cmd} ${args.join(' ')}`);
  const r = spawnSync(cmd, args, { cwd: ROOT, stdio: 'inherit', env: { ...process.env, DENO_NO_UPDATE_CHECK: '1', ...env } });
  if (r.status !== 0) throw new Error(`${cmd} ${args.join(' ')} failed (${r.error?.message ?? `exit ${r.status}`})`);
}
const has = (run: string): boolean => existsSync(join(ROOT, 'data', 'runs', run, 'topics.json'));

/** Whether jupyter (with nbconvert) and the project's deno binary are there. */
export function toolsAvailable(): { ok: boolean; why: string } {
  if (!existsSync(DENO)) return { ok: false, why: 'node_modules/.bin/deno is missing (npm ci installs it)' };
  const j = spawnSync('jupyter', ['nbconvert', '--version'], { encoding: 'utf8' });
  if (j.status !== 0) return { ok: false, why: 'jupyter nbconvert is missing (apt-get install jupyter-nbconvert python3-ipykernel)' };
  return { ok: true, why: '' };
}

/** The Deno kernel spec, installed when missing or pointing at a deno that is gone. */
function ensureKernel(): void {
  const dirs = [join(homedir(), '.local', 'share', 'jupyter', 'kernels', 'deno'), '/usr/local/share/jupyter/kernels/deno', '/usr/share/jupyter/kernels/deno'];
  const spec = dirs.map((d) => join(d, 'kernel.json')).find((f) => existsSync(f));
  if (spec) {
    const argv0 = (JSON.parse(readFileSync(spec, 'utf8')) as { argv: string[] }).argv[0];
    if (existsSync(argv0)) return;
  }
  sh(DENO, ['jupyter', '--install']);
}

/** Builds the runs the notebooks read, where missing. */
export function buildRuns(): { shared: boolean } {
  if (!has('sample')) sh('node', ['bin/papermap.js', 'run']);
  if (!existsSync(SHARED)) {
    console.log(`${SHARED} is absent: no weekly or labelled runs; choose-k and compare-weeks will say so in their output`);
    return { shared: false };
  }
  const hf = join(SHARED, 'hf-daily-papers', 'hf_daily_papers.jsonl');
  for (const week of WEEKS) {
    if (!has(week)) sh('node', ['bin/papermap.js', 'weekly', '--input', hf, '--week', week, '--history', '4']);
  }
  const subset = join(ROOT, 'data', 'notebooks', 'arxiv-subset.jsonl');
  if (!existsSync(subset)) {
    mkdirSync(join(ROOT, 'data', 'notebooks'), { recursive: true });
    const lines = readFileSync(join(SHARED, 'arxiv-cs-labelled', 'arxiv_cs_labelled.jsonl'), 'utf8').split('\n').slice(0, 1500);
    writeFileSync(subset, lines.join('\n') + '\n');
  }
  const labelled: Record<string, string[]> = {
    'arxiv-umap': ['--cluster-space', 'umap'],
    'arxiv-lsa': ['--cluster-space', 'lsa'],
    'arxiv-umap-nn30': ['--cluster-space', 'umap', '--n-neighbors', '30'],
    'arxiv-umap-md01': ['--cluster-space', 'umap', '--cluster-min-dist', '0.1'],
  };
  for (const [run, args] of Object.entries(labelled)) {
    if (!has(run)) sh('node', ['bin/papermap.js', 'run', '--input', subset, '--run', run, '--k', '10', ...args]);
  }
  return { shared: true };
}

/** Executes every notebook to reports/notebooks/<name>.html; throws on the first cell error. */
export function runNotebooks(): void {
  ensureKernel();
  for (const nb of NOTEBOOKS) {
    const t0 = Date.now();
    sh(
      'jupyter',
      ['nbconvert', '--to', 'html', '--execute', '--ExecutePreprocessor.kernel_name=deno', '--ExecutePreprocessor.timeout=300', '--output-dir', 'reports/notebooks/', `notebooks/${nb}.ipynb`],
      { PAPERMAP_RUN: process.env.PAPERMAP_RUN ?? 'sample' },
    );
    console.log(`${nb}: ${((Date.now() - t0) / 1000).toFixed(1)} s -> reports/notebooks/${nb}.html`);
  }
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const tools = toolsAvailable();
  if (!tools.ok) {
    console.error(`notebooks: ${tools.why}`);
    process.exit(1);
  }
  try {
    buildRuns();
    runNotebooks();
  } catch (e) {
    console.error(`notebooks: ${(e as Error).message}`);
    process.exit(1);
  }
}

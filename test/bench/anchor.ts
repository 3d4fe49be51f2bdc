// The Python anchor (../shared/bench/anchor_sklearn.py, scikit-learn + umap-learn): availability check, run, and its per-stage figures.
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { measure } from './measure.ts';

export const PYTHON = '/usr/bin/python3';

export interface AnchorStage {
  name: string;
  s: number;
  /** The process's peak RSS high-water mark at the end of this stage, MB. */
  peakRssMb: number;
}

export interface AnchorResult {
  n: number;
  stages: AnchorStage[];
  /** The lines the anchor printed (one a stage). */
  lines: string[];
  wallS: number;
  peakRssMb: number;
}

/** The stages that make the anchor's core pipeline up to the LSA space (against papermap `--to reduce`). */
export const ANCHOR_TO_REDUCE = ['load', 'tfidf', 'svd100+norm'];
/** The anchor's whole pipeline to clusters on the map (against papermap `--to cluster` or later). */
export const ANCHOR_TO_CLUSTER = ['load', 'tfidf', 'svd100+norm', 'umap', 'kmeans(umap2d)'];

/** Null when the anchor can run; else why not (one line). */
export function anchorUnavailable(shared: string): string | null {
  const script = join(shared, 'bench', 'anchor_sklearn.py');
  if (!existsSync(script)) return `${script} not found`;
  if (!existsSync(PYTHON)) return `${PYTHON} not found (install Debian's python3-sklearn and umap-learn)`;
  const r = spawnSync(PYTHON, ['-c', 'import sklearn, umap'], { encoding: 'utf8' });
  if (r.status !== 0) {
    const last = (r.stderr ?? '').trim().split('\n').pop() ?? 'import failed';
    return `${PYTHON} cannot import sklearn and umap (${last}); apt-get install python3-sklearn umap-learn`;
  }
  return null;
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** Runs the anchor on `input` with k=30; each line it prints goes to `onLine` as it comes. */
export async function runAnchor(
  shared: string,
  input: string,
  cwd: string,
  onLine: (line: string) => void,
): Promise<AnchorResult | { error: string }> {
  const out = join(tmpdir(), `papermap-bench-anchor-${process.pid}-${Date.now()}.json`);
  const lines: string[] = [];
  const m = await measure([PYTHON, join(shared, 'bench', 'anchor_sklearn.py'), input, '--k', '30', '--json-out', out], {
    cwd,
    onLine: (line) => {
      if (line.trim() === '') return;
      lines.push(line);
      onLine(line);
    },
  });
  try {
    if (m.exitCode !== 0 || !existsSync(out)) return { error: `exit ${m.exitCode}: ${m.stderrTail}` };
    const doc: unknown = JSON.parse(readFileSync(out, 'utf8'));
    if (!isRecord(doc) || !isRecord(doc.stages)) return { error: 'its --json-out file has no stages' };
    const stages: AnchorStage[] = [];
    for (const [name, v] of Object.entries(doc.stages)) {
      if (isRecord(v) && typeof v.s === 'number' && typeof v.peak_rss_mb === 'number') {
        stages.push({ name, s: v.s, peakRssMb: v.peak_rss_mb });
      }
    }
    return {
      n: typeof doc.n === 'number' ? doc.n : 0,
      stages,
      lines,
      wallS: m.wallS,
      peakRssMb: typeof doc.peak_rss_mb === 'number' ? doc.peak_rss_mb : (m.peakRssMb ?? 0),
    };
  } finally {
    rmSync(out, { force: true });
  }
}

/** Sum of the named stages' seconds and the peak RSS at the end of the last of them; null when one is missing. */
export function anchorSpan(r: AnchorResult, names: string[]): { s: number; peakRssMb: number } | null {
  let s = 0;
  let peak = 0;
  for (const name of names) {
    const st = r.stages.find((x) => x.name === name);
    if (!st) return null;
    s += st.s;
    peak = st.peakRssMb;
  }
  return { s, peakRssMb: peak };
}

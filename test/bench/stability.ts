// Seed stability of the topics (`npx tsx test/bench/stability.ts [WEEK] [SEEDS]`): one weekly window clustered with several seeds, the ARI between every two partitions.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { adjustedRandIndex } from '../../pipeline/math/metrics.ts';
import { artifactReader } from '../../pipeline/runner.ts';
import { weekWindow } from '../../pipeline/weekly.ts';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
const DAILY = resolve(ROOT, '..', 'shared', 'data', 'hf-daily-papers', 'hf_daily_papers.jsonl');

function main(week: string, seeds: number): number {
  if (!existsSync(DAILY)) {
    process.stdout.write(`stability: needs ${DAILY}; not found, nothing to run\n`);
    return 0;
  }
  const win = weekWindow(week, 12);
  const dir = join(ROOT, 'data', 'bench', 'stability');
  mkdirSync(dir, { recursive: true });
  const input = join(dir, `${week}.jsonl`);
  const rows = readFileSync(DAILY, 'utf8').split('\n').filter((l) => l.trim() !== '');
  writeFileSync(input, rows.filter((l) => { const d = (JSON.parse(l) as { date: string | null }).date; return d !== null && d >= win.start && d <= win.end; }).join('\n') + '\n');
  const parts: { seed: number; k: number; labels: Int32Array }[] = [];
  for (let seed = 1; seed <= seeds; seed++) {
    const run = `bench-stability-${week}-s${seed}`;
    const args = ['bin/papermap.js', 'run', '--input', input, '--run', run, '--start', win.start, '--end', win.end, '--period', 'week', '--seed', String(seed), '--to', 'cluster', '--quiet', '--force'];
    const r = spawnSync(process.execPath, args, { cwd: ROOT, encoding: 'utf8' });
    if (r.status !== 0) throw new Error(`papermap ${args.slice(1).join(' ')} failed: ${r.stderr}`);
    const b = artifactReader(ROOT, run).arrays('clusters');
    parts.push({ seed, k: b.meta.k as number, labels: b.arrays.labels as Int32Array });
    process.stderr.write(`seed ${seed}: ${b.meta.k} topics (k chosen ${b.meta.chosenK})\n`);
  }
  const aris: number[] = [];
  for (let a = 0; a < parts.length; a++) for (let b = a + 1; b < parts.length; b++) aris.push(adjustedRandIndex(Array.from(parts[a].labels), Array.from(parts[b].labels)));
  const mean = aris.reduce((x, y) => x + y, 0) / aris.length;
  process.stdout.write(
    `${week} (${win.start}..${win.end}, ${parts[0].labels.length} papers), seeds 1..${seeds}: topics ${parts.map((p) => p.k).join(', ')}; ` +
      `ARI between seeds mean ${mean.toFixed(3)}, min ${Math.min(...aris).toFixed(3)}, max ${Math.max(...aris).toFixed(3)} (${aris.length} pairs)\n`,
  );
  return 0;
}

process.exitCode = main(process.argv[2] ?? '2026-W34', Number(process.argv[3] ?? 5));

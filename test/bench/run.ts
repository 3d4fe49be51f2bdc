// Benchmark harness entry (`npm run bench`): times whole papermap CLI processes per corpus and stage, optionally beside the Python anchor.
import { existsSync, mkdirSync, statSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, totalmem } from 'node:os';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  ANCHOR_TO_CLUSTER,
  ANCHOR_TO_REDUCE,
  type AnchorResult,
  anchorSpan,
  anchorUnavailable,
  runAnchor,
} from './anchor.ts';
import { type Corpus, SEED, anchorInput, realCorpora, syntheticCorpus } from './corpora.ts';
import { int, mb, progress, ratio, secs, shellLine, table } from './format.ts';
import { docsOf, readManifest } from './manifest.ts';
import { hasGnuTime, measure } from './measure.ts';
import { BenchUsageError, DEFAULT_SIZES, HELP, parseOptions } from './options.ts';
import { trendsBench } from './trends.ts';
import { scaleBench } from './scale.ts';
import { explorerBench } from './explorer.ts';
import { vectorsBench } from './vectors.ts';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
const SHARED = resolve(ROOT, '..', 'shared');

interface StageInfo {
  name: string;
  built: boolean;
}

/** One measured process. */
interface ProcessFigures {
  command: string;
  wallS: number;
  peakRssMb: number | null;
  exitCode: number;
}

interface StageRow {
  stage: string;
  /** The stage's duration inside the whole run (manifest), seconds. */
  s: number;
  docs: number;
  docsPerS: number;
  counts: Record<string, number>;
  /** The stage run alone as its own process. */
  alone: (ProcessFigures & { stageS: number | null; upstreamReran: string[] }) | null;
}

interface CorpusResult {
  corpus: string;
  kind: Corpus['kind'];
  path: string;
  bytes: number;
  to: string;
  docs: number | null;
  whole: ProcessFigures | null;
  stages: StageRow[];
  /** The whole process `run --to reduce`, for the anchor comparison (the whole run itself when --to is reduce). */
  toReduce: ProcessFigures | null;
  anchor: AnchorResult | { skipped: string } | null;
  error: string | null;
}

interface Plan {
  stages: StageInfo[];
  /** Index of the last stage timed. */
  to: number;
  anchor: boolean;
  /** Also run each stage alone as its own process (for its own peak RSS). */
  alone: boolean;
}

/** The product's stage graph: names in order and which are built (no stage internals are used). */
async function loadStages(): Promise<{ stages: StageInfo[]; last: number }> {
  const m = await import('../../pipeline/stages/index.ts');
  return { stages: m.STAGES.map((s) => ({ name: s.name, built: true })), last: m.lastStage() };
}

/** Runs papermap as a user does (`node bin/papermap.js ...` in the project folder) and measures the process. */
async function papermap(args: string[]): Promise<ProcessFigures & { stderrTail: string }> {
  const m = await measure([process.execPath, 'bin/papermap.js', ...args], { cwd: ROOT });
  return { command: shellLine(['node', 'bin/papermap.js', ...args]), ...m };
}

function figures(p: ProcessFigures & { stderrTail: string }): ProcessFigures {
  return { command: p.command, wallS: p.wallS, peakRssMb: p.peakRssMb, exitCode: p.exitCode };
}

async function benchCorpus(c: Corpus, plan: Plan): Promise<CorpusResult> {
  const run = `bench-${c.name}`;
  const toName = plan.stages[plan.to].name;
  const input = relative(ROOT, c.path);
  const res: CorpusResult = {
    corpus: c.name,
    kind: c.kind,
    path: input,
    bytes: statSync(c.path).size,
    to: toName,
    docs: null,
    whole: null,
    stages: [],
    toReduce: null,
    anchor: null,
    error: null,
  };

  // (1) the whole process, then per-stage durations and counts from the manifest
  progress(`${c.name}: whole run --to ${toName}`);
  const whole = await papermap([
    'run',
    '--input',
    input,
    ...c.papermapArgs,
    // k as the anchor's --k 30, so the two do the same clustering work
    '--k',
    '30',
    '--run',
    run,
    '--to',
    toName,
    '--force',
    '--quiet',
  ]);
  res.whole = figures(whole);
  if (whole.exitCode !== 0) {
    res.error = `whole run exited with ${whole.exitCode}: ${whole.stderrTail}`;
    return res;
  }
  const man = readManifest(ROOT, run);
  const kept = man.get('ingest')?.counts.kept ?? 0;
  res.docs = man.get('ingest')?.counts.read ?? null;
  for (let i = 0; i <= plan.to; i++) {
    const name = plan.stages[i].name;
    const rec = man.get(name);
    const s = rec ? rec.durationMs / 1000 : Number.NaN;
    const docs = rec ? docsOf(name, rec.counts, kept) : 0;
    res.stages.push({
      stage: name,
      s,
      docs,
      docsPerS: s > 0 ? docs / s : Number.NaN,
      counts: rec?.counts ?? {},
      alone: null,
    });
  }

  // (2) each stage alone, for its own process's peak RSS (the stages before it are fresh, so only it runs)
  for (let i = 0; plan.alone && i <= plan.to; i++) {
    const name = plan.stages[i].name;
    progress(`${c.name}: ${name} alone (${i + 1}/${plan.to + 1})`);
    const before = readManifest(ROOT, run);
    const p = await papermap([name, '--run', run, '--force', '--quiet']);
    const after = readManifest(ROOT, run);
    const upstreamReran = plan.stages
      .slice(0, i)
      .map((s) => s.name)
      .filter((s) => before.get(s)?.started !== after.get(s)?.started);
    const rec = after.get(name);
    res.stages[i].alone = {
      ...figures(p),
      stageS: p.exitCode === 0 && rec ? rec.durationMs / 1000 : null,
      upstreamReran,
    };
    if (p.exitCode !== 0) res.error = `'${name}' alone exited with ${p.exitCode}: ${p.stderrTail}`;
  }

  if (plan.anchor) {
    // papermap's whole process up to the LSA space, the like-for-like of the anchor's load+tfidf+svd
    const reduce = plan.stages.findIndex((s) => s.name === 'reduce');
    if (reduce >= 0 && reduce === plan.to) res.toReduce = res.whole;
    else if (reduce >= 0 && reduce < plan.to) {
      progress(`${c.name}: whole run --to reduce (for the anchor comparison)`);
      const p = await papermap([
        'run',
        '--input',
        input,
        ...c.papermapArgs,
        '--run',
        run,
        '--to',
        'reduce',
        '--force',
        '--quiet',
      ]);
      if (p.exitCode === 0) res.toReduce = figures(p);
      else res.error = `run --to reduce exited with ${p.exitCode}: ${p.stderrTail}`;
    }
    progress(`${c.name}: python anchor`);
    const file = await anchorInput(ROOT, c);
    const a = await runAnchor(SHARED, file, ROOT, (line) => progress(`${c.name}: anchor | ${line.trim()}`));
    res.anchor = 'error' in a ? { skipped: `the anchor failed: ${a.error}` } : a;
  }
  return res;
}

function printCorpus(r: CorpusResult, plan: Plan): void {
  const out: string[] = [];
  out.push('', `== ${r.corpus}: ${int(r.docs)} docs, ${(r.bytes / 1048576).toFixed(1)} MB (${r.path}) ==`);
  if (r.whole) out.push(`  $ ${r.whole.command}`);
  if (r.stages.length > 0) {
    const rows = r.stages.map((s) => [
      s.stage,
      secs(s.s),
      int(s.docsPerS),
      secs(s.alone?.stageS),
      secs(s.alone?.wallS),
      mb(s.alone?.peakRssMb),
    ]);
    const stageSum = r.stages.reduce((a, s) => a + (Number.isFinite(s.s) ? s.s : 0), 0);
    if (r.whole) {
      rows.push([
        `whole run --to ${r.to}`,
        secs(r.whole.wallS),
        int(r.docs !== null && r.whole.wallS > 0 ? r.docs / r.whole.wallS : Number.NaN),
        '',
        secs(r.whole.wallS),
        mb(r.whole.peakRssMb),
      ]);
    }
    out.push(...table(['stage', 'seconds', 'docs/s', 'alone: stage s', 'alone: process s', 'peak RSS MB'], rows));
    if (r.whole) {
      out.push(
        `  whole run: stages ${secs(stageSum)} s of ${secs(r.whole.wallS)} s; process start-up, settings and hashing ${secs(r.whole.wallS - stageSum)} s`,
      );
    }
    out.push(
      '  (seconds, docs/s: the stage inside the whole run; alone: `papermap <stage> --force` as its own process)',
    );
    for (const s of r.stages) {
      const counts = Object.entries(s.counts)
        .map(([k, v]) => `${k} ${int(v)}`)
        .join(', ');
      out.push(`  ${s.stage} counts: ${counts || '-'}`);
      if (s.alone && s.alone.upstreamReran.length > 0) {
        out.push(
          `  note: '${s.stage}' alone also re-ran ${s.alone.upstreamReran.join(', ')} (not fresh), so its RSS covers them too`,
        );
      }
    }
  }
  if (r.anchor) out.push(...anchorLines(r, plan));
  if (r.error) out.push(`  ERROR: ${r.error}`);
  process.stdout.write(out.join('\n') + '\n');
}

function anchorLines(r: CorpusResult, plan: Plan): string[] {
  const a = r.anchor;
  if (!a) return [];
  if ('skipped' in a) return [`  python anchor: ${a.skipped}`];
  const out = [`  python anchor (scikit-learn + umap-learn, k=30), n=${int(a.n)}, process ${secs(a.wallS)} s:`];
  for (const line of a.lines) out.push(`    ${line}`);
  const core = anchorSpan(a, ANCHOR_TO_REDUCE);
  if (core) {
    out.push(
      `  anchor load+tfidf+svd100+norm: ${secs(core.s)} s, peak RSS ${mb(core.peakRssMb)} MB at the end of svd100+norm`,
    );
    const li = a.stages.findIndex((s) => s.name === 'load');
    if (li > 0) {
      out.push(
        `    (a high-water mark: ${mb(a.stages[li - 1].peakRssMb)} MB already before load, from its imports and the UMAP warm-up)`,
      );
    }
    const p = r.toReduce;
    if (p) {
      out.push(
        `  papermap run --to reduce (whole process): ${secs(p.wallS)} s, peak RSS ${mb(p.peakRssMb)} MB` +
          ` -> papermap/anchor time ${ratio(p.wallS, core.s)}` +
          (p.peakRssMb !== null ? `, memory ${ratio(p.peakRssMb, core.peakRssMb)}` : ''),
      );
    } else {
      const reduce = plan.stages.find((s) => s.name === 'reduce');
      const why = !reduce?.built ? 'reduce is not built yet' : `timed only up to ${r.to}; use --to reduce or later`;
      out.push(`  papermap run --to reduce: not measured (${why})`);
      if (r.whole) {
        const load = a.stages.find((s) => s.name === 'load');
        out.push(
          `  papermap run --to ${r.to} (whole process): ${secs(r.whole.wallS)} s, peak RSS ${mb(r.whole.peakRssMb)} MB` +
            (load ? ` (anchor load alone: ${secs(load.s)} s)` : ''),
        );
      }
    }
  }
  const clusterIdx = plan.stages.findIndex((s) => s.name === 'cluster');
  const full = anchorSpan(a, ANCHOR_TO_CLUSTER);
  if (full && r.whole && clusterIdx >= 0 && plan.to >= clusterIdx) {
    out.push(
      `  anchor load..kmeans(umap2d): ${secs(full.s)} s, peak RSS ${mb(a.peakRssMb)} MB; papermap run --to ${r.to}: ` +
        `${secs(r.whole.wallS)} s, ${mb(r.whole.peakRssMb)} MB -> time ${ratio(r.whole.wallS, full.s)}`,
    );
  }
  return out;
}

function printSummary(results: CorpusResult[]): void {
  const rows = results.map((r) => [
    r.corpus,
    int(r.docs),
    r.to,
    secs(r.whole?.wallS),
    int(r.docs !== null && r.whole ? r.docs / r.whole.wallS : Number.NaN),
    mb(r.whole?.peakRssMb),
    mb(r.stages.some((s) => s.alone) ? Math.max(...r.stages.map((s) => s.alone?.peakRssMb ?? 0)) : null),
    r.error ? 'ERROR' : 'ok',
  ]);
  const head = ['corpus', 'docs', 'to', 'whole run s', 'docs/s', 'peak RSS MB', 'max stage RSS MB', ''];
  process.stdout.write(['', 'Summary', ...table(head, rows)].join('\n') + '\n');
}

async function main(argv: string[]): Promise<number> {
  let opts: ReturnType<typeof parseOptions>;
  try {
    opts = parseOptions(argv);
  } catch (err) {
    if (err instanceof BenchUsageError) {
      process.stderr.write(`bench: ${err.message}\n`);
      return 2;
    }
    throw err;
  }
  if (opts.help) {
    process.stdout.write(HELP + '\n');
    return 0;
  }
  if (opts.trends) return trendsBench(opts.trends);
  if (opts.scale) return scaleBench();
  if (opts.vectors) return vectorsBench(ROOT, SHARED, opts.vectors);
  if (opts.explorer) return explorerBench(ROOT, SHARED, opts.sizes === DEFAULT_SIZES ? [100_000] : opts.sizes, opts.reports);
  if (!existsSync(join(SHARED, 'bench', 'make_corpus.mjs'))) {
    process.stdout.write(
      `bench: the benchmarks need the shared folder ${SHARED} (bench/make_corpus.mjs and data/); not found, nothing to run\n`,
    );
    return 0;
  }

  const { stages, last } = await loadStages();
  let to = last;
  if (opts.to !== null) {
    to = stages.findIndex((s) => s.name === opts.to);
    if (to < 0) {
      process.stderr.write(
        `bench: --to '${opts.to}' is not a stage; stages: ${stages.map((s) => s.name).join(', ')}\n`,
      );
      return 2;
    }
    if (to > last) {
      process.stderr.write(
        `bench: --to ${opts.to}: stage ${stages[last + 1].name} is not built yet; the last built is ${stages[last].name}\n`,
      );
      return 2;
    }
  }
  const plan: Plan = { stages, to, anchor: opts.anchor, alone: opts.alone };

  const cpu = cpus();
  const [l1, l5] = loadavg();
  process.stdout.write(
    `papermap bench: ${cpu.length} cores (${cpu[0]?.model.trim() ?? '?'}), ${(totalmem() / 2 ** 30).toFixed(1)} GB, ` +
      `node ${process.version}, load average ${l1.toFixed(2)} ${l5.toFixed(2)}\n` +
      `timing stages ${stages[0].name}..${stages[to].name}` +
      (last + 1 < stages.length
        ? ` (not built yet: ${stages
            .slice(last + 1)
            .map((s) => s.name)
            .join(', ')})`
        : '') +
      '\n',
  );
  if (!hasGnuTime()) process.stdout.write('note: GNU /usr/bin/time not found: wall times only, no peak RSS\n');
  if (plan.anchor) {
    const why = anchorUnavailable(SHARED);
    if (why) {
      process.stdout.write(`note: python anchor skipped: ${why}\n`);
      plan.anchor = false;
    }
  }

  const corpora: Corpus[] = [];
  for (const n of opts.sizes) {
    try {
      corpora.push(await syntheticCorpus(ROOT, SHARED, n, progress));
    } catch (err) {
      process.stdout.write(`synthetic corpus of ${n} (seed ${SEED}) could not be made: ${(err as Error).message}\n`);
    }
  }
  if (opts.real) {
    const { found, missing } = realCorpora(SHARED);
    corpora.push(...found);
    for (const m of missing) process.stdout.write(`note: real corpus ${m} not found, skipped\n`);
  }

  const results: CorpusResult[] = [];
  for (const c of corpora) {
    let r: CorpusResult;
    try {
      r = await benchCorpus(c, plan);
    } catch (err) {
      r = {
        corpus: c.name,
        kind: c.kind,
        path: relative(ROOT, c.path),
        bytes: 0,
        to: stages[to].name,
        docs: null,
        whole: null,
        stages: [],
        toReduce: null,
        anchor: null,
        error: (err as Error).message,
      };
    }
    results.push(r);
    printCorpus(r, plan);
  }
  if (results.length > 1) printSummary(results);

  if (opts.json) {
    const file = resolve(process.cwd(), opts.json);
    mkdirSync(dirname(file), { recursive: true });
    const doc = {
      date: new Date().toISOString(),
      machine: {
        cores: cpu.length,
        cpu: cpu[0]?.model.trim() ?? null,
        totalMemGb: totalmem() / 2 ** 30,
        loadavg: loadavg(),
      },
      node: process.version,
      gnuTime: hasGnuTime(),
      stagesTimed: stages.slice(0, to + 1).map((s) => s.name),
      corpora: results,
    };
    writeFileSync(file, JSON.stringify(doc, null, 1) + '\n');
    process.stdout.write(`results saved to ${file}\n`);
  }
  return results.some((r) => r.error) ? 1 : 0;
}

process.exitCode = await main(process.argv.slice(2));

// papermap's command line: argument parsing, help, and exit codes (0 done, 1 input or runtime error, 2 usage error).
import { readFileSync } from 'node:fs';
import { relative, join } from 'node:path';
import { SPECS, UsageError, checkValue, removedSetting, settingsHelp, specForFlag, type StageName } from './config.ts';
import { STAGES, stageIndex, lastBuilt } from './stages/index.ts';
import { runStages, requireIntact, artifactReader } from './runner.ts';
import { checkRunName, REPORTS, runDir } from './workspace.ts';
import { checkOutputPath } from './io/outputGuard.ts';
import { paperRows, topicRows, formatRows } from './export.ts';
import { writeFileAtomic } from './io/atomic.ts';
import { resolveInputs } from './io/inputs.ts';
import { resolveSettings, runNameFor, CONFIG_FILE } from './runSettings.ts';
import { createReporter } from './progress.ts';
import { InputError } from './errors.ts';
import { weekWindow, previousWeekRun, writeReportsIndex } from './weekly.ts';
import { shiftPeriod } from './trends/buckets.ts';
import { existsSync } from 'node:fs';
import { runFetch } from './fetch/run.ts';
import { FETCH_HELP } from './fetch/options.ts';

interface Parsed {
  command: string | null;
  positionals: string[];
  flags: Record<string, unknown>;
  run?: string;
  from?: string;
  to?: string;
  force: boolean;
  quiet: boolean;
  help: boolean;
  version: boolean;
  config?: string;
  out?: string;
  what?: string;
  week?: string;
  history?: string;
  fetch?: string;
  'base-url'?: string;
}

const GENERAL = ['run', 'from', 'to', 'force', 'quiet', 'help', 'version', 'config', 'out', 'what', 'week', 'history', 'fetch', 'base-url'];
const GENERAL_WITH_VALUE = new Set(['run', 'from', 'to', 'config', 'out', 'what', 'week', 'history', 'fetch', 'base-url']);

function editDistance(a: string, b: string): number {
  const row = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    let prev = row[0];
    row[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const cur = row[j];
      row[j] = Math.min(row[j] + 1, row[j - 1] + 1, prev + (a[i - 1] === b[j - 1] ? 0 : 1));
      prev = cur;
    }
  }
  return row[b.length];
}

function suggest(flag: string): string {
  const all = [...GENERAL, ...SPECS.map((s) => s.flag)];
  const near = all.filter((f) => editDistance(f, flag) <= Math.max(1, Math.floor(f.length / 4)));
  return near.length ? ` (did you mean --${near.join(', --')}?)` : '';
}

/** Parse argv into a command, general options and setting flags (each validated). */
export function parseArgs(argv: string[]): Parsed {
  const p: Parsed = { command: null, positionals: [], flags: {}, force: false, quiet: false, help: false, version: false };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '-h') {
      p.help = true;
      continue;
    }
    if (!arg.startsWith('--')) {
      if (p.command === null) p.command = arg;
      else p.positionals.push(arg);
      continue;
    }
    const eq = arg.indexOf('=');
    let name = eq >= 0 ? arg.slice(2, eq) : arg.slice(2);
    let inline: string | undefined = eq >= 0 ? arg.slice(eq + 1) : undefined;
    const takeValue = (): string => {
      if (inline !== undefined) return inline;
      const v = argv[i + 1];
      if (v === undefined || (v.startsWith('--') && v.length > 2)) throw new UsageError(`--${name} needs a value`);
      i++;
      return v;
    };
    if (GENERAL.includes(name)) {
      if (GENERAL_WITH_VALUE.has(name)) (p as unknown as Record<string, string>)[name] = takeValue();
      else (p as unknown as Record<string, boolean>)[name] = inline === undefined ? true : inline !== 'false';
      continue;
    }
    let negated = false;
    if (name.startsWith('no-') && specForFlag(name.slice(3))?.kind === 'boolean') {
      negated = true;
      name = name.slice(3);
    }
    const spec = specForFlag(name);
    const removed = removedSetting(name);
    if (removed) throw new UsageError(removed);
    if (!spec) throw new UsageError(`unknown option --${name}${suggest(name)}; see papermap --help`);
    if (spec.kind === 'boolean') {
      p.flags[spec.key] = negated ? false : inline === undefined ? true : checkValue(spec, inline);
    } else if (spec.kind === 'map') {
      const v = takeValue();
      const at = v.indexOf('=');
      if (at <= 0 || at === v.length - 1) throw new UsageError(`--${spec.flag} takes ${spec.arg} (e.g. --map abstract=text); got '${v}'`);
      p.flags[spec.key] = { ...((p.flags[spec.key] as Record<string, string>) ?? {}), [v.slice(0, at)]: v.slice(at + 1) };
    } else if (spec.kind === 'list') {
      const prev = (p.flags[spec.key] as string[] | undefined) ?? [];
      p.flags[spec.key] = [...prev, ...(checkValue(spec, takeValue()) as string[])];
    } else {
      p.flags[spec.key] = checkValue(spec, takeValue());
    }
    inline = undefined;
  }
  return p;
}

function version(): string {
  return (JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { version: string }).version;
}

const RUN_OPTIONS = [
  '  --run NAME                 the run to work on (letters, digits, . - _); default: the input\'s base name, else sample',
  '  --force                    re-run the stages even when they are up to date',
  `  --config FILE              settings file (default ./${CONFIG_FILE}; keys as below, per-run under "runs")`,
  '  --quiet                    print nothing but errors',
];

function mainHelp(): string {
  const cmds = STAGES.map((s) => `  ${s.name.padEnd(10)} ${s.about}${s.planned ? ` (not built yet: ${s.planned})` : ''}`);
  return [
    'papermap: turn research-paper abstracts into topic maps and weekly trend reports',
    '',
    'Usage: papermap <command> [options]',
    '',
    'Commands:',
    '  run        run the stages in order, skipping those whose inputs and settings are unchanged',
    ...cmds,
    '  fetch      download a window of papers (--source hf-daily|arxiv) into data/raw/ and make them a run\'s input',
    '  weekly     build one ISO week\'s run and report (--week 2025-W48 or last), linked to last week\'s',
    '  export     write a run\'s papers (topic, map x/y) or topics to CSV, JSONL or JSON',
    '  help CMD   help on one command',
    '',
    'Options of run:',
    '  --from STAGE               first stage to run (the stages before it must be up to date)',
    '  --to STAGE                 last stage to run (default: the last stage that is built)',
    ...RUN_OPTIONS,
    '',
    'Settings (flags here, or keys of papermap.config.json):',
    ...settingsHelp(STAGES.map((s) => s.name)),
    '',
    'Examples:',
    '  papermap run                                    # the shipped sample, into data/runs/sample/',
    '  papermap ingest --input papers.jsonl --run my-week',
    '  papermap run --input data/in/ --run my-week --from tokenize --to reduce --seed 7',
    '',
    'Each run lives in data/runs/<run>/ with a manifest.json of what every stage read, wrote and took.',
  ].join('\n');
}

function stageHelp(name: string): string {
  const st = STAGES[stageIndex(name)];
  return [
    `papermap ${st.name}: ${st.about}${st.planned ? ` (not built yet: ${st.planned})` : ''}`,
    '',
    `Usage: papermap ${st.name} [options]${st.name === 'ingest' ? ' [--input PATH ...]' : ''}`,
    '',
    `Runs the stages up to ${st.name} on the run, skipping those that are up to date.`,
    '',
    'Options:',
    ...RUN_OPTIONS,
    '',
    'Settings:',
    ...settingsHelp([st.name]),
    ...(st.name === 'ingest'
      ? ['', 'Formats: a saved Hugging Face Daily Papers page (.txt), JSON/JSONL exports, CSV with a header,',
          'Hugging Face daily papers API responses, arXiv metadata JSONL. Unreadable records go to rejects.jsonl.']
      : []),
  ].join('\n');
}

const EXPORT_HELP = [
  "papermap export: write a run's papers or topics for a spreadsheet or another tool",
  '',
  'Usage: papermap export --run NAME --out FILE [--what papers|topics]',
  '',
  '  --out FILE      papers.csv, papers.jsonl or papers.json: the extension picks the format',
  '  --what papers   one row a paper: id, title, date, upvotes, url, topic, topic_name, x, y (the default)',
  '  --what topics   one row a topic: id, name, top_terms, size, representative_ids, status, previous_id,',
  '                  and with trends: counts, count, expected, rate_ratio, p, q, trend',
  '  --run NAME      the run (default sample); the artifacts it reads must be as its stages wrote them',
  '  --force         replace --out when it exists (an input of a run, or a file in data/runs, data/raw',
  '                  or reports, is never replaced)',
  '',
  'In CSV, a text cell starting with = + - @, a tab or a carriage return gets a leading \' so that a',
  'spreadsheet shows it instead of running it; numbers stay numbers. JSON and JSONL keep the text as it is.',
].join('\n');

function runExport(cwd: string, p: Parsed): number {
  if (!p.out) throw new UsageError('export needs --out FILE (.csv, .jsonl or .json)');
  const what = p.what ?? 'papers';
  if (what !== 'papers' && what !== 'topics') throw new UsageError(`--what must be papers or topics; got '${what}'`);
  const run = checkRunName(p.run ?? 'sample');
  const out = checkOutputPath(cwd, p.out, p.force);
  const read = artifactReader(cwd, run);
  const withTrends = what === 'topics' && read.has('trends.json');
  requireIntact(cwd, run, what === 'papers' ? ['ingest', 'project', 'cluster', 'label'] : withTrends ? ['label', 'trends'] : ['label']);
  const rows = what === 'papers' ? paperRows(read) : topicRows(read);
  writeFileAtomic(out, formatRows(rows, p.out));
  process.stdout.write(`papermap: wrote ${rows.length} ${what} of run ${run} to ${p.out}\n`);
  return 0;
}

const WEEKLY_HELP = [
  "papermap weekly: one ISO week's run and report, with a history window and last week's topic ids",
  '',
  'Usage: papermap weekly --input PATH... --week 2025-W48 [--history 12] [settings]',
  '',
  '  --week W        the ISO week to report on (2025-W48), or last: the week before this one',
  '  --history N     weeks before it kept as the trends baseline [12]',
  '  --previous RUN  the run whose topic ids and names carry over (default: last week\'s run, when there is one)',
  '  --fetch hf-daily  fetch the window\'s Hugging Face daily papers first (cached under data/raw/), instead of --input',
  '  --base-url URL  where --fetch reads from (a mirror; default https://huggingface.co)',
  '',
  'The run is named for its week (data/runs/2025-W48/, reports/2025-W48/index.html); its papers are those',
  'dated from the Monday of week W-N to the Sunday of week W. reports/index.html lists every week.',
].join('\n');

async function runWeekly(cwd: string, p: Parsed): Promise<number> {
  if (!p.week) throw new UsageError('weekly needs --week (an ISO week like 2025-W48, or last)');
  const history = p.history === undefined ? 12 : Number(p.history);
  if (!Number.isInteger(history) || history < 0 || history > 260) {
    throw new UsageError(`--history must be a whole number of weeks from 0 to 260; got '${p.history}'`);
  }
  const win = weekWindow(p.week, history);
  const run = p.run !== undefined ? checkRunName(p.run) : win.week;
  if (p.fetch !== undefined) {
    if (p.fetch !== 'hf-daily') {
      throw new UsageError(`--fetch takes hf-daily; for arXiv run papermap fetch --source arxiv --run ${run} first`);
    }
    const args = ['--source', 'hf-daily', '--start', win.start, '--end', win.end, '--run', run];
    if (p['base-url'] !== undefined) args.push('--base-url', p['base-url']);
    if (p.quiet) args.push('--quiet');
    const code = await runFetch(cwd, args);
    if (code !== 0) return code;
  }
  const flags: Record<string, unknown> = { period: 'week', ...p.flags, start: win.start, end: win.end };
  if (!('previous' in p.flags)) flags.previous = previousWeekRun(cwd, win.week);
  const { settings, save } = resolveSettings(cwd, run, flags, p.config ? join(cwd, p.config) : undefined);
  const report = createReporter({ quiet: p.quiet });
  report.line(`papermap: week ${win.week} (${win.start}..${win.end}, ${history} weeks of history), run ${run}` +
    (settings.previous ? `, topic ids from ${settings.previous}` : ''));
  await runStages({
    cwd, run, settings, stages: STAGES, from: 0, to: STAGES.length - 1, force: p.force, runStaleUpstream: false, report,
    resolveInputs: () => resolveInputs(settings.input, cwd),
  });
  save();
  const prev = shiftPeriod(win.week, -1, 'week');
  if (existsSync(join(cwd, REPORTS, prev, 'index.html'))) {
    // Last week's report gains its link to this one.
    const prevSettings = resolveSettings(cwd, prev, {}).settings;
    const at = stageIndex('report');
    await runStages({
      cwd, run: prev, settings: prevSettings, stages: STAGES, from: at, to: at, force: true, runStaleUpstream: false,
      report: createReporter({ quiet: true }), resolveInputs: () => resolveInputs(prevSettings.input, cwd),
    });
  }
  report.line(`weekly report: reports/${run}/index.html; all weeks: ${writeReportsIndex(cwd)}`);
  return 0;
}

function checkStage(name: string, what: string): number {
  const i = stageIndex(name);
  if (i < 0) throw new UsageError(`${what} '${name}' is not a stage; stages: ${STAGES.map((s) => s.name).join(', ')}`);
  return i;
}

/** Run the CLI; returns the exit code. */
/** What the file system said, in words, by its error code. */
const SYSTEM_ERRORS: Record<string, string> = {
  ENOSPC: 'no space left on the device',
  EDQUOT: 'the disk quota is used up',
  EACCES: 'permission denied',
  EPERM: 'operation not permitted',
  EROFS: 'the file system is read-only',
  ENAMETOOLONG: 'the name is too long',
  ELOOP: 'too many symbolic links (a link loop)',
  ENOTDIR: 'a part of the path is not a folder',
  EISDIR: 'it is a folder',
  EMFILE: 'too many open files',
  ENOENT: 'no such file or folder',
  EIO: 'an input/output error',
};

/** One line for a failure of the file system (a full disk, a read-only folder, ...), naming the path; null for anything else (a bug). */
export function systemErrorLine(err: unknown, cwd: string): string | null {
  const e = err as NodeJS.ErrnoException;
  if (!(err instanceof Error) || typeof e.code !== 'string' || !(e.code in SYSTEM_ERRORS)) return null;
  const path = typeof e.path === 'string' ? relative(cwd, e.path) || e.path : null;
  const what = e.syscall ? ` (${e.syscall})` : '';
  return `${path === null ? 'a file operation failed' : `cannot use ${path}`}: ${SYSTEM_ERRORS[e.code]}${what}; nothing half-written is kept (--debug shows where it happened)`;
}

export async function main(given: string[], cwd = process.cwd()): Promise<number> {
  // --debug: a failure shows its stack trace as well as its one line
  const debug = given.includes('--debug');
  const argv = given.filter((a) => a !== '--debug');
  try {
    // fetch has its own options (not settings), so it parses its arguments itself.
    if (argv[0] === 'fetch') return await runFetch(cwd, argv.slice(1));
    const p = parseArgs(argv);
    if (p.version) {
      process.stdout.write(`papermap ${version()}\n`);
      return 0;
    }
    if (p.command === 'help') {
      const topic = p.positionals[0];
      const text = topic === 'fetch' ? FETCH_HELP : topic && stageIndex(topic) >= 0 ? stageHelp(topic) : mainHelp();
      process.stdout.write(text + '\n');
      return 0;
    }
    if (p.command === 'weekly') {
      if (p.help) {
        process.stdout.write(WEEKLY_HELP + '\n');
        return 0;
      }
      if (p.positionals.length) p.flags.input = [...((p.flags.input as string[] | undefined) ?? []), ...p.positionals];
      return await runWeekly(cwd, p);
    }
    if (p.command === 'export') {
      if (p.help) {
        process.stdout.write(EXPORT_HELP + '\n');
        return 0;
      }
      return runExport(cwd, p);
    }
    if (p.command === null || (p.help && (p.command === 'run' || p.command === null))) {
      process.stdout.write(mainHelp() + '\n');
      return 0;
    }
    const isRun = p.command === 'run';
    if (!isRun && stageIndex(p.command) < 0) {
      throw new UsageError(
        `unknown command '${p.command}'; commands: run, ${STAGES.map((s) => s.name).join(', ')}, fetch, weekly, export, help`,
      );
    }
    if (p.help) {
      process.stdout.write(stageHelp(p.command) + '\n');
      return 0;
    }
    if (p.positionals.length > 0) {
      p.flags.input = [...((p.flags.input as string[] | undefined) ?? []), ...p.positionals];
    }
    if (p.out !== undefined || p.what !== undefined) throw new UsageError('--out and --what go with papermap export');
    if (p.week !== undefined || p.history !== undefined || p.fetch !== undefined) {
      throw new UsageError('--week, --history and --fetch go with papermap weekly');
    }
    if (!isRun && (p.from !== undefined || p.to !== undefined)) {
      throw new UsageError(`--from and --to go with 'papermap run'; 'papermap ${p.command}' runs up to ${p.command}`);
    }
    const from = isRun ? (p.from !== undefined ? checkStage(p.from, '--from') : 0) : checkStage(p.command, 'command');
    const to = isRun ? (p.to !== undefined ? checkStage(p.to, '--to') : lastBuilt()) : checkStage(p.command, 'command');
    if (from > to) throw new UsageError(`--from ${STAGES[from].name} comes after --to ${STAGES[to].name}`);
    if (STAGES[to].planned) {
      throw new UsageError(`stage ${STAGES[to].name} is not built yet (${STAGES[to].planned})`);
    }
    const run = runNameFor(p.flags, p.run);
    const { settings, save } = resolveSettings(cwd, run, p.flags, p.config ? join(cwd, p.config) : undefined);
    const report = createReporter({ quiet: p.quiet });
    report.line(`papermap: run ${run} (${relative(cwd, runDir(cwd, run)) || '.'})`);
    await runStages({
      cwd,
      run,
      settings,
      stages: STAGES,
      from,
      to,
      force: p.force,
      runStaleUpstream: !isRun,
      report,
      resolveInputs: () => resolveInputs(settings.input, cwd),
    });
    save();
    return 0;
  } catch (err) {
    if (debug && err instanceof Error) process.stderr.write(`${err.stack ?? err.message}\n`);
    if (err instanceof UsageError) {
      process.stderr.write(`papermap: ${err.message}\n`);
      return 2;
    }
    if (err instanceof InputError) {
      process.stderr.write(`papermap: ${err.message}\n`);
      return 1;
    }
    const system = systemErrorLine(err, cwd);
    if (system !== null) {
      process.stderr.write(`papermap: ${system}\n`);
      return 1;
    }
    throw err;
  }
}

export type { StageName };

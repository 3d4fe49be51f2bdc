// papermap weekly: one ISO week's run and report with its history window, linked to last week's run and report.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { UsageError } from '../config.ts';
import { STAGES, stageIndex } from '../stages/index.ts';
import { runStages } from '../runner.ts';
import { checkRunName, REPORTS } from '../workspace.ts';
import { resolveInputs } from '../io/inputs.ts';
import { resolveSettings } from '../runSettings.ts';
import { createReporter } from '../progress.ts';
import { weekWindow, previousWeekRun, writeReportsIndex } from '../weekly.ts';
import { shiftPeriod } from '../trends/buckets.ts';
import { runFetch } from './fetch.ts';
import type { Parsed } from './parse.ts';
import { checkTopicNames, savedNote } from './run.ts';

export const WEEKLY_HELP = [
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

export async function runWeekly(cwd: string, p: Parsed): Promise<number> {
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
  checkTopicNames(cwd, run, p.flags);
  const { settings, save } = resolveSettings(cwd, run, flags, p.config ? join(cwd, p.config) : undefined);
  const report = createReporter({ quiet: p.quiet });
  report.line(`papermap: week ${win.week} (${win.start}..${win.end}, ${history} weeks of history), run ${run}` +
    (settings.previous ? `, topic ids from ${settings.previous}` : ''));
  const note = savedNote(cwd, run, flags);
  if (note) report.line(note);
  await runStages({
    cwd, run, settings, stages: STAGES, from: 0, to: STAGES.length - 1, force: p.force, runStaleUpstream: false, report,
    resolveInputs: () => resolveInputs(settings.input, cwd),
  });
  save();
  const prev = shiftPeriod(win.week, -1, 'week');
  if (existsSync(join(cwd, REPORTS, prev, 'index.html'))) {
    // Last week's report gains its link to this one: its input (this week's topics.json) changed, so the runner re-runs it.
    const prevSettings = resolveSettings(cwd, prev, {}, p.config ? join(cwd, p.config) : undefined).settings;
    const at = stageIndex('report');
    try {
      await runStages({
        cwd, run: prev, settings: prevSettings, stages: STAGES, from: at, to: at, force: false, runStaleUpstream: false,
        report: createReporter({ quiet: true }), resolveInputs: () => resolveInputs(prevSettings.input, cwd),
      });
    } catch (err) {
      // This week is built; last week's stages being stale (say, after an upgrade) only costs its link.
      if (!(err instanceof UsageError)) throw err;
      report.line(`note: last week's report (reports/${prev}/index.html) keeps no link to this week: ${err.message}`);
    }
  }
  report.line(`weekly report: reports/${run}/index.html; all weeks: ${writeReportsIndex(cwd)}`);
  return 0;
}

// `papermap weekly`: builds the run of one ISO week (the week plus a history window), linked to last week's run, and the index of all weekly reports.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { UsageError } from './config.ts';
import { isoWeek, isoWeekMonday, dayNumber, dayString, today } from './dates.ts';
import { shiftPeriod } from './trends/buckets.ts';
import { writeFileAtomic } from './io/atomic.ts';
import { escapeHtml } from './report/escape.ts';
import { REPORTS, runPath } from './workspace.ts';

export interface WeekWindow {
  week: string;
  start: string;
  end: string;
}

/** The week asked for (`2025-W48`, or `last` for the ISO week before today's) and its window with `history` weeks before it. */
export function weekWindow(week: string, history: number, now = today()): WeekWindow {
  const w = week === 'last' ? shiftPeriod(isoWeek(now), -1, 'week') : week;
  if (!/^\d{4}-W\d{2}$/.test(w)) throw new UsageError(`--week takes an ISO week such as 2025-W48, or last; got '${week}'`);
  let monday: string;
  try {
    monday = isoWeekMonday(w);
  } catch {
    throw new UsageError(`--week ${w}: no such ISO week`);
  }
  const start = isoWeekMonday(shiftPeriod(w, -history, 'week'));
  return { week: w, start, end: dayString(dayNumber(monday) + 6) };
}

/** The previous week's run, when it has topics. */
export function previousWeekRun(cwd: string, week: string): string | null {
  const prev = shiftPeriod(week, -1, 'week');
  return existsSync(join(cwd, runPath(prev, 'topics.json'))) ? prev : null;
}

/** reports/index.html: every weekly report there is, newest first. */
export function writeReportsIndex(cwd: string): string {
  const dir = join(cwd, REPORTS);
  const weeks = existsSync(dir)
    ? readdirSync(dir)
        .filter((n) => /^\d{4}-W\d{2}$/.test(n) && existsSync(join(dir, n, 'index.html')))
        .sort()
        .reverse()
    : [];
  const rows = weeks.map((w) => {
    let topics = '';
    const t = join(cwd, runPath(w, 'topics.json'));
    if (existsSync(t)) topics = `${(JSON.parse(readFileSync(t, 'utf8')) as { topics: unknown[] }).topics.length} topics`;
    return `<li><a href="${escapeHtml(w)}/index.html">${escapeHtml(w)}</a> <span>${escapeHtml(topics)}</span></li>`;
  });
  const html = `<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; base-uri 'none'; form-action 'none'">
<title>papermap · weekly reports</title>
<style>body{font:16px/1.5 system-ui,sans-serif;max-width:720px;margin:2rem auto;padding:0 1rem}span{color:#666;margin-left:.5em}</style>
</head><body><h1>papermap · weekly reports</h1>
${rows.length ? `<ul>${rows.join('\n')}</ul>` : '<p>No weekly report yet.</p>'}
</body></html>
`;
  writeFileAtomic(join(dir, 'index.html'), html);
  return join(REPORTS, 'index.html');
}

// papermap export: a run's papers or topics written for a spreadsheet or another tool, never over an input or an artifact.
import { UsageError } from '../config.ts';
import { requireIntact, artifactReader } from '../runner.ts';
import { checkRunName } from '../workspace.ts';
import { checkOutputPath } from '../io/outputGuard.ts';
import { paperRows, topicRows, formatRows } from '../export.ts';
import { writeFileAtomic } from '../io/atomic.ts';
import type { Parsed } from './parse.ts';

export const EXPORT_HELP = [
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

export function runExport(cwd: string, p: Parsed): number {
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

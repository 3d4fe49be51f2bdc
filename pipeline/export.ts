// `papermap export`: a run's papers (with topic and map position) or its topics, as CSV, JSONL or JSON for other tools.
import { extname } from 'node:path';
import type { Paper } from './paper.ts';
import type { TopicsFile } from './artifacts/topics.ts';
import type { TrendsFile } from './artifacts/trends.ts';
import type { ArtifactReader } from './stages/stage.ts';
import { UsageError } from './config.ts';
import { stripBidi } from './report/escape.ts';

export type ExportWhat = 'papers' | 'topics';
type Row = Record<string, string | number | null>;

/** One row a paper: id, title, date, upvotes, url, topic id and name, map coordinates. */
export function paperRows(read: ArtifactReader): Row[] {
  const papers = read.jsonl<Paper>('papers.jsonl');
  const { topics } = read.json<TopicsFile>('topics.json');
  const labels = read.arrays('clusters').arrays.labels as Int32Array;
  const map = read.arrays('map').arrays.coords as Float32Array;
  const round = (v: number): number => Math.round(v * 1e4) / 1e4;
  return papers.map((p, i) => ({
    id: p.id,
    title: p.title,
    date: p.date,
    upvotes: p.upvotes,
    url: p.url,
    topic: topics[labels[i]].id,
    topic_name: topics[labels[i]].name,
    x: round(map[2 * i]),
    y: round(map[2 * i + 1]),
  }));
}

/** One row a topic: id, name, top terms, size, representative paper ids; with trends, its counts per period, the target period's count against its expectation, p, q and trend. */
export function topicRows(read: ArtifactReader): Row[] {
  const { topics } = read.json<TopicsFile>('topics.json');
  const trends = read.has('trends.json') ? read.json<TrendsFile>('trends.json') : null;
  return topics.map((t, c) => ({
    id: t.id,
    name: t.name,
    top_terms: t.terms.map((x) => x.term).join('; '),
    size: t.size,
    representative_ids: t.representatives.join(' '),
    ...(t.match ? { status: t.match.status, previous_id: t.match.previousId } : {}),
    ...(trends
      ? {
          counts: trends.periods.map((p, j) => `${p}:${trends.topics[c].counts[j]}`).join(' '),
          count: trends.topics[c].count,
          expected: trends.topics[c].expected,
          rate_ratio: trends.topics[c].rateRatio,
          p: trends.topics[c].p,
          q: trends.topics[c].q,
          trend: trends.topics[c].trend,
        }
      : {}),
  }));
}

/** A text cell a spreadsheet would evaluate as a formula (OWASP CSV injection). */
const FORMULA_START = /^[=+\-@\t\r]/;

/**
 * A CSV field: quoted when it holds a comma, quote or line break (RFC 4180); text that a spreadsheet
 * would run as a formula gets a leading ' (numbers stay numbers).
 */
export function csvField(v: string | number | null): string {
  if (v === null) return '';
  const s = typeof v === 'string' && FORMULA_START.test(v) ? `'${v}` : String(v);
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

/** The rows as file content in the format the output name's extension asks for; bidi controls are dropped from every text. */
export function formatRows(given: Row[], out: string): string {
  const rows = given.map((r) => Object.fromEntries(Object.entries(r).map(([k, v]) => [k, typeof v === 'string' ? stripBidi(v) : v])));
  const ext = extname(out).toLowerCase();
  if (ext === '.jsonl' || ext === '.ndjson') return rows.map((r) => JSON.stringify(r)).join('\n') + (rows.length ? '\n' : '');
  if (ext === '.json') return JSON.stringify(rows, null, 1) + '\n';
  if (ext === '.csv') {
    const cols = rows.length ? Object.keys(rows[0]) : [];
    return [cols.join(','), ...rows.map((r) => cols.map((c) => csvField(r[c])).join(','))].join('\r\n') + '\r\n';
  }
  throw new UsageError(`--out ${out}: name the file .csv, .jsonl or .json so papermap knows the format`);
}

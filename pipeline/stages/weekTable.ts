// The per-week summary ingest prints: papers and upvotes per ISO week, aggregated with danfojs.
import type { Paper } from '../paper.ts';
import { isoWeek } from '../dates.ts';

export interface WeekRow {
  week: string;
  papers: number;
  upvotes: number;
}

/** Papers and summed upvotes per ISO week of `date`, oldest first; undated papers are left out. */
export async function weekSummary(papers: Paper[]): Promise<WeekRow[]> {
  const dated = papers.filter((p) => p.date !== null);
  if (dated.length === 0) return [];
  // danfojs-node is the user's table library; loaded only here since it takes ~1 s to import.
  const dfd = await import('danfojs-node');
  const df = new dfd.DataFrame({
    week: dated.map((p) => isoWeek(p.date as string)),
    papers: dated.map(() => 1),
    upvotes: dated.map((p) => p.upvotes ?? 0),
  });
  const grouped = df.groupby(['week']).agg({ papers: 'sum', upvotes: 'sum' });
  const rows = dfd.toJSON(grouped) as Array<{ week: string; papers_sum: number; upvotes_sum: number }>;
  return rows
    .map((r) => ({ week: r.week, papers: r.papers_sum, upvotes: r.upvotes_sum }))
    .sort((a, b) => (a.week < b.week ? -1 : a.week > b.week ? 1 : 0));
}

/** The table as aligned text lines; long spans show the first and last weeks. */
export function formatWeekTable(rows: WeekRow[], undated: number, maxRows = 24): string[] {
  const lines = ['  week        papers  upvotes'];
  const show = rows.length > maxRows ? [...rows.slice(0, maxRows / 2), null, ...rows.slice(-maxRows / 2)] : rows;
  for (const r of show) {
    if (r === null) lines.push(`  ... ${rows.length - maxRows} more weeks ...`);
    else lines.push(`  ${r.week.padEnd(10)} ${String(r.papers).padStart(7)} ${String(r.upvotes).padStart(8)}`);
  }
  if (undated > 0) lines.push(`  ${'undated'.padEnd(10)} ${String(undated).padStart(7)}`);
  return lines;
}

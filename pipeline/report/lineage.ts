// The words for a topic's lineage across runs ("split from …", "merged from … and …", "renamed from …"), shared by the report and the digest.
import type { ReportTopic } from './model.ts';

/** Quoted names joined: "a", "a and b", "a, b and c". */
function names(list: readonly string[]): string {
  const q = list.map((n) => `“${n}”`);
  return q.length <= 1 ? (q[0] ?? '') : `${q.slice(0, -1).join(', ')} and ${q[q.length - 1]}`;
}

/** The phrase for a topic that is not simply carried over, else null. */
export function lineageText(t: Pick<ReportTopic, 'lineage'>): string | null {
  const l = t.lineage;
  if (!l) return null;
  if (l.status === 'split') return `split from ${names(l.from)}`;
  if (l.status === 'merged') return `merged from ${names(l.from)}`;
  if (l.status === 'renamed') return `renamed from ${names(l.from)}`;
  return null;
}

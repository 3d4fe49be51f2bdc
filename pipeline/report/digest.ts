// The mail digest: a short Markdown summary of a ReportModel (period, counts, top topics, changes, top papers).
import { escapeMarkdown, safeHttpUrl } from './escape.ts';
import type { ReportModel, ReportPaper, ReportTopic, TopicFlag, TrendBaseline } from './model.ts';
import { baselineText, thisPeriod } from '../trends/baseline.ts';
import { lineageText } from './lineage.ts';

export const DIGEST_DEFAULTS = Object.freeze({ topTopics: 5, topPapers: 5 });

export interface DigestOptions {
  /** Link to the full report (absolute http(s) URL; anything else is left out). */
  reportUrl?: string;
  topTopics?: number;
  topPapers?: number;
}

/** A URL for a Markdown link destination: parentheses and spaces percent-encoded. */
function linkTarget(url: string): string {
  return url.replace(/[()\s<>]/g, (c) => '%' + c.charCodeAt(0).toString(16).toUpperCase().padStart(2, '0'));
}

function changeLine(t: ReportTopic, baseline: TrendBaseline | undefined): string {
  const name = escapeMarkdown(t.name);
  if (!t.trend || !baseline) return `${name} (${t.size} papers)`;
  return `${name}: ${baselineText(t.trend, baseline)}`;
}

/** "Monday 2026-08-17 to Sunday 2026-08-23" for a week, else "2025-12-01 to 2025-12-31". */
function daysPhrase(from: string, to: string, week: boolean): string {
  return week ? `Monday ${from} to Sunday ${to}` : `${from} to ${to}`;
}

const plural = (n: number, word: string): string => `${n} ${word}${n === 1 ? '' : 's'}`;

function paperLine(p: ReportPaper, topicName: string | undefined): string {
  const url = safeHttpUrl(p.url);
  const title = escapeMarkdown(p.title);
  const link = url ? `[${title}](${linkTarget(url)})` : title;
  const meta = [p.upvotes !== null ? `${p.upvotes} upvotes` : null, topicName ? escapeMarkdown(topicName) : null]
    .filter((x): x is string => x !== null)
    .join(' · ');
  return `- ${link}${meta ? ` — ${meta}` : ''}`;
}

/** The papers the digest names: the target period's most upvoted, else each topic's most upvoted, once each. */
function topPapers(model: ReportModel, n: number): { paper: ReportPaper; topic: number }[] {
  const pool: { paper: ReportPaper; topic: number }[] = model.targetPapers
    ? model.targetPapers.map((p) => ({ paper: p, topic: p.topic }))
    : model.topics.flatMap((t) => t.mostUpvoted.map((p) => ({ paper: p, topic: t.id })));
  const seen = new Set<string>();
  return pool
    .filter((x) => {
      if (seen.has(x.paper.id)) return false;
      seen.add(x.paper.id);
      return true;
    })
    .sort((a, b) => (b.paper.upvotes ?? -1) - (a.paper.upvotes ?? -1) || a.paper.id.localeCompare(b.paper.id))
    .slice(0, n);
}

/** The short Markdown digest for mail. Every text from the input is Markdown-escaped; links are http(s) only. */
export function renderDigest(model: ReportModel, options: DigestOptions = {}): string {
  const nTopics = options.topTopics ?? DIGEST_DEFAULTS.topTopics;
  const nPapers = options.topPapers ?? DIGEST_DEFAULTS.topPapers;
  const c = model.coverage;
  const lines: string[] = [];
  lines.push(`# papermap · ${escapeMarkdown(model.run)}`, '');
  const report = options.reportUrl ? safeHttpUrl(options.reportUrl) : null;
  const links = `[Full report](index.html)${report ? ` ([online](${linkTarget(report)}))` : ''}`;
  const t = model.target;
  const topics = plural(model.topics.length, 'topic');
  if (t) {
    const week = /^\d{4}-W\d{2}$/.test(t.label);
    lines.push(`**${escapeMarkdown(t.label)}**, ${daysPhrase(t.from, t.to, week)}: **${plural(t.papers, 'paper')}**. ${links}`, '');
    const window = `${model.period.from} to ${model.period.to}, ${plural(model.period.papers ?? c.kept - c.undated, 'dated paper')} in ${topics}`;
    const span = model.periods.length > 1 ? `${model.periods.length} ${model.trendBaseline?.period ?? 'period'}s, ` : '';
    lines.push(`Window: ${span}${window}; ${c.kept} kept of ${c.read} read (${c.rejected} rejected, ${c.undated} undated).`, '');
  } else {
    const p = model.period;
    const span = p.from && p.to ? `**${p.from === p.to ? p.from : `${p.from} to ${p.to}`}**: ` : '';
    lines.push(`${span}**${plural(c.kept, 'paper')}** kept of ${c.read} read (${c.rejected} rejected, ${c.undated} undated), in ${topics}. ${links}`, '');
  }
  if (model.tooFewToCluster) lines.push(`_${escapeMarkdown(model.kCurve.how ?? 'too few papers to cluster')}._`, '');
  const failed = c.failedFetches ?? [];
  if (failed.length) {
    lines.push(
      `**Failed fetches (${failed.length}):** ${failed.map((f) => `${escapeMarkdown(f.item)} (${escapeMarkdown(f.reason)})`).join(', ')}; the counts may be incomplete.`,
      '',
    );
  }

  const top = [...model.topics].sort((a, b) => b.size - a.size || a.id - b.id).slice(0, nTopics);
  if (top.length) {
    lines.push('## Top topics', '');
    top.forEach((t, i) => {
      const flags = t.flags.length ? ` (${t.flags.join(', ')})` : '';
      const now = t.trend && model.target ? `, ${t.trend.count} ${thisPeriod(model.trendBaseline ?? { period: 'week' })}` : '';
      lines.push(`${i + 1}. ${escapeMarkdown(t.name)} — ${t.size} papers${now}${flags}`);
    });
    lines.push('');
  }

  const by = (flag: TopicFlag): ReportTopic[] => model.topics.filter((t) => t.flags.includes(flag));
  const changes: string[] = [];
  const section = (label: string, topics: ReportTopic[], line: (t: ReportTopic) => string): void => {
    for (const t of topics) changes.push(`- **${label}:** ${line(t)}`);
  };
  const change = (t: ReportTopic): string => changeLine(t, model.trendBaseline);
  section('Rising', by('rising'), change);
  section('Emerging', by('emerging'), change);
  section('Fading', by('fading'), change);
  section('New', by('new'), (t) => `${escapeMarkdown(t.name)} (${t.size} papers)`);
  for (const status of ['split', 'merged', 'renamed'] as const) {
    const label = status[0].toUpperCase() + status.slice(1);
    const these = model.topics.filter((t) => t.lineage?.status === status);
    section(label, these, (t) => `${escapeMarkdown(t.name)} (${t.size} papers), ${escapeMarkdown(lineageText(t) ?? '')}`);
  }
  for (const g of model.gone ?? []) changes.push(`- **Gone:** ${escapeMarkdown(g.name)} (${g.size} papers before)`);
  if (changes.length) {
    lines.push('## Changes', '');
    if (model.trendTest) lines.push(`_${model.trendTest}_`, '');
    lines.push(...changes, '');
  }

  const papers = topPapers(model, nPapers);
  if (papers.length) {
    const names = new Map(model.topics.map((t) => [t.id, t.name]));
    lines.push('## Top papers', '');
    for (const p of papers) lines.push(paperLine(p.paper, names.get(p.topic)));
    lines.push('');
  }
  return lines.join('\n');
}

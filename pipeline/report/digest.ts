// The mail digest: a short Markdown summary of a ReportModel (period, counts, top topics, changes, top papers).
import { escapeMarkdown, safeHttpUrl } from './escape.ts';
import type { ReportModel, ReportPaper, ReportTopic, TopicFlag } from './model.ts';

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

/** "grew from 4 to 11 papers", "fell from 9 to 2 papers", "held at 3 papers". */
export function changePhrase(from: number, to: number): string {
  const papers = (n: number): string => `${n} paper${n === 1 ? '' : 's'}`;
  if (to > from) return `grew from ${from} to ${papers(to)}`;
  if (to < from) return `fell from ${from} to ${papers(to)}`;
  return `held at ${papers(to)}`;
}

function changeLine(t: ReportTopic): string {
  const name = escapeMarkdown(t.name);
  if (!t.trend) return `${name} (${t.size} papers)`;
  const r = t.trend.rateRatio;
  const ratio = r === null ? '' : ` (×${r.toFixed(2)})`;
  return `${name} ${changePhrase(t.trend.from, t.trend.to)}${ratio}`;
}

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
  lines.push(`${escapeMarkdown(model.period.label)} (${model.period.from} to ${model.period.to})`, '');
  const counts = `**${c.kept} papers** kept of ${c.read} read (${c.rejected} rejected, ${c.undated} undated), in ${model.topics.length} topics.`;
  const report = options.reportUrl ? safeHttpUrl(options.reportUrl) : null;
  lines.push(report ? `${counts} [Full report](${linkTarget(report)})` : counts, '');

  const top = [...model.topics].sort((a, b) => b.size - a.size || a.id - b.id).slice(0, nTopics);
  if (top.length) {
    lines.push('## Top topics', '');
    top.forEach((t, i) => {
      const flags = t.flags.length ? ` (${t.flags.join(', ')})` : '';
      lines.push(`${i + 1}. ${escapeMarkdown(t.name)} — ${t.size} papers${flags}`);
    });
    lines.push('');
  }

  const by = (flag: TopicFlag): ReportTopic[] => model.topics.filter((t) => t.flags.includes(flag));
  const changes: string[] = [];
  const section = (label: string, topics: ReportTopic[], line: (t: ReportTopic) => string): void => {
    for (const t of topics) changes.push(`- **${label}:** ${line(t)}`);
  };
  section('Rising', by('rising'), changeLine);
  section('Emerging', by('emerging'), changeLine);
  section('Fading', by('fading'), changeLine);
  section('New', by('new'), (t) => `${escapeMarkdown(t.name)} (${t.size} papers)`);
  for (const g of model.gone ?? []) changes.push(`- **Gone:** ${escapeMarkdown(g.name)} (${g.size} papers before)`);
  if (changes.length) {
    lines.push('## Changes', '');
    if (model.trendTest) lines.push(`_${escapeMarkdown(model.trendTest)}_`, '');
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

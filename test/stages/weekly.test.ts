// Weekly mode: a week's run with its history window, topic ids carried from last week's run, links between weeks, and the index of weeks.
import { describe, expect, it } from 'vitest';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { papermap, scratchWorkspace, SHARED } from '../helpers/cli.ts';
import { dayNumber, dayString } from '../../pipeline/dates.ts';
import { topTermJaccard } from '../../pipeline/trends/match.ts';
import { repeatsNoWord } from '../../pipeline/text/topicNames.ts';

const SUBJECTS = ['retrieval', 'diffusion', 'robotics', 'speech', 'agents', 'proteins'];
const WORDS: Record<string, string[]> = {
  retrieval: ['retrieval', 'dense', 'reranking', 'passages', 'queries', 'index'],
  diffusion: ['diffusion', 'denoising', 'image', 'sampling', 'latent', 'noise'],
  robotics: ['robot', 'grasping', 'manipulation', 'policy', 'sim2real', 'arm'],
  speech: ['speech', 'audio', 'acoustic', 'speaker', 'asr', 'phoneme'],
  agents: ['agents', 'tools', 'planning', 'browser', 'workflow', 'memory'],
  proteins: ['protein', 'folding', 'residues', 'structure', 'binding', 'enzyme'],
};

/** 14 weeks from Monday 2025-01-06, 24 papers a week, four subjects each; abstracts made of each subject's words. */
function corpus(ws: string): void {
  const rows: string[] = [];
  let n = 0;
  for (let w = 0; w < 14; w++) {
    for (let i = 0; i < 24; i++, n++) {
      const subject = SUBJECTS[(i + (w > 9 ? 1 : 0)) % SUBJECTS.length];
      const words = WORDS[subject];
      const abstract = Array.from({ length: 30 }, (_, j) => words[(n * 7 + j * 3) % words.length]).join(' ');
      rows.push(JSON.stringify({ id: `p${n}`, title: `${words[n % 6]} ${words[(n + 1) % 6]} study ${n}`, abstract, date: dayString(dayNumber('2025-01-06') + w * 7 + (i % 5)) }));
    }
  }
  writeFileSync(join(ws, 'weeks.jsonl'), rows.join('\n') + '\n');
}

describe('papermap weekly', () => {
  const ws = scratchWorkspace();
  corpus(ws);

  it('refuses weeks that do not exist and names the allowed form', () => {
    const r = papermap(ws, 'weekly', '--input', 'weeks.jsonl', '--week', '2025-W53');
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/--week 2025-W53: no such ISO week/);
    expect(papermap(ws, 'weekly', '--input', 'weeks.jsonl', '--week', 'W10').stderr).toMatch(/ISO week such as 2025-W48/);
  });

  it('builds a week with its history, then the next week keeps the topic ids', () => {
    let r = papermap(ws, 'weekly', '--input', 'weeks.jsonl', '--week', '2025-W11', '--history', '4', '--k', '6');
    expect(r.stderr).not.toMatch(/papermap:/);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/week 2025-W11 \(2025-02-10\.\.2025-03-16/);
    expect(r.stdout).toMatch(/weekly report: reports\/2025-W11\/index\.html/);
    const trends = JSON.parse(readFileSync(join(ws, 'data/runs/2025-W11/trends.json'), 'utf8'));
    expect(trends.periods).toEqual(['2025-W07', '2025-W08', '2025-W09', '2025-W10', '2025-W11']);
    expect(trends.target).toBe('2025-W11');

    r = papermap(ws, 'weekly', '--input', 'weeks.jsonl', '--week', '2025-W12', '--history', '4', '--k', '6');
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/topic ids from 2025-W11/);
    const before = JSON.parse(readFileSync(join(ws, 'data/runs/2025-W11/topics.json'), 'utf8'));
    const after = JSON.parse(readFileSync(join(ws, 'data/runs/2025-W12/topics.json'), 'utf8'));
    expect(after.previous).toBe('2025-W11');
    const carried = after.topics.filter((t: { match: { previous: number | null } }) => t.match.previous !== null);
    expect(carried.length).toBeGreaterThanOrEqual(5);
    for (const t of carried) {
      expect(t.id).toBe(t.match.previous);
      expect(t.name).toBe(before.topics.find((b: { id: number }) => b.id === t.id).name);
    }
    // last week's report gained its link to this week because its inputs say so (this week's topics.json), not by force
    expect(readFileSync(join(ws, 'reports/2025-W11/index.html'), 'utf8')).toContain('href="../2025-W12/index.html"');
    const again = papermap(ws, 'report', '--run', '2025-W11');
    expect(again.code).toBe(0);
    expect(again.stdout).toMatch(/report\s+up to date, skipped/);
  });

  it("opens the digest with the week, its days and its own papers, the window apart, and links the report", () => {
    const lines = readFileSync(join(ws, 'reports/2025-W12/digest.md'), 'utf8').split('\n').filter((l) => l.trim() !== '');
    expect(lines[0]).toBe('# papermap · 2025-W12');
    // 24 papers are dated in 2025-W12; the window holds W08..W12 (5 weeks, 120 papers)
    expect(lines[1]).toBe('**2025-W12**, Monday 2025-03-17 to Sunday 2025-03-23: **24 papers**. [Full report](index.html)');
    expect(lines[2]).toMatch(/^Window: 5 weeks, 2025-02-17 to 2025-03-21, 120 dated papers in \d+ topics;/);
    const trends = JSON.parse(readFileSync(join(ws, 'data/runs/2025-W12/trends.json'), 'utf8'));
    for (const t of trends.topics) {
      expect(['rising', 'fading', 'emerging', 'steady']).toContain(t.trend);
      expect(t.q).toBeGreaterThanOrEqual(t.p - 1e-9);
    }
    expect(trends.test.fdr).toBe(0.1);
  });

  it('links the weeks both ways and lists them in reports/index.html', () => {
    const index = readFileSync(join(ws, 'reports/index.html'), 'utf8');
    expect(index).toContain('href="2025-W12/index.html"');
    expect(index).toContain('href="2025-W11/index.html"');
    expect(readFileSync(join(ws, 'reports/2025-W11/index.html'), 'utf8')).toContain('href="../2025-W12/index.html"');
    const w12 = readFileSync(join(ws, 'reports/2025-W12/index.html'), 'utf8');
    expect(w12).toContain('href="../2025-W11/index.html"');
    expect(w12).toMatch(/earlier runs: 2025-W11: \d+ · 2025-W12: \d+/);
  });

  it('a user name for a topic id sticks to it in later weeks', () => {
    const r = papermap(ws, 'weekly', '--input', 'weeks.jsonl', '--week', '2025-W12', '--topic-name', '0=My favourite topic');
    expect(r.code).toBe(0);
    const topics = JSON.parse(readFileSync(join(ws, 'data/runs/2025-W12/topics.json'), 'utf8')).topics;
    const t0 = topics.find((t: { id: number }) => t.id === 0);
    expect(t0.name).toBe('My favourite topic');
    expect(t0.nameSource).toBe('user');
  });
});

const daily = join(SHARED, 'data/hf-daily-papers/hf_daily_papers.jsonl');
describe.skipIf(!existsSync(daily))('papermap weekly on the real Daily Papers', () => {
  it('2026-W34: the digest opens with the week and its own 108 papers; each flag states the report baseline', () => {
    const ws = scratchWorkspace();
    expect(papermap(ws, 'weekly', '--input', daily, '--week', '2026-W33', '--quiet').code).toBe(0);
    const r = papermap(ws, 'weekly', '--input', daily, '--week', '2026-W34', '--quiet');
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const lines = readFileSync(join(ws, 'reports/2026-W34/digest.md'), 'utf8').split('\n').filter((l) => l.trim() !== '');
    expect(lines[1]).toBe('**2026-W34**, Monday 2026-08-17 to Sunday 2026-08-23: **108 papers**. [Full report](index.html)');
    expect(lines[2]).toMatch(/^Window: 13 weeks, 2026-05-25 to 2026-08-21, 1512 dated papers in \d+ topics;/);
    const trends = JSON.parse(readFileSync(join(ws, 'data/runs/2026-W34/trends.json'), 'utf8'));
    expect(trends.targetTotal).toBe(108);
    const html = readFileSync(join(ws, 'reports/2026-W34/index.html'), 'utf8');
    const digest = lines.join('\n');
    for (const t of trends.topics.filter((x: { trend: string }) => x.trend !== 'steady')) {
      const line = new RegExp(`${t.count} this week against [\\d.]+ expected from the 4 weeks before: rate ratio \\S+ \\(95% CI \\S+ to \\S+\\), q = \\S+`);
      expect(digest).toMatch(line);
      expect(html).toMatch(line);
    }

    // Identity against 2026-W33: no W34 topic is new while a W33 topic gone from W34 shares a strong signal with it.
    const w33 = JSON.parse(readFileSync(join(ws, 'data/runs/2026-W33/topics.json'), 'utf8'));
    const w34 = JSON.parse(readFileSync(join(ws, 'data/runs/2026-W34/topics.json'), 'utf8'));
    type T = { id: number; name: string; terms: { term: string; weight: number }[]; match: { status: string } };
    const membersOf = (run: string, topics: T[]): Map<number, Set<string>> => {
      const ids = readFileSync(join(ws, `data/runs/${run}/papers.jsonl`), 'utf8').trim().split('\n').map((l) => JSON.parse(l).id as string);
      const bin = readFileSync(join(ws, `data/runs/${run}/clusters.bin`));
      const meta = JSON.parse(readFileSync(join(ws, `data/runs/${run}/clusters.json`), 'utf8'));
      const at = meta.arrays.labels;
      const labels = new Int32Array(bin.buffer.slice(bin.byteOffset + at.offset, bin.byteOffset + at.offset + at.length * 4));
      const out = new Map<number, Set<string>>();
      ids.forEach((id, i) => {
        const t = topics[labels[i]].id;
        if (!out.has(t)) out.set(t, new Set());
        out.get(t)?.add(id);
      });
      return out;
    };
    const before = membersOf('2026-W33', w33.topics);
    const after = membersOf('2026-W34', w34.topics);
    const shared = new Set([...[...after.values()].flatMap((s) => [...s])].filter((id) => [...before.values()].some((s) => s.has(id))));
    const gone = w33.topics.filter((t: T) => w34.gone.some((g: { id: number }) => g.id === t.id));
    for (const b of w34.topics.filter((t: T) => t.match.status === 'new')) {
      for (const a of gone) {
        const A = new Set([...(before.get(a.id) ?? [])].filter((id) => shared.has(id)));
        const B = new Set([...(after.get(b.id) ?? [])].filter((id) => shared.has(id)));
        const inter = [...A].filter((id) => B.has(id)).length;
        expect(inter / (A.size + B.size - inter || 1)).toBeLessThan(0.25);
        expect(topTermJaccard(a.terms, b.terms, 10)).toBeLessThan(0.4);
      }
    }
    // Names: distinct, and none repeats a word.
    const names = w34.topics.map((t: T) => t.name.toLowerCase());
    expect(new Set(names).size).toBe(names.length);
    for (const t of w34.topics) expect(repeatsNoWord(t.name), t.name).toBe(true);
    for (const t of w34.topics) expect(['carried', 'new', 'split', 'merged', 'renamed']).toContain(t.match.status);
  }, 300_000); // two weekly runs of ~1,500 papers each
});
if (!existsSync(daily)) console.log(`skipped: the real-corpus weekly test needs ${daily} (../shared is absent)`);

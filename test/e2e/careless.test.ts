// Ingest as a careless or hostile user feeds it: papers are never fused on a weak id, every merge is written down, and bad input gets one line.
import { describe, expect, it } from 'vitest';
import { execFileSync, spawn } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT, papermap, scratchWorkspace } from '../helpers/cli.ts';
import { artifactReader } from '../../pipeline/runner.ts';
import { papermapAsync } from '../fetch/server.ts';
import { mulberry32 } from '../../pipeline/math/random.ts';

const jsonl = (path: string): Record<string, unknown>[] =>
  readFileSync(path, 'utf8').split('\n').filter((l) => l !== '').map((l) => JSON.parse(l) as Record<string, unknown>);

describe('ids', () => {
  const ws = scratchWorkspace();

  it('two CSV files that number their rows 1, 2, 3 give six papers, each with its own title and abstract', () => {
    const csv = (who: string) =>
      'id,title,abstract,date\n' + [1, 2, 3].map((i) => `${i},${who} paper ${i},the abstract of ${who} paper ${i},2025-01-0${i + 5}`).join('\n') + '\n';
    writeFileSync(join(ws, 'a.csv'), csv('A'));
    writeFileSync(join(ws, 'b.csv'), csv('B'));
    const r = papermap(ws, 'ingest', '--input', 'a.csv', 'b.csv', '--run', 'two');
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/read 6, kept 6, merged 0, rejected 0; 3 ids given to papers that disagree \(first: '1' at a\.csv:2 and b\.csv:2\)/);
    const papers = jsonl(join(ws, 'data/runs/two/papers.jsonl'));
    expect(papers).toHaveLength(6);
    for (const p of papers) expect(p.abstract).toBe(`the abstract of ${p.title as string}`);
    expect(new Set(papers.map((p) => p.id)).size).toBe(6);
    const ingest = JSON.parse(readFileSync(join(ws, 'data/runs/two/ingest.json'), 'utf8'));
    expect(ingest.conflicts.map((c: { id: string }) => c.id)).toEqual(['1', '2', '3']);
    expect(jsonl(join(ws, 'data/runs/two/merged.jsonl'))).toEqual([]);
  });

  it('the same papers given twice merge, and each merge is written to merged.jsonl with both sources', () => {
    writeFileSync(join(ws, 'a-copy.csv'), readFileSync(join(ws, 'a.csv')));
    const c = papermap(ws, 'ingest', '--input', 'a.csv', 'a-copy.csv', '--run', 'copy');
    expect(c.code).toBe(0);
    expect(c.stdout).toMatch(/read 6, kept 3, merged 3, rejected 0; which record merged into which: data\/runs\/copy\/merged\.jsonl/);
    expect(jsonl(join(ws, 'data/runs/copy/merged.jsonl'))).toEqual([
      // inputs are read in sorted order: a-copy.csv comes first
      { id: '1', kept: 'a-copy.csv:2', from: 'a.csv:2' },
      { id: '2', kept: 'a-copy.csv:3', from: 'a.csv:3' },
      { id: '3', kept: 'a-copy.csv:4', from: 'a.csv:4' },
    ]);
  });
});

describe('bounded reads', () => {
  const ws = scratchWorkspace();
  const oneLine = (r: { code: number; stderr: string }, code: number, pattern: RegExp) => {
    expect(r.code).toBe(code);
    expect(r.stderr).toMatch(pattern);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
  };

  it('refuses a device and a FIFO in one line before reading a byte (no endless read, no hang)', () => {
    oneLine(papermap(ws, 'ingest', '--input', '/dev/zero', '--run', 'dev', '--format', 'jsonl'), 2, /^papermap: input \/dev\/zero is a device, not a file/);
    execFileSync('mkfifo', [join(ws, 'pipe.jsonl')]);
    oneLine(papermap(ws, 'ingest', '--input', 'pipe.jsonl', '--run', 'fifo'), 2, /^papermap: input pipe\.jsonl is a named pipe \(FIFO\), not a file/);
    // inside a folder too
    oneLine(papermap(ws, 'ingest', '--input', '.', '--run', 'dir'), 2, /^papermap: input pipe\.jsonl is a named pipe/);
  });

  it('refuses a file over --max-input-gb, naming it and the setting', () => {
    writeFileSync(join(ws, 'big.jsonl'), Array.from({ length: 6000 }, (_, i) => JSON.stringify({ title: `t${i}`, abstract: 'x'.repeat(200) })).join('\n'));
    oneLine(papermap(ws, 'ingest', '--input', 'big.jsonl', '--run', 'big', '--max-input-gb', '0.001'), 1, /^papermap: big\.jsonl: 0\.001 GB is over --max-input-gb 0\.001/);
    expect(existsSync(join(ws, 'data/runs/big/papers.jsonl'))).toBe(false);
  });

  it('rejects a record nested 10,000 levels deep at its line and reads the rest (JSON array and JSON Lines)', () => {
    let deep = '"x"';
    for (let i = 0; i < 10_000; i++) deep = `{"a":${deep}}`;
    const ok = (i: number) => JSON.stringify({ title: `Paper ${i}`, abstract: `Abstract ${i}.` });
    writeFileSync(join(ws, 'deep.json'), `[${ok(1)},\n{"title":${deep},"abstract":"x"},\n${ok(2)}]\n`);
    writeFileSync(join(ws, 'deep.jsonl'), `${ok(3)}\n{"title":${deep},"abstract":"x"}\n${ok(4)}\n`);
    const r = papermap(ws, 'ingest', '--input', 'deep.json', 'deep.jsonl', '--run', 'deep');
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/read 6, kept 4, merged 0, rejected 2/);
    const rejects = jsonl(join(ws, 'data/runs/deep/rejects.jsonl'));
    expect(rejects.map((x) => [x.file, x.line, x.reason])).toEqual([
      ['deep.json', 2, 'record nested deeper than 64 levels'],
      ['deep.jsonl', 2, 'record nested deeper than 64 levels'],
    ]);
  });

  it('rejects dates before 1990 or after the day after --as-of, with the reason, so trends do not span centuries', () => {
    const rows = [
      { title: 'Old', abstract: 'a', date: '1900-01-01' },
      { title: 'Future', abstract: 'b', date: '2099-05-01' },
      { title: 'Tomorrow', abstract: 'c', date: '2025-12-13' },
      { title: 'Published later', abstract: 'd', date: '2025-12-01', published: '2030-01-01' },
      { title: 'Fine', abstract: 'e', date: '2025-12-12' },
    ];
    writeFileSync(join(ws, 'dates.jsonl'), rows.map((r) => JSON.stringify(r)).join('\n') + '\n');
    const r = papermap(ws, 'ingest', '--input', 'dates.jsonl', '--run', 'dates', '--as-of', '2025-12-12');
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/read 5, kept 2, merged 0, rejected 3/);
    expect(jsonl(join(ws, 'data/runs/dates/rejects.jsonl')).map((x) => x.reason)).toEqual([
      'date 1900-01-01 is before 1990-01-01: not a plausible day for a paper',
      'date 2099-05-01 is after 2025-12-13 (the day after --as-of): a paper from the future',
      'published 2030-01-01 is after 2025-12-13 (the day after --as-of): a paper from the future',
    ]);
  });
});

describe('scripts beyond Latin', () => {
  const ws = scratchWorkspace();
  const rand = mulberry32(7);
  const pick = (xs: string[]) => xs[Math.floor(rand() * xs.length)];
  const SUBJECTS = [
    ['检索', '增强', '生成', '知识库', '问答', '文档', '向量', '召回', '排序', '语言模型'],
    ['医学', '影像', '分割', '肿瘤', '卷积', '网络', '标注', '诊断', '病灶', '数据集'],
  ];
  const chinese = (subject: string[]) =>
    `本文提出一种${pick(subject)}${pick(subject)}方法，通过${pick(subject)}和${pick(subject)}提升${pick(subject)}的性能。实验表明，${pick(subject)}在${pick(subject)}上优于现有方法，并且${pick(subject)}更加稳定。`;
  const zh = (n: number, from: number) =>
    Array.from({ length: n }, (_, i) => {
      const subject = SUBJECTS[i % 2];
      return { id: `zh-${from + i}`, title: `${pick(subject)}${pick(subject)}的研究`, abstract: chinese(subject), date: '2025-11-20' };
    });

  it('Chinese abstracts in a mixed corpus get terms and a topic of their own', () => {
    const rows = zh(30, 0);
    writeFileSync(join(ws, 'zh.jsonl'), rows.map((r) => JSON.stringify(r)).join('\n') + '\n');
    const r = papermap(ws, 'run', '--input', 'data/sample/daily-papers-page.txt', 'zh.jsonl', '--run', 'mixed', '--as-of', '2025-12-12', '--to', 'label');
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const read = artifactReader(ws, 'mixed');
    const papers = read.jsonl<{ id: string }>('papers.jsonl');
    const labels = read.arrays('clusters').arrays.labels as Int32Array;
    const isZh = papers.map((p) => p.id.startsWith('zh-'));
    const topicsOfZh = new Map<number, number>();
    papers.forEach((_, i) => { if (isZh[i]) topicsOfZh.set(labels[i], (topicsOfZh.get(labels[i]) ?? 0) + 1); });
    // every Chinese paper is in a topic that is mostly Chinese papers
    for (const [topic] of topicsOfZh) {
      const members = papers.filter((_, i) => labels[i] === topic).length;
      expect(topicsOfZh.get(topic) as number, `topic ${topic}`).toBeGreaterThan(members / 2);
    }
    const { topics } = read.json<{ topics: { id: number; terms: { term: string }[] }[] }>('topics.json');
    const zhTopic = [...topicsOfZh.keys()][0];
    expect(topics[zhTopic].terms.some((t) => /[\u4e00-\u9fff]/.test(t.term))).toBe(true);
  });

  it('a corpus of Chinese papers only runs to its report', () => {
    writeFileSync(join(ws, 'zh-only.jsonl'), zh(24, 100).map((r) => JSON.stringify(r)).join('\n') + '\n');
    const r = papermap(ws, 'run', '--input', 'zh-only.jsonl', '--run', 'zh', '--as-of', '2025-12-12');
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/report\s+ran in/);
  });
});

describe('two commands on one run', () => {
  const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

  it('the second stops with one line naming the first, which finishes untouched', async () => {
    const ws = scratchWorkspace();
    const lock = join(ws, 'data/runs/busy/.lock');
    const first = papermapAsync(ws, {}, 'run', '--input', 'data/sample/daily-papers-page.txt', '--run', 'busy', '--as-of', '2025-12-12');
    for (let i = 0; i < 400 && !existsSync(lock); i++) await sleep(25);
    expect(existsSync(lock)).toBe(true);
    const second = await papermapAsync(ws, {}, 'run', '--run', 'busy', '--input', 'data/sample/daily-papers-page.txt', '--as-of', '2025-12-12');
    expect(second.code).toBe(1);
    expect(second.stderr).toMatch(/^papermap: run busy is being written by another papermap \(pid \d+: papermap run --input data\/sample\/daily-papers-page\.txt --run busy .*\); wait for it to finish/);
    expect(second.stderr.trim().split('\n')).toHaveLength(1);
    const done = await first;
    expect(done.stderr).toBe('');
    expect(done.code).toBe(0);
    expect(existsSync(lock)).toBe(false);
  });

  it('Ctrl-C (SIGINT to papermap) stops the run at once, and the next run finishes it from what is whole', async () => {
    const ws = scratchWorkspace();
    const lock = join(ws, 'data/runs/stopped/.lock');
    const args = ['run', '--input', 'data/sample/daily-papers-page.txt', '--run', 'stopped', '--as-of', '2025-12-12'];
    const child = spawn(process.execPath, [join(ROOT, 'bin', 'papermap.js'), ...args], { cwd: ws, env: { ...process.env, CI: 'true' } });
    const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => child.on('exit', (code, signal) => resolve({ code, signal })));
    for (let i = 0; i < 400 && !existsSync(lock); i++) await sleep(25);
    expect(existsSync(lock)).toBe(true);
    child.kill('SIGINT');
    const t0 = Date.now();
    const end = await exited;
    expect(end.signal === 'SIGINT' || end.code === 130, JSON.stringify(end)).toBe(true);
    expect(Date.now() - t0).toBeLessThan(5000);
    // the lock of the process that is gone is taken over; stages left unfinished run again
    const again = papermap(ws, ...args);
    expect(again.stderr).toBe('');
    expect(again.code).toBe(0);
    expect(again.stdout).toMatch(/reports\/stopped\/index\.html/);
  });

  it('a lock left by a process that is gone (kill -9, a crash) is taken over', () => {
    const ws = scratchWorkspace();
    mkdirSync(join(ws, 'data/runs/stale'), { recursive: true });
    writeFileSync(join(ws, 'data/runs/stale/.lock'), JSON.stringify({ pid: 4_000_000, command: 'run', started: '2025-01-01T00:00:00Z' }));
    const r = papermap(ws, 'ingest', '--input', 'data/sample/daily-papers-page.txt', '--run', 'stale', '--as-of', '2025-12-12');
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(existsSync(join(ws, 'data/runs/stale/.lock'))).toBe(false);
  });
});

describe('words that say what happened', () => {
  const ws = scratchWorkspace();

  it('an input whose every record is rejected says so, with the commonest reasons, and keeps rejects.jsonl', () => {
    writeFileSync(join(ws, 'bad.jsonl'), [
      { title: 'No abstract here' }, { title: 'Nor here' }, { title: 'Bad date', abstract: 'x', date: 'Nov 11' }, { abstract: 'no title' },
    ].map((r) => JSON.stringify(r)).join('\n') + '\n');
    const r = papermap(ws, 'ingest', '--input', 'bad.jsonl', '--run', 'bad');
    expect(r.code).toBe(1);
    expect(r.stderr).toBe(
      "papermap: all 4 records were rejected: no abstract (2), date '…' is not a date (expected YYYY-MM-DD, an ISO datetime or YYYY/MM/DD) (1), no title (1) (each one in data/runs/bad/rejects.jsonl)\n",
    );
    expect(jsonl(join(ws, 'data/runs/bad/rejects.jsonl')).map((x) => x.line).sort()).toEqual([1, 2, 3, 4]);
    expect(existsSync(join(ws, 'data/runs/bad/papers.jsonl'))).toBe(false);
  });

  it('an unclosed CSV quote costs one row, reported at the line it opens; the rows after it are kept', () => {
    writeFileSync(join(ws, 'quote.csv'), 'id,title,abstract\n1,"Open quote,abstract one\n2,Fine,abstract two\n3,"Quoted, fine",abstract three\n');
    const r = papermap(ws, 'ingest', '--input', 'quote.csv', '--run', 'quote');
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/read 3, kept 2, merged 0, rejected 1/);
    expect(jsonl(join(ws, 'data/runs/quote/rejects.jsonl')).map((x) => [x.line, x.reason])).toEqual([[2, 'bad CSV row: a quote opened on line 2 is never closed']]);
  });

  it('a semicolon-separated CSV is read; a header with no known column names what it found and the separators tried', () => {
    writeFileSync(join(ws, 'semi.csv'), 'title;abstract;date\nA paper;Its abstract, with a comma;2025-01-06\nAnother;Second abstract;2025-01-07\n');
    const r = papermap(ws, 'ingest', '--input', 'semi.csv', '--run', 'semi');
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/read 2, kept 2, merged 0, rejected 0/);
    expect(jsonl(join(ws, 'data/runs/semi/papers.jsonl'))[0]).toMatchObject({ title: 'A paper', abstract: 'Its abstract, with a comma' });
    writeFileSync(join(ws, 'odd.csv'), 'Name,Blurb,When\nA paper,Its abstract,2025-01-06\n');
    const odd = papermap(ws, 'ingest', '--input', 'odd.csv', '--run', 'odd');
    expect(odd.code).toBe(1);
    expect(odd.stderr).toBe(
      'papermap: odd.csv: the CSV header names no column papermap knows (found "Name", "Blurb", "When"); tried comma, semicolon, tab, bar as separators; name a title and an abstract column, or map them: --map title=COLUMN --map abstract=COLUMN\n',
    );
    const mapped = papermap(ws, 'ingest', '--input', 'odd.csv', '--run', 'odd', '--map', 'title=Name', '--map', 'abstract=Blurb');
    expect(mapped.code).toBe(0);
  });
});

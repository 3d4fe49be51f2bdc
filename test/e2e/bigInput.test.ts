// An input larger than V8's longest string (0x1fffffe8 characters), plain and gzipped, is ingested with the right counts and lines.
import { closeSync, createReadStream, createWriteStream, existsSync, openSync, readFileSync, rmSync, statSync, writeFileSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { createGzip, gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { papermap, scratchWorkspace } from '../helpers/cli.ts';

const STRING_LIMIT = 0x1fffffe8;
const PAPERS = 2000;
/** Every this many papers a broken line (a reject, at its own line). */
const BROKEN_EVERY = 250;

/**
 * Writes the file: PAPERS small papers, each followed by a line of spaces (blank: skipped, as in any
 * JSON Lines file) so that the whole is over the string limit, and a broken record every BROKEN_EVERY.
 * Returns the 1-based lines of the broken records.
 */
function writeBig(path: string): number[] {
  const pad = Buffer.alloc(Math.ceil((STRING_LIMIT + 8 * 2 ** 20) / PAPERS), 32);
  pad[pad.length - 1] = 10;
  const fd = openSync(path, 'w');
  const broken: number[] = [];
  let line = 1;
  try {
    for (let i = 0; i < PAPERS; i++) {
      const rec = { id: `2501.${String(10000 + i)}`, title: `Paper ${i} on modèles 模型`, abstract: `We study topic ${i % 7} with data.`, date: `2025-01-${String(1 + (i % 28)).padStart(2, '0')}` };
      writeSync(fd, JSON.stringify(rec) + '\n');
      line++;
      if (i % BROKEN_EVERY === 0) {
        writeSync(fd, '{"title": "cut off\n');
        broken.push(line);
        line++;
      }
      writeSync(fd, pad);
      line++;
    }
  } finally {
    closeSync(fd);
  }
  return broken;
}

describe('an input over the string limit', () => {
  let ws = '';
  let broken: number[] = [];

  beforeAll(async () => {
    ws = scratchWorkspace();
    broken = writeBig(join(ws, 'big.jsonl'));
    expect(statSync(join(ws, 'big.jsonl')).size).toBeGreaterThan(STRING_LIMIT);
    await pipeline(createReadStream(join(ws, 'big.jsonl')), createGzip({ level: 1 }), createWriteStream(join(ws, 'big.jsonl.gz')));
  }, 120_000);

  afterAll(() => {
    rmSync(join(ws, 'big.jsonl'), { force: true });
    rmSync(join(ws, 'big.jsonl.gz'), { force: true });
  });

  for (const name of ['big.jsonl', 'big.jsonl.gz']) {
    it(`${name}: every paper kept, every broken line rejected at its line`, () => {
      const run = name.endsWith('.gz') ? 'gz' : 'plain';
      const r = papermap(ws, 'ingest', '--input', name, '--run', run);
      expect(r.stderr).not.toMatch(/papermap:|Error/);
      expect(r.code).toBe(0);
      const ingest = JSON.parse(readFileSync(join(ws, 'data/runs', run, 'ingest.json'), 'utf8')) as { counts: Record<string, number> };
      expect(ingest.counts).toMatchObject({ read: PAPERS + broken.length, kept: PAPERS, rejected: broken.length, merged: 0 });
      const rejects = readFileSync(join(ws, 'data/runs', run, 'rejects.jsonl'), 'utf8')
        .trim()
        .split('\n')
        .map((l) => JSON.parse(l) as { file: string; line: number; reason: string });
      expect(rejects.map((x) => x.line)).toEqual(broken);
      expect(rejects.every((x) => x.file === name && /broken JSON/.test(x.reason))).toBe(true);
      const first = JSON.parse(readFileSync(join(ws, 'data/runs', run, 'papers.jsonl'), 'utf8').split('\n')[0]) as { title: string };
      expect(first.title).toBe('Paper 0 on modèles 模型');
    }, 180_000);
  }
});

describe('the arXiv metadata snapshot as downloaded', () => {
  it('arxiv-metadata-oai-snapshot.json.gz (JSON Lines under a .json name, gzipped) is read as arXiv metadata, record by record', () => {
    const ws = scratchWorkspace();
    const rows = Array.from({ length: 30 }, (_, i) =>
      JSON.stringify({
        id: `0704.${String(1 + i).padStart(4, '0')}`,
        title: `Paper ${i}`,
        abstract: `An abstract about topic ${i % 3}.`,
        categories: 'cs.LG stat.ML',
        versions: [{ version: 'v1', created: 'Mon, 2 Apr 2007 19:18:42 GMT' }],
        authors_parsed: [['Lovelace', 'Ada', '']],
      }),
    );
    writeFileSync(join(ws, 'arxiv-metadata-oai-snapshot.json.gz'), gzipSync(rows.join('\n') + '\n'));
    const r = papermap(ws, 'ingest', '--input', 'arxiv-metadata-oai-snapshot.json.gz', '--run', 'arxiv', '--as-of', '2026-11-30');
    expect(r.stderr).not.toMatch(/papermap:|Error/);
    expect(r.code).toBe(0);
    const ingest = JSON.parse(readFileSync(join(ws, 'data/runs/arxiv/ingest.json'), 'utf8')) as { counts: Record<string, number>; files: { format: string }[] };
    expect(ingest.counts).toMatchObject({ read: 30, kept: 30, rejected: 0 });
    expect(ingest.files[0].format).toBe('arxiv');
    const first = JSON.parse(readFileSync(join(ws, 'data/runs/arxiv/papers.jsonl'), 'utf8').split('\n')[0]) as { date: string; authors: string[] };
    expect(first).toMatchObject({ date: '2007-04-02', authors: ['Ada Lovelace'] });
  });
});

describe('a JSON array over the string limit', () => {
  it('stops in one line that names the file and says how to convert it (plain and gzipped), writing no papers', async () => {
    const ws = scratchWorkspace();
    const path = join(ws, 'big.json');
    const fd = openSync(path, 'w');
    try {
      writeSync(fd, '[');
      const pad = Buffer.alloc(2 ** 20, 32);
      for (let i = 0; i * 2 ** 20 <= STRING_LIMIT; i++) writeSync(fd, pad);
      writeSync(fd, '{"title": "a", "abstract": "b"}]');
    } finally {
      closeSync(fd);
    }
    await pipeline(createReadStream(path), createGzip({ level: 1 }), createWriteStream(`${path}.gz`));
    const plain = papermap(ws, 'ingest', '--input', 'big.json', '--run', 'arr');
    expect(plain.code).toBe(1);
    expect(plain.stderr).toMatch(/^papermap: big\.json: \d+ MB, more than papermap reads as one json text \(537 MB\); .*jq -c '\.\[\]' big\.json > papers\.jsonl/);
    expect(plain.stderr.trim().split('\n')).toHaveLength(1);
    const gz = papermap(ws, 'ingest', '--input', 'big.json.gz', '--run', 'arrgz');
    expect(gz.code).toBe(1);
    expect(gz.stderr).toMatch(/^papermap: big\.json\.gz: unpacks to over \d+ MB, .*gunzip -c big\.json\.gz \| jq/);
    expect(gz.stderr.trim().split('\n')).toHaveLength(1);
    expect(existsSync(join(ws, 'data/runs/arr/papers.jsonl'))).toBe(false);
    rmSync(path, { force: true });
    rmSync(`${path}.gz`, { force: true });
  }, 120_000);
});

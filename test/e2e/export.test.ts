// papermap export as a careless user runs it: never over an input, an artifact or a file already there; cells a spreadsheet would run are neutralised; edited artifacts are refused.
import { describe, expect, it } from 'vitest';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { papermap, scratchWorkspace } from '../helpers/cli.ts';
import { csvField } from '../../pipeline/export.ts';

describe('csvField', () => {
  it('prefixes text a spreadsheet would run, quotes what RFC 4180 needs, and leaves numbers alone', () => {
    expect(['=1+1', '+1', '-1', '@A1', '\tx', '\rx'].map(csvField)).toEqual(["'=1+1", "'+1", "'-1", "'@A1", "'\tx", '"\'\rx"']);
    expect(csvField(-1.5)).toBe('-1.5');
    expect(csvField('a "b", c')).toBe('"a ""b"", c"');
    expect(csvField('plain')).toBe('plain');
    expect(csvField(null)).toBe('');
  });
});

describe('papermap export', () => {
  const ws = scratchWorkspace();
  const rows = [
    { id: 'f1', title: '=HYPERLINK("http://evil.example","click")', abstract: 'Alpha beta gamma delta words.', date: '2025-01-06', upvotes: 3, url: 'https://example.org/f1' },
    { id: 'f2', title: '+1 plus a formula', abstract: 'Alpha beta gamma topic words.', date: '2025-01-06', upvotes: 0 },
    { id: 'f3', title: '-2 minus one', abstract: 'Alpha beta gamma topic words here.', date: '2025-01-07' },
    { id: 'f4', title: '@SUM(A1:A9)', abstract: 'Alpha beta gamma delta topic.', date: '2025-01-07' },
    { id: 'f5', title: '\tTab first', abstract: 'Alpha beta gamma words delta.', date: '2025-01-07' },
    ...Array.from({ length: 9 }, (_, i) => ({ id: `p${i}`, title: `Paper ${i}`, abstract: `Alpha beta gamma topic${i % 3} words here.`, date: '2025-01-08', upvotes: i })),
  ];
  writeFileSync(join(ws, 'in.jsonl'), rows.map((r) => JSON.stringify(r)).join('\n') + '\n');
  const built = papermap(ws, 'run', '--input', 'in.jsonl', '--run', 'x', '--min-df', '1', '--k', '2', '--to', 'label');

  it('builds the run it exports', () => {
    expect(built.stderr).toBe('');
    expect(built.code).toBe(0);
  });

  it('refuses to write over the run\'s own input, even with --force, and leaves it as it was', () => {
    const before = readFileSync(join(ws, 'in.jsonl'));
    for (const extra of [[], ['--force']]) {
      const r = papermap(ws, 'export', '--run', 'x', '--out', 'in.jsonl', ...extra);
      expect(r.code).toBe(2);
      expect(r.stderr).toMatch(/^papermap: --out in\.jsonl is an input of run x; .*\n$/);
      expect(readFileSync(join(ws, 'in.jsonl')).equals(before)).toBe(true);
    }
  });

  it('refuses to write into a run folder or a report folder, even with --force', () => {
    for (const out of ['data/runs/x/papers.jsonl', 'data/runs/x/extra.csv', 'reports/x/rows.csv']) {
      const r = papermap(ws, 'export', '--run', 'x', '--out', out, '--force');
      expect(r.code, out).toBe(2);
      expect(r.stderr).toMatch(/is inside papermap's own (data\/runs|reports) folder/);
    }
  });

  it('does not overwrite a file that is there unless --force', () => {
    writeFileSync(join(ws, 'mine.csv'), 'my own notes\n');
    const r = papermap(ws, 'export', '--run', 'x', '--out', 'mine.csv');
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/--out mine\.csv exists; give --force to replace it/);
    expect(readFileSync(join(ws, 'mine.csv'), 'utf8')).toBe('my own notes\n');
    const f = papermap(ws, 'export', '--run', 'x', '--out', 'mine.csv', '--force');
    expect(f.code).toBe(0);
    expect(readFileSync(join(ws, 'mine.csv'), 'utf8')).toMatch(/^id,title,/);
  });

  it('neutralises cells a spreadsheet would run as formulas, leaves numbers as numbers, and carries url and upvotes', () => {
    const r = papermap(ws, 'export', '--run', 'x', '--out', 'p.csv');
    expect(r.code).toBe(0);
    const lines = readFileSync(join(ws, 'p.csv'), 'utf8').trim().split('\r\n');
    expect(lines[0]).toBe('id,title,date,upvotes,url,topic,topic_name,x,y');
    const byId = new Map(lines.slice(1).map((l) => [l.split(',')[0], l]));
    expect(byId.get('f1')).toContain(`"'=HYPERLINK(""http://evil.example"",""click"")"`);
    expect(byId.get('f1')).toContain(',3,https://example.org/f1,');
    expect(byId.get('f2')).toContain(",'+1 plus a formula,2025-01-06,0,,");
    expect(byId.get('f3')).toContain(",'-2 minus one,");
    expect(byId.get('f4')).toContain(",'@SUM(A1:A9),");
    expect(byId.get('f5')).toContain(',Tab first,'); // ingest trims a leading tab: nothing left to run
    for (const l of lines.slice(1)) {
      const cells = l.split(',');
      expect(Number.isFinite(Number(cells.at(-1))), l).toBe(true); // y, negative or not, is a bare number
      expect(Number.isFinite(Number(cells.at(-2))), l).toBe(true);
    }
    // JSON keeps the text exactly: only CSV is read by spreadsheets
    papermap(ws, 'export', '--run', 'x', '--out', 'p.jsonl');
    const first = JSON.parse(readFileSync(join(ws, 'p.jsonl'), 'utf8').split('\n')[0]);
    expect(first.title).toBe('=HYPERLINK("http://evil.example","click")');
    expect(first).toMatchObject({ upvotes: 3, url: 'https://example.org/f1' });
  });

  it('refuses an artifact edited by hand, naming it', () => {
    const path = join(ws, 'data/runs/x/map.bin');
    const bytes = readFileSync(path);
    const edited = Buffer.from(bytes);
    edited[0] ^= 0xff;
    writeFileSync(path, edited);
    const r = papermap(ws, 'export', '--run', 'x', '--out', 'edited.csv');
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^papermap: run x: data\/runs\/x\/map\.bin does not match what the project stage wrote .*papermap run --run x/);
    writeFileSync(path, bytes);
    expect(papermap(ws, 'export', '--run', 'x', '--out', 'edited.csv').code).toBe(0);
  });
});

// The CLI as a user meets it: help, the sample run, caching, and one clear line for every kind of bad input.
import { describe, expect, it } from 'vitest';
import { COMMANDS } from '../../pipeline/commands/help.ts';
import { SPECS } from '../../pipeline/config.ts';
import { STAGES } from '../../pipeline/stages/index.ts';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { papermap, scratchWorkspace } from '../helpers/cli.ts';

function jsonl(path: string): Array<Record<string, unknown>> {
  return readFileSync(path, 'utf8').split('\n').filter(Boolean).map((l) => JSON.parse(l));
}

describe('help and usage errors', () => {
  const ws = scratchWorkspace();
  it('--help lists every command and how to get one command\'s settings', () => {
    const r = papermap(ws, '--help');
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/Usage: papermap <command>/);
    for (const cmd of COMMANDS) expect(r.stdout).toMatch(new RegExp(`^  ${cmd} `, 'm'));
    expect(r.stdout).toContain('papermap help run');
    expect(papermap(ws, '-h').stdout).toBe(r.stdout);
    expect(papermap(ws, 'help').stdout).toBe(r.stdout);
  });

  it('every command answers --help, -h and help COMMAND with its own settings and an example', () => {
    const own: Record<string, string[]> = {
      run: ['--from', '--to', ...SPECS.map((x) => `--${x.flag}`)],
      fetch: ['--source', '--week', '--max-age-days', '--max-response-mb', '--base-url'],
      weekly: ['--week', '--history', '--previous', '--fetch'],
      export: ['--out', '--what', '--force'],
      settings: ['--run', '--reset'],
      models: ['install', 'check', '--force', 'PAPERMAP_MODELS'],
    };
    for (const st of STAGES) own[st.name] = SPECS.filter((x) => x.stages.includes(st.name)).map((x) => `--${x.flag}`);
    for (const cmd of COMMANDS.filter((c) => c !== 'help')) {
      const viaHelp = papermap(ws, 'help', cmd);
      expect(viaHelp.code, cmd).toBe(0);
      expect(viaHelp.stdout, cmd).toMatch(new RegExp(`^papermap ${cmd}: `));
      expect(viaHelp.stdout, cmd).toMatch(/Examples?:|Usage:/);
      for (const flag of own[cmd]) expect(viaHelp.stdout, `${cmd} ${flag}`).toContain(flag);
      expect(papermap(ws, cmd, '--help').stdout, cmd).toBe(viaHelp.stdout);
      expect(papermap(ws, cmd, '-h').stdout, cmd).toBe(viaHelp.stdout);
    }
    // a stage without settings of its own says so, instead of an empty list
    expect(papermap(ws, 'help', 'report').stdout).toMatch(/Settings of report:\n {2}(--|none of its own)/);
  }, 240_000); // 45 CLI processes, slow on a loaded 2-core machine

  it('an unknown command gets one line with the nearest one', () => {
    for (const args of [['wekly'], ['help', 'wekly']]) {
      const r = papermap(ws, ...args);
      expect(r.code).toBe(2);
      expect(r.stderr).toMatch(/^papermap: unknown command 'wekly' \(did you mean weekly\?\); commands: run, ingest, /);
    }
  });

  it('ingest --help explains its own options', () => {
    const r = papermap(ws, 'ingest', '--help');
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/papermap ingest: /);
    for (const f of ['--input', '--format', '--map', '--as-of']) expect(r.stdout).toContain(f);
  });
  it('names an unknown option, a bad value and a bad run name, exit 2', () => {
    let r = papermap(ws, 'run', '--sed', '3');
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/unknown option --sed .*--seed/);
    r = papermap(ws, 'run', '--seed', 'abc');
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/setting seed \(--seed\) must be a whole number from 0 to \d+; got 'abc'/);
    r = papermap(ws, 'ingest', '--format', 'xml');
    expect(r.stderr).toMatch(/setting format \(--format\) must be one of auto, hf-page/);
    r = papermap(ws, 'ingest', '--run', '../../etc');
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/run name '..\/..\/etc' is not allowed/);
    expect(existsSync(join(ws, 'data', 'runs'))).toBe(false);
  });
  it('refuses a bad config file with its name', () => {
    const ws2 = scratchWorkspace();
    writeFileSync(join(ws2, 'papermap.config.json'), '{"minDf": "lots"}');
    const r = papermap(ws2, 'ingest');
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/papermap\.config\.json: setting minDf \(--min-df\) must be a number >= 0; got 'lots'/);
  });

  it('refuses the removed --trend-alpha, as a flag or a config key, pointing to --trend-fdr', () => {
    const ws2 = scratchWorkspace();
    let r = papermap(ws2, 'trends', '--trend-alpha', '0.05');
    expect(r.code).toBe(2);
    expect(r.stderr.trim()).toBe(
      'papermap: setting trendAlpha (--trend-alpha) is no longer supported: the flags now control the false discovery rate over all topics of a period: use --trend-fdr X (config key trendFdr, default 0.1)',
    );
    writeFileSync(join(ws2, 'papermap.config.json'), '{"trendAlpha": 0.01}');
    r = papermap(ws2, 'trends');
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/papermap\.config\.json: setting trendAlpha \(--trend-alpha\) is no longer supported: .*--trend-fdr/);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(papermap(ws2, 'trends', '--trend-fdr', '0.7').stderr).toMatch(/--trend-fdr\) must be a number from 0\.001 to 0\.5; got '0\.7'/);
  });
});

describe('the sample run', () => {
  const ws = scratchWorkspace();
  it('ingests the shipped sample into data/runs/sample with counts and a week table', () => {
    const r = papermap(ws, 'ingest');
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/run sample/);
    expect(r.stdout).toMatch(/read 39, kept 39, merged 0, rejected 0.*1 undated/);
    expect(r.stdout).toMatch(/2025-W48\s+\d+/); // the week table
    const papers = jsonl(join(ws, 'data/runs/sample/papers.jsonl'));
    expect(papers).toHaveLength(39);
    expect(papers.filter((p) => p.date === null)).toHaveLength(1);
    const manifest = JSON.parse(readFileSync(join(ws, 'data/runs/sample/manifest.json'), 'utf8'));
    expect(manifest.stages.ingest.settings.asOf).toBe('2025-12-12');
    expect(manifest.stages.ingest.counts).toMatchObject({ read: 39, kept: 39, merged: 0, rejected: 0 });
  });
  it('skips ingest the second time and re-runs it when a setting changes', () => {
    let r = papermap(ws, 'ingest');
    expect(r.stdout).toMatch(/ingest\s+up to date, skipped/);
    r = papermap(ws, 'ingest', '--as-of', '2026-06-01');
    expect(r.stdout).toMatch(/ingest\s+ran in/);
    r = papermap(ws, 'ingest', '--force');
    expect(r.stdout).toMatch(/ingest\s+ran in/);
  });
  it('names the stages when --from or --to is not one', () => {
    const r = papermap(ws, 'run', '--to', 'reprot');
    expect(r.code).toBe(2);
    expect(r.stderr).toBe("papermap: --to 'reprot' is not a stage; stages: ingest, tokenize, vectorize, reduce, embed, project, cluster, label, trends, report\n");
  });
});

describe('runs from --input', () => {
  it('names the run after the input, keeps bad records in rejects.jsonl, and counts add up', () => {
    const ws = scratchWorkspace();
    writeFileSync(
      join(ws, 'week.jsonl'),
      [
        '{"id":"2501.00001","title":"A","abstract":"About a.","date":"2025-01-06"}',
        '{"id":"2501.00002","title":"B","abstract":"About b.","date":"2025-01-07"',
        '{"id":"2501.00001","title":"A","abstract":"About a, longer.","date":"2025-01-06","upvotes":5}',
        '{"id":"2501.00003","title":"","abstract":"No title.","date":"2025-01-07"}',
        '{"id":"2501.00004","title":"D","abstract":"About d.","date":"2025-01-08"}',
      ].join('\n') + '\n',
    );
    const r = papermap(ws, 'ingest', '--input', 'week.jsonl');
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/run week/);
    expect(r.stdout).toMatch(/read 5, kept 2, merged 1, rejected 2/);
    const rejects = jsonl(join(ws, 'data/runs/week/rejects.jsonl'));
    expect(rejects.map((x) => x.line)).toEqual([2, 4]);
    expect(rejects[0].file).toBe('week.jsonl');
    // a stage command without --input works on the named run
    const again = papermap(ws, 'ingest', '--run', 'week');
    expect(again.stdout).toMatch(/up to date, skipped/);
  });
});

describe('inputs that cannot be read stop with one clear line and no artifact', () => {
  const cases: Array<[string, string | Buffer, RegExp]> = [
    ['missing.jsonl', '', /input missing\.jsonl: no such file or folder/],
    ['bin.jsonl', Buffer.from([0x7b, 0x00, 0x01, 0x02, 0x00, 0x7d]), /bin\.jsonl: a binary file/],
    ['latin1.csv', Buffer.from('title,abstract\ncaf\xe9,x\n', 'latin1'), /latin1\.csv.*UTF-8/],
    ['mystery.dat', 'just some words', /mystery\.dat: cannot tell its format/],
    ['empty.jsonl', '\n\n', /no paper records found/],
  ];
  for (const [name, content, message] of cases) {
    it(name, () => {
      const ws = scratchWorkspace();
      if (name !== 'missing.jsonl') writeFileSync(join(ws, name), content);
      const r = papermap(ws, 'ingest', '--input', name, '--run', 'bad');
      expect(r.code).not.toBe(0);
      expect(r.stderr).toMatch(message);
      expect(r.stderr.trim().split('\n')).toHaveLength(1);
      expect(existsSync(join(ws, 'data/runs/bad/papers.jsonl'))).toBe(false);
      expect(existsSync(join(ws, 'data/runs/bad/manifest.json'))).toBe(false);
    });
  }
});

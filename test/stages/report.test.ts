// The report stage as a user meets it: the main job ends with the report path; the report is a tracked, escaped, offline output.
import { describe, expect, it } from 'vitest';
import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { JSDOM } from 'jsdom';
import { papermap, scratchWorkspace } from '../helpers/cli.ts';
import { unpackMap } from '../helpers/mapData.ts';

describe('report stage', () => {
  const ws = scratchWorkspace();

  it('the sample pipeline ends with the report path, and the report allows no network', () => {
    const r = papermap(ws, 'run');
    expect(r.code).toBe(0);
    const lines = r.stdout.trim().split('\n');
    expect(lines[lines.length - 1]).toMatch(/^report\s+ran in .*reports\/sample\/index\.html/);
    const html = readFileSync(join(ws, 'reports/sample/index.html'), 'utf8');
    const csp = new JSDOM(html).window.document.querySelector('meta[http-equiv="Content-Security-Policy"]');
    expect(csp?.getAttribute('content')).toMatch(/^default-src 'none'; script-src 'sha256-/);
    expect(existsSync(join(ws, 'reports/sample/digest.md'))).toBe(true);
    const m = JSON.parse(readFileSync(join(ws, 'data/runs/sample/manifest.json'), 'utf8'));
    expect(Object.keys(m.stages.report.outputs)).toEqual(['reports/sample/index.html', 'reports/sample/digest.md']);
  });

  it('a deleted or edited report is rebuilt, and nothing else re-runs', () => {
    rmSync(join(ws, 'reports/sample/index.html'));
    let r = papermap(ws, 'run');
    expect(r.stdout).toMatch(/label\s+up to date/);
    expect(r.stdout).toMatch(/trends\s+up to date/);
    expect(r.stdout).toMatch(/report\s+ran in/);
    writeFileSync(join(ws, 'reports/sample/digest.md'), 'edited');
    r = papermap(ws, 'run');
    expect(r.stdout).toMatch(/report\s+ran in/);
    expect(readFileSync(join(ws, 'reports/sample/digest.md'), 'utf8')).not.toBe('edited');
  });

  it('hostile titles render as text, never as markup', () => {
    const hostile = ['<script>alert(1)</script> Diffusion', '"><img src=x onerror=alert(2)> Retrieval', '</script><b>bold</b> Agents'];
    const rows = Array.from({ length: 30 }, (_, i) => ({
      id: `2501.${10000 + i}`,
      title: i < 3 ? hostile[i] : `Paper ${i} on ${['diffusion', 'retrieval', 'agents'][i % 3]}`,
      abstract: `We study ${['diffusion', 'retrieval', 'agents'][i % 3]} models and ${['diffusion', 'retrieval', 'agents'][i % 3]} data.`,
      date: `2025-01-${String(6 + (i % 20)).padStart(2, '0')}`,
      url: i === 0 ? 'javascript:alert(3)' : `https://arxiv.org/abs/2501.${10000 + i}`,
      upvotes: i < 3 ? 100 - i : 1, // the hostile ones lead the most-upvoted lists
    }));
    writeFileSync(join(ws, 'hostile.jsonl'), rows.map((x) => JSON.stringify(x)).join('\n'));
    const r = papermap(ws, 'run', '--input', 'hostile.jsonl', '--min-df', '1', '--k', '3');
    expect(r.code).toBe(0);
    const html = readFileSync(join(ws, 'reports/hostile/index.html'), 'utf8');
    const dom = new JSDOM(html);
    const doc = dom.window.document;
    expect(doc.querySelectorAll('img').length).toBe(0);
    expect(doc.querySelectorAll('b').length).toBe(0);
    expect([...doc.querySelectorAll('script')].every((s) => s.type === 'application/json' || !s.src)).toBe(true);
    expect(doc.querySelectorAll('script:not([type="application/json"])').length).toBe(1); // the inline client script only
    expect(doc.body.textContent).toContain('<script>alert(1)</script> Diffusion');
    const mapData = unpackMap(doc.getElementById('map-data')?.textContent ?? '{}');
    expect(mapData.texts.title).toContain('<script>alert(1)</script> Diffusion');
    expect(html).not.toContain('javascript:alert');
  });

  it('isolates bidirectional controls of a title in the report, and drops them from the digest and exports', () => {
    const RLO = '\u202E';
    const rows = Array.from({ length: 30 }, (_, i) => ({
      id: `2502.${10000 + i}`,
      title: i === 0 ? `Reversed ${RLO}gnirts a` : `Paper ${i} on ${['diffusion', 'retrieval', 'agents'][i % 3]}`,
      abstract: `We study ${['diffusion', 'retrieval', 'agents'][i % 3]} models and ${['diffusion', 'retrieval', 'agents'][i % 3]} data.`,
      date: i === 0 ? '2025-02-21' : `2025-02-${String(3 + (i % 20)).padStart(2, '0')}`, // in the reported week
      upvotes: i === 0 ? 99 : 1,
    }));
    writeFileSync(join(ws, 'bidi.jsonl'), rows.map((x) => JSON.stringify(x)).join('\n'));
    const r = papermap(ws, 'run', '--input', 'bidi.jsonl', '--min-df', '1', '--k', '3');
    expect(r.code).toBe(0);
    const doc = new JSDOM(readFileSync(join(ws, 'reports/bidi/index.html'), 'utf8')).window.document;
    // the map's data (a JSON script, not shown) keeps the title as it came; every shown text is checked
    const holders = [...doc.querySelectorAll('body *:not(script)')].filter((el) => [...el.childNodes].some((n) => n.nodeType === 3 && n.textContent?.includes(RLO)));
    expect(holders.length).toBeGreaterThan(0);
    // every text node holding the override is the whole content of its own <bdi>, so the date beside it is outside the isolate
    for (const el of holders) {
      expect(el.tagName).toBe('BDI');
      expect(el.textContent).toBe(`Reversed ${RLO}gnirts a`);
      expect(el.parentElement?.parentElement?.querySelector('.meta')?.textContent ?? '').not.toContain(RLO);
    }
    const digest = readFileSync(join(ws, 'reports/bidi/digest.md'), 'utf8');
    expect(digest).toContain('Reversed gnirts a');
    expect(digest).not.toMatch(/[\u202A-\u202E\u2066-\u2069]/);
    papermap(ws, 'export', '--run', 'bidi', '--out', 'bidi.csv');
    papermap(ws, 'export', '--run', 'bidi', '--out', 'bidi.jsonl.out.jsonl');
    for (const f of ['bidi.csv', 'bidi.jsonl.out.jsonl']) {
      const text = readFileSync(join(ws, f), 'utf8');
      expect(text, f).toContain('Reversed gnirts a');
      expect(text, f).not.toContain(RLO);
    }
  });
});

// Speed of the parts the tests check for size and correctness (`npm run bench -- --scale`): readers, normalisation and de-duplication at 25k and 50k records (linear?), a 10k-paper report rendered and loaded in Chromium.
import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium } from 'playwright-core';
import { readCsv } from '../../pipeline/sources/csv.ts';
import { readJsonArray, readJsonl } from '../../pipeline/sources/jsonRecords.ts';
import { readHfPage } from '../../pipeline/sources/hfPage.ts';
import { normalizePaper } from '../../pipeline/sources/normalize.ts';
import { dedupe } from '../../pipeline/sources/dedupe.ts';
import { isReject } from '../../pipeline/sources/rejects.ts';
import type { Paper } from '../../pipeline/paper.ts';
import type { RawPaper } from '../../pipeline/sources/types.ts';
import { renderReport } from '../../pipeline/report/page.ts';
import { bigModel } from '../report/fixtures.ts';
import { asCsv, asJsonArray, asJsonl, asPage, bigRecords } from '../helpers/bigRecords.ts';

const CHROMIUM = process.env.PAPERMAP_CHROMIUM ?? '/usr/bin/chromium';
const OPTS = { map: {}, asOf: '2026-11-28' };

/** Best of three runs, in ms. */
function best(f: () => void): number {
  let min = Infinity;
  for (let r = 0; r < 3; r++) {
    const t0 = performance.now();
    f();
    min = Math.min(min, performance.now() - t0);
  }
  return min;
}

function normaliseAll(records: RawPaper[]): Paper[] {
  const out: Paper[] = [];
  for (const r of records) {
    const p = normalizePaper(r);
    if (!isReject(p)) out.push(p);
  }
  return out;
}

export async function scaleBench(): Promise<number> {
  const rows: string[][] = [];
  const sizes = [25_000, 50_000];
  const steps: [string, (n: number) => () => void][] = [
    ['JSON Lines read', (n) => { const t = asJsonl(bigRecords(n)); return () => void readJsonl(t, 'b.jsonl', OPTS); }],
    ['JSON array read', (n) => { const t = asJsonArray(bigRecords(n)); return () => void readJsonArray(t, 'b.json', OPTS); }],
    ['CSV read', (n) => { const t = asCsv(bigRecords(n)); return () => void readCsv(t, 'b.csv', OPTS); }],
    ['saved page read (2/5 of n)', (n) => { const t = asPage(bigRecords((n * 2) / 5)); return () => void readHfPage(t, 'b.txt', OPTS); }],
    ['normalise', (n) => { const r = readJsonl(asJsonl(bigRecords(n)), 'b.jsonl', OPTS).records; return () => void normaliseAll(r); }],
    ['de-duplicate', (n) => { const p = normaliseAll(readJsonl(asJsonl(bigRecords(n)), 'b.jsonl', OPTS).records); return () => void dedupe(p); }],
  ];
  for (const [name, make] of steps) {
    const ms = sizes.map((n) => best(make(n)));
    rows.push([name, ...ms.map((m) => m.toFixed(0)), (ms[1] / ms[0]).toFixed(2)]);
    process.stderr.write(`${name}: ${ms.map((m) => m.toFixed(0)).join(' / ')} ms\n`);
  }
  const out: string[] = ['Readers (best of 3, ms; a linear step doubles from 25k to 50k)', ''];
  const w = [28, 10, 10, 8];
  const line = (cells: string[]) => cells.map((c, i) => (i === 0 ? c.padEnd(w[i]) : c.padStart(w[i]))).join('  ');
  out.push(line(['step', '25k', '50k', 'ratio']), ...rows.map(line), '');

  const model = bigModel(10_000);
  let html = '';
  const renderMs = best(() => { html = renderReport(model); });
  out.push('10k-paper report', '', `  render ${renderMs.toFixed(0)} ms, ${(Buffer.byteLength(html) / 1e6).toFixed(2)} MB (the explorer at 100k: npm run bench -- --explorer)`);
  if (existsSync(CHROMIUM)) {
    const dir = mkdtempSync(join(tmpdir(), 'papermap-scale-'));
    const file = join(dir, 'index.html');
    writeFileSync(file, html);
    const browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox'] });
    const loads: number[] = [];
    for (let r = 0; r < 3; r++) {
      const page = await browser.newPage();
      await page.goto(pathToFileURL(file).href, { waitUntil: 'load' });
      loads.push(await page.evaluate(() => {
        const nav = performance.getEntriesByType('navigation')[0] as PerformanceNavigationTiming;
        return nav.loadEventStart - nav.startTime;
      }));
      await page.close();
    }
    await browser.close();
    out.push(`  load in headless Chromium: ${loads.map((m) => m.toFixed(0)).join(', ')} ms (load event, 3 loads)`);
  } else out.push(`  (no Chromium at ${CHROMIUM}: the load time is not measured)`);
  process.stdout.write(out.join('\n') + '\n');
  return 0;
}

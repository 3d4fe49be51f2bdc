// The report in a real browser (Debian's headless Chromium via playwright-core): loads fast, no errors, no network, map hover and search work.
import { describe, expect, it, beforeAll, afterAll } from 'vitest';
import { existsSync, mkdirSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium, type Browser } from 'playwright-core';
import { papermap, scratchWorkspace, SHARED, ROOT } from '../helpers/cli.ts';

const CHROMIUM = process.env.PAPERMAP_CHROMIUM ?? '/usr/bin/chromium';
const HF = join(SHARED, 'data/hf-daily-papers/hf_daily_papers.jsonl');
const haveChromium = existsSync(CHROMIUM);
if (!haveChromium) console.log(`skipped: browser tests need Chromium at ${CHROMIUM} (apt-get install chromium; .ci/run installs it)`);

/** A small fixture when ../shared is absent: enough papers over a few weeks to make topics. */
function fixture(ws: string): string {
  const words = ['retrieval', 'diffusion', 'robotics', 'reasoning', 'speech', 'agents'];
  const rows = Array.from({ length: 240 }, (_, i) => {
    const w = words[i % words.length];
    const day = `2025-11-${String(3 + (i % 26)).padStart(2, '0')}`;
    return JSON.stringify({
      id: `2511.${String(10000 + i)}`,
      title: `${w[0].toUpperCase()}${w.slice(1)} study ${i} <script>alert(1)</script>`,
      abstract: `We study ${w} models for ${w} tasks with ${w} data and ${w} benchmarks; ${w} methods improve ${w}.`,
      date: day,
      upvotes: i % 7,
      url: `https://huggingface.co/papers/2511.${10000 + i}`,
    });
  });
  writeFileSync(join(ws, 'fixture.jsonl'), rows.join('\n') + '\n');
  return 'fixture.jsonl';
}

describe.skipIf(!haveChromium)('report in headless Chromium', () => {
  let browser: Browser;
  let reportPath = '';
  let nPapers = 0;

  beforeAll(async () => {
    const ws = scratchWorkspace();
    const input = existsSync(HF) ? HF : fixture(ws);
    if (!existsSync(HF)) console.log(`note: ${HF} is absent; the browser test uses a small fixture`);
    const r = papermap(ws, 'run', '--input', input, '--run', 'browser', '--k', '20');
    expect(r.stderr).not.toMatch(/papermap:|Error/); // progress lines only
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/reports\/browser\/index\.html/);
    reportPath = join(ws, 'reports/browser/index.html');
    nPapers = Number(/kept (\d+)/.exec(r.stdout)?.[1]);
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    });
  }, 300_000);

  afterAll(async () => {
    await browser?.close();
  });

  it('loads with no console error and no request, draws every paper, and hover and search work', async () => {
    expect(statSync(reportPath).size).toBeLessThan(5 * 1024 * 1024);
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    const errors: string[] = [];
    const requests: string[] = [];
    page.on('console', (m) => {
      if (m.type() === 'error') errors.push(m.text());
    });
    page.on('pageerror', (e) => errors.push(String(e)));
    const url = pathToFileURL(reportPath).href;
    page.on('request', (req) => {
      if (req.url() !== url) requests.push(req.url());
    });
    await page.goto(url, { waitUntil: 'load' });
    expect(errors).toEqual([]);
    expect(requests).toEqual([]);
    expect(await page.getAttribute('#map', 'data-points')).toBe(String(nPapers));

    // hover the paper whose point stands most apart (so no other point is nearer): its title shows in the tooltip
    const target = await page.evaluate(() => {
      const data = JSON.parse(document.getElementById('map-data')?.textContent ?? '{}') as { q: number[]; title: string[] };
      const canvas = document.getElementById('map-canvas') as HTMLCanvasElement;
      canvas.scrollIntoView({ block: 'center' }); // the mouse reaches only what the viewport shows
      const rect = canvas.getBoundingClientRect();
      const n = data.title.length;
      const px = (i: number) => (data.q[2 * i] / 10000) * rect.width;
      const py = (i: number) => (1 - data.q[2 * i + 1] / 10000) * rect.height;
      let best = 0;
      let bestGap = -1;
      const inside = (i: number) => data.q[2 * i] > 300 && data.q[2 * i] < 9700 && data.q[2 * i + 1] > 300 && data.q[2 * i + 1] < 9700;
      for (let i = 0; i < Math.min(n, 3000); i++) {
        if (!inside(i)) continue; // points on the frame's edge sit on the canvas border
        let gap = Infinity;
        for (let j = 0; j < n; j++) {
          if (j !== i) gap = Math.min(gap, (px(i) - px(j)) ** 2 + (py(i) - py(j)) ** 2);
        }
        if (gap > bestGap) {
          bestGap = gap;
          best = i;
        }
      }
      return { x: rect.left + px(best), y: rect.top + py(best), title: data.title[best] };
    });
    await page.mouse.move(target.x, target.y);
    await page.waitForSelector('#map-tooltip:not([hidden])', { timeout: 5000 });
    const tip = await page.textContent('#map-tooltip');
    expect(tip).toContain(target.title.slice(0, 30));

    // the search box filters the map
    const word = target.title.split(/\s+/).find((w) => w.length > 5) ?? target.title.slice(0, 6);
    await page.fill('#search', word);
    await page.waitForFunction(
      (n) => Number(document.getElementById('map')?.getAttribute('data-points')) < n,
      nPapers,
      { timeout: 5000 },
    );
    const shown = Number(await page.getAttribute('#map', 'data-points'));
    expect(shown).toBeGreaterThan(0);
    const out = join(ROOT, 'test/output');
    mkdirSync(out, { recursive: true });
    await page.fill('#search', '');
    await page.screenshot({ path: join(out, 'report.png'), fullPage: false });
    expect(existsSync(join(out, 'report.png'))).toBe(true);
    await page.close();
  });
});

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

  it('zooms about the pointer with the wheel (not scrolling the page), pans by drag and arrows, resets with 0 and the button; labels never overlap', async () => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(String(e)));
    await page.goto(pathToFileURL(reportPath).href, { waitUntil: 'load' });
    const view = async (): Promise<number[]> => ((await page.getAttribute('#map', 'data-view')) ?? '').split(' ').map(Number);
    const canvas = page.locator('#map-canvas');
    await canvas.scrollIntoViewIfNeeded();
    const box = (await canvas.boundingBox()) as { x: number; y: number; width: number; height: number };
    const whole = await view();
    expect(whole).toHaveLength(4);
    // labels at the whole-map view: some, none overlapping, all inside the frame
    const boxes = JSON.parse((await page.getAttribute('#map', 'data-label-boxes')) ?? '[]') as number[][];
    expect(boxes.length).toBeGreaterThan(3);
    for (let a = 0; a < boxes.length; a++) {
      const [x, y, w, h] = boxes[a];
      expect(x >= 0 && y >= 0 && x + w <= box.width + 0.5 && y + h <= box.height + 0.5, `label ${a} inside`).toBe(true);
      for (let b = 0; b < a; b++) {
        const o = boxes[b];
        expect(x < o[0] + o[2] && o[0] < x + w && y < o[1] + o[3] && o[1] < y + h, `labels ${a} and ${b} overlap`).toBe(false);
      }
    }
    // one wheel step of -500 doubles the zoom (2^(500/500)) about the pointer, and the page does not scroll
    const at = { x: box.x + box.width * 0.3, y: box.y + box.height * 0.6 };
    const scrollBefore = await page.evaluate(() => window.scrollY);
    const dataAt = [whole[0] + 0.3 * (whole[1] - whole[0]), whole[3] - 0.6 * (whole[3] - whole[2])];
    await page.mouse.move(at.x, at.y);
    await page.mouse.wheel(0, -500);
    await page.waitForFunction(() => document.getElementById('map')?.getAttribute('data-zoom') === '2', null, { timeout: 5000 });
    expect(await page.evaluate(() => window.scrollY)).toBe(scrollBefore);
    const zoomed = await view();
    expect(zoomed[1] - zoomed[0]).toBeCloseTo((whole[1] - whole[0]) / 2, 3);
    // the point under the pointer stays under it (within 2 px of the canvas: the mouse lands on whole pixels)
    const px2 = (2 / box.width) * (whole[1] - whole[0]);
    expect(Math.abs(zoomed[0] + 0.3 * (zoomed[1] - zoomed[0]) - dataAt[0])).toBeLessThan(px2);
    expect(Math.abs(zoomed[3] - 0.6 * (zoomed[3] - zoomed[2]) - dataAt[1])).toBeLessThan((2 / box.height) * (whole[3] - whole[2]));
    // drag to the right moves the view left (earlier x)
    await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
    await page.mouse.down();
    await page.mouse.move(box.x + box.width / 2 + 120, box.y + box.height / 2, { steps: 6 });
    await page.mouse.up();
    await page.waitForTimeout(100);
    const dragged = await view();
    expect(dragged[0]).toBeLessThan(zoomed[0]);
    expect(dragged[1] - dragged[0]).toBeCloseTo(zoomed[1] - zoomed[0], 3);
    // keyboard on the focused map: arrow pans, + zooms in, 0 shows the whole map
    await page.focus('#map');
    await page.keyboard.press('ArrowRight');
    await page.waitForTimeout(100);
    expect((await view())[0]).toBeGreaterThan(dragged[0]);
    await page.keyboard.press('+');
    await page.waitForFunction(() => document.getElementById('map')?.getAttribute('data-zoom') === '4', null, { timeout: 5000 });
    await page.keyboard.press('0');
    await page.waitForFunction(() => document.getElementById('map')?.getAttribute('data-zoom') === '1', null, { timeout: 5000 });
    expect(await view()).toEqual(whole);
    // double-click zooms in, the button shows the whole map again
    await page.mouse.dblclick(at.x, at.y);
    await page.waitForFunction(() => document.getElementById('map')?.getAttribute('data-zoom') === '2', null, { timeout: 5000 });
    await page.click('#map-reset');
    await page.waitForFunction(() => document.getElementById('map')?.getAttribute('data-zoom') === '1', null, { timeout: 5000 });
    expect(errors).toEqual([]);
    await page.close();
  });

  it('choosing a topic zooms the map to it and dims the others; "show on map" brings the map into view', async () => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    await page.goto(pathToFileURL(reportPath).href, { waitUntil: 'load' });
    const data = JSON.parse((await page.textContent('#map-data')) ?? '{}') as { t: number[]; topics: { id: number; size: number }[] };
    const topic = data.topics.find((t) => t.size > 5) as { id: number; size: number };
    await page.click(`.legend [data-filter-topic="${topic.id}"]`);
    await page.waitForFunction(() => Number(document.getElementById('map')?.getAttribute('data-zoom')) > 1, null, { timeout: 5000 });
    expect(Number(await page.getAttribute('#map', 'data-matches'))).toBe(data.t.filter((t) => t === topic.id).length);
    // every paper of the topic is in the zoomed view, and only its label is drawn
    expect(Number(await page.getAttribute('#map', 'data-points'))).toBe(data.t.filter((t) => t === topic.id).length);
    expect(Number(await page.getAttribute('#map', 'data-labels'))).toBe(1);
    await page.click(`.legend [data-filter-topic="${topic.id}"]`);
    await page.waitForFunction(() => document.getElementById('map')?.getAttribute('data-zoom') === '1', null, { timeout: 5000 });
    expect(Number(await page.getAttribute('#map', 'data-matches'))).toBe(data.t.length);
    // the button beside a topic, far down the page, brings the map into view
    const show = page.locator(`#topic-${topic.id} [data-filter-topic="${topic.id}"]`);
    await show.scrollIntoViewIfNeeded();
    await show.click();
    await page.waitForFunction(() => Number(document.getElementById('map')?.getAttribute('data-zoom')) > 1, null, { timeout: 5000 });
    await page.waitForTimeout(300);
    const rect = await page.evaluate(() => { const r = document.getElementById('map')!.getBoundingClientRect(); return { top: r.top, bottom: r.bottom }; });
    expect(rect.bottom).toBeGreaterThan(0);
    expect(rect.top).toBeLessThan(900);
    await page.close();
  });
});

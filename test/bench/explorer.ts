// The explorer at scale (`npm run bench -- --explorer --sizes 100000`): report size, load time and repaint time in headless Chromium.
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium, type Browser, type Page } from 'playwright-core';
import { sizeLabel, syntheticCorpus } from './corpora.ts';

const CHROMIUM = process.env.PAPERMAP_CHROMIUM ?? '/usr/bin/chromium';
const LOADS = 3;
const STEPS = 20;

function median(xs: readonly number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
}

/** Runs papermap in `root`; the report stage is forced so that the page is today's code, the others reuse the run's cache. */
function papermap(root: string, args: string[]): void {
  const r = spawnSync(process.execPath, [join(root, 'bin', 'papermap.js'), ...args], { cwd: root, stdio: ['ignore', 'ignore', 'inherit'] });
  if (r.status !== 0) throw new Error(`papermap ${args.join(' ')} exited with ${r.status}`);
}

/** Milliseconds from navigation start until the map is drawn and its texts are unpacked (#map[data-state=ready]). */
async function loadMs(page: Page, url: string): Promise<number> {
  await page.goto(url, { waitUntil: 'commit' });
  await page.waitForSelector('#map[data-state=ready]', { timeout: 60_000 });
  return page.evaluate(() => performance.now());
}

/** One zoom step by a wheel event at the map's centre: ms from the event to the frame after the redraw, and draw's own ms. */
async function zoomStep(page: Page, deltaY: number): Promise<{ frame: number; draw: number }> {
  return page.evaluate(
    (dy) =>
      new Promise<{ frame: number; draw: number }>((resolve) => {
        const canvas = document.getElementById('map-canvas') as HTMLCanvasElement;
        const r = canvas.getBoundingClientRect();
        const t0 = performance.now();
        canvas.dispatchEvent(new WheelEvent('wheel', { deltaY: dy, clientX: r.left + r.width / 2, clientY: r.top + r.height / 2, bubbles: true, cancelable: true }));
        // the map redraws in the next animation frame; this callback runs right after it in that frame
        requestAnimationFrame(() =>
          resolve({ frame: performance.now() - t0, draw: Number(document.getElementById('map')?.getAttribute('data-draw-ms')) }),
        );
      }),
    deltaY,
  );
}

/** The figures of one report page, as the table shows them. */
async function measureReport(browser: Browser, file: string, n: number): Promise<string[]> {
  const url = pathToFileURL(file).href;
  const loads: number[] = [];
  const frames: number[] = [];
  const draws: number[] = [];
  let first = 0;
  let search = 0;
  for (let l = 0; l < LOADS; l++) {
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    loads.push(await loadMs(page, url));
    if (l === LOADS - 1) {
      first = Number(await page.getAttribute('#map', 'data-draw-ms'));
      await page.locator('#map-canvas').scrollIntoViewIfNeeded();
      for (let s = 0; s < STEPS; s++) {
        const step = await zoomStep(page, s < STEPS / 2 ? -250 : 250);
        frames.push(step.frame);
        draws.push(step.draw);
      }
      const before = await page.getAttribute('#map', 'data-matches');
      const t0 = Date.now();
      await page.fill('#search', 'method');
      await page.waitForFunction((b) => document.getElementById('map')?.getAttribute('data-matches') !== b, before, { timeout: 120_000 });
      search = Date.now() - t0;
    }
    await page.close();
  }
  return [
    String(n),
    (statSync(file).size / 1e6).toFixed(1),
    median(loads).toFixed(0),
    first.toFixed(0),
    `${median(frames).toFixed(0)} / ${Math.max(...frames).toFixed(0)}`,
    `${median(draws).toFixed(1)} / ${Math.max(...draws).toFixed(1)}`,
    String(search),
  ];
}

/** Measures the explorer on synthetic corpora of the given sizes (built as runs here), or on the given report files. */
export async function explorerBench(root: string, shared: string, sizes: readonly number[], reports: readonly string[] = []): Promise<number> {
  if (!existsSync(CHROMIUM)) {
    process.stderr.write(`bench --explorer needs Chromium at ${CHROMIUM} (apt-get install chromium)\n`);
    return 2;
  }
  const out: string[] = [
    'Explorer in headless Chromium (1280x900, devicePixelRatio 1; load: navigation to #map[data-state=ready], median of 3;',
    `zoom: ${STEPS} wheel steps of ±250 (2^0.5 each), event to the frame after the redraw, and the draw itself; search: typing to the new count)`,
    '',
  ];
  const header = ['papers', 'report MB', 'load ms', 'first draw ms', 'zoom frame p50/max ms', 'draw p50/max ms', 'search ms'];
  const rows: string[][] = [];
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox', '--disable-gpu'] });
  try {
    const files: { file: string; n: number }[] = [];
    for (const file of reports) {
      const m = /data-total="(\d+)"/.exec(readFileSync(file, 'utf8').slice(0, 4_000_000));
      files.push({ file, n: m ? Number(m[1]) : 0 });
    }
    if (reports.length === 0) {
      for (const n of sizes) {
        const corpus = await syntheticCorpus(root, shared, n, (l) => process.stderr.write(`${l}\n`));
        const run = `bench-explorer-${sizeLabel(n)}`;
        process.stderr.write(`${run}: papermap run (cached stages reused), then the report\n`);
        papermap(root, ['run', '--input', corpus.path, '--k', '30', '--run', run, '--to', 'trends', '--quiet']);
        papermap(root, ['report', '--run', run, '--force', '--quiet']);
        files.push({ file: join(root, 'reports', run, 'index.html'), n });
      }
    }
    for (const { file, n } of files) {
      rows.push(await measureReport(browser, file, n));
      process.stderr.write(`${file}: ${rows[rows.length - 1].join(', ')}\n`);
    }
  } finally {
    await browser.close();
  }
  const w = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
  const line = (cells: string[]) => cells.map((c, i) => c.padStart(w[i])).join('  ');
  out.push(line(header), ...rows.map(line));
  process.stdout.write(out.join('\n') + '\n');
  return 0;
}

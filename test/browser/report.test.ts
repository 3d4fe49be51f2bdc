// The report's explorer in a real browser (Debian's headless Chromium via playwright-core), driven by mouse, keyboard and touch.
import { describe, expect, it, beforeAll, afterAll } from 'vitest';
import { existsSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium, type Browser, type Page } from 'playwright-core';
import { excerpt } from '../../pipeline/report/mapPack.ts';
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
      authors: i % 5 === 0 ? ['Kaiming He', 'Ada Lovelace'] : ['Ada Lovelace'],
      url: `https://huggingface.co/papers/2511.${10000 + i}`,
    });
  });
  writeFileSync(join(ws, 'fixture.jsonl'), rows.join('\n') + '\n');
  return 'fixture.jsonl';
}

/** A paper as `papermap export` gives it (the coordinates data-view uses), with its authors from papers.jsonl. */
interface Exported {
  id: string;
  title: string;
  date: string | null;
  upvotes: number | null;
  topic: number;
  x: number;
  y: number;
  authors: string;
  abstract: string;
}

const LAUNCH = ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];

describe.skipIf(!haveChromium)('report in headless Chromium', () => {
  let browser: Browser;
  let reportPath = '';
  let url = '';
  let nPapers = 0;
  let papers: Exported[] = [];

  beforeAll(async () => {
    const ws = scratchWorkspace();
    const input = existsSync(HF) ? HF : fixture(ws);
    if (!existsSync(HF)) console.log(`note: ${HF} is absent; the browser test uses a small fixture`);
    const r = papermap(ws, 'run', '--input', input, '--run', 'browser', '--k', '20');
    expect(r.stderr).not.toMatch(/papermap:|Error/); // progress lines only
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/reports\/browser\/index\.html/);
    reportPath = join(ws, 'reports/browser/index.html');
    url = pathToFileURL(reportPath).href;
    nPapers = Number(/kept (\d+)/.exec(r.stdout)?.[1]);
    const ex = papermap(ws, 'export', '--run', 'browser', '--out', 'papers.json');
    expect(ex.code).toBe(0);
    const rows = JSON.parse(readFileSync(join(ws, 'papers.json'), 'utf8')) as Omit<Exported, 'authors' | 'abstract'>[];
    const full = readFileSync(join(ws, 'data/runs/browser/papers.jsonl'), 'utf8')
      .split('\n')
      .filter((l) => l)
      .map((l) => JSON.parse(l) as { id: string; authors: string[]; abstract: string });
    const byId = new Map(full.map((p) => [p.id, p]));
    papers = rows.map((p) => ({ ...p, authors: byId.get(p.id)?.authors.join(', ') ?? '', abstract: byId.get(p.id)?.abstract ?? '' }));
    browser = await chromium.launch({ executablePath: CHROMIUM, args: LAUNCH });
  }, 300_000);

  afterAll(async () => {
    await browser?.close();
  });

  /** A page of the report, loaded and unpacked (#map data-state=ready), its errors collected. */
  async function open(options: { width?: number; height?: number; colorScheme?: 'light' | 'dark'; hash?: string } = {}) {
    const context = await browser.newContext({
      viewport: { width: options.width ?? 1280, height: options.height ?? 900 },
      colorScheme: options.colorScheme ?? 'light',
      acceptDownloads: true,
      hasTouch: true,
    });
    const page = await context.newPage();
    const errors: string[] = [];
    const requests: string[] = [];
    page.on('console', (m) => {
      if (m.type() === 'error') errors.push(m.text());
    });
    page.on('pageerror', (e) => errors.push(String(e)));
    page.on('request', (req) => {
      if (req.url().split('#')[0] !== url) requests.push(req.url());
    });
    await page.goto(url + (options.hash ?? ''), { waitUntil: 'load' });
    await page.waitForSelector('#map[data-state=ready]', { timeout: 15_000 });
    return { page, errors, requests, close: () => context.close() };
  }

  /** The map canvas brought into view, and its box on screen. */
  async function mapBox(page: Page): Promise<{ x: number; y: number; width: number; height: number }> {
    await page.locator('#map-canvas').scrollIntoViewIfNeeded();
    return (await page.locator('#map-canvas').boundingBox()) as { x: number; y: number; width: number; height: number };
  }

  /** Papers per topic id, from the export. */
  function topicSizes(): Map<number, number> {
    const sizes = new Map<number, number>();
    for (const p of papers) sizes.set(p.topic, (sizes.get(p.topic) ?? 0) + 1);
    return sizes;
  }

  /** Where papers are on screen now, from data-view and the canvas's box. */
  async function projector(page: Page): Promise<(p: Pick<Exported, 'x' | 'y'>) => { x: number; y: number }> {
    const v = ((await page.getAttribute('#map', 'data-view')) ?? '').split(' ').map(Number);
    const box = (await page.locator('#map-canvas').boundingBox()) as { x: number; y: number; width: number; height: number };
    return (p) => ({ x: box.x + ((p.x - v[0]) / (v[1] - v[0])) * box.width, y: box.y + ((v[3] - p.y) / (v[3] - v[2])) * box.height });
  }

  /** Where on screen the paper drawn nearest the middle of the map box is. */
  function nearCentre(box: { x: number; y: number; width: number; height: number }, project: (p: Pick<Exported, 'x' | 'y'>) => { x: number; y: number }): { x: number; y: number } {
    const mx = box.x + box.width / 2, my = box.y + box.height / 2;
    let best = { x: mx, y: my }, bestD = Infinity;
    for (const p of papers) {
      const s = project(p);
      const d = (s.x - mx) ** 2 + (s.y - my) ** 2;
      if (d < bestD) { bestD = d; best = s; }
    }
    return best;
  }

  async function screenOf(page: Page, p: Pick<Exported, 'x' | 'y'>): Promise<{ x: number; y: number }> {
    return (await projector(page))(p);
  }

  /** The paper standing most apart from the others (no other point nearer to it on screen), inside the frame. */
  function loneliest(): Exported {
    const xs = papers.map((p) => p.x);
    const ys = papers.map((p) => p.y);
    const [x0, x1, y0, y1] = [Math.min(...xs), Math.max(...xs), Math.min(...ys), Math.max(...ys)];
    let best = papers[0];
    let bestGap = -1;
    const sample = papers.slice(0, 3000);
    for (const p of sample) {
      const u = (p.x - x0) / (x1 - x0);
      const w = (p.y - y0) / (y1 - y0);
      if (u < 0.05 || u > 0.95 || w < 0.05 || w > 0.95) continue;
      let gap = Infinity;
      for (const q of papers) if (q !== p) gap = Math.min(gap, ((p.x - q.x) / (x1 - x0)) ** 2 + ((p.y - q.y) / (y1 - y0)) ** 2);
      if (gap > bestGap) {
        bestGap = gap;
        best = p;
      }
    }
    return best;
  }

  it('loads with no console error and no request, draws every paper, and hover shows title, date, topic and the abstract', async () => {
    expect(statSync(reportPath).size).toBeLessThan(8 * 1024 * 1024);
    const { page, errors, requests, close } = await open();
    expect(errors).toEqual([]);
    expect(requests).toEqual([]);
    expect(await page.getAttribute('#map', 'data-points')).toBe(String(nPapers));
    for (const id of ['map', 'paper', 'selection', 'search']) expect(await page.locator(`#${id}`).count()).toBe(1);
    await page.locator('#map-canvas').scrollIntoViewIfNeeded();
    const target = loneliest();
    const at = await screenOf(page, target);
    await page.mouse.move(at.x, at.y);
    await page.waitForSelector('#map-tooltip:not([hidden])', { timeout: 5000 });
    const tip = (await page.textContent('#map-tooltip')) ?? '';
    expect(tip).toContain(target.title.replace(/\s+/g, ' ').trim().slice(0, 30));
    expect(tip).toContain(target.date ?? 'undated');
    if (target.abstract.length > 40) expect(tip).toContain(target.abstract.replace(/\s+/g, ' ').trim().slice(0, 30));
    const out = join(ROOT, 'test/output');
    mkdirSync(out, { recursive: true });
    await page.screenshot({ path: join(out, 'report.png'), fullPage: false });
    await close();
  });

  it('zooms about the pointer with the wheel (not scrolling the page), pans by drag and arrows, resets with 0 and the button; labels never overlap', async () => {
    const { page, errors, close } = await open();
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
    await close();
  });

  it('choosing a topic zooms the map to it and dims the others; "show on map" brings the map into view', async () => {
    const { page, close } = await open();
    const sizes = topicSizes();
    const topic = { id: [...sizes.keys()].find((id) => (sizes.get(id) ?? 0) > 5) as number };
    const size = sizes.get(topic.id) as number;
    await page.click(`.legend [data-filter-topic="${topic.id}"]`);
    await page.waitForFunction(() => Number(document.getElementById('map')?.getAttribute('data-zoom')) > 1, null, { timeout: 5000 });
    expect(Number(await page.getAttribute('#map', 'data-matches'))).toBe(size);
    // every paper of the topic is in the zoomed view, and only its label is drawn
    expect(Number(await page.getAttribute('#map', 'data-points'))).toBe(size);
    expect(Number(await page.getAttribute('#map', 'data-labels'))).toBe(1);
    await page.click(`.legend [data-filter-topic="${topic.id}"]`);
    await page.waitForFunction(() => document.getElementById('map')?.getAttribute('data-zoom') === '1', null, { timeout: 5000 });
    expect(Number(await page.getAttribute('#map', 'data-matches'))).toBe(nPapers);
    // the button beside a topic, far down the page, brings the map into view
    const show = page.locator(`#topic-${topic.id} [data-filter-topic="${topic.id}"]`);
    await show.scrollIntoViewIfNeeded();
    await show.click();
    await page.waitForFunction(() => Number(document.getElementById('map')?.getAttribute('data-zoom')) > 1, null, { timeout: 5000 });
    await page.waitForTimeout(300);
    const rect = await page.evaluate(() => { const r = document.getElementById('map')!.getBoundingClientRect(); return { top: r.top, bottom: r.bottom }; });
    expect(rect.bottom).toBeGreaterThan(0);
    expect(rect.top).toBeLessThan(900);
    await close();
  });

  it('clicking a point opens its details within 300 ms (title, authors, date, topic, abstract, links); Esc closes them', async () => {
    const { page, errors, close } = await open();
    await page.locator('#map-canvas').scrollIntoViewIfNeeded();
    const target = loneliest();
    const at = await screenOf(page, target);
    const t0 = Date.now();
    await page.mouse.click(at.x, at.y);
    await page.waitForSelector('#paper:not([hidden])', { timeout: 2000 });
    expect(Date.now() - t0).toBeLessThan(300);
    expect(await page.getAttribute('#paper', 'data-id')).toBe(target.id);
    const text = (await page.textContent('#paper')) ?? '';
    expect(text).toContain(target.title.replace(/\s+/g, ' ').trim().slice(0, 30));
    if (target.authors) expect(text).toContain(target.authors.slice(0, 20));
    if (target.abstract.length >= 200) expect(text.length).toBeGreaterThanOrEqual(200);
    const hrefs = await page.$$eval('#paper a', (as) => as.map((a) => (a as HTMLAnchorElement).href));
    if (/^\d{4}\.\d{4,5}$/.test(target.id)) {
      expect(hrefs).toEqual(expect.arrayContaining([`https://huggingface.co/papers/${target.id}`, `https://arxiv.org/abs/${target.id}`, `https://arxiv.org/pdf/${target.id}`]));
    }
    for (const h of hrefs) expect(h).toMatch(/^https?:\/\//);
    // the open paper is in the hash: the copied link opens it again
    await page.waitForFunction(() => location.hash.includes('paper='), null, { timeout: 5000 });
    const again = await open({ hash: await page.evaluate(() => location.hash) });
    expect(await again.page.getAttribute('#paper', 'data-id')).toBe(target.id);
    await again.close();
    await page.keyboard.press('Escape');
    await page.waitForSelector('#paper', { state: 'hidden', timeout: 2000 });
    expect(errors).toEqual([]);
    await close();
  });

  it('Shift-drag selects the papers in the box; the list sorts by upvotes and date and downloads as CSV; the legend selects a topic', async () => {
    const { page, errors, close } = await open();
    const box = await mapBox(page);
    const project = await projector(page);
    // a box about the paper drawn nearest the map's centre, so it holds papers whatever the layout
    const c = nearCentre(box, project);
    const a = { x: c.x - box.width * 0.12, y: c.y - box.height * 0.12 };
    const b = { x: c.x + box.width * 0.12, y: c.y + box.height * 0.12 };
    await page.keyboard.down('Shift');
    await page.mouse.move(a.x, a.y);
    await page.mouse.down();
    await page.mouse.move(b.x, b.y, { steps: 8 });
    await page.mouse.up();
    await page.keyboard.up('Shift');
    // the papers whose exported coordinates fall in the box (a pixel's tolerance at its edges)
    const inside: Exported[] = [];
    let edge = 0;
    for (const p of papers) {
      const s = project(p);
      const inX = s.x >= a.x && s.x <= b.x;
      const inY = s.y >= a.y && s.y <= b.y;
      if (inX && inY) inside.push(p);
      if ((Math.abs(s.x - a.x) < 1 || Math.abs(s.x - b.x) < 1) && inY) edge++;
      else if ((Math.abs(s.y - a.y) < 1 || Math.abs(s.y - b.y) < 1) && inX) edge++;
    }
    const ids = await page.$$eval('#selection li[data-id]', (lis) => lis.map((li) => li.getAttribute('data-id') as string));
    expect(inside.length).toBeGreaterThan(5);
    expect(Math.abs(ids.length - inside.length)).toBeLessThanOrEqual(edge);
    expect(new Set(ids).size).toBe(ids.length);
    // sorted by date, newest first, by default; then by upvotes
    const dates = ids.map((id) => papers.find((p) => p.id === id)?.date ?? '');
    expect([...dates].sort().reverse()).toEqual(dates);
    await page.click('[data-sort=upvotes]');
    const ups = (await page.$$eval('#selection li[data-id]', (lis) => lis.map((li) => li.getAttribute('data-id') as string))).map(
      (id) => papers.find((p) => p.id === id)?.upvotes ?? -1,
    );
    expect([...ups].sort((x, y) => y - x)).toEqual(ups);
    // the CSV comes from the page itself: a header and one row a selected paper
    const [download] = await Promise.all([page.waitForEvent('download'), page.click('#selection-csv')]);
    const csv = readFileSync((await download.path()) as string, 'utf8');
    const lines = csv.trim().split('\r\n');
    expect(lines[0]).toBe('"id","title","date","topic","topic_name","upvotes","url","authors"');
    expect(lines.length - 1).toBe(ids.length);
    expect(download.suggestedFilename()).toBe('papermap-selection.csv');
    // a topic in the legend selects its papers
    const sizes = topicSizes();
    const topic = [...sizes.keys()].find((id) => (sizes.get(id) ?? 0) > 3) as number;
    await page.click(`.legend [data-filter-topic="${topic}"]`);
    await page.waitForFunction((n) => document.querySelectorAll('#selection li[data-id]').length === n, sizes.get(topic), { timeout: 5000 });
    expect(errors).toEqual([]);
    await close();
  });

  it('Alt-drag draws a lasso: the papers inside the loop are selected, those outside it are not', async () => {
    const { page, errors, close } = await open();
    const box = await mapBox(page);
    const project = await projector(page);
    // a triangle about the paper drawn nearest the map's centre: its bounding box holds papers
    // outside the triangle, which a box selection would take
    const c = nearCentre(box, project);
    const o = { x: c.x - box.width * 0.12, y: c.y - box.height * 0.12 };
    const loop = [o, { x: o.x + box.width * 0.4, y: o.y }, { x: o.x, y: o.y + box.height * 0.4 }];
    await page.keyboard.down('Alt');
    await page.mouse.move(loop[0].x, loop[0].y);
    await page.mouse.down();
    for (const q of [loop[1], loop[2], loop[0]]) await page.mouse.move(q.x, q.y, { steps: 10 });
    await page.mouse.up();
    await page.keyboard.up('Alt');
    const ids = new Set(await page.$$eval('#selection li[data-id]', (lis) => lis.map((li) => li.getAttribute('data-id') as string)));
    // inside the triangle x/w + y/h < 1 (in the box's units from its right angle), with a margin for the edge's pixels
    let inside = 0;
    for (const p of papers) {
      const s = project(p);
      const u = (s.x - loop[0].x) / (loop[1].x - loop[0].x);
      const v = (s.y - loop[0].y) / (loop[2].y - loop[0].y);
      if (u < -0.01 || v < -0.01 || u + v > 1.01) expect(ids.has(p.id), `${p.id} outside the lasso`).toBe(false);
      else if (u > 0.01 && v > 0.01 && u + v < 0.99) {
        inside++;
        expect(ids.has(p.id), `${p.id} inside the lasso`).toBe(true);
      }
    }
    expect(inside).toBeGreaterThan(5);
    expect(errors).toEqual([]);
    await close();
  });

  it('search covers titles, abstracts and authors, dims the rest and counts the matches; the hash reopens the same view', async () => {
    const { page, errors, close } = await open();
    // an author's name: the papers whose (shown) authors hold it
    const word = 'Kaiming';
    const expected = papers.filter((p) => excerpt(p.authors, 300).toLowerCase().includes(word.toLowerCase()) ||
      p.title.toLowerCase().includes(word.toLowerCase()) || excerpt(p.abstract, 1000).toLowerCase().includes(word.toLowerCase())).length;
    expect(expected).toBeGreaterThan(0);
    await page.fill('#search', word);
    await page.waitForFunction((n) => document.getElementById('map')?.getAttribute('data-matches') === String(n), expected, { timeout: 5000 });
    expect(Number(await page.getAttribute('#map', 'data-dimmed'))).toBe(nPapers - expected);
    expect(await page.textContent('#status')).toContain(`${expected} of ${nPapers}`);
    // a word of an abstract only
    const abstractOnly = papers
      .map((p) => p.abstract.split(/\W+/).find((w) => w.length > 9 && !p.title.toLowerCase().includes(w.toLowerCase())))
      .find((w) => w && papers.filter((q) => q.title.toLowerCase().includes(w.toLowerCase())).length === 0) as string;
    await page.fill('#search', abstractOnly);
    await page.waitForFunction(() => Number(document.getElementById('map')?.getAttribute('data-matches')) > 0, null, { timeout: 5000 });
    // zoom, then the hash holds query, topic and view: a copied link opens the same
    await page.fill('#search', 'model');
    const box = await mapBox(page);
    await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
    await page.mouse.wheel(0, -500);
    await page.waitForFunction(() => location.hash.includes('view=') && location.hash.includes('q=model'), null, { timeout: 5000 });
    const matches = await page.getAttribute('#map', 'data-matches');
    const viewNow = ((await page.getAttribute('#map', 'data-view')) ?? '').split(' ').map(Number);
    const hash = await page.evaluate(() => location.hash);
    const again = await open({ hash });
    expect(await again.page.inputValue('#search')).toBe('model');
    await again.page.waitForFunction((m) => document.getElementById('map')?.getAttribute('data-matches') === m, matches, { timeout: 5000 });
    const viewAgain = ((await again.page.getAttribute('#map', 'data-view')) ?? '').split(' ').map(Number);
    for (let i = 0; i < 4; i++) expect(Math.abs(viewAgain[i] - viewNow[i])).toBeLessThan(0.01 * (viewNow[1] - viewNow[0]));
    expect(errors).toEqual([]);
    await again.close();
    await close();
  });

  it('brushing the time chart keeps the papers of those weeks; a click clears it', async () => {
    const { page, errors, close } = await open();
    const tl = page.locator('#timeline');
    await tl.scrollIntoViewIfNeeded();
    const box = (await tl.boundingBox()) as { x: number; y: number; width: number; height: number };
    await page.mouse.move(box.x + box.width * 0.4, box.y + box.height / 2);
    await page.mouse.down();
    await page.mouse.move(box.x + box.width * 0.7, box.y + box.height / 2, { steps: 6 });
    await page.mouse.up();
    await page.waitForFunction(() => (document.getElementById('timeline')?.getAttribute('data-range') ?? '') !== '', null, { timeout: 5000 });
    const [from, to] = ((await tl.getAttribute('data-range')) ?? '').split(' ');
    const inRange = papers.filter((p) => p.date !== null && p.date >= from && p.date <= to).length;
    expect(inRange).toBeGreaterThan(0);
    expect(inRange).toBeLessThan(nPapers);
    expect(Number(await page.getAttribute('#map', 'data-matches'))).toBe(inRange);
    await page.mouse.click(box.x + box.width * 0.1, box.y + box.height / 2);
    await page.waitForFunction((n) => document.getElementById('map')?.getAttribute('data-matches') === String(n), nPapers, { timeout: 5000 });
    expect(errors).toEqual([]);
    await close();
  });

  it('pinch with two fingers zooms the map', async () => {
    const { page, close } = await open();
    const box = await mapBox(page);
    const cdp = await page.context().newCDPSession(page);
    const cx = box.x + box.width / 2;
    const cy = box.y + box.height / 2;
    const touch = (d: number) => [
      { x: cx - d, y: cy, id: 1 },
      { x: cx + d, y: cy, id: 2 },
    ];
    await cdp.send('Input.dispatchTouchEvent', { type: 'touchStart', touchPoints: touch(20) });
    for (let d = 30; d <= 120; d += 10) await cdp.send('Input.dispatchTouchEvent', { type: 'touchMove', touchPoints: touch(d) });
    await cdp.send('Input.dispatchTouchEvent', { type: 'touchEnd', touchPoints: [] });
    await page.waitForFunction(() => Number(document.getElementById('map')?.getAttribute('data-zoom')) > 3, null, { timeout: 5000 });
    await close();
  });

  it('charts: no axis names that mean nothing, no tick cut off; dark mode; the map first on a phone', async () => {
    const { page, close } = await open();
    expect(await page.textContent('body')).not.toMatch(/map x|map y/);
    // every text of every chart lies inside its SVG
    const outside = await page.evaluate(() => {
      const bad: string[] = [];
      for (const svg of document.querySelectorAll('#charts svg, #topics svg')) {
        const r = svg.getBoundingClientRect();
        for (const t of svg.querySelectorAll('text')) {
          const b = t.getBoundingClientRect();
          if (b.width === 0) continue;
          if (b.left < r.left - 1 || b.right > r.right + 1 || b.top < r.top - 1 || b.bottom > r.bottom + 1) bad.push(t.textContent ?? '');
        }
      }
      return bad;
    });
    expect(outside).toEqual([]);
    await close();
    const dark = await open({ colorScheme: 'dark' });
    const bg = await dark.page.evaluate(() => getComputedStyle(document.body).backgroundColor);
    const [r, g, b] = (bg.match(/\d+/g) ?? []).map(Number);
    expect(0.2126 * r + 0.7152 * g + 0.0722 * b).toBeLessThan(60);
    await dark.page.screenshot({ path: join(ROOT, 'test/output/report-dark.png') });
    await dark.close();
    const phone = await open({ width: 390, height: 844 });
    const tops = await phone.page.evaluate(() => ({
      map: document.getElementById('map')!.getBoundingClientRect().top,
      coverage: document.getElementById('coverage')!.getBoundingClientRect().top,
      width: document.getElementById('map')!.getBoundingClientRect().width,
      scroll: document.documentElement.scrollWidth,
    }));
    expect(tops.map).toBeLessThan(tops.coverage);
    expect(tops.map).toBeLessThan(500);
    expect(tops.scroll).toBeLessThanOrEqual(390);
    await phone.page.screenshot({ path: join(ROOT, 'test/output/report-phone.png') });
    await phone.close();
  });

  it('without JavaScript the map shows sampled papers and topic names (a mail preview)', async () => {
    const context = await browser.newContext({ javaScriptEnabled: false, viewport: { width: 1280, height: 900 } });
    const page = await context.newPage();
    await page.goto(url, { waitUntil: 'load' });
    const dots = await page.locator('#map svg circle').count();
    expect(dots).toBeGreaterThan(Math.min(nPapers, 5000) * 0.9);
    expect(dots).toBeLessThanOrEqual(5000);
    expect(await page.locator('#map svg text').count()).toBeGreaterThan(3);
    await page.locator('#map').screenshot({ path: join(ROOT, 'test/output/report-nojs.png') });
    await context.close();
  });
});

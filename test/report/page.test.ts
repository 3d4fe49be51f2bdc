// The report page: hostile input stays text, CSP allows no network and only the hashed script, the client script works.
import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { baselineText } from '../../pipeline/trends/baseline.ts';
import { JSDOM } from 'jsdom';
import { renderReport } from '../../pipeline/report/page.ts';
import { CLIENT_SCRIPT } from '../../pipeline/report/client.ts';
import { HOSTILE_TITLES, smallModel } from './fixtures.ts';

const CANVAS = { width: 820, height: 548 };

interface Loaded {
  dom: JSDOM;
  doc: Document;
  /** Number of arcs the page drew on the map canvas. */
  arcs: () => number;
  errors: string[];
}

/**
 * The page in jsdom with its scripts run: jsdom has no canvas, so getContext returns a recording stub and
 * the canvas reports a fixed size.
 */
function load(html: string): Loaded {
  let arcs = 0;
  const errors: string[] = [];
  const noop = (): void => undefined;
  const context = {
    setTransform: noop,
    clearRect: noop,
    beginPath: noop,
    moveTo: noop,
    fill: noop,
    arc: () => {
      arcs++;
    },
    fillStyle: '',
    globalAlpha: 1,
  };
  const dom = new JSDOM(html, {
    runScripts: 'dangerously',
    pretendToBeVisual: true,
    beforeParse(window) {
      // jsdom has no canvas: a 2-D context stub that counts arcs, and a laid-out size for the canvas.
      Object.defineProperty(window.HTMLCanvasElement.prototype, 'getContext', { value: () => context });
      Object.defineProperty(window.HTMLCanvasElement.prototype, 'getBoundingClientRect', {
        value: () => ({
          left: 0,
          top: 0,
          x: 0,
          y: 0,
          right: CANVAS.width,
          bottom: CANVAS.height,
          ...CANVAS,
          toJSON: noop,
        }),
      });
      window.addEventListener('error', (e) => errors.push(String(e.message)));
      window.alert = (m?: unknown) => errors.push(`alert: ${String(m)}`);
    },
  });
  return { dom, doc: dom.window.document, arcs: () => arcs, errors };
}

const model = smallModel();
const html = renderReport(model);

describe('renderReport: escaping', () => {
  it('renders hostile titles as text, in the lists and in the JSON block; nothing is injected', () => {
    const { doc, errors } = load(html);
    expect(errors).toEqual([]);
    expect(doc.querySelectorAll('script').length).toBe(2);
    expect(doc.querySelectorAll('img, iframe, object, embed, b, link, base, form').length).toBe(0);
    const titles = [...doc.querySelectorAll('.paper-title')].map((e) => e.textContent);
    expect(titles).toEqual(
      expect.arrayContaining([HOSTILE_TITLES[0], HOSTILE_TITLES[1], HOSTILE_TITLES[2], HOSTILE_TITLES[3]]),
    );
    const data = JSON.parse(doc.getElementById('map-data')!.textContent!);
    for (const t of HOSTILE_TITLES) expect(data.title).toContain(t);
    for (const el of doc.querySelectorAll('*')) {
      for (const attr of el.getAttributeNames()) expect(attr.startsWith('on'), `${el.tagName} ${attr}`).toBe(false);
    }
    expect(doc.querySelector('section#gone')?.textContent).toContain('old <topic>');
  });

  it('links only http(s) URLs (javascript: and data: titles are plain text)', () => {
    const { doc } = load(html);
    const hrefs = [...doc.querySelectorAll('a[href]')].map((a) => a.getAttribute('href')!);
    for (const h of hrefs) expect(h).toMatch(/^(https?:\/\/|\.\.\/)/);
    const colbert = [...doc.querySelectorAll('.paper-title')].find((e) => e.textContent === 'ColBERT again')!;
    expect(colbert.tagName).toBe('SPAN');
    expect(hrefs).toContain('http://example.org/p?a=1&b=%222%22');
  });
});

describe('renderReport: no network', () => {
  it('has a CSP meta with default-src none and the sha256 of the inline script', () => {
    const doc = new JSDOM(html).window.document;
    const meta = doc.querySelector('meta[http-equiv="Content-Security-Policy"]')!;
    const csp = meta.getAttribute('content')!;
    expect(csp).toMatch(/(^|; )default-src 'none'(;|$)/);
    expect(csp).not.toMatch(/unsafe-eval|https?:|\*/);
    const inline = [...doc.querySelectorAll('script:not([type])')];
    expect(inline.length).toBe(1);
    expect(inline[0].textContent).toBe(CLIENT_SCRIPT);
    const hash = createHash('sha256').update(inline[0].textContent!, 'utf8').digest('base64');
    expect(csp).toContain(`script-src 'sha256-${hash}'`);
    expect(doc.head.firstElementChild?.getAttribute('charset')).toBe('utf-8');
  });

  it('loads nothing: no src, no external href except paper links, no url() in styles', () => {
    const doc = new JSDOM(html).window.document;
    expect(
      doc.querySelectorAll('[src], [srcset], [poster], [data], link, img, iframe, object, embed, audio, video').length,
    ).toBe(0);
    for (const el of doc.querySelectorAll('[href], [xlink\\:href]')) {
      expect(el.tagName).toBe('A');
      const href = el.getAttribute('href')!;
      if (/^https?:/.test(href)) expect(el.closest('li.paper')).not.toBeNull();
    }
    expect(html).not.toMatch(/url\(|@import/i);
    expect(CLIENT_SCRIPT).not.toMatch(
      /fetch|XMLHttpRequest|WebSocket|EventSource|sendBeacon|eval\(|new Function|import\(|innerHTML|\.src\b|`/,
    );
  });
});

describe('renderReport: content', () => {
  it('shows the run, the period, coverage, quality, the charts, one section a topic and the week list', () => {
    const doc = new JSDOM(html).window.document;
    expect(doc.title).toContain('2025-W48');
    expect(doc.querySelector('header h1')?.textContent).toBe('papermap · 2025-W48');
    const coverage = doc.getElementById('coverage')!.textContent!;
    for (const s of [
      'papers read40',
      'kept36',
      'rejected3',
      'undated',
      'days without papers2: 2025-11-01, 2025-11-02',
      'failed fetches1: 2025-11-09 (HTTP 503 <after 3 retries>)',
    ]) {
      expect(coverage.replace(/\s+\(on the map, not in the series\)/, '')).toContain(s);
    }
    expect(doc.getElementById('quality')!.textContent).toContain('V-measure0.750');
    expect(doc.querySelectorAll('#charts svg').length).toBe(5);
    expect([...doc.querySelectorAll('section.topic')].map((s) => s.id)).toEqual([
      'topic-0',
      'topic-1',
      'topic-2',
      'topic-37',
    ]);
    expect(doc.querySelector('#topic-2 h3')?.textContent).toContain('new');
    expect(doc.querySelector('header .period')?.textContent).toContain('2025-W48 (2025-11-24 to 2025-11-30): 13 papers');
    const m = smallModel();
    for (const t of m.topics) {
      // The topic's line and its point in the trends chart state the same figures against the same baseline.
      const line = baselineText(t.trend!, m.trendBaseline!);
      expect(doc.querySelector(`#topic-${t.id} .topic-meta`)?.textContent).toContain(line);
      const titles = [...doc.querySelectorAll('#charts [aria-label="rising and fading topics"] title')].map((x) => x.textContent);
      expect(titles.some((x) => x?.startsWith(`${t.name}: ${line}`))).toBe(true);
    }
    expect(doc.querySelectorAll('#target-papers li.paper').length).toBe(2);
    expect(doc.querySelector('nav a[rel="prev"]')?.getAttribute('href')).toBe('../2025-W47/index.html');
  });

  it('is deterministic', () => {
    expect(renderReport(smallModel())).toBe(html);
  });

  it('refuses external navigation links', () => {
    const m = smallModel();
    m.nav = {
      next: { label: 'next', href: 'https://evil.example/' },
      previous: { label: 'p', href: 'javascript:alert(1)' },
    };
    const doc = new JSDOM(renderReport(m)).window.document;
    expect(doc.querySelectorAll('nav a').length).toBe(0);
  });
});

describe('client script', () => {
  it('draws every point and states it in data-points', () => {
    const page = load(html);
    const map = page.doc.getElementById('map')!;
    expect(map.getAttribute('data-points')).toBe(String(model.map.points.length));
    expect(page.arcs()).toBe(model.map.points.length);
    expect(page.doc.getElementById('status')?.textContent).toBe(
      `${model.map.points.length} of ${model.map.points.length} papers on the map`,
    );
  });

  it('hover shows the nearest paper title (as text), its date and topic', () => {
    const page = load(html);
    const { doc, dom } = page;
    const data = JSON.parse(doc.getElementById('map-data')!.textContent!);
    const i = data.title.indexOf(HOSTILE_TITLES[1]);
    const x = (data.q[2 * i] / 10000) * CANVAS.width;
    const y = (1 - data.q[2 * i + 1] / 10000) * CANVAS.height;
    const canvas = doc.getElementById('map-canvas')!;
    canvas.dispatchEvent(new dom.window.MouseEvent('mousemove', { clientX: x + 1, clientY: y - 1, bubbles: true }));
    const tip = doc.getElementById('map-tooltip')!;
    expect(tip.hidden).toBe(false);
    expect(tip.getAttribute('data-index')).toBe(String(i));
    expect(tip.querySelector('strong')?.textContent).toBe(HOSTILE_TITLES[1]);
    expect(tip.textContent).toContain('retrieval · late interaction · reranking');
    expect(tip.querySelectorAll('img').length).toBe(0);
    canvas.dispatchEvent(new dom.window.MouseEvent('mousemove', { clientX: -50, clientY: -50, bubbles: true }));
    expect(tip.hidden).toBe(true);
  });

  it('clicking a topic filters the map and the lists; clicking again clears', () => {
    const page = load(html);
    const { doc } = page;
    const map = doc.getElementById('map')!;
    const button = doc.querySelector<HTMLElement>('.legend [data-filter-topic="1"]')!;
    button.click();
    expect(map.getAttribute('data-points')).toBe('11');
    expect(button.getAttribute('aria-pressed')).toBe('true');
    expect([...doc.querySelectorAll<HTMLElement>('section.topic')].filter((s) => !s.hidden).map((s) => s.id)).toEqual([
      'topic-1',
    ]);
    expect([...doc.querySelectorAll<HTMLElement>('#target-papers li.paper')].every((li) => li.hidden)).toBe(true);
    doc.querySelector<HTMLElement>('#topic-1 [data-filter-topic="1"]')!.click();
    expect(map.getAttribute('data-points')).toBe(String(model.map.points.length));
    expect([...doc.querySelectorAll<HTMLElement>('section.topic')].every((s) => !s.hidden)).toBe(true);
  });

  it('typing in the search box filters map points and paper lists by title, case-insensitively', () => {
    const page = load(html);
    const { doc, dom } = page;
    const search = doc.getElementById('search') as HTMLInputElement;
    search.value = 'ATTENTION is';
    search.dispatchEvent(new dom.window.Event('input', { bubbles: true }));
    expect(doc.getElementById('map')!.getAttribute('data-points')).toBe('1');
    const shown = [...doc.querySelectorAll<HTMLElement>('li.paper')].filter((li) => !li.hidden);
    expect(shown.length).toBeGreaterThan(0);
    for (const li of shown) expect(li.querySelector('.paper-title')?.textContent).toBe(HOSTILE_TITLES[0]);
    search.value = '';
    search.dispatchEvent(new dom.window.Event('input', { bubbles: true }));
    expect(doc.getElementById('map')!.getAttribute('data-points')).toBe(String(model.map.points.length));
  });
});

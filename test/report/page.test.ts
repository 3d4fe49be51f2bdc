// The report page: hostile input stays text, CSP allows no network and only the hashed script, the client script works.
import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { baselineText } from '../../pipeline/trends/baseline.ts';
import { JSDOM } from 'jsdom';
import { renderReport } from '../../pipeline/report/page.ts';
import { CLIENT_SCRIPT } from '../../pipeline/report/client.ts';
import { HOSTILE_TITLES, smallModel } from './fixtures.ts';
import { unpackMap } from '../helpers/mapData.ts';
import { stripBidi } from '../../pipeline/report/escape.ts';

/** The page's markup in jsdom, scripts not run (the script itself is tested in Chromium: test/browser). */
function load(html: string): { doc: Document } {
  return { doc: new JSDOM(html).window.document };
}

const model = smallModel();
const html = renderReport(model);

describe('renderReport: escaping', () => {
  it('renders hostile titles as text, in the lists and in the JSON block; nothing is injected', () => {
    const { doc } = load(html);
    expect(doc.querySelectorAll('script').length).toBe(2);
    expect(doc.querySelectorAll('img, iframe, object, embed, b, link, base, form').length).toBe(0);
    const titles = [...doc.querySelectorAll('.paper-title')].map((e) => e.textContent);
    expect(titles).toEqual(
      expect.arrayContaining([HOSTILE_TITLES[0], HOSTILE_TITLES[1], HOSTILE_TITLES[2], HOSTILE_TITLES[3]]),
    );
    const data = unpackMap(doc.getElementById('map-data')!.textContent!);
    // the map's texts are the titles with bidi controls out and whitespace folded (one line a title)
    for (const t of HOSTILE_TITLES) expect(data.texts.title).toContain(stripBidi(t).replace(/\s+/g, ' ').trim());
    expect(data.texts.authors).toContain('<img src=x onerror=alert(1)>, Ada Lovelace');
    // an abstract's text comes back as it was, and a javascript: URL is never kept as a link
    expect(data.texts.abstract).toContain(`${HOSTILE_TITLES[0]} in an abstract`);
    expect(data.texts.url.every((u) => u === '' || /^https?:\/\//.test(u))).toBe(true);
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
    const styles = [doc.querySelector('style')!.textContent!, ...[...doc.querySelectorAll('[style]')].map((e) => e.getAttribute('style')!)];
    for (const css of styles) expect(css).not.toMatch(/url\(|@import/i);
    expect(CLIENT_SCRIPT).not.toMatch(
      /fetch|XMLHttpRequest|WebSocket|EventSource|sendBeacon|eval\(|new Function|import\(|innerHTML|\.src\b|Worker|WebAssembly|`/,
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

describe('renderReport: the period\'s papers at scale', () => {
  it('lists the 1,000 most upvoted of a long period and says where the others are', () => {
    const base = smallModel();
    const many = Array.from({ length: 1200 }, (_, i) => ({ id: `2511.${30000 + i}`, title: `Paper ${i}`, url: null, date: '2025-11-26', upvotes: 1200 - i, topic: 0 }));
    const doc = new JSDOM(renderReport({ ...base, targetPapers: many })).window.document;
    const items = doc.querySelectorAll('#target-papers li.paper');
    expect(items.length).toBe(1000);
    expect(items[0].querySelector('.paper-title')?.textContent).toBe('Paper 0');
    expect(doc.querySelector('#target-papers h2 .n')?.textContent).toBe('1200');
    expect(doc.querySelector('#target-papers .note')?.textContent).toMatch(/^The 1000 most upvoted of 1200/);
  });
});

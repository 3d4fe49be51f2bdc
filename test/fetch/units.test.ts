// Unit tests of the fetch's pure parts: days and the cache rule, Retry-After, back-off, body checks, the Atom reader and its detection.
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT } from '../helpers/cli.ts';
import { arxivPageUrl, arxivQueryKey, cacheIsFinal, checkHfBody, hfDayUrl, listingDays, summaryLines } from '../../pipeline/fetch/plan.ts';
import { backoffDelay, createPacer, parseRetryAfter, retryableStatus } from '../../pipeline/fetch/http.ts';
import { checkAtomPage } from '../../pipeline/fetch/arxiv.ts';
import { parseFetchArgs } from '../../pipeline/fetch/options.ts';
import { parseXml, readArxivAtom, XmlError } from '../../pipeline/sources/arxivAtom.ts';
import { detectFormat } from '../../pipeline/sources/detect.ts';
import { mulberry32 } from '../../pipeline/math/random.ts';
import { UsageError } from '../../pipeline/config.ts';

const PAGE0 = readFileSync(join(ROOT, 'test', 'fixtures', 'fetch', 'arxiv-page-0.xml'), 'utf8');
const OPTS = { map: {}, asOf: '2025-11-30' };

describe('days and the cache rule', () => {
  it('lists Mon-Fri by default and every day with weekends', () => {
    expect(listingDays('2025-11-21', '2025-11-25', false)).toEqual(['2025-11-21', '2025-11-24', '2025-11-25']);
    expect(listingDays('2025-11-21', '2025-11-25', true)).toHaveLength(5);
  });
  it('treats a cached day older than max-age as final, unless refresh', () => {
    expect(cacheIsFinal(true, '2025-11-24', '2025-12-02', 7, false)).toBe(true);
    expect(cacheIsFinal(true, '2025-11-25', '2025-12-02', 7, false)).toBe(false);
    expect(cacheIsFinal(false, '2025-11-24', '2025-12-02', 7, false)).toBe(false);
    expect(cacheIsFinal(true, '2025-11-24', '2025-12-02', 7, true)).toBe(false);
  });
  it('builds the URLs and a 12-hex query key', () => {
    expect(hfDayUrl('http://x/', '2025-11-24')).toBe('http://x/api/daily_papers?date=2025-11-24');
    expect(arxivPageUrl('https://export.arxiv.org', 'cat:cs.CL', 200, 100)).toBe(
      'https://export.arxiv.org/api/query?search_query=cat%3Acs.CL&start=200&max_results=100&sortBy=submittedDate&sortOrder=descending',
    );
    expect(arxivQueryKey('cat:cs.CL', '2025-11-24', '2025-11-28')).toMatch(/^[0-9a-f]{12}$/);
    expect(arxivQueryKey('cat:cs.CL', '2025-11-24', '2025-11-28')).not.toBe(arxivQueryKey('cat:cs.LG', '2025-11-24', '2025-11-28'));
  });
});

describe('retries', () => {
  it('reads Retry-After as seconds or an HTTP date', () => {
    const now = Date.parse('2025-11-24T10:00:00Z');
    expect(parseRetryAfter('1', now)).toBe(1000);
    expect(parseRetryAfter('Mon, 24 Nov 2025 10:00:05 GMT', now)).toBe(5000);
    expect(parseRetryAfter('Mon, 24 Nov 2025 09:00:00 GMT', now)).toBe(0);
    expect(parseRetryAfter('soon', now)).toBeNull();
    expect(parseRetryAfter(null, now)).toBeNull();
  });
  it('backs off exponentially with seeded jitter, the same for the same seed', () => {
    const a = [0, 1, 2, 3].map((i) => backoffDelay(i, 100, mulberry32(7)));
    const b = [0, 1, 2, 3].map((i) => backoffDelay(i, 100, mulberry32(7)));
    expect(a).toEqual(b);
    a.forEach((d, i) => {
      expect(d).toBeGreaterThanOrEqual(50 * 2 ** i);
      expect(d).toBeLessThanOrEqual(100 * 2 ** i);
    });
  });
  it('retries 429, 408 and 5xx only', () => {
    expect([429, 408, 500, 503, 404, 400, 200].map(retryableStatus)).toEqual([true, true, true, true, false, false, false]);
  });
  it('paces request starts', async () => {
    let t = 0;
    const waits: number[] = [];
    const pace = createPacer(3000, async (ms) => {
      waits.push(ms);
      t += ms;
    }, () => t);
    await pace();
    t += 1000;
    await pace();
    expect(waits).toEqual([2000]);
  });
});

describe('response checks', () => {
  it('takes an array (an empty one too), refuses truncated JSON and non-arrays', () => {
    expect(checkHfBody('[]')).toEqual({ ok: true, count: 0 });
    expect(checkHfBody('[{"paper":{}}]')).toEqual({ ok: true, count: 1 });
    expect(checkHfBody('[{"paper":')).toMatchObject({ ok: false, reason: expect.stringMatching(/^not valid JSON/) });
    expect(checkHfBody('{"error":"x"}')).toEqual({ ok: false, reason: 'not a JSON array of papers but an object' });
  });
  it('refuses a cut-off Atom page and the API error feed', () => {
    expect(checkAtomPage(PAGE0)).toMatchObject({ ok: true, info: { entries: 2, oldest: '2025-11-27', total: 9000 } });
    expect(checkAtomPage(PAGE0.slice(0, PAGE0.length - 40))).toMatchObject({ ok: false, reason: expect.stringMatching(/not well-formed XML/) });
    const err = '<feed xmlns="http://www.w3.org/2005/Atom"><entry><id>http://arxiv.org/api/errors#incorrect_id_format</id><title>Error</title><summary>incorrect id format</summary></entry></feed>';
    expect(checkAtomPage(err)).toEqual({ ok: false, reason: 'the arXiv API reported an error: incorrect id format' });
  });
  it('prints one summary line each', () => {
    const lines = summaryLines([
      { item: 'a', outcome: 'fetched', papers: 3, retries: ['HTTP 429'] },
      { item: 'b', outcome: 'cached', papers: 0, retries: [] },
      { item: 'c', outcome: 'failed', retries: [], reason: 'HTTP 404', file: 'x.json' },
    ]);
    expect(lines).toEqual([
      'fetched 1: a (3 papers)',
      'cached (skipped) 1: b (0 papers)',
      'retried 1: a (1x: HTTP 429)',
      'failed 1: c (HTTP 404; the earlier copy x.json is kept)',
    ]);
  });
});

describe('arguments', () => {
  it('takes --week as Monday to Sunday and names the run after it', () => {
    const p = parseFetchArgs(['--source', 'hf-daily', '--week', '2025-W48'], '2025-12-01');
    expect(p).toMatchObject({ help: false, options: { start: '2025-11-24', end: '2025-11-30', run: '2025-W48', delayMs: 250, retries: 4 } });
  });
  it('refuses what cannot work', () => {
    expect(() => parseFetchArgs(['--source', 'arxiv', '--week', '2025-W48'], '2025-12-01')).toThrow(/needs --query/);
    expect(() => parseFetchArgs(['--source', 'hf-daily', '--start', '2025-11-28', '--end', '2025-11-24', '--run', 'x'], '2025-12-01')).toThrow(UsageError);
    expect(() => parseFetchArgs(['--source', 'hf-daily', '--week', '2025-W48', '--retries', '-1'], '2025-12-01')).toThrow(/--retries must be/);
    expect(() => parseFetchArgs(['--source', 'hf-daily', '--week', '2025-W48', '--base-url', 'ftp://x'], '2025-12-01')).toThrow(/--base-url/);
    expect(() => parseFetchArgs(['--source', 'hf-daily', '--week', '2025-W48', '--bogus'], '2025-12-01')).toThrow(/unknown option --bogus/);
  });
});

describe('arxiv-atom reader', () => {
  it('maps entries: bare id, squeezed text, published day, authors, primary category first, abs url', () => {
    const r = readArxivAtom(PAGE0, 'p.xml', OPTS);
    expect(r.rejects).toEqual([]);
    expect(r.records[1]).toEqual({
      file: 'p.xml',
      line: 32,
      id: '2511.20502',
      title: 'Multilingual Instruction Tuning at Scale',
      abstract: 'Instruction tuning across 100 languages; we release <data> & code.',
      date: '2025-11-27',
      published: '2025-11-27',
      authors: ['Grace Hopper'],
      labels: ['cs.CL', 'cs.LG'],
      url: 'https://arxiv.org/abs/2511.20502v2',
      upvotes: null,
    });
  });
  it('turns a malformed file into one reject with its line', () => {
    const r = readArxivAtom('<feed>\n<entry>\n<title>x</entry></feed>', 'bad.xml', OPTS);
    expect(r.records).toEqual([]);
    expect(r.rejects[0]).toMatchObject({ file: 'bad.xml', line: 3, reason: expect.stringMatching(/^not a well-formed Atom feed: line 3: <\/entry> closes <title>/) });
  });
  it('parses entities, CDATA, comments and self-closing tags; refuses bare ampersands', () => {
    const el = parseXml('<?xml version="1.0"?><!-- c --><a x="1 &amp; 2"><b/>t &#233;&#x41;<![CDATA[<raw>]]></a>');
    expect(el).toMatchObject({ name: 'a', attrs: { x: '1 & 2' }, text: 't éA<raw>' });
    expect(el.children[0].name).toBe('b');
    expect(() => parseXml('<a>fish & chips</a>')).toThrow(XmlError);
  });
  it('is detected by extension and content', () => {
    expect(detectFormat('data/raw/arxiv/abc/000.xml', PAGE0.slice(0, 8192))).toBe('arxiv-atom');
    expect(detectFormat('feed.atom', PAGE0.slice(0, 8192))).toBe('arxiv-atom');
    expect(detectFormat('page', PAGE0.slice(0, 8192))).toBe('arxiv-atom');
    expect(detectFormat('other.xml', '<html></html>')).toBeNull();
  });
});

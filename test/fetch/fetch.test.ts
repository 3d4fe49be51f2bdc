// papermap fetch end to end against a local server: faults recovered or reported, the cache rule, never losing a day, arXiv pages ingested.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { copyFileSync, existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT, scratchWorkspace } from '../helpers/cli.ts';
import { papermapAsync, startServer, type Reply, type TestServer } from './server.ts';

const FIX = join(ROOT, 'test', 'fixtures', 'fetch');
const fixture = (name: string): string => readFileSync(join(FIX, name), 'utf8');
const DAY24 = fixture('hf-2025-11-24.json');
const DAY25 = fixture('hf-2025-11-25.json');
const DAY26 = fixture('hf-2025-11-26.json');
const TRUNCATED = DAY24.slice(0, 700);

/** The faulty week: Mon normal, Tue slow once, Wed 429 once, Thu 500 then an empty day, Fri truncated JSON. */
const WEEK: Record<string, Reply[]> = {
  '2025-11-24': [{ body: DAY24 }],
  '2025-11-25': [{ body: DAY25, delayMs: 1500 }, { body: DAY25 }],
  '2025-11-26': [{ status: 429, headers: { 'retry-after': '1' }, body: 'slow down' }, { body: DAY26 }],
  '2025-11-27': [{ status: 500, body: 'oops' }, { body: '[]' }],
  '2025-11-28': [{ body: TRUNCATED }],
};

const ARXIV: Record<string, Reply[]> = {
  '0': [{ body: fixture('arxiv-page-0.xml'), headers: { 'content-type': 'application/atom+xml' } }],
  '2': [{ body: fixture('arxiv-page-1.xml'), headers: { 'content-type': 'application/atom+xml' } }],
  '4': [{ body: fixture('arxiv-empty.xml'), headers: { 'content-type': 'application/atom+xml' } }],
};

/** 1.5 MB of a valid JSON array: over a 1 MB cap. */
const BIG = JSON.stringify(Array.from({ length: 15_000 }, (_, i) => ({ title: `p${i}`, pad: 'x'.repeat(80) })));

/** An arXiv API whose third page comes back empty once (totalResults says there is more), then with the last results. */
const FLAKY: Record<string, Reply[]> = {
  ...ARXIV,
  '4': [
    { body: fixture('arxiv-empty.xml').replace('9000', '6'), headers: { 'content-type': 'application/atom+xml' } },
    { body: fixture('arxiv-page-1.xml').replace('9000', '6'), headers: { 'content-type': 'application/atom+xml' } },
  ],
};

let server: TestServer;
beforeAll(async () => {
  server = await startServer((_req, url) => {
    if (url.pathname === '/api/daily_papers') return WEEK[url.searchParams.get('date') ?? ''];
    if (url.pathname === '/down/api/daily_papers') return [{ status: 503, body: 'down' }];
    // a day asked for on its own morning has one paper of the two it will have
    if (url.pathname === '/young/api/daily_papers') return [{ body: JSON.stringify(JSON.parse(DAY24).slice(0, 1)) }, { body: DAY24 }];
    if (url.pathname === '/big/api/daily_papers') return [{ body: BIG }];
    if (url.pathname === '/bigchunked/api/daily_papers') return [{ body: BIG, headers: { 'transfer-encoding': 'chunked' } }];
    if (url.pathname === '/flaky/api/query') return FLAKY[url.searchParams.get('start') ?? ''];
    if (url.pathname === '/api/query') return ARXIV[url.searchParams.get('start') ?? ''];
    return undefined;
  });
});
afterAll(() => server.close());

const FAST = ['--timeout-ms', '500', '--retries', '2', '--backoff-ms', '10', '--delay-ms', '0'];
const hf = (ws: string, today: string, ...more: string[]) =>
  papermapAsync(ws, { PAPERMAP_TODAY: today }, 'fetch', '--source', 'hf-daily', '--start', '2025-11-24', '--end', '2025-11-28',
    '--base-url', server.baseUrl, '--run', 'wk', ...FAST, ...more);
const hits = (day: string): number => server.hits.get(`/api/daily_papers?date=${day}`) ?? 0;
const cache = (ws: string, ...p: string[]): string => join(ws, 'data', 'raw', 'hf-daily', ...p);
const input0Dir = (ws: string): string => (savedInput(ws, 'ax')[0].split('/')[3]);
const savedInput = (ws: string, run: string): string[] =>
  (JSON.parse(readFileSync(join(ws, 'data', 'runs', run, 'settings.json'), 'utf8')) as { input: string[] }).input;

describe('fetch --source hf-daily', () => {
  const ws = scratchWorkspace();
  it('recovers from a time-out, a 429 and a 500, keeps an empty day, and keeps a truncated day aside', async () => {
    const t0 = Date.now();
    const r = await hf(ws, '2025-11-30');
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(Date.now() - t0).toBeGreaterThanOrEqual(1000); // Retry-After: 1 was honoured
    expect(r.stdout).toContain('fetched 4: 2025-11-24 (2 papers), 2025-11-25 (2 papers), 2025-11-26 (2 papers), 2025-11-27 (0 papers)');
    expect(r.stdout).toContain('cached (skipped) 0\n');
    expect(r.stdout).toMatch(/retried 3: 2025-11-25 \(1x: timed out after 500 ms\), 2025-11-26 \(1x: HTTP 429\), 2025-11-27 \(1x: HTTP 500\)/);
    expect(r.stdout).toMatch(/failed 1: 2025-11-28 \(not valid JSON .*kept aside in data\/raw\/hf-daily\/rejected\/2025-11-28.txt\)/);
    expect([hits('2025-11-25'), hits('2025-11-26'), hits('2025-11-27'), hits('2025-11-28')]).toEqual([2, 2, 2, 1]);
    expect(readFileSync(cache(ws, '2025-11-24.json'), 'utf8')).toBe(DAY24);
    expect(readFileSync(cache(ws, '2025-11-27.json'), 'utf8')).toBe('[]');
    expect(existsSync(cache(ws, '2025-11-28.json'))).toBe(false); // never cached as good
    const aside = readFileSync(cache(ws, 'rejected', '2025-11-28.txt'), 'utf8');
    expect(aside).toMatch(/^reason: not valid JSON/);
    expect(aside.endsWith(TRUNCATED)).toBe(true);
    expect(readdirSync(cache(ws)).filter((n) => n.includes('.tmp-'))).toEqual([]);
    expect(savedInput(ws, 'wk')).toEqual(['24', '25', '26', '27'].map((d) => `data/raw/hf-daily/2025-11-${d}.json`));
    expect(server.userAgents.every((u) => /^papermap\/\d+\.\d+\.\d+ \(research topic maps\)$/.test(u))).toBe(true);
  });

  it('ingests the fetched days through the run', async () => {
    const r = await papermapAsync(ws, {}, 'ingest', '--run', 'wk');
    expect(r.code).toBe(0);
    const papers = readFileSync(join(ws, 'data', 'runs', 'wk', 'papers.jsonl'), 'utf8').trim().split('\n').map((l) => JSON.parse(l));
    expect(papers.map((p: { id: string }) => p.id).sort()).toEqual(['2511.15705', '2511.16334', '2511.18423', '2511.19046', '2511.19304', '2511.19900']);
  });

  it('judges a cached day final by its age when it was fetched, not today; --refresh fetches all', async () => {
    const before = hits('2025-11-24');
    // the first fetch (2025-11-30) found every day 2 to 6 days old: young, so asked for again however late
    let r = await hf(ws, '2025-12-10');
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/fetched 4: 2025-11-24 .*2025-11-27/);
    expect(hits('2025-11-24')).toBe(before + 1);
    const record = JSON.parse(readFileSync(cache(ws, '2025-11-24.json.meta'), 'utf8'));
    expect(record).toMatchObject({ fetchedOn: '2025-12-10', status: 200, bytes: Buffer.byteLength(DAY24) });
    expect(record.url).toMatch(/\/api\/daily_papers\?date=2025-11-24$/);
    // now they were fetched 13+ days old: final
    r = await hf(ws, '2025-12-11');
    expect(r.stdout).toContain('fetched 0\n');
    expect(r.stdout).toContain('cached (skipped) 4: 2025-11-24 (2 papers), 2025-11-25 (2 papers), 2025-11-26 (2 papers), 2025-11-27 (0 papers)');
    expect(r.stdout).toMatch(/failed 1: 2025-11-28/); // never cached, so asked for again
    expect(hits('2025-11-24')).toBe(before + 1);
    r = await hf(ws, '2025-12-11', '--refresh');
    expect(r.stdout).toMatch(/fetched 4:/);
    expect(hits('2025-11-24')).toBe(before + 2);
    // the records sit beside the responses under names an input glob of *.json does not take
    expect(savedInput(ws, 'wk').every((f) => f.endsWith('.json'))).toBe(true);
  });

  it('re-fetches a day first fetched on its own listing day, weeks later, and then gets the whole day', async () => {
    const ws2 = scratchWorkspace();
    const early = (today: string) =>
      papermapAsync(ws2, { PAPERMAP_TODAY: today }, 'fetch', '--source', 'hf-daily', '--start', '2025-11-24', '--end', '2025-11-24',
        '--base-url', `${server.baseUrl}/young`, '--run', 'y', ...FAST);
    let r = await early('2025-11-24');
    expect(r.stdout).toContain('fetched 1: 2025-11-24 (1 papers)');
    r = await early('2025-12-24');
    expect(r.stdout).toContain('fetched 1: 2025-11-24 (2 papers)');
    r = await early('2025-12-25');
    expect(r.stdout).toContain('cached (skipped) 1: 2025-11-24 (2 papers)');
  });

  it('refuses a response over --max-response-mb, with or without a declared length, and caches nothing of it', async () => {
    const ws2 = scratchWorkspace();
    for (const path of ['big', 'bigchunked']) {
      const r = await papermapAsync(ws2, { PAPERMAP_TODAY: '2025-12-30' }, 'fetch', '--source', 'hf-daily', '--start', '2025-11-24',
        '--end', '2025-11-24', '--base-url', `${server.baseUrl}/${path}`, '--run', path, ...FAST, '--max-response-mb', '1');
      expect(r.code, path).toBe(1);
      expect(r.stdout).toMatch(/failed 1: 2025-11-24 \(the response is over the size cap \(.*cap 1000000 bytes: --max-response-mb\)\)/);
      expect(existsSync(cache(ws2, '2025-11-24.json'))).toBe(false);
    }
  });

  it('never replaces a good cached day with a failing re-fetch', async () => {
    copyFileSync(join(FIX, 'hf-2025-11-24.json'), cache(ws, '2025-11-28.json')); // a good copy from an earlier fetch
    const r = await hf(ws, '2025-11-30');
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/failed 1: 2025-11-28 \(not valid JSON.*the earlier copy data\/raw\/hf-daily\/2025-11-28.json is kept\)/);
    expect(readFileSync(cache(ws, '2025-11-28.json'), 'utf8')).toBe(DAY24);
    expect(savedInput(ws, 'wk')).toContain('data/raw/hf-daily/2025-11-28.json');
  });

  it('fails with exit 1 when every day fails, and exit 2 on bad arguments', async () => {
    const ws2 = scratchWorkspace();
    let r = await papermapAsync(ws2, { PAPERMAP_TODAY: '2025-11-30' }, 'fetch', '--source', 'hf-daily', '--week', '2025-W48',
      '--base-url', `${server.baseUrl}/down`, ...FAST, '--retries', '1');
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/failed 5: 2025-11-24 \(HTTP 503 \(gave up after 2 attempts\)\)/);
    expect(r.stderr).toMatch(/every day failed/);
    expect(existsSync(join(ws2, 'data', 'runs', '2025-W48', 'settings.json'))).toBe(false);
    r = await papermapAsync(ws2, {}, 'fetch', '--start', '2025-11-24', '--end', '2025-11-28', '--run', 'x');
    expect([r.code, r.stderr]).toEqual([2, 'papermap: fetch needs --source (hf-daily or arxiv)\n']);
    r = await papermapAsync(ws2, {}, 'fetch', '--source', 'hf-daily', '--start', '2025-11-31', '--end', '2025-11-28', '--run', 'x');
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/--start must be a day written YYYY-MM-DD; got '2025-11-31'/);
    r = await papermapAsync(ws2, {}, 'fetch', '--help');
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/only Mon-Fri by default/);
  });
});

describe('fetch --source arxiv', () => {
  const ws = scratchWorkspace();
  const arxiv = (today: string, start: string, run: string) =>
    papermapAsync(ws, { PAPERMAP_TODAY: today }, 'fetch', '--source', 'arxiv', '--query', 'cat:cs.CL', '--start', start,
      '--end', '2025-11-28', '--base-url', server.baseUrl, '--run', run, '--page-size', '2', '--delay-ms', '50', '--retries', '0');
  const queries = (): number => [...server.hits].filter(([k]) => k.includes('/api/query')).reduce((s, [, n]) => s + n, 0);

  it('pages, paced; an empty page before totalResults is a failure, not the end; the pages ingest into papers with ids, dates and labels', async () => {
    const q0 = queries();
    const r = await arxiv('2025-11-30', '2025-11-20', 'ax');
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(queries() - q0).toBe(3);
    expect(server.hits.get('/api/query?search_query=cat%3Acs.CL&start=2&max_results=2&sortBy=submittedDate&sortOrder=descending')).toBe(1);
    expect(r.stdout).toMatch(/fetched 2: page 000.xml \(2 papers\), page 001.xml \(2 papers\)/);
    expect(r.stdout).toMatch(/failed 1: page 002.xml \(empty page before all 9000 results were read \(asked 1 time\)\)/);
    expect(r.stdout).toMatch(/note: .*the window may be incomplete/);
    expect(readdirSync(join(ws, 'data', 'raw', 'arxiv', input0Dir(ws)))).not.toContain('complete.json');
    const input = savedInput(ws, 'ax');
    expect(input).toHaveLength(2);
    expect(input[0]).toMatch(/^data\/raw\/arxiv\/[0-9a-f]{12}\/000\.xml$/);
    const ing = await papermapAsync(ws, {}, 'ingest', '--run', 'ax');
    expect(ing.stderr).toBe('');
    expect(ing.code).toBe(0);
    const papers = readFileSync(join(ws, 'data', 'runs', 'ax', 'papers.jsonl'), 'utf8').trim().split('\n').map((l) => JSON.parse(l));
    const first = papers.find((p: { id: string }) => p.id === '2511.21001');
    expect(first).toMatchObject({
      title: 'Sparse Retrieval Meets Late Interaction',
      abstract: 'We study sparse retrieval with late interaction & show that token-level scoring <helps> recall on long queries.',
      date: '2025-11-28',
      published: '2025-11-28',
      authors: ['Ada Lovelace', 'Alan Turing'],
      labels: ['cs.CL', 'cs.IR'],
      url: 'https://arxiv.org/abs/2511.21001v1',
    });
    expect(papers.map((p: { id: string; date: string }) => `${p.id} ${p.date}`).sort()).toEqual([
      '2511.17004 2025-11-21', '2511.19003 2025-11-25', '2511.20502 2025-11-27', '2511.21001 2025-11-28',
    ]);
  });

  it('stops at a page older than --start, and an old finished window is not asked for again', async () => {
    const q0 = queries();
    let r = await arxiv('2025-11-30', '2025-11-24', 'ax2');
    expect(r.code).toBe(0);
    expect(queries() - q0).toBe(2);
    expect(r.stdout).toMatch(/older than --start 2025-11-24/);
    const ing = await papermapAsync(ws, {}, 'ingest', '--run', 'ax2');
    expect(ing.stdout).toMatch(/kept 3/);
    // fetched when the window ended 2 days before: young, so asked for again; fetched 22 days after: final
    r = await arxiv('2025-12-20', '2025-11-24', 'ax2');
    expect(r.code).toBe(0);
    expect(queries() - q0).toBe(4);
    r = await arxiv('2025-12-21', '2025-11-24', 'ax2');
    expect(queries() - q0).toBe(4);
    expect(r.stdout).toMatch(/cached \(skipped\) 2/);
  });

  it('asks again for a page that comes back empty before totalResults, and completes the window', async () => {
    const q0 = queries();
    const r = await papermapAsync(ws, { PAPERMAP_TODAY: '2025-11-30' }, 'fetch', '--source', 'arxiv', '--query', 'cat:cs.CL', '--start', '2025-11-20',
      '--end', '2025-11-28', '--base-url', `${server.baseUrl}/flaky`, '--run', 'flaky', '--page-size', '2', '--delay-ms', '0', '--retries', '2', '--backoff-ms', '10');
    expect(r.code).toBe(0);
    expect(queries() - q0).toBe(4);
    expect(r.stdout).toMatch(/fetched 3: page 000.xml \(2 papers\), page 001.xml \(2 papers\), page 002.xml \(2 papers\)/);
    expect(r.stdout).toMatch(/retried 1: page 002.xml \(1x: empty page before totalResults 6\)/);
    expect(r.stdout).toMatch(/note: .*all 6 results read/);
    expect(savedInput(ws, 'flaky')).toHaveLength(3);
  });
});

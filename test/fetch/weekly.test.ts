// `papermap weekly --fetch hf-daily`: fetch the week's window from a local server, then build the run and its report, unattended.
import { describe, expect, it } from 'vitest';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT, scratchWorkspace } from '../helpers/cli.ts';
import { papermapAsync, startServer } from './server.ts';

const fixture = (day: string): string | null => {
  const f = join(ROOT, 'test/fixtures/fetch', `hf-${day}.json`);
  return existsSync(f) ? readFileSync(f, 'utf8') : null;
};

describe('papermap weekly --fetch hf-daily', () => {
  it('fetches the window, builds the week, and uses the cache the second time', async () => {
    const server = await startServer((_req, url) => {
      if (url.pathname !== '/api/daily_papers') return undefined;
      return [{ body: fixture(url.searchParams.get('date') ?? '') ?? '[]' }];
    });
    try {
      const ws = scratchWorkspace();
      const env = { PAPERMAP_TODAY: '2025-12-20' };
      const args = ['weekly', '--fetch', 'hf-daily', '--week', '2025-W48', '--history', '1', '--base-url', server.baseUrl, '--k', '2', '--min-df', '1'];
      let r = await papermapAsync(ws, env, ...args);
      expect(r.stderr).not.toMatch(/papermap:/);
      expect(r.code).toBe(0);
      // two weeks of weekdays, one request each
      expect(server.hits.size).toBe(10);
      expect(r.stdout).toMatch(/weekly report: reports\/2025-W48\/index\.html/);
      const settings = JSON.parse(readFileSync(join(ws, 'data/runs/2025-W48/settings.json'), 'utf8'));
      expect(settings.input).toHaveLength(10);
      const papers = readFileSync(join(ws, 'data/runs/2025-W48/papers.jsonl'), 'utf8').trim().split('\n');
      expect(papers).toHaveLength(6);
      expect(existsSync(join(ws, 'reports/2025-W48/index.html'))).toBe(true);

      const before = [...server.hits.values()].reduce((a, b) => a + b, 0);
      r = await papermapAsync(ws, env, ...args);
      expect(r.code).toBe(0);
      expect([...server.hits.values()].reduce((a, b) => a + b, 0)).toBe(before); // all days older than 7 days: cached
      expect(r.stdout).toMatch(/ingest\s+up to date/);
    } finally {
      await server.close();
    }
  });

  it('names a day whose fetch failed in the report and the digest', async () => {
    const server = await startServer((_req, url) => {
      if (url.pathname !== '/api/daily_papers') return undefined;
      const day = url.searchParams.get('date') ?? '';
      if (day === '2025-11-26') return [{ body: '[{"paper": ' }]; // truncated JSON: kept aside, never cached
      return [{ body: fixture(day) ?? '[]' }];
    });
    try {
      const ws = scratchWorkspace();
      const env = { PAPERMAP_TODAY: '2025-12-20' };
      const args = ['weekly', '--fetch', 'hf-daily', '--week', '2025-W48', '--history', '1', '--base-url', server.baseUrl, '--k', '2', '--min-df', '1'];
      const r = await papermapAsync(ws, env, ...args);
      expect(r.code).toBe(0);
      const digest = readFileSync(join(ws, 'reports/2025-W48/digest.md'), 'utf8');
      expect(digest).toMatch(/\*\*Failed fetches \(1\):\*\* 2025-11-26 \(not valid JSON .+\); the counts may be incomplete\./);
      const html = readFileSync(join(ws, 'reports/2025-W48/index.html'), 'utf8');
      expect(html).toMatch(/<dt>failed fetches<\/dt><dd>1: 2025-11-26 \(/);
    } finally {
      await server.close();
    }
  });
});

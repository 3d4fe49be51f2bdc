// The mail digest: period, counts, top topics, changes with their counts, top papers, Markdown-escaped.
import { describe, expect, it } from 'vitest';
import { renderDigest } from '../../pipeline/report/digest.ts';
import { baselineText } from '../../pipeline/trends/baseline.ts';
import { smallModel } from './fixtures.ts';

describe('renderDigest', () => {
  const md = renderDigest(smallModel(), { reportUrl: 'https://example.org/reports/2025-W48/index.html' });

  it('matches its golden file', async () => {
    await expect(md).toMatchFileSnapshot('./__snapshots__/digest.md');
  });

  it('opens with the week, its days and its own count, then the window apart', () => {
    const lines = md.split('\n').filter((l) => l.trim() !== '');
    expect(lines[1]).toBe(
      '**2025-W48**, Monday 2025-11-24 to Sunday 2025-11-30: **13 papers**. [Full report](index.html) ([online](https://example.org/reports/2025-W48/index.html))',
    );
    expect(lines[2]).toMatch(/^Window: 5 weeks, 2025-10-27 to 2025-11-30, .* in 4 topics; 36 kept of 40 read \(3 rejected, 2 undated\)\.$/);
  });

  it('states every change against the one baseline the report uses', () => {
    const m = smallModel();
    const b = m.trendBaseline;
    if (!b) throw new Error('the fixture has a baseline');
    const [rising, fading] = m.topics;
    if (!rising.trend || !fading.trend) throw new Error('the fixture has trends');
    expect(md).toContain(`- **Rising:** retrieval · late interaction · reranking: ${baselineText(rising.trend, b)}`);
    expect(baselineText(rising.trend, b)).toMatch(
      /^7 this week against 1\.1 expected from the 4 weeks before: rate ratio \d\.\d \(95% CI \S+ to \S+\), q = 0\.004$/,
    );
    expect(md).toContain(`- **Fading:** diffusion · video · generation: ${baselineText(fading.trend, b)}`);
    expect(md).toContain('- **New:** agents · tool use (5 papers)');
    expect(md).toContain('- **Gone:** old \\<topic\\> (3 papers before)');
    expect(md).toContain('1. retrieval · late interaction · reranking — 14 papers, 7 this week (rising)');
  });

  it('lists failed fetch days', () => {
    expect(md).toContain('**Failed fetches (1):** 2025-11-09 (HTTP 503 \\<after 3 retries\\>); the counts may be incomplete.');
    const m = smallModel();
    m.coverage.failedFetches = [];
    expect(renderDigest(m)).not.toContain('Failed fetches');
  });

  it('escapes titles and links only http(s) URLs', () => {
    expect(md).toContain(
      '[\\<script\\>alert\\(1\\)\\</script\\> Attention Is All You Need](https://arxiv.org/abs/2511.00001)',
    );
    expect(md).not.toMatch(/[^\\]<script>/);
    const m = smallModel();
    m.targetPapers = [
      { id: 'x', title: '[click](javascript:alert(1))', url: 'javascript:alert(1)', date: null, upvotes: 9, topic: 0 },
    ];
    const out = renderDigest(m, { reportUrl: 'javascript:alert(1)' });
    expect(out).toContain('- \\[click\\]\\(javascript:alert\\(1\\)\\) — 9 upvotes');
    expect(out).not.toContain('](javascript');
    expect(out).toContain('[Full report](index.html)');
    expect(out).not.toContain('online');
  });

});

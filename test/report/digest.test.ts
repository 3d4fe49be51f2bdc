// The mail digest: period, counts, top topics, changes with their counts, top papers, Markdown-escaped.
import { describe, expect, it } from 'vitest';
import { changePhrase, renderDigest } from '../../pipeline/report/digest.ts';
import { smallModel } from './fixtures.ts';

describe('renderDigest', () => {
  const md = renderDigest(smallModel(), { reportUrl: 'https://example.org/reports/2025-W48/index.html' });

  it('matches its golden file', async () => {
    await expect(md).toMatchFileSnapshot('./__snapshots__/digest.md');
  });

  it('says the period, the counts, the top topics and the changes', () => {
    expect(md).toContain('2025-10-27 to 2025-11-30');
    expect(md).toContain('**36 papers** kept of 40 read (3 rejected, 2 undated), in 4 topics.');
    expect(md).toContain('1. retrieval · late interaction · reranking — 14 papers (rising)');
    expect(md).toContain('- **Rising:** retrieval · late interaction · reranking grew from 4 to 7 papers (×4.00)');
    expect(md).toContain('- **Fading:** diffusion · video · generation fell from 11 to 0 papers');
    expect(md).toContain('- **New:** agents · tool use (5 papers)');
    expect(md).toContain('- **Gone:** old \\<topic\\> (3 papers before)');
    expect(md).toContain('[Full report](https://example.org/reports/2025-W48/index.html)');
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
    expect(out).not.toContain('Full report');
  });

  it('phrases a change by its direction', () => {
    expect(changePhrase(4, 11)).toBe('grew from 4 to 11 papers');
    expect(changePhrase(9, 1)).toBe('fell from 9 to 1 paper');
    expect(changePhrase(3, 3)).toBe('held at 3 papers');
  });
});

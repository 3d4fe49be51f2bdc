// Escaping helpers: HTML text and attributes, JSON in script blocks, http(s)-only links, Markdown.
import { describe, expect, it } from 'vitest';
import { JSDOM } from 'jsdom';
import { escapeHtml, escapeMarkdown, jsonForScript, safeHttpUrl } from '../../pipeline/report/escape.ts';
import { HOSTILE_TITLES } from './fixtures.ts';

describe('escapeHtml', () => {
  it('escapes the five HTML specials', () => {
    expect(escapeHtml(`<a href="x">'&'</a>`)).toBe('&lt;a href=&quot;x&quot;&gt;&#39;&amp;&#39;&lt;/a&gt;');
    expect(escapeHtml(42)).toBe('42');
  });

  it('keeps hostile titles as text in element content and in attributes', () => {
    for (const title of HOSTILE_TITLES) {
      const dom = new JSDOM(`<p title="${escapeHtml(title)}" data-x='${escapeHtml(title)}'>${escapeHtml(title)}</p>`);
      const doc = dom.window.document;
      expect(doc.querySelectorAll('script, img, b').length).toBe(0);
      const p = doc.querySelector('p')!;
      expect(p.textContent).toBe(title);
      expect(p.getAttribute('title')).toBe(title);
      expect(p.getAttribute('data-x')).toBe(title);
    }
  });
});

describe('jsonForScript', () => {
  it('cannot close the script element and parses back to the same value', () => {
    const value = { titles: [...HOSTILE_TITLES, '<!-- x', 'a & b', '\u2028\u2029'], n: 3 };
    const text = jsonForScript(value);
    expect(text).not.toMatch(/[<>&\u2028\u2029]/);
    expect(JSON.parse(text)).toEqual(value);
    const dom = new JSDOM(`<body><script type="application/json" id="d">${text}</script><p id="after">ok</p></body>`);
    const doc = dom.window.document;
    expect(doc.querySelectorAll('script').length).toBe(1);
    expect(doc.getElementById('after')?.textContent).toBe('ok');
    expect(JSON.parse(doc.getElementById('d')!.textContent!)).toEqual(value);
  });

  it('refuses what JSON cannot hold', () => {
    expect(() => jsonForScript(undefined)).toThrow(/not JSON/);
  });
});

describe('safeHttpUrl', () => {
  it('keeps absolute http(s) URLs and refuses every other scheme', () => {
    expect(safeHttpUrl('https://arxiv.org/abs/2511.00001')).toBe('https://arxiv.org/abs/2511.00001');
    expect(safeHttpUrl(' http://example.org/a b ')).toBe('http://example.org/a%20b');
    for (const bad of [
      'javascript:alert(1)',
      'JaVaScRiPt:alert(1)',
      'data:text/html,<script>',
      '/relative',
      '//host/x',
      'vbscript:x',
      'https://u:p@host/',
      '',
      null,
      undefined,
    ]) {
      expect(safeHttpUrl(bad)).toBeNull();
    }
  });
});

describe('escapeMarkdown', () => {
  it('backslash-escapes link, emphasis and HTML syntax', () => {
    expect(escapeMarkdown('[x](javascript:alert(1)) *a* _b_ `c` <d>')).toBe(
      '\\[x\\]\\(javascript:alert\\(1\\)\\) \\*a\\* \\_b\\_ \\`c\\` \\<d\\>',
    );
  });

  it('neutralises a leading list or heading marker and folds whitespace', () => {
    expect(escapeMarkdown('- item')).toBe('\\- item');
    expect(escapeMarkdown('1. first\nline')).toBe('1\\. first line');
    expect(escapeMarkdown('# heading')).toBe('\\# heading');
    expect(escapeMarkdown('state-of-the-art')).toBe('state-of-the-art');
  });
});

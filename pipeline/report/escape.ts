// Escaping for the report: HTML text and attributes, JSON inside <script type="application/json">, safe link URLs.

const HTML_ESCAPES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};

/**
 * Unicode bidirectional controls (embeddings, overrides, isolates, marks): in a title they can reverse
 * the text shown after it ("\u202E" turns a date and upvotes around), so the report isolates every
 * input text and the digest and exports drop them.
 */
const BIDI_CONTROL = /[\u061C\u200E\u200F\u202A-\u202E\u2066-\u2069]/g;

/** The text without bidirectional control characters. */
export function stripBidi(text: string): string {
  return text.replace(BIDI_CONTROL, '');
}

/** Input text as HTML in its own bidi isolate: whatever its direction controls do stays inside it. */
export function isolated(text: string): string {
  return `<bdi>${escapeHtml(text)}</bdi>`;
}

/** Escapes text for HTML element content and for quoted attribute values (both quote kinds). */
export function escapeHtml(value: string | number): string {
  return String(value).replace(/[&<>"']/g, (c) => HTML_ESCAPES[c]);
}

const JSON_ESCAPES: Record<string, string> = {
  '<': '\\u003c',
  '>': '\\u003e',
  '&': '\\u0026',
  '\u2028': '\\u2028',
  '\u2029': '\\u2029',
};

/**
 * JSON text safe to place between `<script type="application/json">` and `</script>`: `<`, `>`, `&`,
 * U+2028 and U+2029 become \u escapes, so no `</script>` or `<!--` can appear and JSON.parse of the
 * element's textContent gives back the value.
 */
export function jsonForScript(value: unknown): string {
  const text = JSON.stringify(value);
  if (text === undefined) throw new Error('jsonForScript: value is not JSON-serialisable');
  return text.replace(/[<>&\u2028\u2029]/g, (c) => JSON_ESCAPES[c]);
}

/** The URL normalised when it is absolute http(s), else null (javascript:, data:, relative and broken URLs are refused). */
export function safeHttpUrl(url: string | null | undefined): string | null {
  if (!url) return null;
  let parsed: URL;
  try {
    parsed = new URL(url.trim());
  } catch {
    return null;
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') return null;
  if (parsed.username || parsed.password) return null;
  return parsed.href;
}

/** Backslash-escapes the characters Markdown gives meaning to, and folds whitespace (titles in the digest). */
export function escapeMarkdown(text: string): string {
  return stripBidi(text)
    .replace(/\s+/g, ' ')
    .trim()
    .replace(/[\\`*_{}[\]()<>#!|~&]/g, (c) => '\\' + c)
    .replace(/^([-+=]|\d+(?=[.)]))/, (c) => (/^\d/.test(c) ? c + '\\' : '\\' + c));
}

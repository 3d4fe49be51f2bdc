// Hand-written scanner that splits an abstract into word spans and clause breaks, skipping URLs, LaTeX and citations.

/**
 * Word spans found in one text: word i is text.slice(start[i], end[i]); brk[i] is 1 when a clause
 * break (punctuation, a skipped URL/LaTeX/citation) lies between word i-1 and word i; hash[i] is
 * spanHash of the word's characters (so a lookup table needs no substring).
 * Buffers grow as needed and are reused across texts.
 */
export interface WordSpans {
  count: number;
  start: Int32Array;
  end: Int32Array;
  hash: Int32Array;
  brk: Uint8Array;
}

export function createWordSpans(capacity = 1024): WordSpans {
  return { count: 0, start: new Int32Array(capacity), end: new Int32Array(capacity), hash: new Int32Array(capacity), brk: new Uint8Array(capacity) };
}

const FNV_OFFSET = 0x811c9dc5 | 0;
const FNV_PRIME = 16777619;

/** FNV-1a over UTF-16 code units of text[start, end): the hash scanWords records per word. */
export function spanHash(text: string, start: number, end: number): number {
  let h = FNV_OFFSET;
  for (let i = start; i < end; i++) h = Math.imul(h ^ text.charCodeAt(i), FNV_PRIME);
  return h;
}

const MAX_MATH = 400; // longest $...$ span we skip; an unmatched $ is just a break
const MAX_BRACKET_CITATION = 80; // "[3, 4, 12-15]"
const MAX_PAREN_CITATION = 160; // "(Smith et al., 2020; Doe, 2021a)"

/**
 * Word characters beyond ASCII, by UTF-16 code unit: letters of every script, combining marks (the
 * vowel signs of Devanagari, Arabic diacritics) and decimal digits, by Unicode properties.
 * Surrogates are not (a word of astral letters is rare; an emoji is no word).
 */
const WORD_UNIT: Uint8Array = (() => {
  const t = new Uint8Array(65536);
  const re = /[\p{L}\p{M}\p{Nd}]/u;
  for (let c = 128; c < 65536; c++) if ((c < 0xd800 || c > 0xdfff) && re.test(String.fromCharCode(c))) t[c] = 1;
  return t;
})();

/** Letters of every script and digits: the characters words are made of. */
export function isWordChar(c: number): boolean {
  if (c < 128) return (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || (c >= 48 && c <= 57);
  return WORD_UNIT[c] === 1;
}

/** Scripts written without spaces between words (Han, kana, Thai, Lao, Khmer, Myanmar): their runs are segmented. */
export function isUnspacedScript(c: number): boolean {
  return (c >= 0x4e00 && c <= 0x9fff) || (c >= 0x3400 && c <= 0x4dbf) || (c >= 0xf900 && c <= 0xfaff) // Han
    || (c >= 0x3040 && c <= 0x30ff) || (c >= 0x31f0 && c <= 0x31ff) || (c >= 0xff66 && c <= 0xff9f) // kana
    || (c >= 0x0e00 && c <= 0x0eff) || (c >= 0x1780 && c <= 0x17ff) || (c >= 0x1000 && c <= 0x109f); // Thai, Lao, Khmer, Myanmar
}

let segmenter: Intl.Segmenter | null = null;

/**
 * Pushes the words of a run that holds text of an unspaced script, as ICU's dictionary word
 * segmentation (Intl.Segmenter) splits it: "基于大语言模型的检索" -> 基于, 大, 语言, 模型, 的, 检索.
 */
function pushSegmented(spans: WordSpans, text: string, start: number, end: number, brk: boolean): void {
  segmenter ??= new Intl.Segmenter(undefined, { granularity: 'word' });
  let first = true;
  for (const seg of segmenter.segment(text.slice(start, end))) {
    if (!seg.isWordLike) continue;
    const s = start + seg.index;
    const e = s + seg.segment.length;
    push(spans, s, e, spanHash(text, s, e), first && brk);
    first = false;
  }
}

const isDigit = (c: number): boolean => c >= 48 && c <= 57;
const isSpace = (c: number): boolean => c === 32 || c === 10 || c === 9 || c === 13 || c === 0xa0 || c === 0x2009 || c === 0x202f;
/** ASCII hyphen-minus, Unicode hyphen and non-breaking hyphen join the parts of a compound. */
const isHyphen = (c: number): boolean => c === 45 || c === 0x2010 || c === 0x2011;
const isApostrophe = (c: number): boolean => c === 39 || c === 0x2019;

function skipToSpace(text: string, i: number): number {
  const n = text.length;
  while (i < n && !isSpace(text.charCodeAt(i))) i++;
  return i;
}

/** After `$` at i: index past the closing `$` (or `$$`), or i + 1 when unmatched. */
function skipMath(text: string, i: number): number {
  const double = text.charCodeAt(i + 1) === 36;
  const from = i + (double ? 2 : 1);
  const close = text.indexOf(double ? '$$' : '$', from);
  if (close < 0 || close - from > MAX_MATH) return i + 1;
  return close + (double ? 2 : 1);
}

/** After `\` at i: skip `\command{...}` (balanced braces), `\(...\)`, `\[...\]`, or `\command`. */
function skipLatex(text: string, i: number): number {
  const n = text.length;
  const next = text.charCodeAt(i + 1);
  if (next === 40 || next === 91) { // \( ... \)  or \[ ... \]
    const close = text.indexOf(next === 40 ? '\\)' : '\\]', i + 2);
    return close < 0 || close - i > MAX_MATH ? i + 2 : close + 2;
  }
  let j = i + 1;
  while (j < n) {
    const c = text.charCodeAt(j);
    if ((c >= 97 && c <= 122) || (c >= 65 && c <= 90)) j++;
    else break;
  }
  if (j === i + 1) return i + 2; // escaped symbol such as \% or \&
  while (text.charCodeAt(j) === 123) { // one or more {...} arguments
    let depth = 0;
    let k = j;
    for (; k < n && k - j <= MAX_MATH; k++) {
      const c = text.charCodeAt(k);
      if (c === 123) depth++;
      else if (c === 125 && --depth === 0) break;
    }
    if (depth !== 0) return j; // unbalanced: skip only the command name
    j = k + 1;
  }
  return j;
}

/** `[` at i: end of a numeric citation such as [12] or [3, 4-6], else -1. */
function bracketCitationEnd(text: string, i: number): number {
  const close = text.indexOf(']', i + 1);
  if (close < 0 || close - i > MAX_BRACKET_CITATION) return -1;
  for (let k = i + 1; k < close; k++) {
    const c = text.charCodeAt(k);
    if (!(isDigit(c) || c === 44 || c === 59 || c === 32 || isHyphen(c) || c === 0x2013)) return -1;
  }
  return close + 1;
}

/** `(` at i: end of an author-year citation such as (Smith et al., 2020) or (Doe, 2021a), else -1. */
function parenCitationEnd(text: string, i: number): number {
  const close = text.indexOf(')', i + 1);
  if (close < 0 || close - i > MAX_PAREN_CITATION) return -1;
  const inner = text.slice(i + 1, close);
  if (inner.includes('(')) return -1;
  if (inner.includes('et al')) return close + 1;
  const first = inner.charCodeAt(0);
  if (!(first >= 65 && first <= 90)) return -1;
  // ends with a year (19xx/20xx), optionally followed by one letter: "2021a"
  let e = inner.length;
  const last = inner.charCodeAt(e - 1);
  if (last >= 97 && last <= 122) e--;
  if (e < 4) return -1;
  const y0 = inner.charCodeAt(e - 4), y1 = inner.charCodeAt(e - 3);
  const isYear = ((y0 === 49 && y1 === 57) || (y0 === 50 && y1 === 48)) && isDigit(inner.charCodeAt(e - 2)) && isDigit(inner.charCodeAt(e - 1));
  return isYear && (e === 4 || !isDigit(inner.charCodeAt(e - 5))) ? close + 1 : -1;
}

function push(spans: WordSpans, start: number, end: number, hash: number, brk: boolean): void {
  if (spans.count === spans.start.length) {
    const cap = spans.count * 2;
    const s = new Int32Array(cap); s.set(spans.start); spans.start = s;
    const e = new Int32Array(cap); e.set(spans.end); spans.end = e;
    const h = new Int32Array(cap); h.set(spans.hash); spans.hash = h;
    const b = new Uint8Array(cap); b.set(spans.brk); spans.brk = b;
  }
  spans.start[spans.count] = start;
  spans.end[spans.count] = end;
  spans.hash[spans.count] = hash;
  spans.brk[spans.count] = brk ? 1 : 0;
  spans.count++;
}

/**
 * Scan `text` into `spans` (reset first). A word is a run of word characters (letters of any script), with single
 * hyphens between word characters kept inside ("retrieval-augmented", "GPT-4o") and `.`/`,`
 * between digits kept inside ("3.5", "1,000"). An apostrophe ends a word and the letters after
 * it are skipped ("model's" -> "model"). Dropped entirely, each leaving a clause break: URLs
 * (anything with "://", dotted chunks such as "github.com/x", "e.g.", and e-mail addresses), LaTeX ($...$,
 * \cmd{...}, \(...\)), numeric citations ([12], [3, 4]) and author-year citations
 * ((Smith et al., 2020)). Every other non-word, non-space character is a clause break. A run that
 * holds Chinese, Japanese, Thai, Lao, Khmer or Myanmar text is split into its words by Intl.Segmenter.
 */
export function scanWords(text: string, spans: WordSpans): WordSpans {
  spans.count = 0;
  const n = text.length;
  let brk = false;
  let i = 0;
  while (i < n) {
    const c = text.charCodeAt(i);
    if (isWordChar(c)) {
      const start = i;
      let h = Math.imul(FNV_OFFSET ^ c, FNV_PRIME);
      let unspaced = c >= 0x0e00 && isUnspacedScript(c);
      i++;
      while (i < n) {
        const d = text.charCodeAt(i);
        if (d >= 0x0e00 && !unspaced && isUnspacedScript(d)) unspaced = true;
        if (isWordChar(d)
          || (i + 1 < n && isWordChar(text.charCodeAt(i + 1))
            && (isHyphen(d) || ((d === 46 || d === 44) && isDigit(text.charCodeAt(i - 1)) && isDigit(text.charCodeAt(i + 1)))))) {
          h = Math.imul(h ^ d, FNV_PRIME);
          i++;
          continue;
        }
        break;
      }
      const d = i < n ? text.charCodeAt(i) : 32;
      if ((d === 58 && text.charCodeAt(i + 1) === 47 && text.charCodeAt(i + 2) === 47) // scheme://
        || ((d === 46 || d === 64) && i + 1 < n && isWordChar(text.charCodeAt(i + 1)))) { // a.b..., a@b
        i = skipToSpace(text, i);
        brk = true;
        continue;
      }
      if (unspaced) pushSegmented(spans, text, start, i, brk);
      else push(spans, start, i, h, brk);
      brk = false;
      if (isApostrophe(d) && i + 1 < n && isWordChar(text.charCodeAt(i + 1))) {
        i++;
        while (i < n && isWordChar(text.charCodeAt(i))) i++;
      }
      continue;
    }
    if (isSpace(c)) { i++; continue; }
    brk = true;
    if (c === 36) i = skipMath(text, i);
    else if (c === 92) i = skipLatex(text, i);
    else if (c === 91) { const e = bracketCitationEnd(text, i); i = e < 0 ? i + 1 : e; }
    else if (c === 40) { const e = parenCitationEnd(text, i); i = e < 0 ? i + 1 : e; }
    else i++;
  }
  return spans;
}

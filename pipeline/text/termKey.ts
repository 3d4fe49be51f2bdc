// Turns one written word into its matching key and display form: Porter stems for words, kept case for acronyms.
import PorterStemmer from 'natural/lib/natural/stemmers/porter_stemmer.js';

/** A word's matching key, its display form and how many words (hyphen parts) it holds. */
export interface TermForm {
  key: string;
  display: string;
  words: number;
}

/** Porter stem of a lower-case word, memoised (uncached stemming dominated tokenizing: 34 s at 100k docs). */
export class StemCache {
  private readonly cache = new Map<string, string>();
  stem(lower: string): string {
    let s = this.cache.get(lower);
    if (s === undefined) {
      s = PorterStemmer.stem(lower);
      this.cache.set(lower, s);
    }
    return s;
  }
}

const isUpper = (c: number): boolean => (c >= 65 && c <= 90) || (c >= 0xc0 && c <= 0xde && c !== 0xd7) || (c >= 0x391 && c <= 0x3a9);
const isDigit = (c: number): boolean => c >= 48 && c <= 57;

/** Written in caps or mixed caps beyond the first letter: LLM, LLMs, ViT, CoT, mRNA, GPT4. */
export function isAcronym(part: string): boolean {
  for (let i = 1; i < part.length; i++) if (isUpper(part.charCodeAt(i))) return true;
  return false;
}

function hasDigit(s: string): boolean {
  for (let i = 0; i < s.length; i++) if (isDigit(s.charCodeAt(i))) return true;
  return false;
}

function hasLetter(s: string): boolean {
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (!isDigit(c) && c !== 46 && c !== 44 && c !== 45 && c !== 0x2010 && c !== 0x2011) return true;
  }
  return false;
}

/** Numbers with a unit-like suffix that carry no topic: 10x, 100k, 7B, 1st, 2nd, 1990s. */
const NUMBER_WITH_SUFFIX = /^\d[\d.,]*(?:x|k|m|b|st|nd|rd|th|s)$/i;

/** A plural acronym drops its s for display and key: LLMs -> LLM, ViTs -> ViT, GPUs -> GPU. */
function singularAcronym(part: string): string {
  const n = part.length;
  return n >= 3 && part.charCodeAt(n - 1) === 115 && isUpper(part.charCodeAt(n - 2)) ? part.slice(0, n - 1) : part;
}

/**
 * Key and display of a written word (a scanner span), or null when it carries no term (a number).
 * Per hyphen part: an acronym keeps its written case for display and matches on its lower case
 * ("LLMs" -> key "llm", display "LLM"); an ordinary word matches on its Porter stem and displays
 * lower-cased ("Models" -> key "model", display "models"); a part with digits is not stemmed.
 * A compound joins part keys with spaces (so "retrieval-augmented" and the phrase "retrieval
 * augmented" share the key "retriev augment") and part displays with hyphens.
 */
export function termForm(surface: string, stems: StemCache): TermForm | null {
  if (!hasLetter(surface) || NUMBER_WITH_SUFFIX.test(surface)) return null;
  const parts = surface.split(/[-\u2010\u2011]/);
  let key = '';
  let display = '';
  for (let p = 0; p < parts.length; p++) {
    const part = parts[p];
    let k: string;
    let d: string;
    if (isAcronym(part)) {
      d = singularAcronym(part);
      k = d.toLowerCase();
    } else {
      d = part.toLowerCase();
      k = hasDigit(d) ? d : stems.stem(d);
    }
    key += p === 0 ? k : ' ' + k;
    display += p === 0 ? d : '-' + d;
  }
  return { key, display, words: parts.length };
}

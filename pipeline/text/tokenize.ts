// Tokenize stage algorithm: abstracts -> term ids per document (stems, acronyms, stopwords, NPMI phrases).
import { BREAK, findPhrasePairs, mergePhrases, type TermStream } from './phrases.ts';
import { createWordSpans, scanWords } from './scan.ts';
import { stopwordSet } from './stopwords.ts';
import { SurfaceTable } from './surfaceTable.ts';
import { StemCache, termForm } from './termKey.ts';
import { TermTable } from './terms.ts';
import { SETTING_DEFAULTS } from '../config.ts';

export interface PhraseSettings {
  enabled: boolean;
  /** Least number of adjacent occurrences of a pair to become a phrase. */
  minCount: number;
  /** Least normalised PMI, in [-1, 1]: npmi(a,b) = ln(p(ab)/(p(a)p(b))) / -ln p(ab). */
  minNpmi: number;
  /** 2: bigrams only; 3: a second pass over the merged stream adds trigrams. */
  maxLength: 2 | 3;
}

export interface TokenizeOptions {
  /** Words dropped in addition to the built-in English and field lists (matched by surface and by key). */
  extraStopwords: string[];
  phrases: PhraseSettings;
  /** Shorter words (in characters, a compound counted whole) are dropped. */
  minTokenLength: number;
}

export const TOKENIZE_DEFAULTS: Readonly<TokenizeOptions> = Object.freeze({
  extraStopwords: [],
  phrases: Object.freeze({ enabled: SETTING_DEFAULTS.phrases, minCount: SETTING_DEFAULTS.phraseMinCount, minNpmi: SETTING_DEFAULTS.phraseMinNpmi, maxLength: 3 as const }),
  minTokenLength: 2,
});

/**
 * Documents as term ids. Term t has matching key vocab[t] (a Porter stem, a lower-cased
 * acronym, or parts joined by spaces for compounds and phrases) and display form display[t].
 * Document d's terms, in order, are tokens[docOffsets[d] .. docOffsets[d+1]). Ids are numbered
 * by first occurrence. To store: a JSON header { vocab, display } plus the two Int32Arrays.
 */
export interface TokenizedCorpus {
  vocab: string[];
  display: string[];
  docOffsets: Int32Array;
  tokens: Int32Array;
}

/** Options with defaults filled in (phrases merged field by field). */
export function resolveTokenizeOptions(opts: Partial<Omit<TokenizeOptions, 'phrases'>> & { phrases?: Partial<PhraseSettings> } = {}): TokenizeOptions {
  const phrases = { ...TOKENIZE_DEFAULTS.phrases, ...(opts.phrases ?? {}) };
  const resolved: TokenizeOptions = {
    extraStopwords: opts.extraStopwords ?? [...TOKENIZE_DEFAULTS.extraStopwords],
    minTokenLength: opts.minTokenLength ?? TOKENIZE_DEFAULTS.minTokenLength,
    phrases,
  };
  if (!Number.isInteger(resolved.minTokenLength) || resolved.minTokenLength < 1) throw new Error(`minTokenLength must be an integer >= 1, got ${resolved.minTokenLength}`);
  if (!Number.isInteger(phrases.minCount) || phrases.minCount < 1) throw new Error(`phrases.minCount must be an integer >= 1, got ${phrases.minCount}`);
  if (!(phrases.minNpmi >= -1 && phrases.minNpmi <= 1)) throw new Error(`phrases.minNpmi must be in [-1, 1], got ${phrases.minNpmi}`);
  if (phrases.maxLength !== 2 && phrases.maxLength !== 3) throw new Error(`phrases.maxLength must be 2 or 3, got ${String(phrases.maxLength)}`);
  return resolved;
}

const SKIP = -1; // surface cache value for a word that leaves a break (stopword, number, too short)
const PROGRESS_EVERY = 2048;

/**
 * Scan every text into a term stream of written words, with BREAKs where punctuation, a
 * stopword or a dropped token (number, URL, LaTeX, citation) interrupts the clause.
 */
function scanCorpus(texts: readonly string[], opts: TokenizeOptions, terms: TermTable, progress: (done: number) => void): TermStream {
  const stop = stopwordSet(opts.extraStopwords);
  const stems = new StemCache();
  const extraKeys = new Set<string>();
  for (const w of opts.extraStopwords) {
    const f = termForm(w, stems);
    if (f) extraKeys.add(f.key);
  }
  // written word -> display id (>= 0) or SKIP; each distinct written word is classified once
  const surfaces = new SurfaceTable();
  const classify = (surface: string): number => {
    if (surface.length < opts.minTokenLength || stop.has(surface.toLowerCase())) return SKIP;
    const form = termForm(surface, stems);
    if (form === null || extraKeys.has(form.key)) return SKIP;
    return terms.displayId(form.display, terms.intern(form.key, form.words));
  };

  let out = new Int32Array(1 << 20); // term ids and BREAKs
  let outDisplay = new Int32Array(1 << 20); // display ids and BREAKs
  let o = 0;
  const displayTerm = (): Int32Array => terms.displayTerm; // grows on new display forms
  let dTerm = displayTerm();
  const docOffsets = new Int32Array(texts.length + 1);
  const spans = createWordSpans();
  for (let d = 0; d < texts.length; d++) {
    const text = texts[d] ?? '';
    scanWords(text, spans);
    const { start, end, hash, brk } = spans;
    const count = spans.count;
    if (o + 2 * count + 2 > out.length) { // grow once per document at most
      let cap = out.length * 2;
      while (cap < o + 2 * count + 2) cap *= 2;
      const a = new Int32Array(cap); a.set(out.subarray(0, o)); out = a;
      const b = new Int32Array(cap); b.set(outDisplay.subarray(0, o)); outDisplay = b;
    }
    const docStart = o;
    let pendingBreak = false;
    for (let w = 0; w < count; w++) {
      let id = surfaces.get(text, start[w], end[w], hash[w]);
      if (id === undefined) {
        const surface = text.slice(start[w], end[w]);
        id = classify(surface);
        surfaces.add(surface, id);
        dTerm = displayTerm();
      }
      if (id === SKIP) { pendingBreak = true; continue; }
      if ((pendingBreak || brk[w] === 1) && o > docStart) {
        out[o] = BREAK;
        outDisplay[o++] = BREAK;
      }
      pendingBreak = false;
      out[o] = dTerm[id];
      outDisplay[o++] = id;
    }
    docOffsets[d + 1] = o;
    if ((d + 1) % PROGRESS_EVERY === 0) progress(d + 1);
  }
  return { stream: out.subarray(0, o), display: outDisplay.subarray(0, o), docOffsets };
}

/** Drop BREAKs and renumber terms by first occurrence; terms that no longer occur are dropped. */
function finish(input: TermStream, terms: TermTable): TokenizedCorpus {
  const { stream, docOffsets } = input;
  const nDocs = docOffsets.length - 1;
  const newId = new Int32Array(terms.size).fill(-1);
  const displays = terms.chooseDisplays(input.display);
  const vocab: string[] = [];
  const display: string[] = [];
  let n = 0;
  for (let i = 0; i < stream.length; i++) if (stream[i] >= 0) n++;
  const tokens = new Int32Array(n);
  const offsets = new Int32Array(nDocs + 1);
  let o = 0;
  for (let d = 0; d < nDocs; d++) {
    for (let i = docOffsets[d]; i < docOffsets[d + 1]; i++) {
      const t = stream[i];
      if (t < 0) continue;
      let id = newId[t];
      if (id < 0) {
        id = newId[t] = vocab.length;
        vocab.push(terms.keys[t]);
        display.push(displays[t]);
      }
      tokens[o++] = id;
    }
    offsets[d + 1] = o;
  }
  return { vocab, display, docOffsets: offsets, tokens };
}

/**
 * Tokenize abstracts. Words are scanned (see scanWords), stopwords and numbers dropped, each
 * word mapped to a key (Porter stem / acronym / compound, see termForm) with the most frequent
 * written form as display; then, when phrases are enabled, adjacent pairs within a clause
 * (never across a stopword, punctuation or a dropped token) with enough count and NPMI become
 * one term ("large language model"), a second pass adding trigrams when maxLength is 3.
 * Deterministic: the same texts and options give the same corpus. Progress counts documents
 * over the scan and each phrase pass.
 */
export function tokenizeDocs(
  texts: readonly string[],
  options: Partial<Omit<TokenizeOptions, 'phrases'>> & { phrases?: Partial<PhraseSettings> } = {},
  onProgress?: (done: number, total: number) => void,
): TokenizedCorpus {
  const opts = resolveTokenizeOptions(options);
  const n = texts.length;
  const passes = opts.phrases.enabled ? opts.phrases.maxLength - 1 : 0;
  const total = n * (1 + passes);
  const report = (done: number): void => onProgress?.(done, total);
  const terms = new TermTable();
  let stream = scanCorpus(texts, opts, terms, report);
  report(n);
  for (let p = 0; p < passes; p++) {
    const pairs = findPhrasePairs(stream, terms, opts.phrases);
    if (pairs.score.size === 0) break; // a further pass over the same stream would find none either
    stream = mergePhrases(stream, pairs, terms);
    report(n * (2 + p));
  }
  report(total);
  return finish(stream, terms);
}

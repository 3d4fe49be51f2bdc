// Stopword lists for tokenizing abstracts: natural's English list, English words it lacks, and the field's filler words.
import naturalStopwords from 'natural/lib/natural/util/stopwords.js';

/** natural's English stopword list, as shipped (lower case). */
export const ENGLISH_STOPWORDS: readonly string[] = Object.freeze([...naturalStopwords.words]);

/**
 * Common English function words natural's list lacks, plus what the scanner leaves of
 * contractions ("don't" -> "don") and of citations ("et al.", "e.g.", "i.e.").
 */
export const ENGLISH_EXTRA_STOPWORDS: readonly string[] = Object.freeze([
  'no', 'not', 'nor', 'yet', 'via', 'thus', 'hence', 'therefore', 'whether', 'either', 'neither',
  'upon', 'within', 'without', 'across', 'along', 'among', 'amongst', 'toward', 'towards', 'onto',
  'us', 'let', 'per', 'whose', 'whereas', 'although', 'though', 'unlike', 'versus', 'vs',
  'one', 'two', 'three', 'four', 'five', 'six', 'seven', 'eight', 'nine', 'ten', 'first', 'second',
  'third', 'et', 'al', 'etc', 'eg', 'ie', 'cf', 'don', 'doesn', 'didn', 'isn', 'aren', 'wasn',
  'weren', 'won', 'couldn', 'wouldn', 'shouldn', 'hasn', 'haven', 'hadn', 'ca', 're', 've', 'll',
  'may', 'often', 'even', 'every', 'including', 'especially', 'particularly', 'respectively',
  'furthermore', 'moreover', 'additionally', 'finally', 'overall', 'instead', 'rather', 'already',
]);

/**
 * The field's filler: words every abstract uses whatever its topic ("we propose a novel method
 * ... results show ..."). Matched on the lower-cased surface form, so inflections are listed.
 */
export const FIELD_STOPWORDS: readonly string[] = Object.freeze([
  'paper', 'papers', 'propose', 'proposes', 'proposed', 'proposing', 'method', 'methods',
  'approach', 'approaches', 'result', 'results', 'show', 'shows', 'showed', 'shown', 'showing',
  'novel', 'demonstrate', 'demonstrates', 'demonstrated', 'demonstrating', 'present', 'presents',
  'presented', 'existing', 'new', 'based', 'using', 'use', 'uses', 'used', 'however', 'work',
  'works', 'study', 'studies', 'studied', 'introduce', 'introduces', 'introduced', 'introducing',
  'achieve', 'achieves', 'achieved', 'achieving', 'significant', 'significantly', 'effective',
  'effectively', 'outperform', 'outperforms', 'outperformed', 'outperforming', 'state-of-the-art',
  'sota', 'experiment', 'experiments', 'experimental', 'extensive', 'extensively',
  'various', 'different', 'several', 'well', 'high', 'higher', 'better', 'best', 'improve',
  'improves', 'improved', 'improving', 'improvement', 'improvements', 'compared', 'comparison',
  'address', 'addresses', 'addressing', 'provide', 'provides', 'provided', 'providing', 'enable',
  'enables', 'enabling', 'allow', 'allows', 'allowing', 'including', 'include', 'includes',
  'leverage', 'leverages', 'leveraging', 'recent', 'recently', 'task', 'tasks', 'problem',
  'problems', 'able', 'specifically', 'notably', 'simple',
  'available', 'publicly', 'github', 'https', 'http', 'www', 'com', 'org', 'so-called',
  'well-known', 'evaluate', 'evaluated', 'performance', 'perform',
  'performs', 'technique', 'techniques', 'framework', 'frameworks', 'find', 'found', 'findings',
]);

/**
 * The set of lower-case surface forms dropped by the tokenizer: every list above plus the
 * user's extra words (lower-cased). Extra words are also matched by term key in the tokenizer.
 */
export function stopwordSet(extra: readonly string[] = []): Set<string> {
  const set = new Set<string>();
  for (const list of [ENGLISH_STOPWORDS, ENGLISH_EXTRA_STOPWORDS, FIELD_STOPWORDS]) for (const w of list) set.add(w);
  for (const w of extra) set.add(w.toLowerCase());
  return set;
}

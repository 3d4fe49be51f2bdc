// Tests for TF-IDF weighting against scikit-learn's TfidfVectorizer rules, derived by hand.
import { describe, expect, it } from 'vitest';
import { csrToDense } from '../../pipeline/math/sparse.ts';
import { buildTfidf, compareCodePoints, TFIDF_DEFAULTS } from '../../pipeline/text/tfidf.ts';
import type { TokenizedCorpus } from '../../pipeline/text/tokenize.ts';

// vocab ids: cat 0, dog 1, fish 2, bird 3 (not alphabetical, to check column order)
//   d0: cat cat dog      d1: dog fish      d2: cat bird bird bird
// n = 3; df: cat 2, dog 2, fish 1, bird 1; corpus counts: cat 3, dog 2, fish 1, bird 3.
// scikit-learn sorts its vocabulary, so columns are [bird, cat, dog, fish].
const corpus: TokenizedCorpus = {
  vocab: ['cat', 'dog', 'fish', 'bird'],
  display: ['cat', 'dog', 'fish', 'bird'],
  docOffsets: Int32Array.from([0, 3, 5, 9]),
  tokens: Int32Array.from([0, 0, 1, 1, 2, 0, 3, 3, 3]),
};
const all = { minDf: 1, maxDf: 1.0 };

// smooth idf = ln((1 + n) / (1 + df)) + 1
const IDF_DF2 = 1.2876820724517808; // ln(4/3) + 1
const IDF_DF1 = 1.6931471805599454; // ln(4/2) + 1

function rows(m: ReturnType<typeof buildTfidf>): number[][] {
  const d = csrToDense(m.matrix);
  return Array.from({ length: m.matrix.nRows }, (_, i) => Array.from(d.subarray(i * m.matrix.nCols, (i + 1) * m.matrix.nCols)));
}

function expectRows(actual: number[][], expected: number[][]): void {
  expect(actual.length).toBe(expected.length);
  for (const [i, row] of actual.entries()) {
    for (const [j, v] of row.entries()) expect(v).toBeCloseTo(expected[i][j], 6);
  }
}

describe('buildTfidf', () => {
  it('weighs raw counts with smooth idf and l2 rows (sublinearTf false)', () => {
    const r = buildTfidf(corpus, { ...all, sublinearTf: false });
    expect(r.terms).toEqual([3, 0, 1, 2]);
    expect(Array.from(r.df)).toEqual([1, 2, 2, 1]);
    expect(Array.from(r.idf)).toEqual(Array.from(Float32Array.from([IDF_DF1, IDF_DF2, IDF_DF2, IDF_DF1])));
    expectRows(rows(r), [
      // d0: cat 2*1.28768, dog 1*1.28768 -> (2, 1)/sqrt(5)
      [0, 0.8944271909999159, 0.4472135954999579, 0],
      // d1: dog 1.28768, fish 1.69315 -> / sqrt(1.28768^2 + 1.69315^2) = / 2.12719
      [0, 0, 0.6053485081062916, 0.7959605415681652],
      // d2: bird 3*1.69315 = 5.07944, cat 1.28768 -> / sqrt(5.07944^2 + 1.28768^2) = / 5.24012
      [0.9693369822960886, 0.24573525337873806, 0, 0],
    ]);
    // columns within each row are sorted
    expect(Array.from(r.matrix.indices)).toEqual([1, 2, 2, 3, 0, 1]);
    expect(Array.from(r.matrix.indptr)).toEqual([0, 2, 4, 6]);
  });

  it('uses 1 + ln(tf) when sublinear (the default)', () => {
    const r = buildTfidf(corpus, all);
    expectRows(rows(r), [
      // d0: cat (1 + ln 2) * 1.28768 = 2.18022, dog 1.28768 -> / 2.53209
      [0, 0.8610369959439763, 0.5085423203783267, 0],
      // d1: tf 1 everywhere, as above
      [0, 0, 0.6053485081062916, 0.7959605415681652],
      // d2: bird (1 + ln 3) * 1.69315 = 3.55323, cat 1.28768 -> / 3.77935
      [0.9401678083882254, 0.3407117433703762, 0, 0],
    ]);
  });

  it('uses ln(n / df) + 1 without smoothing', () => {
    const r = buildTfidf(corpus, { ...all, sublinearTf: false, smoothIdf: false });
    // idf: df 2 -> ln(3/2) + 1 = 1.40547; df 1 -> ln 3 + 1 = 2.09861
    expect(r.idf[0]).toBeCloseTo(2.09861228866811, 6);
    expect(r.idf[1]).toBeCloseTo(1.4054651081081644, 6);
    const m = rows(r);
    expectRows([m[1], m[2]], [
      [0, 0, 0.5564505207186616, 0.830880748357988], // d1: (1.40547, 2.09861) / 2.52576
      [0.9759768269782848, 0.2178743518668476, 0, 0], // d2: (3 * 2.09861, 1.40547) / 6.45076
    ]);
  });

  it('applies minDf and maxDf as counts or proportions', () => {
    // minDf 2 (count): cat, dog remain; each row then has one or two entries
    const min2 = buildTfidf(corpus, { minDf: 2, maxDf: 1.0, sublinearTf: false });
    expect(min2.terms).toEqual([0, 1]);
    expectRows(rows(min2), [[0.8944271909999159, 0.4472135954999579], [0, 1], [1, 0]]);
    // minDf 0.5 (proportion): df >= 1.5, same as count 2
    expect(buildTfidf(corpus, { minDf: 0.5, maxDf: 1.0 }).terms).toEqual([0, 1]);
    // maxDf 0.5: df <= 1.5 keeps bird, fish; d0 becomes an empty (zero) row
    const max05 = buildTfidf(corpus, { minDf: 1, maxDf: 0.5 });
    expect(max05.terms).toEqual([3, 2]);
    expect(Array.from(max05.matrix.indptr)).toEqual([0, 0, 1, 2]);
    expectRows(rows(max05), [[0, 0], [0, 1], [1, 0]]);
    // maxDf 2 (count) keeps everything; maxDf below minDf is an error
    expect(buildTfidf(corpus, { minDf: 1, maxDf: 2 }).terms).toEqual([3, 0, 1, 2]);
    expect(() => buildTfidf(corpus, { minDf: 2, maxDf: 0.4 })).toThrow(/maxDf allows terms in at most 1 documents, minDf asks for at least 2/);
    expect(() => buildTfidf(corpus, { minDf: 3, maxDf: 1.0 })).toThrow(/no term is in between 3 and/);
  });

  it('keeps the maxFeatures most frequent terms after maxDf, ties in column order', () => {
    // counts: bird 3, cat 3, dog 2, fish 1
    expect(buildTfidf(corpus, { ...all, maxFeatures: 3 }).terms).toEqual([3, 0, 1]);
    expect(buildTfidf(corpus, { ...all, maxFeatures: 1 }).terms).toEqual([3]); // bird ties cat, comes first
    // maxDf 0.5 first removes cat and dog: bird (3) then fish (1)
    expect(buildTfidf(corpus, { minDf: 1, maxDf: 0.5, maxFeatures: 1 }).terms).toEqual([3]);
    // with only "cat" kept, d2's row is cat alone, renormalised to 1
    const one = buildTfidf(corpus, { minDf: 2, maxDf: 1.0, maxFeatures: 1 });
    expect(one.terms).toEqual([0]);
    expectRows(rows(one), [[1], [0], [1]]);
  });

  it('has the reference defaults and sorts keys by code point', () => {
    expect(TFIDF_DEFAULTS).toMatchObject({ minDf: 2, maxDf: 0.5, maxFeatures: null, sublinearTf: true, smoothIdf: true, norm: 'l2' });
    expect(['b', 'a b', 'ab', 'B', '\u{1F600}', '\uFFFD'].sort(compareCodePoints)).toEqual(['B', 'a b', 'ab', 'b', '\uFFFD', '\u{1F600}']);
  });
});

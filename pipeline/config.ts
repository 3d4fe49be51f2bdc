// The settings: their names, flags, defaults and validation with messages that name the setting and what it allows.
import { FORMATS } from './sources/types.ts';
import { isIsoDay, today } from './dates.ts';

export type StageName =
  | 'ingest' | 'tokenize' | 'vectorize' | 'reduce' | 'embed' | 'project' | 'cluster' | 'label' | 'trends' | 'report';

export interface Settings {
  seed: number;
  input: string[];
  format: 'auto' | (typeof FORMATS)[number];
  map: Record<string, string>;
  asOf: string;
  maxInputGb: number;
  textFields: string[];
  stopwords: string[];
  phrases: boolean;
  phraseMinCount: number;
  phraseMinNpmi: number;
  minDf: number;
  maxDf: number;
  maxFeatures: number | null;
  sublinearTf: boolean;
  phraseParts: boolean;
  nComponents: number;
  svdIter: number;
  vectors: 'tfidf' | 'minilm';
  nNeighbors: number;
  knnMethod: 'auto' | 'exact' | 'nndescent';
  minDist: number;
  clusterMinDist: number;
  umapEpochs: number;
  clusterEpochs: number;
  clusterDims: number;
  umapEngine: 'papermap' | 'umap-js';
  k: number | null;
  kMin: number;
  kMax: number;
  nInit: number;
  clusterSpace: 'umap' | 'lsa';
  kmeansEngine: 'papermap' | 'ml-kmeans';
  topTerms: number;
  mmrDiversity: number;
  representatives: number;
  period: 'auto' | 'week' | 'month' | 'quarter';
  trendWindow: number;
  trendFdr: number;
  trendMinCount: number;
  previous: string | null;
  topicNames: Record<string, string>;
  start: string | null;
  end: string | null;
  reportUrl: string | null;
}

type Kind = 'int' | 'number' | 'boolean' | 'enum' | 'list' | 'map' | 'date' | 'intOrNull' | 'intOrAuto' | 'runOrNull' | 'dateOrNull' | 'urlOrNull';

export interface SettingSpec {
  key: keyof Settings;
  flag: string;
  kind: Kind;
  help: string;
  /** Stages whose output depends on it (their cache is invalidated when it changes). */
  stages: StageName[];
  min?: number;
  max?: number;
  values?: readonly string[];
  /** Short name of the value in help, e.g. `N`, `DATE`. */
  arg?: string;
}

export const SPECS: SettingSpec[] = [
  { key: 'seed', flag: 'seed', kind: 'int', min: 0, max: 2 ** 31 - 1, arg: 'N', stages: ['reduce', 'project', 'cluster'], help: 'seed for everything random; same input and seed give the same output' },
  { key: 'input', flag: 'input', kind: 'list', arg: 'PATH', stages: ['ingest'], help: 'input files, folders or globs (repeatable or comma-separated); gzipped files are read as they are' },
  { key: 'format', flag: 'format', kind: 'enum', values: ['auto', ...FORMATS], arg: 'FMT', stages: ['ingest'], help: 'force the input format instead of detecting it by extension and content' },
  { key: 'map', flag: 'map', kind: 'map', arg: 'FIELD=NAME', stages: ['ingest'], help: 'read a paper field from another name, e.g. --map abstract=text (repeatable)' },
  { key: 'asOf', flag: 'as-of', kind: 'date', arg: 'DATE', stages: ['ingest'], help: "day a saved page's year-less date resolves against (default: today, then pinned in the run)" },
  { key: 'maxInputGb', flag: 'max-input-gb', kind: 'number', min: 0.001, arg: 'X', stages: ['ingest'], help: 'refuse an input file larger than X GB (10^9 bytes) [16: the whole arXiv metadata snapshot fits]' },
  { key: 'textFields', flag: 'text-fields', kind: 'list', values: ['title', 'abstract'], arg: 'F,F', stages: ['tokenize'], help: 'paper fields whose text is tokenized' },
  { key: 'stopwords', flag: 'stopwords', kind: 'list', arg: 'W,W', stages: ['tokenize'], help: "extra words to drop, added to English stopwords and the field's filler words" },
  { key: 'phrases', flag: 'phrases', kind: 'boolean', stages: ['tokenize'], help: 'join frequent word pairs into phrases ("language model"); --no-phrases turns it off' },
  { key: 'phraseMinCount', flag: 'phrase-min-count', kind: 'int', min: 1, arg: 'N', stages: ['tokenize'], help: 'a phrase must occur at least N times' },
  { key: 'phraseMinNpmi', flag: 'phrase-min-npmi', kind: 'number', min: -1, max: 1, arg: 'X', stages: ['tokenize'], help: 'a phrase needs a normalised PMI of at least X (-1..1)' },
  { key: 'minDf', flag: 'min-df', kind: 'number', min: 0, arg: 'X', stages: ['vectorize'], help: 'drop terms in fewer documents: a count (>= 1) or a share (< 1)' },
  { key: 'maxDf', flag: 'max-df', kind: 'number', min: 0, arg: 'X', stages: ['vectorize'], help: 'drop terms in more documents: a count (> 1) or a share (<= 1)' },
  { key: 'maxFeatures', flag: 'max-features', kind: 'intOrNull', min: 1, arg: 'N', stages: ['vectorize'], help: 'keep only the N most frequent terms (none: all)' },
  { key: 'sublinearTf', flag: 'sublinear-tf', kind: 'boolean', stages: ['vectorize'], help: 'weigh term counts as 1 + ln(tf); --no-sublinear-tf for raw counts' },
  { key: 'phraseParts', flag: 'phrase-parts', kind: 'boolean', stages: ['vectorize'], help: "a phrase also counts for its words in TF-IDF (--no-phrase-parts: it replaces them)" },
  { key: 'nComponents', flag: 'n-components', kind: 'int', min: 2, max: 1000, arg: 'N', stages: ['reduce'], help: 'dimensions of the LSA space (truncated SVD)' },
  { key: 'svdIter', flag: 'svd-iter', kind: 'int', min: 0, max: 50, arg: 'N', stages: ['reduce'], help: 'power iterations of the randomised SVD' },
  { key: 'vectors', flag: 'vectors', kind: 'enum', values: ['tfidf', 'minilm'], arg: 'V', stages: ['reduce', 'embed', 'project', 'cluster', 'label'], help: 'document vectors the map and topics are made from: tfidf (TF-IDF reduced by LSA) or minilm (all-MiniLM-L6-v2 sentence embeddings, offline; install once with `papermap models install minilm`)' },
  { key: 'nNeighbors', flag: 'n-neighbors', kind: 'int', min: 2, max: 200, arg: 'N', stages: ['project'], help: 'neighbours per paper in the kNN graph UMAP builds on (the paper itself included)' },
  { key: 'knnMethod', flag: 'knn-method', kind: 'enum', values: ['auto', 'exact', 'nndescent'], arg: 'M', stages: ['project'], help: 'nearest neighbours: exact, NN-descent, or auto (exact up to 5,000 papers)' },
  { key: 'minDist', flag: 'min-dist', kind: 'number', min: 0, max: 1, arg: 'X', stages: ['project'], help: "UMAP's min_dist: how tightly the map packs similar papers" },
  { key: 'clusterMinDist', flag: 'cluster-min-dist', kind: 'number', min: 0, max: 1, arg: 'X', stages: ['project'], help: "min_dist of the clustering layout (0 packs topics tightest, as UMAP's authors advise for clustering)" },
  { key: 'umapEpochs', flag: 'umap-epochs', kind: 'int', min: 0, max: 10000, arg: 'N', stages: ['project'], help: 'UMAP layout epochs (0: 500 up to 10,000 papers, 200 above)' },
  { key: 'clusterEpochs', flag: 'cluster-epochs', kind: 'int', min: 0, max: 10000, arg: 'N', stages: ['project'], help: 'epochs of the clustering layout (0: as many as the map up to 10,000 papers, 80 above)' },
  { key: 'clusterDims', flag: 'cluster-dims', kind: 'int', min: 2, max: 50, arg: 'N', stages: ['project'], help: 'dimensions of the UMAP layout that clustering uses (the map is 2-D)' },
  { key: 'umapEngine', flag: 'umap-engine', kind: 'enum', values: ['papermap', 'umap-js'], arg: 'E', stages: ['project'], help: "UMAP implementation: papermap's typed-array one, or the umap-js library" },
  { key: 'k', flag: 'k', kind: 'intOrAuto', min: 2, max: 500, arg: 'N', stages: ['cluster'], help: 'number of topics; auto picks it over --k-min..--k-max by silhouette' },
  { key: 'kMin', flag: 'k-min', kind: 'int', min: 2, max: 500, arg: 'N', stages: ['cluster'], help: 'smallest k tried when k is auto' },
  { key: 'kMax', flag: 'k-max', kind: 'int', min: 2, max: 500, arg: 'N', stages: ['cluster'], help: 'largest k tried when k is auto (at most a third of the papers)' },
  { key: 'nInit', flag: 'n-init', kind: 'int', min: 1, max: 100, arg: 'N', stages: ['cluster'], help: 'k-means restarts from k-means++ starts; the lowest inertia wins' },
  { key: 'clusterSpace', flag: 'cluster-space', kind: 'enum', values: ['umap', 'lsa'], arg: 'S', stages: ['cluster'], help: 'space k-means runs in: the UMAP layout (--cluster-dims) or the document vectors (LSA, or MiniLM with --vectors minilm)' },
  { key: 'kmeansEngine', flag: 'kmeans-engine', kind: 'enum', values: ['papermap', 'ml-kmeans'], arg: 'E', stages: ['cluster'], help: "k-means implementation: papermap's typed-array one, or the ml-kmeans library" },
  { key: 'topTerms', flag: 'top-terms', kind: 'int', min: 3, max: 50, arg: 'N', stages: ['label'], help: 'terms kept per topic (c-TF-IDF, re-ranked by MMR)' },
  { key: 'mmrDiversity', flag: 'mmr-diversity', kind: 'number', min: 0, max: 1, arg: 'X', stages: ['label'], help: 'MMR diversity of the top terms (0: by weight only)' },
  { key: 'representatives', flag: 'representatives', kind: 'int', min: 1, max: 50, arg: 'N', stages: ['label'], help: 'papers closest to the centre shown per topic' },
  { key: 'period', flag: 'period', kind: 'enum', values: ['auto', 'week', 'month', 'quarter'], arg: 'P', stages: ['trends'], help: 'time buckets of the trends: ISO weeks, or months/quarters when the span is long (auto)' },
  { key: 'trendWindow', flag: 'trend-window', kind: 'int', min: 1, max: 52, arg: 'N', stages: ['trends'], help: 'periods before the last one that the rising/fading test compares it with' },
  { key: 'trendFdr', flag: 'trend-fdr', kind: 'number', min: 0.001, max: 0.5, arg: 'X', stages: ['trends'], help: 'false discovery rate of the rising/fading/emerging flags over all topics of the period (Benjamini-Hochberg q-values of exact Poisson rate tests)' },
  { key: 'trendMinCount', flag: 'trend-min-count', kind: 'int', min: 0, max: 1000, arg: 'N', stages: ['trends'], help: 'a topic needs at least N papers in the period (rising) or per window period (fading) to be flagged' },
  { key: 'previous', flag: 'previous', kind: 'runOrNull', arg: 'RUN', stages: ['label'], help: "a previous run whose topics this run's topics inherit ids and names from (none: a fresh numbering)" },
  { key: 'topicNames', flag: 'topic-name', kind: 'map', arg: 'ID=NAME', stages: ['label'], help: 'your own name for a topic id, kept across re-runs and later weeks (repeatable)' },
  { key: 'start', flag: 'start', kind: 'dateOrNull', arg: 'DATE', stages: ['ingest'], help: 'keep only papers dated on or after this day (undated papers are kept)' },
  { key: 'end', flag: 'end', kind: 'dateOrNull', arg: 'DATE', stages: ['ingest'], help: 'keep only papers dated on or before this day' },
  { key: 'reportUrl', flag: 'report-url', kind: 'urlOrNull', arg: 'URL', stages: ['report'], help: "where the report will be online (http or https): the digest links to it beside its own index.html (none: the relative link only)" },
];

/**
 * Every setting's default but the as-of day (today): the one place defaults are defined. Algorithm
 * modules take theirs from here (the seed, k-means restarts, SVD and UMAP parameters, the phrase rule).
 */
export const SETTING_DEFAULTS: Readonly<Omit<Settings, 'asOf'>> = Object.freeze({
    seed: 42,
    input: [],
    format: 'auto',
    map: {},
    maxInputGb: 16,
    textFields: ['title', 'abstract'],
    stopwords: [],
    phrases: true,
    phraseMinCount: 5,
    phraseMinNpmi: 0.35,
    minDf: 2,
    maxDf: 0.5,
    maxFeatures: null,
    sublinearTf: true,
    phraseParts: true,
    nComponents: 100,
    svdIter: 5,
    vectors: 'tfidf',
    nNeighbors: 15,
    knnMethod: 'auto',
    minDist: 0.1,
    clusterMinDist: 0,
    umapEpochs: 0,
    clusterEpochs: 0,
    clusterDims: 5,
    umapEngine: 'papermap',
    k: null,
    kMin: 4,
    kMax: 30,
    nInit: 10,
    clusterSpace: 'umap',
    kmeansEngine: 'papermap',
    topTerms: 10,
    mmrDiversity: 0.3,
    representatives: 5,
    period: 'auto',
    trendWindow: 4,
    trendFdr: 0.1,
    trendMinCount: 3,
    previous: null,
    topicNames: {},
    start: null,
    end: null,
    reportUrl: null,
  });

export function defaults(): Settings {
  return structuredClone({ ...SETTING_DEFAULTS, asOf: today() }) as Settings;
}

/** An error in the settings or arguments: the CLI prints its message alone and exits 2. */
export class UsageError extends Error {
  override name = 'UsageError';
}

/** Settings that are gone, by key and flag, with what replaces them: refused with this line, never ignored. */
export const REMOVED: readonly { key: string; flag: string; why: string }[] = [
  {
    key: 'trendAlpha',
    flag: 'trend-alpha',
    why: 'the flags now control the false discovery rate over all topics of a period: use --trend-fdr X (config key trendFdr, default 0.1)',
  },
];

/** The one line that refuses a removed setting, or null when `name` (a key or a flag) is not one. */
export function removedSetting(name: string): string | null {
  const r = REMOVED.find((x) => x.key === name || x.flag === name);
  return r ? `setting ${r.key} (--${r.flag}) is no longer supported: ${r.why}` : null;
}

const specByKey = new Map(SPECS.map((s) => [s.key, s]));
const specByFlag = new Map(SPECS.map((s) => [s.flag, s]));

export function specForFlag(flag: string): SettingSpec | undefined {
  return specByFlag.get(flag);
}

function describe(spec: SettingSpec): string {
  return `setting ${spec.key} (--${spec.flag})`;
}

function allowed(spec: SettingSpec): string {
  switch (spec.kind) {
    case 'int':
    case 'intOrNull':
    case 'intOrAuto':
    case 'number': {
      const what = spec.kind === 'number' ? 'a number' : 'a whole number';
      const range =
        spec.min !== undefined && spec.max !== undefined ? ` from ${spec.min} to ${spec.max}`
        : spec.min !== undefined ? ` >= ${spec.min}` : '';
      return what + range + (spec.kind === 'intOrNull' ? ', or none' : spec.kind === 'intOrAuto' ? ', or auto' : '');
    }
    case 'boolean': return 'true or false';
    case 'enum': return `one of ${spec.values?.join(', ')}`;
    case 'date': return 'a day written YYYY-MM-DD';
    case 'dateOrNull': return 'a day written YYYY-MM-DD, or none';
    case 'runOrNull': return "a run name (letters, digits, '.', '-', '_'), or none";
    case 'urlOrNull': return 'an absolute http or https URL, or none';
    case 'list': return spec.values ? `a list of ${spec.values.join(', ')}` : 'a list of strings';
    case 'map': return 'pairs FIELD=NAME';
  }
}

function fail(spec: SettingSpec, got: unknown, where: string): never {
  const shown = typeof got === 'string' ? `'${got}'` : JSON.stringify(got);
  throw new UsageError(`${where}${describe(spec)} must be ${allowed(spec)}; got ${shown}`);
}

/** Check one value (from JSON or already parsed from a flag) against its spec; returns the clean value. */
export function checkValue(spec: SettingSpec, v: unknown, where = ''): unknown {
  switch (spec.kind) {
    case 'int':
    case 'intOrNull':
    case 'intOrAuto':
    case 'number': {
      if (spec.kind === 'intOrNull' && (v === null || v === 'none')) return null;
      if (spec.kind === 'intOrAuto' && (v === null || v === 'auto')) return null;
      const n = typeof v === 'string' && v.trim() !== '' ? Number(v) : v;
      if (typeof n !== 'number' || !Number.isFinite(n)) fail(spec, v, where);
      if (spec.kind !== 'number' && !Number.isInteger(n)) fail(spec, v, where);
      if ((spec.min !== undefined && n < spec.min) || (spec.max !== undefined && n > spec.max)) fail(spec, v, where);
      return n;
    }
    case 'boolean':
      if (v === true || v === 'true') return true;
      if (v === false || v === 'false') return false;
      return fail(spec, v, where);
    case 'enum':
      if (typeof v !== 'string' || !spec.values?.includes(v)) fail(spec, v, where);
      return v;
    case 'date':
      if (typeof v !== 'string' || !isIsoDay(v)) fail(spec, v, where);
      return v;
    case 'dateOrNull':
      if (v === null || v === 'none') return null;
      if (typeof v !== 'string' || !isIsoDay(v)) fail(spec, v, where);
      return v;
    case 'runOrNull':
      if (v === null || v === 'none') return null;
      if (typeof v !== 'string' || !/^[A-Za-z0-9._-]+$/.test(v) || /^\.+$/.test(v)) fail(spec, v, where);
      return v;
    case 'urlOrNull': {
      if (v === null || v === 'none') return null;
      if (typeof v !== 'string' || !/^https?:\/\/[^\s]+$/i.test(v)) fail(spec, v, where);
      try {
        new URL(v as string);
      } catch {
        fail(spec, v, where);
      }
      return v;
    }
    case 'list': {
      const list = typeof v === 'string' ? v.split(',').map((x) => x.trim()).filter(Boolean) : v;
      if (!Array.isArray(list) || !list.every((x) => typeof x === 'string')) fail(spec, v, where);
      if (spec.values && !list.every((x: string) => spec.values?.includes(x))) fail(spec, v, where);
      if (spec.values && list.length === 0) fail(spec, v, where);
      return list;
    }
    case 'map': {
      if (!v || typeof v !== 'object' || Array.isArray(v)) fail(spec, v, where);
      const o = v as Record<string, unknown>;
      if (!Object.values(o).every((x) => typeof x === 'string' && x !== '')) fail(spec, v, where);
      return { ...o };
    }
  }
}

/** Apply a partial object of settings (from a config file or a run's saved flags) onto `base`, validating each key. */
export function applySettings(base: Settings, partial: Record<string, unknown>, where: string): Settings {
  const out: Settings = { ...base };
  for (const [key, value] of Object.entries(partial)) {
    const spec = specByKey.get(key as keyof Settings);
    const removed = removedSetting(key);
    if (removed) throw new UsageError(`${where}${removed}`);
    if (!spec) {
      const known = SPECS.map((s) => s.key).join(', ');
      throw new UsageError(`${where}unknown setting '${key}'; known settings: ${known}`);
    }
    (out as unknown as Record<string, unknown>)[key] = checkValue(spec, value, where);
  }
  return out;
}

/** Cross-setting checks that no single value can make. */
export function checkSettings(s: Settings): Settings {
  const minDf = specByKey.get('minDf') as SettingSpec;
  if (s.minDf >= 1 && !Number.isInteger(s.minDf)) fail(minDf, s.minDf, '');
  if (s.maxDf > 1 && !Number.isInteger(s.maxDf)) fail(specByKey.get('maxDf') as SettingSpec, s.maxDf, '');
  if (s.maxDf <= 0) fail(specByKey.get('maxDf') as SettingSpec, s.maxDf, '');
  if (s.start !== null && s.end !== null && s.start > s.end) {
    throw new UsageError(`setting start (--start) ${s.start} is after end (--end) ${s.end}`);
  }
  if (!Object.keys(s.topicNames).every((k) => /^\d+$/.test(k))) {
    throw new UsageError(`setting topicNames (--topic-name) takes topic ids: ID=NAME, e.g. --topic-name 3="late interaction"`);
  }
  if (s.kMin > s.kMax) throw new UsageError(`setting kMin (--k-min) ${s.kMin} is above kMax (--k-max) ${s.kMax}`);
  return s;
}

/** The settings a stage depends on: the cache key part that, changed, re-runs it. */
export function stageSettings(s: Settings, stage: StageName): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const spec of SPECS) if (spec.stages.includes(stage)) out[spec.key] = s[spec.key];
  return out;
}

/** Help lines for the settings of the given stages. */
export function settingsHelp(stages: readonly StageName[]): string[] {
  const d = defaults();
  return SPECS.filter((s) => s.stages.some((st) => stages.includes(st))).map((s) => {
    const left = `--${s.flag}${s.kind === 'boolean' ? '' : ' ' + (s.arg ?? 'V')}`;
    const value = s.kind === 'intOrAuto' && d[s.key] === null ? 'auto' : d[s.key];
    const dv = s.key === 'asOf' ? '' : ` [${JSON.stringify(value)}]`;
    return `  ${left.padEnd(26)} ${s.help}${dv === ' [[]]' || dv === ' [{}]' ? '' : dv}`;
  });
}

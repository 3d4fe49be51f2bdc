// Hand-made ReportModels for the report tests: a few topics over a few weeks, hostile titles, and a 10k-point map.
import type { MapPoint, ReportModel, ReportPaper, ReportTopic, TopicTrend } from '../../pipeline/report/model.ts';
import { poissonRateTest } from '../../pipeline/trends/rateTest.ts';

/** A topic's trend figures as the trends stage computes them: x papers now against y in a window, exposures eT and eW, the q given. */
export function trendOf(x: number, y: number, eT: number, eW: number, q: number): TopicTrend {
  const t = poissonRateTest(x, y, eT, eW);
  return {
    count: x,
    windowCount: y,
    expected: t.expected,
    rateRatio: Number.isFinite(t.rateRatio) ? t.rateRatio : null,
    ci: [t.ciLow, Number.isFinite(t.ciHigh) ? t.ciHigh : null],
    p: t.p,
    q,
    tested: x + y > 0,
  };
}

export const HOSTILE_TITLES = [
  '<script>alert(1)</script> Attention Is All You Need',
  '"><img src=x onerror=alert(1)>',
  '</script><script>alert(1)</script>',
  "It's <b>bold</b> & \u2028 line\u2029 [x](javascript:alert(1)) *emph* _u_",
] as const;

const PERIODS = ['2025-W44', '2025-W45', '2025-W46', '2025-W47', '2025-W48'];

const paper = (
  id: string,
  title: string,
  date: string | null,
  upvotes: number | null,
  url: string | null,
): ReportPaper => ({
  id,
  title,
  date,
  upvotes,
  url,
});

/** Four topics over five ISO weeks: one rising, one fading, one new and emerging, one steady; hostile titles inside. */
export function smallModel(): ReportModel {
  const topics: ReportTopic[] = [
    {
      id: 0,
      name: 'retrieval · late interaction · reranking',
      size: 14,
      terms: [
        { term: 'retrieval', weight: 0.42 },
        { term: 'late interaction', weight: 0.31 },
        { term: 'reranking', weight: 0.22 },
        { term: 'dense', weight: 0.12 },
      ],
      flags: ['rising'],
      counts: [0, 0, 1, 1, 7],
      trend: trendOf(7, 2, 13, 23, 0.004),
      representatives: [
        paper('2511.00001', HOSTILE_TITLES[0], '2025-11-24', 12, 'https://arxiv.org/abs/2511.00001'),
        paper('2511.00002', 'ColBERT again', '2025-11-25', 3, 'javascript:alert(1)'),
      ],
      mostUpvoted: [paper('2511.00001', HOSTILE_TITLES[0], '2025-11-24', 12, 'https://arxiv.org/abs/2511.00001')],
      history: [
        { run: '2025-W46', size: 9 },
        { run: '2025-W47', size: 11 },
      ],
    },
    {
      id: 1,
      name: 'diffusion · video · generation',
      size: 11,
      terms: [
        { term: 'diffusion', weight: 0.5 },
        { term: 'video', weight: 0.3 },
        { term: 'generation', weight: 0.2 },
      ],
      flags: ['fading'],
      counts: [4, 3, 3, 1, 0],
      trend: trendOf(0, 11, 13, 23, 0.03),
      representatives: [paper('2511.00003', HOSTILE_TITLES[1], '2025-11-03', null, 'http://example.org/p?a=1&b="2"')],
      mostUpvoted: [],
    },
    {
      id: 2,
      name: 'agents · tool use',
      size: 5,
      terms: [
        { term: 'agents', weight: 0.6 },
        { term: 'tool use', weight: 0.4 },
      ],
      flags: ['new', 'emerging'],
      counts: [0, 0, 0, 0, 5],
      trend: trendOf(5, 0, 13, 23, 0.01),
      representatives: [paper('2511.00004', HOSTILE_TITLES[2], null, 40, 'data:text/html,<script>alert(1)</script>')],
      mostUpvoted: [paper('2511.00004', HOSTILE_TITLES[2], null, 40, null)],
    },
    {
      id: 37,
      name: 'speech · audio',
      size: 6,
      terms: [
        { term: 'speech', weight: 0.7 },
        { term: 'audio', weight: 0.2 },
      ],
      flags: [],
      counts: [1, 1, 2, 1, 1],
      trend: trendOf(1, 5, 13, 23, 0.7),
      representatives: [
        paper('2511.00005', HOSTILE_TITLES[3], '2025-11-26', 2, 'https://huggingface.co/papers/2511.00005'),
      ],
      mostUpvoted: [],
    },
  ];
  const centres: Record<number, [number, number]> = { 0: [2, 3], 1: [-4, 1], 2: [0, -3], 37: [5, -2] };
  const points: MapPoint[] = [];
  let index = 0;
  for (const t of topics) {
    for (let i = 0; i < t.size; i++) {
      const [cx, cy] = centres[t.id];
      const title = i < HOSTILE_TITLES.length && t.id === 0 ? HOSTILE_TITLES[i] : `${t.name} paper ${i}`;
      points.push({
        x: cx + Math.sin(index * 1.7) * 0.8,
        y: cy + Math.cos(index * 2.3) * 0.8,
        topic: t.id,
        title,
        date: i === 0 ? null : `2025-11-${String(3 + (index % 25)).padStart(2, '0')}`,
        index,
        id: `2511.${String(20000 + index)}`,
        authors: i === 1 ? '<img src=x onerror=alert(1)>, Ada Lovelace' : 'Ada Lovelace, Alan Turing',
        abstract: i === 1 ? `${HOSTILE_TITLES[0]} in an abstract` : `We study ${t.name} in paper ${i}.`,
        upvotes: i % 5,
        url: i === 2 ? 'javascript:alert(1)' : null,
      });
      index++;
    }
  }
  return {
    run: '2025-W48',
    period: { from: '2025-10-27', to: '2025-11-30', label: '2025-W48 (24–30 Nov 2025), history from 2025-W44' },
    periods: PERIODS,
    targetPeriod: '2025-W48',
    target: { label: '2025-W48', from: '2025-11-24', to: '2025-11-30', papers: 13 },
    trendBaseline: { target: '2025-W48', period: 'week', window: 4, ciLevel: 0.95 },
    trendTest: 'Each topic is tested against the 4 weeks before; flagged when q <= 0.1 and at least 3 papers.',
    coverage: {
      read: 40,
      kept: 36,
      merged: 1,
      rejected: 3,
      undated: 2,
      daysWithoutPapers: ['2025-11-01', '2025-11-02'],
      failedFetches: [{ item: '2025-11-09', reason: 'HTTP 503 <after 3 retries>' }],
    },
    quality: {
      silhouette: 0.41,
      coherence: 0.12,
      diversity: 0.93,
      labelled: { papers: 30, classes: 4, homogeneity: 0.8, completeness: 0.7, vMeasure: 0.75, ari: 0.6 },
    },
    topics,
    gone: [{ id: 5, name: 'old <topic>', size: 3 }],
    map: { points },
    kCurve: {
      points: [
        { k: 2, silhouette: 0.31, inertia: 120 },
        { k: 3, silhouette: 0.38, inertia: 80 },
        { k: 4, silhouette: 0.41, inertia: 61 },
        { k: 5, silhouette: 0.36, inertia: 55 },
        { k: 6, silhouette: 0.33, inertia: 50 },
      ],
      chosenK: 4,
      how: 'k chosen by silhouette over 2..6',
    },
    nav: {
      previous: { label: '2025-W47', href: '../2025-W47/index.html' },
      index: { label: 'all weeks', href: '../index.html' },
    },
    targetPapers: [
      { ...paper('2511.00001', HOSTILE_TITLES[0], '2025-11-24', 12, 'https://arxiv.org/abs/2511.00001'), topic: 0 },
      {
        ...paper('2511.00006', 'Tool-using agents that plan', '2025-11-27', 5, 'https://arxiv.org/abs/2511.00006'),
        topic: 2,
      },
    ],
  };
}

/** A deterministic pseudo-random generator (mulberry32) for the big fixture. */
function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const WORDS =
  'language model retrieval diffusion agent vision transformer reasoning benchmark scaling training alignment video speech graph reinforcement learning efficient sparse attention multimodal'.split(
    ' ',
  );

/** `n` papers in 36 topics over 12 weeks: realistic title lengths (~90 characters), for the page-size test. */
export function bigModel(n = 10_000, nTopics = 36): ReportModel {
  const rand = mulberry32(7);
  const base = smallModel();
  const periods = Array.from({ length: 12 }, (_, i) => `2025-W${String(37 + i).padStart(2, '0')}`);
  const points: MapPoint[] = [];
  const sizes = new Array<number>(nTopics).fill(0);
  const counts = Array.from({ length: nTopics }, () => new Array<number>(periods.length).fill(0));
  for (let i = 0; i < n; i++) {
    const topic = Math.floor(rand() ** 1.5 * nTopics);
    sizes[topic]++;
    const week = Math.floor(rand() * periods.length);
    counts[topic][week]++;
    const words = Array.from({ length: 12 }, () => WORDS[Math.floor(rand() * WORDS.length)]);
    const angle = (topic / nTopics) * Math.PI * 2;
    points.push({
      x: Math.cos(angle) * 8 + (rand() - 0.5) * 3,
      y: Math.sin(angle) * 8 + (rand() - 0.5) * 3,
      topic,
      title: words.join(' ').replace(/^./, (c) => c.toUpperCase()),
      date: `2025-${String(9 + Math.floor(week / 4)).padStart(2, '0')}-${String(1 + Math.floor(rand() * 28)).padStart(2, '0')}`,
      index: i,
      id: `2509.${String(10000 + i)}`,
      authors: Array.from({ length: 4 }, () => WORDS[Math.floor(rand() * WORDS.length)]).join(', '),
      abstract: Array.from({ length: 150 }, () => WORDS[Math.floor(rand() * WORDS.length)]).join(' '),
      upvotes: Math.floor(rand() * 30),
      url: null,
    });
  }
  const topics: ReportTopic[] = sizes.map((size, id) => ({
    id,
    name: `${WORDS[id % WORDS.length]} · ${WORDS[(id * 7 + 3) % WORDS.length]} · ${WORDS[(id * 5 + 1) % WORDS.length]}`,
    size,
    terms: Array.from({ length: 10 }, (_, j) => ({
      term: WORDS[(id + j * 3) % WORDS.length] + (j > 5 ? ` ${j}` : ''),
      weight: 0.5 / (j + 1),
    })),
    flags: id % 9 === 0 ? ['rising'] : id % 11 === 0 ? ['fading'] : [],
    counts: counts[id],
    trend: trendOf(counts[id][11], counts[id][10], 1000, 1000, 0.5),
    representatives: points
      .filter((p) => p.topic === id)
      .slice(0, 5)
      .map((p) => ({
        id: `p${p.index}`,
        title: p.title,
        url: `https://arxiv.org/abs/2509.${p.index}`,
        date: p.date,
        upvotes: p.index % 50,
      })),
    mostUpvoted: points
      .filter((p) => p.topic === id)
      .slice(5, 10)
      .map((p) => ({
        id: `p${p.index}`,
        title: p.title,
        url: `https://arxiv.org/abs/2509.${p.index}`,
        date: p.date,
        upvotes: 100 - (p.index % 50),
      })),
  }));
  return {
    ...base,
    run: 'big',
    periods,
    targetPeriod: periods[periods.length - 1],
    coverage: { read: n + 10, kept: n, rejected: 10, undated: 0, daysWithoutPapers: [] },
    topics: topics.sort((a, b) => b.size - a.size),
    gone: [],
    map: { points },
    kCurve: {
      points: Array.from({ length: 39 }, (_, i) => ({
        k: i + 2,
        silhouette: 0.3 + 0.1 * Math.sin(i / 6),
        inertia: 5000 / (i + 2),
      })),
      chosenK: 36,
    },
    targetPapers: points
      .filter((p) => p.date !== null && p.date >= '2025-11-24')
      .slice(0, 300)
      .map((p) => ({
        id: `p${p.index}`,
        title: p.title,
        url: `https://arxiv.org/abs/2509.${p.index}`,
        date: p.date,
        upvotes: p.index % 50,
        topic: p.topic,
      })),
  };
}

// Report charts under jsdom: each chart is a named function over fixture data, compared with a golden file.
import { describe, expect, it } from 'vitest';
import { JSDOM } from 'jsdom';
import {
  kCurveChart,
  mapExtent,
  mapFrameChart,
  topTermsChart,
  topicCentres,
  topicSharesChart,
  topicSizesChart,
  trendsChart,
} from '../../pipeline/report/charts.ts';
import { colorOf } from '../../pipeline/report/palette.ts';
import { HOSTILE_TITLES, smallModel, trendOf } from './fixtures.ts';

const model = smallModel();

/** The charts of the small fixture, by golden-file name. */
const charts: Record<string, () => string> = {
  'topic-sizes': () => topicSizesChart(model.topics),
  'topic-shares': () => topicSharesChart({ periods: model.periods, topics: model.topics, target: model.targetPeriod }),
  'topic-shares-two-periods': () =>
    topicSharesChart({
      periods: ['2025-W47', '2025-W48'],
      topics: model.topics.map((t) => ({ ...t, counts: t.counts.slice(3) })),
    }),
  trends: () => trendsChart(model.topics),
  'top-terms': () => topTermsChart(model.topics[0]),
  'k-curve': () => kCurveChart(model.kCurve),
  'map-frame': () => {
    const centres = topicCentres(model.map.points);
    const labels = model.topics.map((t) => ({ id: t.id, name: t.name, ...centres.get(t.id)! }));
    return mapFrameChart({ extent: mapExtent(model.map.points), labels });
  },
};

describe('charts', () => {
  for (const [name, chart] of Object.entries(charts)) {
    it(`${name} renders SVG matching its golden file`, async () => {
      const svg = chart();
      expect(svg.startsWith('<svg') || svg.includes('<svg')).toBe(true);
      expect(svg).not.toMatch(/<(script|img|foreignObject|image|use)\b/i);
      expect(svg).not.toMatch(/href=|src=|url\(/i);
      expect(chart()).toBe(svg);
      // The golden file gets the SVG namespace so it opens as an image on its own (the page inlines it without).
      const golden = svg.replace(/<svg /g, '<svg xmlns="http://www.w3.org/2000/svg" ');
      await expect(golden).toMatchFileSnapshot(`./__snapshots__/${name}.${svg.startsWith('<svg') ? 'svg' : 'html'}`);
    });
  }

  it('sizes chart: one bar a topic, coloured by topic id, names as labels', () => {
    const doc = new JSDOM(topicSizesChart(model.topics)).window.document;
    const fills = [...doc.querySelectorAll('g[aria-label="bar"] rect')].map((r) => r.getAttribute('fill'));
    expect(fills).toEqual([0, 1, 37, 2].map(colorOf));
    const labels = [...doc.querySelectorAll('g[aria-label="y-axis tick label"] text')].map((t) => t.textContent);
    expect(labels).toContain('agents · tool use');
  });

  it('a colour stays with its topic id whatever the order or the other topics', () => {
    const alone = new JSDOM(topicSizesChart([{ id: 37, name: 'speech', size: 3 }])).window.document;
    expect(alone.querySelector('g[aria-label="bar"] rect')?.getAttribute('fill')).toBe(colorOf(37));
  });

  it('escapes text from the input: hostile names render as text, nothing is injected', () => {
    const topics = HOSTILE_TITLES.map((name, id) => ({
      id,
      name,
      size: id + 1,
      counts: [1, 2, 3],
      flags: [],
      trend: trendOf(3, 1, 10, 10, 0.1),
      terms: [{ term: name, weight: 1 }],
    }));
    const centres = topics.map((t, i) => ({ id: t.id, name: t.name, x: i, y: i }));
    const svgs = [
      topicSizesChart(topics),
      topicSharesChart({ periods: ['a', 'b', 'c'], topics }),
      trendsChart(topics, { target: '2025-W48', period: 'week' as const, window: 4, ciLevel: 0.95 }),
      topTermsChart(topics[1]),
      mapFrameChart({ extent: { x: [-1, 5], y: [-1, 5] }, labels: centres }),
    ];
    for (const svg of svgs) {
      const doc = new JSDOM(`<body>${svg}</body>`).window.document;
      expect(doc.querySelectorAll('script, img, b').length).toBe(0);
      const texts = [...doc.querySelectorAll('text, tspan, title')].map((t) => t.textContent ?? '');
      expect(texts.some((t) => t.includes('alert(1)'))).toBe(true);
    }
    const sizes = new JSDOM(`<body>${svgs[0]}</body>`).window.document;
    const names = [...sizes.querySelectorAll('g[aria-label="bar"] title')].map((t) => t.textContent);
    expect(names).toEqual(expect.arrayContaining([...HOSTILE_TITLES]));
  });

  it('map frame: fixed size and margins, the extent exactly (no nice rounding), names at centres', () => {
    const extent = { x: [-3.7, 6.2] as [number, number], y: [-1.1, 4.3] as [number, number] };
    const doc = new JSDOM(mapFrameChart({ extent, labels: [{ id: 2, name: 'agents', x: -3.7, y: 4.3 }] })).window
      .document;
    const svg = doc.querySelector('svg')!;
    expect(svg.getAttribute('width')).toBe('880');
    expect(svg.getAttribute('height')).toBe('600');
    const frame = doc.querySelector('[aria-label="frame"]')!;
    expect([
      frame.getAttribute('x'),
      frame.getAttribute('y'),
      frame.getAttribute('width'),
      frame.getAttribute('height'),
    ]).toEqual(['8', '8', '864', '584']);
    const label = doc.querySelector('g[aria-label="text"] text')!;
    expect(label.getAttribute('transform')).toBe('translate(8,8)');
    expect(label.textContent).toBe('agents');
    // no axes: a UMAP map's x and y mean nothing
    expect(doc.querySelectorAll('[aria-label$="axis"]').length).toBe(0);
    expect(svg.textContent).not.toMatch(/map x|map y/);
  });

  it('map frame without JavaScript: the sampled papers as dots in their topic colours', () => {
    const extent = { x: [0, 10] as [number, number], y: [0, 10] as [number, number] };
    const points = [{ x: 1, y: 1, topic: 0 }, { x: 9, y: 9, topic: 3 }];
    const doc = new JSDOM(mapFrameChart({ extent, labels: [], points })).window.document;
    const dots = [...doc.querySelectorAll('circle')];
    expect(dots).toHaveLength(2);
    expect(dots.map((d) => d.getAttribute('fill'))).toEqual([colorOf(0), colorOf(3)]);
  });

  it('k curve marks the chosen k', () => {
    const html = kCurveChart(model.kCurve);
    expect(html.match(/<svg/g)?.length).toBe(2);
    expect(html).toContain('k = 4');
  });

  it('trends chart states each topic against the baseline, an empty window (infinite ratio) at the clamp', () => {
    const svg = trendsChart(model.topics, model.trendBaseline);
    const doc = new JSDOM(`<body>${svg}</body>`).window.document;
    const titles = [...doc.querySelectorAll('title')].map((t) => t.textContent ?? '');
    expect(titles.some((t) => /^agents · tool use: 5 this week against 0 expected from the 4 weeks before: rate ratio ∞ \(95% CI \S+ to ∞\), q = 0\.01/.test(t))).toBe(true);
    expect(svg).toContain('5 vs 0 expected · q 0.01');
    expect(svg).toContain('7 vs 1.1 expected · q 0.004');
    expect(doc.querySelectorAll('[aria-label="dot"] path, [aria-label="dot"] circle').length).toBe(4);
    // Without a baseline (nothing tested) no topic is drawn.
    expect(new JSDOM(`<body>${trendsChart(model.topics)}</body>`).window.document.querySelectorAll('[aria-label="dot"] circle').length).toBe(0);
  });
});

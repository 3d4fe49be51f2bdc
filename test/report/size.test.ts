// A 10k-paper report stays light: at most 8 MB with 1,000-character excerpts, and its map data holds every paper (speed: npm run bench -- --explorer).
import { describe, expect, it } from 'vitest';
import { JSDOM } from 'jsdom';
import { renderReport } from '../../pipeline/report/page.ts';
import { bigModel } from './fixtures.ts';
import { unpackMap } from '../helpers/mapData.ts';
import { excerptLength } from '../../pipeline/report/mapPack.ts';
import { dayNumber } from '../../pipeline/dates.ts';

describe('excerpt length', () => {
  it('is 1,000 characters for a weekly report, 200 at 100k papers and 40 at a million', () => {
    expect(excerptLength(9_877)).toBe(1000);
    expect(excerptLength(100_000)).toBe(200);
    expect(excerptLength(1_000_000)).toBe(40);
  });
});

describe('10k-paper report', () => {
  it('is at most 8 MB, and its map data holds every paper with its text and a 1,000-character excerpt limit', () => {
    const model = bigModel(10_000);
    const html = renderReport(model);
    expect(Buffer.byteLength(html, 'utf8')).toBeLessThan(8 * 1024 * 1024);
    const doc = new JSDOM(html).window.document;
    const data = unpackMap(doc.getElementById('map-data')!.textContent!);
    expect(data.n).toBe(10_000);
    expect(data.xy.length).toBe(20_000);
    expect(data.t.length).toBe(10_000);
    expect(data.raw.excerpt).toBe(1000);
    expect(data.texts.title).toEqual(model.map.points.map((p) => p.title));
    expect(Math.max(...data.texts.abstract.map((a) => a.length))).toBeLessThanOrEqual(1000);
    expect(Math.max(...data.texts.abstract.map((a) => a.length))).toBeGreaterThan(900);
    expect(doc.getElementById('map')!.getAttribute('data-total')).toBe('10000');
    // days and upvotes come back as they were
    expect(data.day).toEqual(model.map.points.map((p) => (p.date ? dayNumber(p.date) : null)));
    expect(data.up).toEqual(model.map.points.map((p) => p.upvotes));
    // without JavaScript the map still shows papers: an SVG of at most 5,000 of them
    const dots = doc.querySelectorAll('#map svg circle').length;
    expect(dots).toBeGreaterThan(4000);
    expect(dots).toBeLessThanOrEqual(5000);
  });
});

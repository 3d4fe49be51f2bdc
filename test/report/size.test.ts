// A 10k-paper report stays light: under 5 MB, its map data holds every point, and its script draws them all (speed: npm run bench -- --scale).
import { describe, expect, it } from 'vitest';
import { JSDOM } from 'jsdom';
import { renderReport } from '../../pipeline/report/page.ts';
import { bigModel } from './fixtures.ts';

describe('10k-paper report', () => {
  it('is under 5 MB and its map data holds every point', () => {
    const model = bigModel(10_000);
    const html = renderReport(model);
    const bytes = Buffer.byteLength(html, 'utf8');
    expect(bytes).toBeLessThan(5 * 1024 * 1024);
    const doc = new JSDOM(html).window.document;
    const data = JSON.parse(doc.getElementById('map-data')!.textContent!);
    expect(data.t.length).toBe(10_000);
    expect(data.q.length).toBe(20_000);
    expect(doc.getElementById('map')!.getAttribute('data-total')).toBe('10000');
  });

  it('the client script draws all 10k points (jsdom, stub canvas)', () => {
    const html = renderReport(bigModel(10_000));
    let arcs = 0;
    const noop = (): void => undefined;
    const dom = new JSDOM(html, {
      runScripts: 'dangerously',
      beforeParse(window) {
        // jsdom has no canvas: a 2-D context stub that counts arcs.
        const context = {
          setTransform: noop,
          clearRect: noop,
          beginPath: noop,
          moveTo: noop,
          fill: noop,
          arc: () => void arcs++,
        };
        Object.defineProperty(window.HTMLCanvasElement.prototype, 'getContext', { value: () => context });
      },
    });
    expect(dom.window.document.getElementById('map')!.getAttribute('data-points')).toBe('10000');
    expect(arcs).toBe(10_000);
  });
});

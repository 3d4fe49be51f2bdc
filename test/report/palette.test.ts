// Topic colours: a function of the topic id, distinct for 36 ids and still distinct beyond.
import { describe, expect, it } from 'vitest';
import { PALETTE, colorOf } from '../../pipeline/report/palette.ts';

/** CIELAB of a #rrggbb colour (D65). */
function lab(hex: string): [number, number, number] {
  const [r, g, b] = [1, 3, 5]
    .map((i) => parseInt(hex.slice(i, i + 2), 16) / 255)
    .map((v) => (v <= 0.04045 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4));
  const f = (t: number): number => (t > 0.008856 ? Math.cbrt(t) : 7.787 * t + 16 / 116);
  const x = f((r * 0.4124 + g * 0.3576 + b * 0.1805) / 0.95047);
  const y = f(r * 0.2126 + g * 0.7152 + b * 0.0722);
  const z = f((r * 0.0193 + g * 0.1192 + b * 0.9505) / 1.08883);
  return [116 * y - 16, 500 * (x - y), 200 * (y - z)];
}

const deltaE = (a: string, b: string): number => {
  const [p, q] = [lab(a), lab(b)];
  return Math.hypot(p[0] - q[0], p[1] - q[1], p[2] - q[2]);
};

describe('colorOf', () => {
  it('depends on the id only: not on the order or the other ids asked for', () => {
    const ids = Array.from({ length: 60 }, (_, i) => i);
    const forward = new Map(ids.map((i) => [i, colorOf(i)]));
    const backward = new Map([...ids].reverse().map((i) => [i, colorOf(i)]));
    for (const i of ids) expect(backward.get(i), `id ${i}`).toBe(forward.get(i));
    for (let i = 0; i < PALETTE.length; i++) expect(colorOf(i)).toBe(PALETTE[i]);
    expect(colorOf(-1)).toBe('#9e9e9e');
  });

  it('gives 36 well separated colours (ΔE76 >= 15 between any two)', () => {
    expect(PALETTE.length).toBeGreaterThanOrEqual(36);
    let min = Infinity;
    for (let i = 0; i < 36; i++) for (let j = 0; j < i; j++) min = Math.min(min, deltaE(colorOf(i), colorOf(j)));
    expect(min).toBeGreaterThanOrEqual(15);
  });

  it('keeps ids past the palette distinct from the ids they cycle onto', () => {
    const all = Array.from({ length: 180 }, (_, i) => colorOf(i));
    expect(new Set(all).size).toBe(180);
    for (let i = 36; i < 180; i++) {
      expect(all[i]).toMatch(/^#[0-9a-f]{6}$/);
      expect(deltaE(all[i], all[i % 36])).toBeGreaterThan(8);
    }
  });
});

// Topic colours: a colour is a function of the topic id (not of its rank), distinct for 36 ids, shade-shifted beyond.

/**
 * 36 colours: Tableau 10 first, then picks from Tableau 20, d3 and ColorBrewer sets chosen greedily for
 * the largest smallest CIELAB distance to those before (the smallest pairwise ΔE76 is 18).
 */
export const PALETTE: readonly string[] = Object.freeze([
  '#4e79a7',
  '#f28e2b',
  '#e15759',
  '#76b7b2',
  '#59a14f',
  '#edc948',
  '#b07aa1',
  '#ff9da7',
  '#9c755f',
  '#bab0ac',
  '#e7298a',
  '#8ac926',
  '#cedb9c',
  '#6b6ecf',
  '#e41a1c',
  '#ffbe7d',
  '#a65628',
  '#393b79',
  '#00876c',
  '#f781bf',
  '#984ea3',
  '#843c39',
  '#00b4d8',
  '#636363',
  '#637939',
  '#9c9ede',
  '#a6761d',
  '#a0cbe8',
  '#e6550d',
  '#7b4173',
  '#b5cf6b',
  '#2ca02c',
  '#fabfd2',
  '#bcbd22',
  '#d45087',
  '#ffa600',
]);

/** Lightness changes on each further pass over the palette (ids 36-71 darker, 72-107 lighter, ...), cycling. */
const SHADES: readonly ((l: number) => number)[] = [
  (l) => l * 0.66,
  (l) => l + (1 - l) * 0.5,
  (l) => l * 0.45,
  (l) => l + (1 - l) * 0.75,
];

/** The colour of a topic id (`#rrggbb`); the same id always gets the same colour. Negative ids (noise) are grey. */
export function colorOf(topicId: number): string {
  if (!Number.isInteger(topicId) || topicId < 0) return '#9e9e9e';
  const base = PALETTE[topicId % PALETTE.length];
  const pass = Math.floor(topicId / PALETTE.length);
  if (pass === 0) return base;
  return withLightness(base, SHADES[(pass - 1) % SHADES.length]);
}

/** The colour with its HSL lightness mapped through `shade`. */
export function withLightness(hex: string, shade: (l: number) => number): string {
  const [h, s, l] = rgbToHsl(parseHex(hex));
  return toHex(hslToRgb([h, s, Math.min(1, Math.max(0, shade(l)))]));
}

type Triple = [number, number, number];

function parseHex(hex: string): Triple {
  const m = /^#([0-9a-f]{2})([0-9a-f]{2})([0-9a-f]{2})$/i.exec(hex);
  if (!m) throw new Error(`not a #rrggbb colour: ${hex}`);
  return [parseInt(m[1], 16) / 255, parseInt(m[2], 16) / 255, parseInt(m[3], 16) / 255];
}

function toHex(rgb: Triple): string {
  return (
    '#' +
    rgb
      .map((v) =>
        Math.round(Math.min(1, Math.max(0, v)) * 255)
          .toString(16)
          .padStart(2, '0'),
      )
      .join('')
  );
}

function rgbToHsl([r, g, b]: Triple): Triple {
  const max = Math.max(r, g, b);
  const min = Math.min(r, g, b);
  const l = (max + min) / 2;
  if (max === min) return [0, 0, l];
  const d = max - min;
  const s = l > 0.5 ? d / (2 - max - min) : d / (max + min);
  const h = max === r ? (g - b) / d + (g < b ? 6 : 0) : max === g ? (b - r) / d + 2 : (r - g) / d + 4;
  return [h / 6, s, l];
}

function hslToRgb([h, s, l]: Triple): Triple {
  if (s === 0) return [l, l, l];
  const q = l < 0.5 ? l * (1 + s) : l + s - l * s;
  const p = 2 * l - q;
  const channel = (t: number): number => {
    const u = t < 0 ? t + 1 : t > 1 ? t - 1 : t;
    if (u < 1 / 6) return p + (q - p) * 6 * u;
    if (u < 1 / 2) return q;
    if (u < 2 / 3) return p + (q - p) * (2 / 3 - u) * 6;
    return p;
  };
  return [channel(h + 1 / 3), channel(h), channel(h - 1 / 3)];
}

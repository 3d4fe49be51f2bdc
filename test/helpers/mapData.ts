// Reads a report's `#map-data` block back as the page does: base64 typed arrays and the deflated texts.
import { inflateRawSync } from 'node:zlib';
import type { PackedMap, PackedTexts } from '../../pipeline/report/mapPack.ts';

export interface UnpackedMap {
  raw: PackedMap;
  n: number;
  xy: Uint16Array;
  t: Uint16Array;
  /** Day numbers (days since 1970-01-01), null when undated. */
  day: (number | null)[];
  /** Upvotes, null when unknown. */
  up: (number | null)[];
  texts: PackedTexts;
}

function bytes(b64: string): Buffer {
  return Buffer.from(b64, 'base64');
}

/** The map data of a report page's HTML (or of the JSON text of its `#map-data` element). */
export function unpackMap(htmlOrJson: string): UnpackedMap {
  const m = /<script type="application\/json" id="map-data">([\s\S]*?)<\/script>/.exec(htmlOrJson);
  const raw = JSON.parse(m ? m[1] : htmlOrJson) as PackedMap;
  const view = <T>(b: Buffer, make: (buf: ArrayBuffer) => T): T =>
    make(b.buffer.slice(b.byteOffset, b.byteOffset + b.byteLength) as ArrayBuffer);
  return {
    raw,
    n: raw.n,
    xy: view(bytes(raw.xy), (b) => new Uint16Array(b)),
    t: view(bytes(raw.t), (b) => new Uint16Array(b)),
    day: Array.from(view(bytes(raw.day), (b) => new Uint16Array(b)), (d) => (d === 0xffff ? null : raw.day0 + d)),
    up: Array.from(view(bytes(raw.up), (b) => new Uint16Array(b)), (u) => (u === 0xffff ? null : u)),
    texts: JSON.parse(inflateRawSync(bytes(raw.text)).toString('utf8')) as PackedTexts,
  };
}

// The installed all-MiniLM-L6-v2 against vectors computed once by another engine (@lat.md/embed), and its determinism.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { MINILM, checkModel, modelDir, ONNX_FILE } from '../../pipeline/embed/models.ts';
import { openEncoder } from '../../pipeline/embed/encoder.ts';

const installed = existsSync(join(modelDir(MINILM), ONNX_FILE));
if (!installed) console.log(`skipped: the MiniLM tests need the model in ${modelDir(MINILM)} (npx papermap models install minilm; .ci/run installs it)`);

interface Fixture {
  engine: string;
  texts: string[];
  vectors: number[][];
}
const fixture = JSON.parse(readFileSync(join(__dirname, '..', 'fixtures', 'embed', 'minilm-vectors.json'), 'utf8')) as Fixture;

function cosine(a: ArrayLike<number>, b: ArrayLike<number>): number {
  let ab = 0;
  let aa = 0;
  let bb = 0;
  for (let i = 0; i < a.length; i++) {
    ab += a[i] * b[i];
    aa += a[i] * a[i];
    bb += b[i] * b[i];
  }
  return ab / Math.sqrt(aa * bb);
}

const bytes = (v: Float32Array): string => Buffer.from(v.buffer, v.byteOffset, v.byteLength).toString('hex');

describe.skipIf(!installed)('all-MiniLM-L6-v2 on onnxruntime', () => {
  it(`gives the vectors of ${fixture.engine} (cosine >= 0.999) for abstracts, accents, CJK, an emoji and one letter`, async () => {
    const enc = await openEncoder(checkModel(MINILM), 1);
    try {
      const got = await enc.embed(fixture.texts);
      expect(fixture.texts.length).toBeGreaterThanOrEqual(7);
      fixture.texts.forEach((_, i) => {
        const row = got.subarray(i * 384, (i + 1) * 384);
        expect(cosine(row, fixture.vectors[i]), fixture.texts[i].slice(0, 60)).toBeGreaterThanOrEqual(0.999);
        expect(cosine(row, row)).toBeCloseTo(1, 5); // unit length, up to float32
      });
    } finally {
      await enc.close();
    }
  }, 60_000);

  it('gives the same bytes on 1 or 2 threads, and for a text alone or in a batch of others', async () => {
    const model = checkModel(MINILM);
    const one = await openEncoder(model, 1);
    const two = await openEncoder(model, 2);
    try {
      // enough texts of different lengths for several batches, so two threads both work
      const texts = Array.from({ length: 40 }, (_, i) => fixture.texts[i % fixture.texts.length].slice(0, 40 + 37 * i));
      const a = await one.embed(texts);
      const b = await two.embed(texts);
      expect(bytes(b)).toBe(bytes(a));
      const alone = await one.embed([texts[17]]);
      expect(bytes(alone)).toBe(bytes(a.subarray(17 * 384, 18 * 384)));
    } finally {
      await one.close();
      await two.close();
    }
  }, 120_000);
});

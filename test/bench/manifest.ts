// Reads what the benchmarks need from a run's manifest.json: each stage's duration, counts and start time.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

export interface StageRecord {
  durationMs: number;
  counts: Record<string, number>;
  started: string;
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** The stage records of `data/runs/<run>/manifest.json` (empty when there is none). */
export function readManifest(root: string, run: string): Map<string, StageRecord> {
  const out = new Map<string, StageRecord>();
  const path = join(root, 'data', 'runs', run, 'manifest.json');
  if (!existsSync(path)) return out;
  const doc: unknown = JSON.parse(readFileSync(path, 'utf8'));
  if (!isRecord(doc) || !isRecord(doc.stages)) return out;
  for (const [name, rec] of Object.entries(doc.stages)) {
    if (!isRecord(rec) || typeof rec.durationMs !== 'number') continue;
    const counts: Record<string, number> = {};
    if (isRecord(rec.counts)) {
      for (const [k, v] of Object.entries(rec.counts)) if (typeof v === 'number') counts[k] = v;
    }
    out.set(name, { durationMs: rec.durationMs, counts, started: typeof rec.started === 'string' ? rec.started : '' });
  }
  return out;
}

/** Count keys that name the documents a stage handled, in order of preference. */
const DOC_KEYS = ['docs', 'documents', 'papers', 'rows'];

/**
 * Documents a stage handled, for docs/second: ingest's records read; a later stage's own document
 * count when its counts carry one, else the papers ingest kept.
 */
export function docsOf(stage: string, counts: Record<string, number>, ingestKept: number): number {
  if (stage === 'ingest') return counts.read ?? counts.kept ?? 0;
  for (const k of DOC_KEYS) if (typeof counts[k] === 'number') return counts[k];
  return ingestKept;
}

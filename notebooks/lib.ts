// Helpers shared by the notebooks: where the project and its runs are, the pipeline's own artifact reader,
// Plot charts rendered to SVG under jsdom, and HTML values the Deno Jupyter kernel displays.
// Everything comes from node_modules or the project's own files: nothing is fetched when a notebook runs.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import * as Plot from '@observablehq/plot';
import { JSDOM } from 'jsdom';
import { artifactReader } from '../pipeline/runner.ts';
import type { ArtifactReader } from '../pipeline/stages/stage.ts';

export { Plot };

/** The project folder (the one holding package.json and data/runs/). */
export const ROOT: string = fileURLToPath(new URL('..', import.meta.url));

/** The shared corpora beside the project, absent in a user's clone. */
export const SHARED_DATA: string = join(ROOT, '..', 'shared', 'data');

/** Whether a run folder holds the named artifact (by default its topics, i.e. it was labelled). */
export function hasRun(run: string, artifact = 'topics.json'): boolean {
  return existsSync(join(ROOT, 'data', 'runs', run, artifact));
}

/** The pipeline's reader of a run's artifacts (json, jsonl, arrays), as the stages use it. */
export function reader(run: string): ArtifactReader {
  return artifactReader(ROOT, run);
}

/** A value the Jupyter kernel shows as HTML when it is a cell's last expression (or passed to Deno.jupyter.display). */
export interface Displayable {
  [key: symbol]: () => Record<string, string>;
}

/** HTML markup as a displayable value. */
export function html(markup: string): Displayable {
  return { [Symbol.for('Jupyter.display')]: () => ({ 'text/html': markup, 'text/plain': stripTags(markup) }) };
}

/** Shows a value now (for several outputs in one cell). */
export async function show(value: Displayable): Promise<void> {
  const deno = (globalThis as { Deno?: { jupyter?: { display(v: unknown): Promise<void> } } }).Deno;
  if (deno?.jupyter) await deno.jupyter.display(value);
  else console.log(value[Symbol.for('Jupyter.display')]()['text/plain']);
}

/** Shows plain text now (console.log output can arrive after the kernel reports the cell done, and be lost by nbconvert). */
export async function say(...parts: unknown[]): Promise<void> {
  const text = parts.map(String).join(' ');
  await show({ [Symbol.for('Jupyter.display')]: () => ({ 'text/plain': text }) });
}

let sharedDocument: Document | null = null;

/** A Plot chart as SVG markup, rendered under jsdom (the report's charts are made the same way). */
export function plotSvg(options: Plot.PlotOptions): string {
  sharedDocument ??= new JSDOM('<!DOCTYPE html>').window.document;
  return Plot.plot({ ...options, document: sharedDocument }).outerHTML;
}

/** A Plot chart, displayable. */
export function plot(options: Plot.PlotOptions): Displayable {
  return html(plotSvg(options));
}

/** Text escaped for HTML. */
export function esc(text: unknown): string {
  return String(text)
    .replaceAll('&', '&amp;')
    .replaceAll('<', '&lt;')
    .replaceAll('>', '&gt;')
    .replaceAll('"', '&quot;')
    .replaceAll("'", '&#39;');
}

function stripTags(markup: string): string {
  return markup
    .replace(/<svg[\s\S]*?<\/svg>/g, '[chart]')
    .replace(/<[^>]+>/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}

/** Rows of objects as an HTML table; `columns` picks and orders the keys. */
export function table(rows: readonly Record<string, unknown>[], columns?: readonly string[]): Displayable {
  const cols = columns ?? (rows[0] ? Object.keys(rows[0]) : []);
  const head = cols.map((c) => `<th style="text-align:left">${esc(c)}</th>`).join('');
  const body = rows
    .map((r) => `<tr>${cols.map((c) => `<td style="text-align:left">${esc(r[c] ?? '')}</td>`).join('')}</tr>`)
    .join('');
  return html(`<table><thead><tr>${head}</tr></thead><tbody>${body}</tbody></table>`);
}

/** A short note shown in the output (e.g. why a section is empty). */
export function note(text: string): Displayable {
  return html(`<p style="padding:6px 10px;border-left:4px solid #d1495b;background:#fdf3f4">${esc(text)}</p>`);
}

/** Cosine of two topics' term weights: the same measure topic matching uses across runs. */
export { termCosine } from '../pipeline/trends/match.ts';

// The report page's inline script: the explorer's plain browser-JS parts (client/*.js) joined into one IIFE.
import { readFileSync } from 'node:fs';

/**
 * The parts share one function scope, in this order: core (elements, decoded data, state, filters, URL hash,
 * start), view (canvas, labels, zoom, pan, pinch, keys, hover), selection (box, lasso, list, CSV), details
 * (the clicked paper), timeline (papers per week with a brush), lists (topic buttons, search, paper lists).
 * They read `#map-data` as packed by mapPack.ts. No dependency, no network, no eval, no worker.
 * The page's CSP allows this exact text by its sha256, which page.ts computes from it.
 */
const PARTS = ['core', 'view', 'selection', 'details', 'timeline', 'lists'] as const;

function part(name: string): string {
  return readFileSync(new URL(`./client/${name}.js`, import.meta.url), 'utf8');
}

export const CLIENT_SCRIPT = `(function () {
'use strict';
${PARTS.map(part).join('\n')}
start();
})();
`;

// The joined client script names nothing it does not declare (its parts share one scope, so a name lost in an edit shows only at run time).
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import { CLIENT_SCRIPT } from '../../pipeline/report/client.ts';

/** "Cannot find name" diagnostics of a browser script, checked by TypeScript against the DOM library. */
function undeclaredNames(script: string): string[] {
  const dir = mkdtempSync(join(tmpdir(), 'papermap-client-'));
  const file = join(dir, 'client.js');
  writeFileSync(file, script);
  const program = ts.createProgram([file], {
    allowJs: true,
    checkJs: true,
    noEmit: true,
    strict: false,
    target: ts.ScriptTarget.ES2020,
    lib: ['lib.es2020.d.ts', 'lib.dom.d.ts', 'lib.dom.iterable.d.ts'],
  });
  return ts
    .getPreEmitDiagnostics(program)
    .filter((d) => d.code === 2304 || d.code === 2552)
    .map((d) => ts.flattenDiagnosticMessageText(d.messageText, '\n'));
}

describe('client script', () => {
  it('declares every name it uses', () => {
    expect(undeclaredNames(CLIENT_SCRIPT)).toEqual([]);
  });

  it('the check sees a name that is not declared', () => {
    expect(undeclaredNames(CLIENT_SCRIPT.replace('const n = D.n;', ''))).toContain("Cannot find name 'n'.");
  });
});

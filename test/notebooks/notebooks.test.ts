// The notebooks execute headless (npm run notebooks) and their static copies hold the charts and no error output.
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { NOTEBOOKS, ROOT, toolsAvailable } from '../../notebooks/run.ts';

const tools = toolsAvailable();
const haveShared = existsSync(join(ROOT, '..', 'shared', 'data', 'hf-daily-papers'));
if (!haveShared) console.log('notebooks test: ../shared is absent, so compare-weeks is checked for its missing-runs note, not for charts');
if (!tools.ok) console.log(`notebooks test skipped: ${tools.why}`);

describe.skipIf(!tools.ok)('notebooks', () => {
  it('npm run notebooks executes every notebook to reports/notebooks/ with charts and no errors', () => {
    execFileSync('npm', ['run', 'notebooks'], { cwd: ROOT, stdio: 'pipe', timeout: 400_000 });
    for (const nb of NOTEBOOKS) {
      const file = join(ROOT, 'reports', 'notebooks', `${nb}.html`);
      expect(existsSync(file), file).toBe(true);
      const html = readFileSync(file, 'utf8');
      // without ../shared, compare-weeks has no weekly runs to compare and says so instead of drawing
      if (nb === 'compare-weeks' && !haveShared) expect(html, nb).toContain('not found under data/runs/');
      else expect(html, nb).toContain('<svg');
      expect(html, nb).not.toMatch(/class="[^"]*output_error|data-mime-type="application\/vnd\.jupyter\.(stderr|error)"|Traceback/);
      // No output area carries an error message (errors in CSS rules of the page do not count).
      const outputs = html.match(/jp-OutputArea-output[^>]*>[\s\S]*?<\/div>/g) ?? [];
      for (const out of outputs) expect(out, nb).not.toMatch(/\b(Type|Reference|Syntax)?Error:/);
    }
  }, 420_000); // it first builds the runs the notebooks read (weekly W33/W34 and four arXiv runs)
});

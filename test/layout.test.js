// The layout check that `npm run lint` runs: modules must not import each other in a loop.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, test } from 'node:test';
import { root } from './helpers/paths.js';

const folder = mkdtempSync(join(tmpdir(), 'ecwid-instance-cycles-'));
after(() => rmSync(folder, { recursive: true, force: true }));

/** Writes TypeScript modules into a fresh folder and runs the cycle check over it. */
function checkCycles(name, files) {
  const where = join(folder, name);
  for (const [file, text] of Object.entries(files)) {
    mkdirSync(join(where, file, '..'), { recursive: true });
    writeFileSync(join(where, file), text);
  }
  return spawnSync(process.execPath, [join(root, 'scripts/check-cycles.js'), where], { encoding: 'utf8' });
}

describe('import cycle check', () => {
  test('a command and its steps that import each other (one import type-only) fail the check', () => {
    const result = checkCycles('cycle', {
      'commands/run.ts': "export interface RunOptions { name: string }\nexport async function run(): Promise<void> {\n  await import('../steps/steps.js');\n}\n",
      'steps/steps.ts': "import type { RunOptions } from '../commands/run.js';\nexport const step = (options: RunOptions): string => options.name;\n",
    });
    assert.equal(result.status, 1, result.stderr);
    assert.match(result.stderr, /commands\/run\.ts > steps\/steps\.ts > commands\/run\.ts/);
  });

  test('the same modules with the options type below both pass', () => {
    const result = checkCycles('no-cycle', {
      'commands/run.ts': "import type { RunOptions } from '../steps/options.js';\nexport async function run(_options: RunOptions): Promise<void> {\n  await import('../steps/steps.js');\n}\n",
      'steps/options.ts': 'export interface RunOptions { name: string }\n',
      'steps/steps.ts': "import type { RunOptions } from './options.js';\nexport const step = (options: RunOptions): string => options.name;\n",
    });
    assert.equal(result.status, 0, result.stderr);
    assert.equal(result.stderr, '');
  });
});

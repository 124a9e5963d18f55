// Commands load only what they need: validate, a non-interactive init and config never load inquirer;
// conf is loaded only to change the config store.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { pathToFileURL } from 'node:url';
import { tempDir } from './helpers/cli.js';
import { fixtures, root } from './helpers/paths.js';

// A module hook in the child that reports every inquirer or conf module it resolves.
const HOOK = `export async function resolve(specifier, context, next) {
  const result = await next(specifier, context);
  if (/node_modules\\/(@inquirer|conf)\\//.test(result.url)) process._rawDebug('LOADED ' + result.url);
  return result;
}`;
const REGISTER = `import { register } from 'node:module'; register(${JSON.stringify(`data:text/javascript,${encodeURIComponent(HOOK)}`)});`;
const MAIN = pathToFileURL(join(root, 'dist/main.js')).href;

function loaded(t, args, env = {}, script = `const { runFromProcess } = await import(${JSON.stringify(MAIN)});\nprocess.exitCode = await runFromProcess();\n`) {
  const dir = tempDir(t);
  const runner = join(dir, 'run.mjs');
  writeFileSync(runner, script);
  const result = spawnSync(
    process.execPath,
    ['--import', `data:text/javascript,${encodeURIComponent(REGISTER)}`, runner, ...args],
    { cwd: fixtures, encoding: 'utf8', input: '', env: { PATH: process.env.PATH, ECWID_INSTANCE_CONFIG_DIR: join(dir, 'config'), ...env }, timeout: 30_000 },
  );
  const modules = [...result.stderr.matchAll(/^LOADED (\S+)/gm)].map((m) => m[1]);
  return { status: result.status, modules };
}

describe('lazy loading', () => {
  test('validate loads neither inquirer nor conf', (t) => {
    const run = loaded(t, ['validate', 'valid']);
    assert.equal(run.status, 0);
    assert.deepEqual(run.modules, []);
  });

  test('init without a terminal loads neither, though it reads the config store', (t) => {
    const run = loaded(t, ['init', '--store-id', '1', '-o', '-'], { ECWID_ORDER_KEY: 'order_key', ECWID_PRODUCT_KEY: 'product_key' });
    assert.equal(run.status, 0);
    assert.deepEqual(run.modules, []);
  });

  test('config list reads the store without conf', (t) => {
    const run = loaded(t, ['config', 'list']);
    assert.equal(run.status, 0);
    assert.deepEqual(run.modules, []);
  });

  test('config set loads conf, and not inquirer', (t) => {
    const run = loaded(t, ['config', 'set', 'name', 'shop']);
    assert.equal(run.status, 0);
    assert.ok(run.modules.some((url) => url.includes('/node_modules/conf/')), 'conf was loaded');
    assert.deepEqual(run.modules.filter((url) => url.includes('/node_modules/@inquirer/')), []);
  });

  test('the hook sees inquirer when it is loaded', (t) => {
    const run = loaded(t, [], {}, `await import(${JSON.stringify(pathToFileURL(join(root, 'dist/import-esm.js')).href)}).then((m) => m.importEsm('@inquirer/prompts'));\n`);
    assert.equal(run.status, 0);
    assert.ok(run.modules.some((url) => url.includes('/node_modules/@inquirer/')), 'inquirer was loaded');
  });
});

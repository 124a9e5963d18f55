// bin/ runs the bundle through a V8 code cache made at build time (bin/load-bundle.js). The cache
// only saves time: without it, or with one that V8 refuses, every command behaves the same.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import Module, { createRequire } from 'node:module';
import { join } from 'node:path';
import { Script } from 'node:vm';
import { describe, test } from 'node:test';
import { tempDir } from './helpers/cli.js';
import { fixtures, root } from './helpers/paths.js';

const bundle = join(root, 'dist/bundle/cli.js');
const cache = join(root, 'dist/bundle/cli.cache');

/** A copy of the installed package (bin/, the bundle, package.json), sharing node_modules. */
function packageCopy(t) {
  const dir = tempDir(t);
  cpSync(join(root, 'bin'), join(dir, 'bin'), { recursive: true });
  mkdirSync(join(dir, 'dist'));
  cpSync(join(root, 'dist/bundle'), join(dir, 'dist/bundle'), { recursive: true });
  cpSync(join(root, 'package.json'), join(dir, 'package.json'));
  symlinkSync(join(root, 'node_modules'), join(dir, 'node_modules'));
  return dir;
}

const run = (dir, args, env = {}) =>
  spawnSync(process.execPath, [join(dir, 'bin/ecwid-instance.js'), ...args], {
    cwd: fixtures,
    encoding: 'utf8',
    env: { PATH: process.env.PATH, ECWID_INSTANCE_CONFIG_DIR: join(dir, 'config'), ...env },
  });

describe('the code cache', () => {
  test('the build makes one that this Node accepts, holding the very bundle it was made for', () => {
    const file = readFileSync(cache);
    const source = readFileSync(bundle);
    assert.equal(file.readUInt32LE(0), source.length);
    assert.ok(source.equals(file.subarray(4, 4 + source.length)));
    const script = new Script(Module.wrap(source.toString('utf8')), { filename: bundle, cachedData: file.subarray(4 + source.length) });
    assert.equal(script.cachedDataRejected, false);
  });

  test('the bundle calls no import() of its own, which code run from a cache cannot do', () => {
    assert.doesNotMatch(readFileSync(bundle, 'utf8'), /\bimport\(/);
    const { importEsm } = createRequire(bundle)('./import-esm.js');
    return importEsm('node:path').then((path) => assert.equal(typeof path.join, 'function'));
  });

  test('with it, without it and with a broken one, commands give the same output and exit codes', (t) => {
    const dir = packageCopy(t);
    const commands = [
      ['validate', 'valid', 'invalid'],
      ['validate', 'invalid/docs-template.json', '--format', 'json'],
      ['config', 'set', 'store-id', '4870020'],
      ['config', 'list'],
      ['urls', '--store-id', '4870020'],
    ];
    const outcomes = () => commands.map((args) => {
      const { status, stdout, stderr } = run(dir, args);
      return { args, status, stdout, stderr };
    });
    const cached = outcomes();
    assert.deepEqual(cached.map((o) => o.status), [1, 1, 0, 0, 0]);
    assert.match(cached[3].stdout, /store-id=4870020/);
    const cacheCopy = join(dir, 'dist/bundle/cli.cache');
    const good = readFileSync(cacheCopy);
    writeFileSync(cacheCopy, 'not a code cache');
    assert.deepEqual(outcomes(), cached);
    writeFileSync(cacheCopy, good.subarray(0, good.length >> 1)); // cut off, as by a full disk
    assert.deepEqual(outcomes(), cached);
    rmSync(cacheCopy);
    assert.deepEqual(outcomes(), cached);
  });

  test('a bundle changed after the build runs as changed, even at the same length', (t) => {
    const dir = packageCopy(t);
    const copy = join(dir, 'dist/bundle/cli.js');
    const source = readFileSync(copy, 'utf8');
    assert.ok(source.includes('the file is empty'));
    writeFileSync(copy, source.replace('the file is empty', 'the file is EMPTY'));
    writeFileSync(join(dir, 'empty.json'), '');
    const { stdout } = spawnSync(process.execPath, [join(dir, 'bin/ecwid-instance.js'), 'validate', 'empty.json'], { cwd: dir, encoding: 'utf8' });
    assert.match(stdout, /the file is EMPTY/);
  });
});

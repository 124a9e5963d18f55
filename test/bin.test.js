// The real program, as a user or CI runs it: a process, real streams, real exit codes.
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { tempDir } from './helpers/cli.js';
import { bin, fixtures, root } from './helpers/paths.js';

const run = (args, options = {}) =>
  spawnSync(process.execPath, [bin, ...args], {
    encoding: 'utf8',
    cwd: fixtures,
    input: options.input ?? '',
    env: { PATH: process.env.PATH, ECWID_INSTANCE_CONFIG_DIR: join(fixtures, '.no-config'), ...options.env },
  });

describe('bin/ecwid-instance.js', () => {
  test('validate: exit codes 0, 1, 2 and 3 from a real process', () => {
    assert.equal(run(['validate', 'valid']).status, 0);
    const invalid = run(['validate', 'invalid/docs-template.json']);
    assert.equal(invalid.status, 1);
    assert.match(invalid.stdout, /^invalid\/docs-template\.json:6:24: error: /);
    assert.equal(run(['validate', '--bogus']).status, 2);
    assert.equal(run(['validate', 'missing.json']).status, 3);
  });

  test('validate - reads stdin', () => {
    const result = run(['validate', '-'], { input: '{"element": {"key": "ecwid"}' });
    assert.equal(result.status, 1);
    assert.equal(result.stdout, '<stdin>:1:29: error: invalid JSON: unexpected end of the file [syntax]\n1 file checked: 0 valid, 1 invalid (1 error, 0 warnings)\n');
  });

  test('colour: FORCE_COLOR turns it on for a pipe, NO_COLOR and --no-color turn it off', () => {
    const args = ['validate', 'invalid/events-warnings.json'];
    const ESC = '\u001b';
    assert.ok(run(args, { env: { FORCE_COLOR: '1' } }).stdout.includes(`${ESC}[33mwarning${ESC}[0m`));
    assert.ok(!run(args, { env: { FORCE_COLOR: '1', NO_COLOR: '1' } }).stdout.includes(ESC));
    assert.ok(!run([...args, '--no-color'], { env: { FORCE_COLOR: '1' } }).stdout.includes(ESC));
    assert.ok(!run(args).stdout.includes(ESC));
    assert.ok(!run(args, { env: { FORCE_COLOR: '1', TERM: 'dumb' } }).stdout.includes(ESC));
  });

  test('a reader that goes away (… | head -1) ends the run quietly, with the exit code decided', async (t) => {
    const dir = tempDir(t);
    mkdirSync(join(dir, 'many'));
    const template = readFileSync(join(fixtures, 'invalid/docs-template.json'));
    for (let i = 0; i < 3000; i++) writeFileSync(join(dir, 'many', `${i}.json`), template);
    for (const args of [['validate', 'many'], ['--help']]) {
      const child = spawn(process.execPath, [bin, ...args], { cwd: dir, stdio: ['ignore', 'pipe', 'pipe'] });
      let stderr = '';
      child.stderr.on('data', (chunk) => (stderr += chunk));
      child.stdout.once('data', () => child.stdout.destroy());
      const code = await new Promise((resolve) => child.on('close', resolve));
      assert.equal(stderr, '', args.join(' '));
      assert.equal(code, args[0] === 'validate' ? 1 : 0, args.join(' '));
    }
  });

  test('-V and --version print the package version', () => {
    const { version } = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
    for (const flag of ['-V', '--version']) {
      const result = run([flag]);
      assert.equal(result.status, 0);
      assert.equal(result.stdout, `${version}\n`);
    }
  });

  test('a user mistake prints one line and no stack trace', () => {
    const result = run(['urls', '--store-id', 'abc']);
    assert.equal(result.status, 2);
    assert.equal(result.stderr, 'error: --store-id: the store ID must be digits, such as 4870020\n');
  });
});

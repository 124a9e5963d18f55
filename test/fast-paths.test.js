// The shortcuts taken for speed must give the answers of the slow paths they skip.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import fc from 'fast-check';
import { readValidateArgv } from '../dist/commands/validate-argv.js';
import { mayHaveDuplicateKeys } from '../dist/validation/checking/duplicate-keys.js';
import { scanJson } from '../dist/validation/checking/json-scan.js';
import { PLAIN_HTTP_URL, isUri } from '../dist/validation/checking/uri-format.js';
import { runCli } from './helpers/cli.js';
import { bin, fixtures, root } from './helpers/paths.js';

const { version } = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));

const fullUri = createRequire(import.meta.url)('ajv-formats/dist/formats').fullFormats.uri;

describe('validate command lines read without commander', () => {
  const options = (paths, more = {}) => ({ options: { paths, format: 'text', strict: false, quiet: false, ...more }, noColor: false });
  const table = [
    [['validate'], options([])],
    [['validate', 'a.json', '-', 'configs/'], options(['a.json', '-', 'configs/'])],
    [['validate', '-f', 'json', 'a.json'], options(['a.json'], { format: 'json' })],
    [['validate', 'a.json', '--format', 'junit', '--format=github'], options(['a.json'], { format: 'github' })],
    [['validate', '--strict', '-q', 'a.json', '--quiet'], options(['a.json'], { strict: true, quiet: true })],
    [['validate', 'a.json', '--no-color', '--debug'], { ...options(['a.json']), noColor: true }],
  ];
  for (const [argv, expected] of table) {
    test(argv.join(' '), () => assert.deepEqual(readValidateArgv(argv), expected));
  }

  const leftToCommander = [
    ['urls'],
    ['--no-color', 'validate', 'a.json'],
    ['validate', '--help'],
    ['validate', '-h'],
    ['validate', '--bogus'],
    ['validate', '-qf', 'json'],
    ['validate', '-fjson'],
    ['validate', '--format'],
    ['validate', '--format', 'yaml'],
    ['validate', '--format=', 'a.json'],
    ['validate', '--', '-a.json'],
    ['validate', '-a.json'],
  ];
  for (const argv of leftToCommander) {
    test(`left to commander: ${argv.join(' ')}`, () => assert.equal(readValidateArgv(argv), undefined));
  }

  // A global option before the command sends the same line through commander: both must agree.
  const lines = [
    ['invalid', '--no-color'],
    ['invalid', '--format', 'json', '--no-color'],
    ['invalid/events-warnings.json', '--strict', '-q', '--no-color'],
    ['valid', 'missing.json', '--format=junit', '--no-color'],
    ['invalid', '-f', 'github', '--no-color'],
    ['--no-color'],
  ];
  for (const args of lines) {
    test(`same result as commander: validate ${args.join(' ')}`, async () => {
      // Colour starts on, so that a path ignoring --no-color would show.
      const quick = await runCli(['validate', ...args], { cwd: fixtures, color: true });
      const viaCommander = await runCli(['--no-color', 'validate', ...args.filter((arg) => arg !== '--no-color')], { cwd: fixtures, color: true });
      assert.deepEqual(quick, viaCommander);
      assert.ok(!quick.stdout.includes('\u001b['), 'no colour');
    });
  }
});

describe('the uri format decides plain URLs before the full pattern', () => {
  test('every plain http(s) URL is a uri to ajv-formats too', () => {
    const plain = fc
      .tuple(
        fc.constantFrom('http', 'https', 'HTTPS'),
        fc.array(fc.stringMatching(/^[a-zA-Z0-9-]{1,12}$/), { minLength: 1, maxLength: 4 }),
        fc.option(fc.integer({ min: 0, max: 99999 })),
        fc.array(fc.stringMatching(/^[a-zA-Z0-9._~-]{0,10}$/), { maxLength: 4 }),
      )
      .map(([scheme, host, port, path]) => `${scheme}://${host.join('.')}${port === null ? '' : `:${port}`}${path.map((s) => `/${s}`).join('')}`);
    fc.assert(fc.property(plain, (url) => PLAIN_HTTP_URL.test(url) && fullUri(url)));
    fc.assert(fc.property(fc.string({ maxLength: 40 }), (text) => !PLAIN_HTTP_URL.test(text) || fullUri(text)));
  });

  test('the same answers as ajv-formats', () => {
    const samples = [
      'https://example.com/ecwid/events',
      'http://localhost:8080/hooks',
      'https://example.com/a?b=c#d',
      'https://user:pw@example.com/',
      'https://[::1]:3000/x',
      'https://exa mple.com/',
      'https://example.com/%zz',
      'mailto:someone@example.com',
      'example.com/events',
      '',
      'https://',
    ];
    for (const url of samples) assert.equal(isUri(url), fullUri(url), url);
  });
});

describe('duplicate keys are ruled out by counting', () => {
  /** [text, whether it has a duplicate key]: the count finds each one, and rules the others out. */
  const texts = [
    ['{"a":1,"b":{"a":2}}', false],
    ['{"a":1,"a":2}', true],
    ['{"a":{"x":1,"x":2},"b":[{"y":1},{"y":2,"y":3}]}', true],
    ['{"a":1,"\\u0061":2}', true],
    ['{"a\\"":1,"a":2}', false],
    ['{"__proto__":1,"__proto__":2}', true],
    ['{"k" : "v:\\"}", "s": "\\\\", "s" : 3}', true],
    ['[1,"a",{"b":"c"}]', false],
    ['"text"', false],
  ];
  for (const [text, duplicate] of texts) {
    test(text, () => {
      assert.equal(scanJson(text).duplicates.length > 0, duplicate);
      assert.equal(mayHaveDuplicateKeys(text, JSON.parse(text)), duplicate);
    });
  }

  test('never rules out a duplicate the full scan finds', () => {
    const json = fc.jsonValue({ maxDepth: 3 }).map((value) => JSON.stringify(value));
    const withCopy = json.map((text) => text.replace(/\{"([^"\\]*)":/, '{"$1":0,"$1":'));
    fc.assert(
      fc.property(fc.oneof(json, withCopy), (text) => {
        if (scanJson(text).duplicates.length > 0) return mayHaveDuplicateKeys(text, JSON.parse(text));
        return true;
      }),
    );
  });
});

test('fixtures still give the same problems through bin/ as in process', async () => {
  const { spawnSync } = await import('node:child_process');
  const { bin } = await import('./helpers/paths.js');
  const inProcess = await runCli(['validate', 'invalid', 'valid', '--format', 'json'], { cwd: fixtures });
  const real = spawnSync(process.execPath, [bin, 'validate', 'invalid', 'valid', '--format', 'json'], { cwd: fixtures, encoding: 'utf8', env: { PATH: process.env.PATH, ECWID_INSTANCE_CONFIG_DIR: join(fixtures, '.no-config') } });
  assert.equal(real.stdout, inProcess.stdout);
  assert.equal(real.status, inProcess.code);
});

describe('help rendered at build time', () => {
  for (const command of ['', 'validate', 'urls', 'schema', 'init', 'config', 'provision']) {
    test(`${command || '(program)'} --help into a pipe is what the program prints`, async () => {
      const argv = command === '' ? ['--help'] : [command, '--help'];
      const served = spawnSync(process.execPath, [bin, ...argv], { encoding: 'utf8' });
      const live = await runCli(argv);
      assert.equal(served.status, 0);
      assert.equal(served.stdout, live.stdout.replace('0.0.0-test', version));
      assert.equal(served.stderr, '');
    });
  }

  test('every command the program lists has its help rendered, with no list kept by hand', async () => {
    const listed = (await runCli(['--help'])).stdout.split('Commands:\n')[1].split('\n\n')[0];
    const commands = [...listed.matchAll(/^ {2}([a-z][\w-]*)/gm)].map(([, name]) => name).filter((name) => name !== 'help');
    const rendered = JSON.parse(readFileSync(join(root, 'dist/bundle/help.json'), 'utf8'));
    assert.deepEqual(Object.keys(rendered).sort(), ['', ...commands].sort());
  });
});

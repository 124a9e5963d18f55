// Bad and hostile input to validate: every case gets its documented exit code, a message that names
// the file and the problem, no stack trace, and the other files are still reported.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, readdirSync, symlinkSync, writeFileSync, openSync, ftruncateSync, closeSync } from 'node:fs';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { buildProgram } from '../dist/program.js';
import { checkFile } from '../dist/validation/check-file.js';
import { runCli, tempDir } from './helpers/cli.js';
import { bin, root } from './helpers/paths.js';

const GOOD = JSON.stringify({
  element: { key: 'ecwid' },
  configuration: { 'ecwid.order.key': 'orderSecret1', 'ecwid.product.key': 'productSecret1', 'ecwid.store.id': '4870020' },
  name: 'good',
});
const DEPTH = 100_000;

/** name → [content, expected first problem line (without the file name), expected exit code] */
const corpus = {
  'random-bytes.json': [Buffer.from([0x8f, 0x00, 0xff, 0x13, 0x7b, 0x22]), ':1:1: error: not valid UTF-8 text [syntax]', 1],
  'truncated.json': [GOOD.slice(0, 40), ':1:41: error: invalid JSON: unexpected end of the file [syntax]', 1],
  'deep-array.json': ['['.repeat(DEPTH) + ']'.repeat(DEPTH), ':1:1: error: the instance must be a JSON object with element, configuration and name [schema]', 1],
  'deep-unclosed.json': ['['.repeat(DEPTH), `:1:${DEPTH + 1}: error: invalid JSON: unexpected end of the file [syntax]`, 1],
  // event.poller.configuration may be an object of any content (providerData would make the file OAuth2).
  'deep-inside.json': [GOOD.replace('"ecwid.store.id"', `"event.poller.configuration":${'{"a":'.repeat(DEPTH)}1${'}'.repeat(DEPTH)},"ecwid.store.id"`), null, 0],
  'invalid-utf8.json': [Buffer.concat([Buffer.from('{"name":"'), Buffer.from([0xc3, 0x28]), Buffer.from('"}')]), ':1:1: error: not valid UTF-8 text [syntax]', 1],
  // U+FFFD is what a lax decoder turns broken bytes into; written on purpose, it is just a character.
  'replacement-char.json': [GOOD.replace('"good"', '"good \ufffd"'), null, 0],
  'utf8-bom.json': [`\ufeff${GOOD}`, null, 0],
  'two-boms.json': [`\ufeff\ufeff${GOOD}`, null, 0],
  'utf16-bom.json': [Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(GOOD, 'utf16le')]), ':1:1: error: not valid UTF-8 text (it looks like UTF-16: save it as UTF-8) [syntax]', 1],
  'nul-bytes.json': [`${GOOD}\u0000`, `:1:${GOOD.length + 1}: error: invalid JSON: unexpected character "\\u0000" [syntax]`, 1],
  'long-key.json': [`{"${'k'.repeat(1_000_000)}":1}`, ':1:1: error: missing required key element [schema]', 1],
  'long-string.json': [GOOD.replace('"good"', `"${'x'.repeat(2_000_000)}"`), null, 0],
  'number.json': ['42', ':1:1: error: the instance must be a JSON object with element, configuration and name [schema]', 1],
  'null.json': ['null', ':1:1: error: the instance must be a JSON object with element, configuration and name [schema]', 1],
  'array-configuration.json': [GOOD.replace(/"configuration":\{[^}]*\}/, '"configuration":[]'), ':1:44: error: configuration must be an object of configuration keys [schema]', 1],
  'null-element.json': [GOOD.replace('{"key":"ecwid"}', 'null'), ':1:12: error: element must be an object such as {"key": "ecwid"} [schema]', 1],
  'empty.json': ['', ':1:1: error: the file is empty: expected a JSON object [syntax]', 1],
  'whitespace.json': [' \n\t\r\n ', ':1:1: error: the file is empty: expected a JSON object [syntax]', 1],
  'proto-keys.json': [
    GOOD.replace('{"element"', '{"__proto__":{"polluted":1},"constructor":{"prototype":{"polluted":1}},"element"').replace('"ecwid.store.id"', '"__proto__":{"polluted":1},"ecwid.store.id"'),
    ':1:2: warning: unknown top-level key "__proto__" [unknown-key]',
    0,
  ],
};

function writeCorpus(dir) {
  for (const [name, [content]] of Object.entries(corpus)) writeFileSync(join(dir, name), content);
  writeFileSync(join(dir, 'zz-good.json'), GOOD);
}

describe('bad-input corpus', () => {
  for (const [name, [, expected, code]] of Object.entries(corpus)) {
    test(name, async (t) => {
      const dir = tempDir(t);
      writeCorpus(dir);
      const result = await runCli(['validate', '-q', name, 'zz-good.json'], { cwd: dir });
      const first = result.stdout.split('\n')[0];
      if (expected === null) assert.equal(result.stdout, '', first.slice(0, 300));
      else assert.equal(first, `${name}${expected}`);
      assert.equal(result.stderr, '');
      assert.equal(result.code, code);
      assert.equal({}.polluted, undefined);
      assert.equal(Object.prototype.polluted, undefined);
    });
  }

  test('the whole corpus as one folder: every file reported as when named alone, exit 1, no stack trace (real process)', (t) => {
    const dir = tempDir(t);
    writeCorpus(dir);
    // Files found by listing a folder are read and checked another, faster way: the answers must not
    // change, with --strict or without, down to the last problem.
    for (const strict of [false, true]) {
      const args = [bin, 'validate', '-f', 'json', ...(strict ? ['--strict'] : []), '.'];
      const result = spawnSync(process.execPath, args, { cwd: dir, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
      assert.equal(result.stderr, '');
      const report = JSON.parse(result.stdout);
      assert.equal(report.summary.files, Object.keys(corpus).length + 1);
      for (const entry of report.files) {
        const alone = JSON.parse(JSON.stringify(checkFile(entry.file, join(dir, entry.file), strict)));
        assert.deepEqual(entry, alone, `${entry.file}${strict ? ' --strict' : ''}`);
      }
      for (const [name, [, expected]] of Object.entries(corpus)) {
        const { problems } = report.files.find((entry) => entry.file === name);
        const first = problems[0] && `${name}:${problems[0].line}:${problems[0].column}: ${problems[0].severity}: ${problems[0].message} [${problems[0].rule}]`;
        if (expected === null) assert.deepEqual(problems, [], name);
        else assert.equal(first, `${name}${expected}`);
      }
      assert.equal(report.files.at(-1).valid, true);
      assert.equal(result.status, 1);
    }
  });
});

describe('paths that are not plain files', () => {
  test('a file over the size limit is refused without reading it, memory stays bounded', (t) => {
    const dir = tempDir(t);
    const big = join(dir, 'big.json');
    const fd = openSync(big, 'w');
    ftruncateSync(fd, 60 * 1024 * 1024);
    closeSync(fd);
    writeFileSync(join(dir, 'good.json'), GOOD);
    const result = spawnSync(process.execPath, [join(root, 'test/helpers/run-with-rss.js'), 'validate', 'big.json', 'good.json'], { cwd: dir, encoding: 'utf8' });
    assert.equal(result.stdout.split('\n')[0], 'big.json: error: cannot read big.json: larger than 8 MiB: not an instance file [io]');
    assert.match(result.stdout, /2 files checked: 1 valid, 1 invalid/);
    assert.equal(result.status, 3);
    const rssKiB = Number(/maxRSS (\d+)/.exec(result.stderr)?.[1]);
    assert.ok(rssKiB > 0 && rssKiB < 100 * 1024, `peak RSS ${rssKiB} KiB`);
  });

  test('a FIFO named as a file is refused at once, not waited on', (t) => {
    const dir = tempDir(t);
    const made = spawnSync('mkfifo', [join(dir, 'pipe.json')]);
    if (made.status !== 0) return t.skip('mkfifo is not available');
    const result = spawnSync(process.execPath, [bin, 'validate', 'pipe.json'], { cwd: dir, encoding: 'utf8', timeout: 10_000 });
    assert.equal(result.stdout.split('\n')[0], 'pipe.json: error: cannot read pipe.json: not a regular file [io]');
    assert.equal(result.status, 3);
  });

  test('a symbolic-link loop inside a scanned folder neither traps the walk nor hides the other files', async (t) => {
    const dir = tempDir(t);
    mkdirSync(join(dir, 'configs/sub'), { recursive: true });
    writeFileSync(join(dir, 'configs/sub/good.json'), GOOD);
    symlinkSync('..', join(dir, 'configs/sub/up'));
    symlinkSync('self.json', join(dir, 'configs/self.json'));
    const { stdout, code } = await runCli(['validate', 'configs'], { cwd: dir });
    assert.equal(stdout, 'configs/self.json: error: cannot read configs/self.json: too many levels of symbolic links [io]\n2 files checked: 1 valid, 1 invalid (1 error, 0 warnings)\n');
    assert.equal(code, 3);
  });

  test('a folder that cannot be listed is an io problem, not an empty folder: exit 3', (t) => {
    const dir = tempDir(t);
    mkdirSync(join(dir, 'd/sub'), { recursive: true });
    writeFileSync(join(dir, 'd/sub/a.json'), GOOD);
    writeFileSync(join(dir, 'd/b.json'), GOOD);
    mkdirSync(join(dir, 'locked'));
    chmodSync(dir, 0o755);
    chmodSync(join(dir, 'd'), 0o755);
    chmodSync(join(dir, 'd/sub'), 0o000);
    chmodSync(join(dir, 'locked'), 0o000);
    const nobody = process.getuid?.() === 0 ? { uid: 65534, gid: 65534 } : {};
    const reachable = spawnSync(process.execPath, ['-e', `require('fs').accessSync(${JSON.stringify(bin)}, require('fs').constants.R_OK)`], nobody);
    if (reachable.status !== 0) return t.skip('the checkout is not readable by user "nobody"');
    const result = spawnSync(process.execPath, [bin, 'validate', 'd', 'locked'], { cwd: dir, encoding: 'utf8', ...nobody });
    chmodSync(join(dir, 'd/sub'), 0o755);
    chmodSync(join(dir, 'locked'), 0o755);
    assert.equal(
      result.stdout,
      'd/sub: error: cannot read d/sub: permission denied [io]\nlocked: error: cannot read locked: permission denied [io]\n3 files checked: 1 valid, 2 invalid (2 errors, 0 warnings)\n',
    );
    assert.equal(result.stderr, '');
    assert.equal(result.status, 3);
  });

  test('20,000 files under a low open-file limit: all checked, no EMFILE', (t) => {
    const dir = tempDir(t);
    mkdirSync(join(dir, 'many'));
    for (let i = 0; i < 20_000; i++) writeFileSync(join(dir, 'many', `${String(i).padStart(5, '0')}.json`), i === 12_345 ? '{' : GOOD);
    const result = spawnSync('sh', ['-c', `ulimit -n 64 && exec "${process.execPath}" "${bin}" validate -q many`], { cwd: dir, encoding: 'utf8' });
    assert.equal(result.stdout, 'many/12345.json:1:2: error: invalid JSON: unexpected end of the file [syntax]\n');
    assert.equal(result.stderr, '');
    assert.equal(result.status, 1);
  });
});

describe('every read is bounded: secret files, stdin and the config file', () => {
  /** A sparse file of `bytes`: takes no disk space, but reads as that many zero bytes. */
  const sparse = (path, bytes) => {
    const fd = openSync(path, 'w');
    ftruncateSync(fd, bytes);
    closeSync(fd);
  };
  /** The CLI as a real process that reports its peak memory; a hang fails through `timeout`. */
  const cli = (dir, args, options = {}) => {
    const result = spawnSync(process.execPath, [join(root, 'test/helpers/run-with-rss.js'), ...args], {
      cwd: dir,
      encoding: 'utf8',
      timeout: 20_000,
      env: { PATH: process.env.PATH, ECWID_INSTANCE_CONFIG_DIR: join(dir, 'config'), ECWID_PRODUCT_KEY: 'productSecret1' },
      ...options,
    });
    const rssKiB = Number(/maxRSS (\d+)/.exec(result.stderr)?.[1]);
    assert.ok(rssKiB > 0 && rssKiB < 150 * 1024, `peak RSS ${rssKiB} KiB`);
    return { status: result.status, stderr: result.stderr.replace(/maxRSS \d+\n/, '') };
  };
  const INIT = ['init', '--no-input', '--store-id', '4870020', '--no-events', '-o', 'out.json'];

  test('a secret file that is /dev/zero, a FIFO, a folder or 1 GiB is refused unread: exit 3, nothing written', (t) => {
    const dir = tempDir(t);
    if (spawnSync('mkfifo', [join(dir, 'pipe')]).status !== 0) return t.skip('mkfifo is not available');
    sparse(join(dir, 'huge.key'), 1024 * 1024 * 1024);
    mkdirSync(join(dir, 'folder'));
    for (const [path, reason] of [
      ['/dev/zero', 'not a regular file'],
      ['pipe', 'not a regular file'],
      ['folder', 'is a directory'],
      ['huge.key', 'larger than 64 KiB: not a secret'],
    ]) {
      const result = cli(dir, [...INIT, '--order-key-file', path]);
      assert.deepEqual(result, { status: 3, stderr: `error: --order-key-file: cannot read ${path}: ${reason}\n` }, path);
    }
    const piped = cli(dir, [...INIT, '--order-key-file', '-'], { stdio: [openSync('/dev/zero', 'r'), 'pipe', 'pipe'] });
    assert.deepEqual(piped, { status: 3, stderr: 'error: --order-key-file: cannot read stdin: larger than 64 KiB: not a secret\n' });
    assert.ok(!existsSync(join(dir, 'out.json')), 'nothing was written');
  });

  test('a config file that is /dev/zero, a FIFO or 2 GiB is refused unread: exit 3 naming it, left as it is', (t) => {
    const dir = tempDir(t);
    const config = join(dir, 'config');
    mkdirSync(config);
    const file = join(config, 'config.json');
    const cases = [
      ['/dev/zero', () => symlinkSync('/dev/zero', file), 'not a regular file'],
      ['a FIFO', () => spawnSync('mkfifo', [file]), 'not a regular file'],
      ['2 GiB', () => sparse(file, 2 * 1024 * 1024 * 1024), 'larger than 1 MiB: not a config file'],
    ];
    for (const [label, make, reason] of cases) {
      spawnSync('rm', ['-f', file]);
      make();
      for (const args of [['config', 'list'], ['config', 'set', 'name', 'shop'], ['urls', '--store-id', '4870020']]) {
        assert.deepEqual(cli(dir, args), { status: 3, stderr: `error: cannot read the config file ${file}: ${reason}\n` }, `${label}: ${args.join(' ')}`);
      }
    }
  });
});

describe('empty values on the command line', () => {
  /** Every command (with its parents' names) and the options of it that take a value. */
  function commandsWithValues() {
    const program = buildProgram({ io: {}, env: {}, version: '0.0.0-test', secrets: { add() {} } }, { exitCode: 0 });
    const found = [];
    const visit = (command, path) => {
      for (const sub of command.commands) {
        const names = [...path, sub.name()];
        const args = sub.registeredArguments.filter((argument) => argument.required).map(() => 'name');
        for (const option of sub.options) if (option.required || option.optional) found.push({ names, args, flag: option.long ?? option.short, flags: option.flags });
        found.push({ names, args, argumentCount: sub.registeredArguments.length });
        visit(sub, names);
      }
    };
    visit(program, []);
    return found;
  }

  test('an empty value for any option of any command is exit 2 naming the flag; nothing is read or written', async (t) => {
    const dir = tempDir(t);
    const cases = commandsWithValues().filter((entry) => entry.flag);
    assert.ok(cases.length >= 20, `${cases.length} options`);
    for (const { names, args, flag, flags } of cases) {
      const argv = [...names, ...args, flag, ''];
      const result = await runCli(argv, { cwd: dir, env: { ECWID_STORE_ID: '4870020', ECWID_ORDER_KEY: 'orderSecret1', ECWID_PRODUCT_KEY: 'productSecret1' } });
      assert.equal(result.code, 2, `${argv.join(' ')}: ${result.stderr}`);
      assert.ok(result.stderr.startsWith(`error: option '${flags}' `), `${argv.join(' ')}: ${result.stderr}`);
      assert.equal(result.stdout, '', argv.join(' '));
    }
    assert.deepEqual(readdirSync(dir), []);
  });

  test("an empty argument is exit 2 naming it, never the current folder ('is a directory', exit 3)", async (t) => {
    const dir = tempDir(t);
    writeFileSync(join(dir, 'good.json'), GOOD);
    const cases = [
      [['validate', ''], 'error: an empty path was given\n'],
      [['validate', 'good.json', ''], 'error: an empty path was given\n'],
      [['validate', '--', ''], 'error: the <paths> argument is empty\n'],
      [['provision', '', '--dry-run'], 'error: the <file> argument is empty\n'],
      [['urls', ''], 'error: the <file> argument is empty\n'],
      [['config', 'set', 'name', ''], 'error: the <value> argument is empty\n'],
    ];
    for (const [argv, first] of cases) {
      const result = await runCli(argv, { cwd: dir });
      assert.equal(result.code, 2, `${JSON.stringify(argv)}: ${result.stderr}`);
      assert.ok(result.stderr.startsWith(first), `${JSON.stringify(argv)}: ${result.stderr}`);
      assert.equal(result.stdout, '');
    }
  });

  test("init --store-id '' does not fall back to ECWID_STORE_ID, nor --name '' to the default (real process)", (t) => {
    const dir = tempDir(t);
    const env = { PATH: process.env.PATH, ECWID_INSTANCE_CONFIG_DIR: join(dir, 'config'), ECWID_STORE_ID: '4870020', ECWID_ORDER_KEY: 'orderSecret1', ECWID_PRODUCT_KEY: 'productSecret1' };
    for (const [flag, message] of [
      ['--store-id', "error: option '--store-id <id>' was given an empty value\nGive it a value, or leave --store-id out.\n"],
      ['--name', "error: option '--name <name>' was given an empty value\nGive it a value, or leave --name out.\n"],
    ]) {
      const result = spawnSync(process.execPath, [bin, 'init', '--no-input', '--no-events', flag, ''], { cwd: dir, encoding: 'utf8', env });
      assert.deepEqual([result.status, result.stderr], [2, message]);
    }
    assert.deepEqual(readdirSync(dir), []);
  });
});

describe('a working folder that was deleted', () => {
  /** Runs the CLI from a folder removed just before it starts. */
  const inDeletedFolder = (t, args) => {
    const dir = tempDir(t);
    const env = { PATH: process.env.PATH, ECWID_INSTANCE_CONFIG_DIR: join(dir, 'config') };
    const quoted = args.map((arg) => `'${arg}'`).join(' ');
    return spawnSync('sh', ['-c', `mkdir gone && cd gone && rmdir "$PWD" && exec "${process.execPath}" "${bin}" ${quoted}`], { cwd: dir, encoding: 'utf8', env });
  };

  test('a command that needs it: exit 3 with a clear error, no stack trace', (t) => {
    for (const args of [['validate', 'x.json'], ['validate'], ['init', '--no-input', '--store-id', '1'], ['provision', '--dry-run'], ['schema', '-o', 'x.json']]) {
      const result = inDeletedFolder(t, args);
      assert.deepEqual([result.status, result.stderr], [3, 'error: cannot use the current folder: it no longer exists (deleted or moved)\nChange to an existing folder (cd) and run the command again.\n'], args.join(' '));
    }
  });

  test('commands that do not need it still work', (t) => {
    for (const [args, stdout] of [[['--version'], /^\d+\.\d+\.\d+/], [['--help'], /^Usage: ecwid-instance/], [['schema'], /"\$schema"/], [['urls', '--store-id', '4870020'], /^https:\/\/my\.ecwid\.com\/store\/4870020#legacy_api\n/], [['config', 'list'], /^$/]]) {
      const result = inDeletedFolder(t, args);
      assert.equal(result.stderr, '', args.join(' '));
      assert.equal(result.status, 0, args.join(' '));
      assert.match(result.stdout, stdout, args.join(' '));
    }
  });
});


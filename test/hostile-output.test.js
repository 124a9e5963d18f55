// Output that cannot be turned against its reader: whatever others wrote (file names, keys, values,
// config values, API answers) is printed with its control and bidirectional characters escaped, in
// every format and on every stream; no line of text output starts a GitHub Actions command; names
// that are not UTF-8 are still checked; a full stdout is exit 3.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { decodeForeignBytes, escapeFileName, escapeForeign, escapeJson, quoteForeign } from '../dist/text/escape.js';
import { runCli, tempDir } from './helpers/cli.js';
import { startFakeCloudElements, ORG_SECRET, USER_SECRET } from './helpers/fake-cloud-elements.js';
import { bin } from './helpers/paths.js';
import { junitSchemaErrors, parseXml } from './helpers/xml.js';

/** What may never reach a reader raw: C0 but the line feed, DEL, C1, line separators, bidi controls. */
// eslint-disable-next-line no-control-regex
const RAW = /[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/u;
function assertNothingRaw(text, label) {
  const found = RAW.exec(text);
  assert.equal(found, null, `${label}: raw U+${found?.[0].codePointAt(0).toString(16).padStart(4, '0')} at ${found?.index}: ${JSON.stringify(text.slice(Math.max(0, (found?.index ?? 0) - 40), (found?.index ?? 0) + 40))}`);
}

/** Text that means harm when printed raw, by what it does. */
const HOSTILE = {
  clear: '\u001b[2J',
  clipboard: '\u001b]52;c;ZXZpbA==\u0007',
  return: 'ok\r',
  newline: 'x\n1 file checked: 1 valid, 0 invalid',
  bidi: 'gnp.\u202eexe',
  c1: '\u009b31m',
  del: 'a\u007fb',
  isolate: '\u2066x\u2069',
};

const GOOD = {
  element: { key: 'ecwid' },
  configuration: { 'ecwid.order.key': 'orderSecret1', 'ecwid.product.key': 'productSecret1', 'ecwid.store.id': '4870020' },
  name: 'good',
};

describe('the one escaping path', () => {
  test('escapeForeign shows controls and bidi controls escaped, and escaping twice changes nothing', () => {
    const table = [
      ['\u001b[2J', '\\x1b[2J'],
      ['a\r\n\tb', 'a\\x0d\\x0a\\x09b'],
      ['\u0000\u007f\u0085\u009b', '\\x00\\x7f\\x85\\x9b'],
      ['\u202a\u202e\u2066\u2069\u2028\u2029', '\\u202a\\u202e\\u2066\\u2069\\u2028\\u2029'],
      ['plain ünïcødé \u200f text \\x1b', 'plain ünïcødé \u200f text \\x1b'],
    ];
    for (const [raw, shown] of table) {
      assert.equal(escapeForeign(raw), shown, JSON.stringify(raw));
      assert.equal(escapeForeign(shown), shown);
    }
    assert.equal(quoteForeign('a"b\\c\u001b'), '"a\\"b\\\\c\\x1b"');
  });

  test('escapeFileName never lets a name start a GitHub Actions command', () => {
    assert.equal(escapeFileName('::error::x.json'), './::error::x.json');
    assert.equal(escapeFileName(' ::x.json'), './ ::x.json');
    assert.equal(escapeFileName('\t::x.json'), '\\x09::x.json'); // shown escaped, the line starts with a backslash
    assert.equal(escapeFileName('\u3000::x.json'), './\u3000::x.json');
    assert.equal(escapeFileName('a::b.json'), 'a::b.json');
  });

  test('escapeJson writes what JSON.stringify leaves raw as \\u escapes: the same JSON', () => {
    const value = { k: Object.values(HOSTILE).join('|') };
    const text = escapeJson(JSON.stringify(value, null, 2));
    assertNothingRaw(text, 'json');
    assert.deepEqual(JSON.parse(text), value);
    assert.ok(text.includes('\\u202e') && text.includes('\\u007f') && text.includes('\\u009b'));
  });

  test('decodeForeignBytes keeps valid UTF-8 and shows every other byte as \\xNN', () => {
    const table = [
      [[0x61, 0xff, 0x62], 'a\\xffb'],
      [[0xc3, 0xa9], 'é'],
      [[0xc3, 0x28], '\\xc3('],
      [[0xe2, 0x82], '\\xe2\\x82'],
      [[0xed, 0xa0, 0x80], '\\xed\\xa0\\x80'], // an encoded surrogate is not UTF-8
      [[0xf0, 0x9f, 0x98, 0x80, 0xc0, 0xaf], '😀\\xc0\\xaf'], // an overlong "/"
    ];
    for (const [bytes, shown] of table) assert.equal(decodeForeignBytes(Buffer.from(bytes)), shown, bytes.join(','));
  });
});

describe('validate: hostile file names, keys and values, in every format', () => {
  /** A folder with one file per hostile text: in its name, in an unknown key, and in the instance name. */
  function hostileFolder(t) {
    const dir = tempDir(t);
    mkdirSync(join(dir, 'c'));
    for (const [label, text] of Object.entries(HOSTILE)) {
      const data = { ...GOOD, [`k${text}`]: 1, name: `n${text}` };
      writeFileSync(join(dir, 'c', `${label}-${text}.json`), JSON.stringify(data));
    }
    return dir;
  }
  const names = Object.entries(HOSTILE).map(([label, text]) => `c/${label}-${text}.json`).sort();

  test('text: one escaped line per problem and the real summary, nothing raw', async (t) => {
    const dir = hostileFolder(t);
    const { stdout, stderr, code } = await runCli(['validate', 'c'], { cwd: dir });
    assertNothingRaw(stdout, 'stdout');
    assert.equal(stderr, '');
    const lines = stdout.split('\n');
    assert.equal(lines.pop(), '');
    assert.equal(lines.length, names.length + 1);
    names.forEach((name, i) => assert.ok(lines[i].startsWith(`${escapeFileName(name)}:1:`) && lines[i].endsWith(' [unknown-key]'), lines[i]));
    assert.equal(lines.at(-1), `${names.length} files checked: ${names.length} valid, 0 invalid (0 errors, ${names.length} warnings)`);
    assert.ok(stdout.includes('c/clear-\\x1b[2J.json:'));
    assert.ok(stdout.includes('c/newline-x\\x0a1 file checked: 1 valid, 0 invalid.json:'));
    assert.equal(code, 0);
  });

  test('json: valid JSON with every name and message intact, nothing raw in the text', async (t) => {
    const dir = hostileFolder(t);
    const { stdout, code } = await runCli(['validate', '-f', 'json', 'c'], { cwd: dir });
    assertNothingRaw(stdout.slice(0, -1), 'stdout');
    const report = JSON.parse(stdout);
    assert.deepEqual(report.files.map((file) => file.file), names);
    for (const file of report.files) assert.equal(file.problems[0].file, file.file);
    assert.equal(code, 0);
  });

  test('github: one command per problem, its specials escaped, nothing raw', async (t) => {
    const dir = hostileFolder(t);
    writeFileSync(join(dir, 'c', '50%,a:b.json'), JSON.stringify({ ...GOOD, 'k%\r': 1 }));
    const { stdout, code } = await runCli(['validate', '-f', 'github', '--strict', 'c'], { cwd: dir });
    assertNothingRaw(stdout, 'stdout');
    const lines = stdout.split('\n').slice(0, -1);
    assert.equal(lines.length, names.length + 1);
    for (const line of lines) assert.match(line, /^::warning file=c\/[^:,]+,line=1,col=\d+,title=unknown-key::unknown top-level key /);
    assert.equal(lines[0], '::warning file=c/50%25%2Ca%3Ab.json,line=1,col=157,title=unknown-key::unknown top-level key "k%25\\r"');
    assert.equal(code, 1);
  });

  test('junit: names read back exactly where XML can hold them, nothing raw, valid by the Jenkins xunit schema', async (t) => {
    const dir = hostileFolder(t);
    writeFileSync(join(dir, 'c', 'tab\there.json'), '{');
    const { stdout, code } = await runCli(['validate', '-f', 'junit', 'c'], { cwd: dir });
    assertNothingRaw(stdout, 'stdout');
    const cases = parseXml(stdout).children[0].children;
    // XML holds no C0 control but tab, line feed and carriage return, even as a reference: the others are shown escaped.
    const shown = (name) => [...name].map((char) => (char < ' ' && !'\t\n\r'.includes(char) ? escapeForeign(char) : char)).join('');
    assert.deepEqual(cases.map((testcase) => testcase.attributes.name), [...names, 'c/tab\there.json'].sort().map(shown));
    const failure = cases.find((testcase) => testcase.attributes.name === 'c/tab\there.json').children[0];
    assert.equal(failure.text, 'c/tab\\x09here.json:1:2: error: invalid JSON: unexpected end of the file [syntax]');
    assert.deepEqual(await junitSchemaErrors(stdout), []);
    assert.equal(code, 1);
  });
});

describe('no line of text output starts a GitHub Actions command', () => {
  test('a name starting with "::" is shown as ./::…, in text and in junit lines', async (t) => {
    const dir = tempDir(t);
    writeFileSync(join(dir, '::error title=forged::gotcha.json'), '{');
    writeFileSync(join(dir, ' ::add-mask::x.json'), '{');
    const text = await runCli(['validate', '.'], { cwd: dir });
    assert.deepEqual(text.stdout.split('\n').slice(0, 2), [
      './ ::add-mask::x.json:1:2: error: invalid JSON: unexpected end of the file [syntax]',
      './::error title=forged::gotcha.json:1:2: error: invalid JSON: unexpected end of the file [syntax]',
    ]);
    const junit = await runCli(['validate', '-f', 'junit', '.'], { cwd: dir });
    for (const { stdout } of [text, junit]) for (const line of stdout.split('\n')) assert.doesNotMatch(line, /^\s*::/);
    const github = await runCli(['validate', '-f', 'github', '.'], { cwd: dir });
    assert.match(github.stdout, /^::error file=%3A%3Aerror title=forged%3A%3Agotcha\.json,line=1,col=2,title=syntax::/m);
  });
});

describe('names that are not UTF-8, found in a folder', () => {
  test('are checked and shown with the bad bytes escaped, each apart from a name spelt like it', async (t) => {
    const dir = Buffer.from(tempDir(t));
    const path = (...parts) => Buffer.concat([dir, ...parts.map((part) => Buffer.concat([Buffer.from('/'), Buffer.from(part)]))]);
    mkdirSync(path('c'));
    writeFileSync(path('c', [0x67, 0xff, ...Buffer.from('.json')]), JSON.stringify(GOOD));
    writeFileSync(path('c', [0x62, 0xfe, 0xc3, ...Buffer.from('.json')]), '{');
    writeFileSync(path('c', 'b\\xfe\\xc3.json'), '{"a"');
    mkdirSync(path('c', [0x64, 0xff]));
    writeFileSync(path('c', [0x64, 0xff], 'x.json'), '[');
    const cwd = dir.toString();
    for (const args of [['c'], ['c/**/*.json']]) {
      const { stdout, code } = await runCli(['validate', ...args], { cwd });
      assert.equal(
        stdout,
        [
          'c/b\\xfe\\xc3.json:1:5: error: invalid JSON: unexpected end of the file [syntax]', // spelt with backslashes
          'c/b\\xfe\\xc3.json:1:2: error: invalid JSON: unexpected end of the file [syntax]',
          'c/d\\xff/x.json:1:2: error: invalid JSON: unexpected end of the file [syntax]',
          '4 files checked: 1 valid, 3 invalid (3 errors, 0 warnings)',
          '',
        ].join('\n'),
        args[0],
      );
      assert.equal(code, 1);
    }
    const { stdout } = await runCli(['validate', '-f', 'json', 'c'], { cwd });
    assert.deepEqual(JSON.parse(stdout).files.map((file) => [file.file, file.valid]), [['c/b\\xfe\\xc3.json', false], ['c/b\\xfe\\xc3.json', false], ['c/d\\xff/x.json', false], ['c/g\\xff.json', true]]);
  });
});

describe('config, init, provision and errors quote what others wrote escaped', () => {
  test('config: a value with a line break cannot forge a line of config list', async (t) => {
    const env = { ECWID_INSTANCE_CONFIG_DIR: join(tempDir(t), 'config') };
    assert.equal((await runCli(['config', 'set', 'name', 'a\nstore-id=666'], { env })).code, 0);
    assert.equal((await runCli(['config', 'set', 'tags', `x\u202e,y\u009b`], { env })).code, 0);
    assert.equal((await runCli(['config', 'list'], { env })).stdout, 'name=a\\x0astore-id=666\ntags=x\\u202e,y\\x9b\n');
    assert.equal((await runCli(['config', 'get', 'name'], { env })).stdout, 'a\\x0astore-id=666\n');
    const json = (await runCli(['config', 'list', '--json'], { env })).stdout;
    assertNothingRaw(json.replace(/\n/g, ''), 'config list --json');
    assert.deepEqual(JSON.parse(json), { name: 'a\nstore-id=666', tags: 'x\u202e,y\u009b' });
    const bad = await runCli(['config', 'set', 'environment', HOSTILE.clipboard], { env });
    assert.equal(bad.stderr.split('\n')[0], 'error: config environment: unknown environment "\\x1b]52;c;ZXZpbA==\\x07"');
    assertNothingRaw(bad.stderr.replace(/\n/g, ''), 'unknown environment');
    const key = await runCli(['config', 'get', `x${HOSTILE.newline}`], { env });
    assertNothingRaw(key.stderr.slice(0, -1).replace(/\n(?=Keys: )/, ''), 'unknown key');
    assert.equal(key.code, 2);
  });

  test('init: the file written is named escaped, and the next step quotes it for the shell', async (t) => {
    const dir = tempDir(t);
    const env = { ECWID_ORDER_KEY: 'orderSecret1', ECWID_PRODUCT_KEY: 'productSecret1' };
    const { stdout, code } = await runCli(['init', '--no-input', '--store-id', '4870020', '--no-events', '-o', `o\u001b[31m'.json`], { cwd: dir, env });
    assert.equal(code, 0);
    assertNothingRaw(stdout, 'init');
    assert.match(stdout, /^Wrote o\\x1b\[31m'\.json\n/);
    assert.ok(stdout.includes("ecwid-instance provision $'o\\x1b[31m\\'.json'\n"), stdout);
    assert.ok(existsSync(join(dir, `o\u001b[31m'.json`)));
  });

  describe('provision', () => {
    let server;
    before(async () => {
      server = await startFakeCloudElements();
    });
    after(() => server.close());

    test("the API's message, request ID and provider message, and a created instance's name", async (t) => {
      const dir = tempDir(t);
      writeFileSync(join(dir, 'instance.json'), JSON.stringify({ ...GOOD, name: `shop${HOSTILE.bidi}${HOSTILE.clear}` }));
      const env = { CLOUD_ELEMENTS_USER_SECRET: USER_SECRET, CLOUD_ELEMENTS_ORG_SECRET: ORG_SECRET, CLOUD_ELEMENTS_BASE_URL: server.url };
      server.state.behaviour = 'hostileText';
      const rejected = await runCli(['provision'], { cwd: dir, env, fetch: globalThis.fetch });
      assert.equal(rejected.code, 4);
      assertNothingRaw(rejected.stderr, 'stderr');
      assert.equal(
        rejected.stderr,
        'error: Cloud Elements rejected the request: HTTP 400 Bad Request: bad\\x1b[2J\\x1b]52;c;ZXZpbA==\\x07\\x0aerror: forged line \\u202etxt.exe\nProvider message: p\\x0d\\x7f\nRequest ID: r\\x9b1\n',
      );
      server.state.behaviour = 'contract';
      for (const json of [false, true]) {
        // stderr a terminal: the progress line quotes the name too.
        const created = await runCli(['provision', ...(json ? ['--json'] : [])], { cwd: dir, env, fetch: globalThis.fetch, stderrTTY: true });
        assert.equal(created.code, 0);
        assertNothingRaw(created.stdout.replace(/\n/g, ''), 'stdout');
        assertNothingRaw(created.stderr.replace(/\n/g, ''), 'stderr');
        // Text from the API is cleaned alike for every format.
        if (!json) assert.match(created.stderr, /^Creating instance "shopgnp\.\\u202eexe\\x1b\[2J" on /);
        if (json) assert.equal(JSON.parse(created.stdout).name, 'shopgnp.\\u202eexe\\x1b[2J');
        else assert.match(created.stdout, /^Created instance \S+ "shopgnp\.\\u202eexe\\x1b\[2J"\n$/);
      }
      const dryRun = await runCli(['provision', '--dry-run'], { cwd: dir, env });
      assertNothingRaw(dryRun.stdout.replace(/\n/g, ''), 'dry run');
      assert.ok(dryRun.stdout.includes('"name": "shopgnp.\\u202eexe\\u001b[2J"'));
    });
  });

  test('a file name in an error cannot forge a line of its own', async (t) => {
    const dir = tempDir(t);
    const env = { ECWID_ORDER_KEY: 'orderSecret1', ECWID_PRODUCT_KEY: 'productSecret1', ECWID_INSTANCE_CONFIG_DIR: join(dir, `c${HOSTILE.newline}`) };
    const forged = `x\nerror: forged${HOSTILE.bidi}`;
    const cases = [
      [['init', '--no-input', '--store-id', '1', '--no-events', '-o', `${forged}/i.json`], `error: cannot write ${dir}/x\\x0aerror: forgedgnp.\\u202eexe/i.json: no such file or directory\n`],
      [['provision', forged], 'error: cannot read x\\x0aerror: forgedgnp.\\u202eexe: no such file or directory\n'],
      [['urls', forged], 'error: cannot read x\\x0aerror: forgedgnp.\\u202eexe: no such file or directory\n'],
      [['validate', `${forged}*.json`], 'error: no files match x\\x0aerror: forgedgnp.\\u202eexe*.json\n'],
      [['provision', '--user-secret-file', forged], 'error: --user-secret-file: cannot read x\\x0aerror: forgedgnp.\\u202eexe: no such file or directory\n'],
    ];
    writeFileSync(join(dir, 'instance.json'), JSON.stringify(GOOD));
    for (const [argv, first] of cases) {
      const { stderr } = await runCli(argv, { cwd: dir, env });
      assert.equal(stderr.slice(0, stderr.indexOf('\n') + 1), first, argv.join(' '));
      assertNothingRaw(stderr.replace(/\n/g, ''), argv.join(' '));
    }
    const schema = await runCli(['schema', '-o', `s${HOSTILE.clear}.json`], { cwd: dir });
    assert.equal(schema.stderr, 'Wrote s\\x1b[2J.json\n');
    writeFileSync(join(dir, 'config'), '');
    mkdirSync(env.ECWID_INSTANCE_CONFIG_DIR);
    writeFileSync(join(env.ECWID_INSTANCE_CONFIG_DIR, 'config.json'), '{');
    const corrupt = await runCli(['config', 'list'], { cwd: dir, env });
    assert.match(corrupt.stderr, /^error: the config file \S*cx\\x0a1 file checked: 1 valid, 0 invalid\/config\.json is corrupt \(not valid JSON\)\n/);
  });

  test('an error no command wrote (a crash in the HTTP layer) is escaped too', async (t) => {
    const dir = tempDir(t);
    writeFileSync(join(dir, 'instance.json'), JSON.stringify(GOOD));
    const env = { CLOUD_ELEMENTS_USER_SECRET: USER_SECRET, CLOUD_ELEMENTS_ORG_SECRET: ORG_SECRET };
    const brokenResponse = async () => ({
      status: 200,
      get headers() {
        throw new RangeError(`bad ${HOSTILE.clear}${HOSTILE.bidi}`);
      },
    });
    const bug = await runCli(['provision'], { cwd: dir, env, fetch: brokenResponse });
    assert.equal(bug.code, 70);
    assert.equal(bug.stderr, 'error: unexpected failure: bad \\x1b[2Jgnp.\\u202eexe\nRun again with --debug for details.\n');
  });
});

describe('a failed write to stdout (real processes)', () => {
  const full = existsSync('/dev/full');

  test('no space left on the device is exit 3 naming the reason, on every path that prints', { skip: !full && 'no /dev/full here' }, (t) => {
    const dir = tempDir(t);
    writeFileSync(join(dir, 'instance.json'), JSON.stringify(GOOD));
    const commands = [['validate'], ['validate', '-f', 'json'], ['--version'], ['--help'], ['config', 'list', '--help'], ['urls', '--store-id', '4870020'], ['schema']];
    for (const args of commands) {
      const out = spawnSync('sh', ['-c', '"$0" "$@" > /dev/full', process.execPath, bin, ...args], { cwd: dir, encoding: 'utf8', env: { PATH: process.env.PATH, ECWID_INSTANCE_CONFIG_DIR: join(dir, 'config') } });
      assert.equal(out.stderr, 'error: cannot write to standard output: no space left on the device\nThe output is incomplete.\n', args.join(' '));
      assert.equal(out.status, 3, args.join(' '));
    }
  });

  test('with stderr full as well, the exit code still says it', { skip: !full && 'no /dev/full here' }, (t) => {
    const dir = tempDir(t);
    writeFileSync(join(dir, 'instance.json'), JSON.stringify(GOOD));
    const out = spawnSync('sh', ['-c', '"$0" "$@" > /dev/full 2> /dev/full', process.execPath, bin, 'validate'], { cwd: dir });
    assert.equal(out.status, 3);
  });
});

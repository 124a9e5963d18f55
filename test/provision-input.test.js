// provision before anything is sent: dry runs, invalid files, usage errors, when prompts may happen,
// cancellation, the API host options, and secrets that are never flag values.
import assert from 'node:assert/strict';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { cancelled } from '../dist/errors.js';
import { runCli, tempDir } from './helpers/cli.js';
import { ORG_SECRET, USER_SECRET } from './helpers/fake-cloud-elements.js';
import { fixtures } from './helpers/paths.js';
import { assertNoSecret, ENV, FILE, MISSING_BOTH, provisionAgainst, refusingPrompter, SENT_BODY, useFakeCloudElements } from './helpers/provision-setup.js';

let api;
useFakeCloudElements((servers) => ({ api } = servers));
const provision = (args, options) => provisionAgainst(api, args, options);

describe('provision: nothing is sent', () => {
  test('a value nested thousands of levels deep is refused (exit 1), not a crash, in a dry run too', async (t) => {
    const dir = tempDir(t);
    const deep = `${'['.repeat(20000)}${']'.repeat(20000)}`;
    writeFileSync(join(dir, 'deep.json'), `${JSON.stringify(SENT_BODY).slice(0, -1)},"deep":${deep}}`);
    for (const extra of [[], ['--dry-run'], ['--dry-run', '--json']]) {
      const { code, stdout, stderr } = await provision(['deep.json', ...extra], { cwd: dir });
      assert.equal(stdout, '', extra.join(' '));
      assert.match(stderr, /\nerror: deep\.json nests values more than 64 levels deep: nothing was sent\n/, extra.join(' '));
      assert.equal(code, 1, extra.join(' '));
    }
    assert.equal(api.state.requests.length, 0);
  });

  test('--dry-run prints the request, every secret masked', async () => {
    const { code, stdout, stderr } = await provision([FILE, '--dry-run']);
    assert.equal(code, 0);
    assert.equal(api.state.requests.length, 0);
    const masked = { ...SENT_BODY, configuration: { ...SENT_BODY.configuration, 'ecwid.order.key': '****2wN9', 'ecwid.product.key': '****6vB1', 'event.notification.signature.key': '****' } };
    assert.equal(
      stdout,
      `POST ${api.url}/elements/api-v2/instances\n` +
        `Authorization: User ****${USER_SECRET.slice(-4)}, Organization ****${ORG_SECRET.slice(-4)}\n` +
        'Content-Type: application/json\nAccept: application/json\nUser-Agent: ecwid-instance/0.0.0-test\n\n' +
        `${JSON.stringify(masked, null, 2)}\n`,
    );
    assert.equal(stderr, 'Dry run: nothing was sent.\n');
  });

  test('--dry-run --json, and without secrets it warns but still shows the request', async () => {
    const { code, stdout, stderr } = await provision([FILE, '--dry-run', '--json', '--if-absent'], { env: {} });
    assert.equal(code, 0);
    assert.equal(api.state.requests.length, 0);
    const request = JSON.parse(stdout);
    assert.equal(request.method, 'POST');
    assert.equal(request.headers.Authorization, 'User <not set>, Organization <not set>');
    assert.equal(request.body.configuration['ecwid.order.key'], '****2wN9');
    assert.equal(
      stderr,
      'warning: no user secret (CLOUD_ELEMENTS_USER_SECRET or --user-secret-file): a real run would stop here\n' +
        'warning: no organization secret (CLOUD_ELEMENTS_ORG_SECRET or --org-secret-file): a real run would stop here\n' +
        'note: --if-absent would first look for an instance of that name (GET /elements/api-v2/instances)\n' +
        'Dry run: nothing was sent.\n',
    );
  });

  test('an invalid file: its problems on stderr, exit 1', async () => {
    const file = join(fixtures, 'invalid', 'docs-template.json');
    const { code, stdout, stderr } = await provision([file]);
    assert.equal(code, 1);
    assert.equal(stdout, '');
    assert.match(stderr, /docs-template\.json:8:23: error: ecwid\.store\.id still holds the docs placeholder <INSERT_STORE_ID>: replace it with the real value \[placeholder\]\n/);
    assert.match(stderr, /\nerror: \S+docs-template\.json is not a valid instance \(6 errors\): nothing was sent\n/);
    assert.equal(api.state.requests.length, 0);
  });

  test('--dry-run validates first: an invalid file prints no request and exits 1', async () => {
    const { code, stdout, stderr } = await provision([join(fixtures, 'invalid', 'docs-template.json'), '--dry-run']);
    assert.equal(code, 1);
    assert.equal(stdout, '');
    assert.match(stderr, /is not a valid instance \(6 errors\): nothing was sent\n/);
    assert.doesNotMatch(stderr, /Dry run/);
    assert.equal(api.state.requests.length, 0);
  });

  test('- reads the instance from stdin', async () => {
    const { code, stdout } = await provision(['-', '--dry-run', '--json'], { stdin: readFileSync(FILE) });
    assert.equal(code, 0);
    assert.equal(JSON.parse(stdout).body.name, SENT_BODY.name);
    assert.equal(api.state.requests.length, 0);
  });

  test('warnings are shown and the instance is still created', async () => {
    const file = join(fixtures, 'invalid', 'events-warnings.json');
    const { code, stderr } = await provision([file]);
    assert.match(stderr, /: warning: /);
    assert.equal(code, 0);
  });

  test('an unreadable file: exit 3', async (t) => {
    const { code, stderr } = await provision(['missing.json'], { cwd: tempDir(t) });
    assert.equal(code, 3);
    assert.equal(stderr, 'error: cannot read missing.json: no such file or directory\n');
  });

  const usage = [
    ['secrets missing and no prompt possible', [FILE, '--no-input'], {}, 'error: missing the Cloud Elements user secret and organization secret\n'],
    ['only the org secret missing, in CI', [FILE], { CLOUD_ELEMENTS_USER_SECRET: USER_SECRET, CI: 'true' }, 'error: missing the Cloud Elements organization secret\n'],
    ['a bad --timeout', [FILE, '--timeout', 'soon'], ENV, "error: option '--timeout <seconds>' argument 'soon' is invalid. give a positive number of seconds, at most 3600.\n"],
    ['a zero --timeout', [FILE, '--timeout', '0'], ENV, "error: option '--timeout <seconds>' argument '0' is invalid. give a positive number of seconds, at most 3600.\n"],
    ['--token-file -', [FILE, '--token-file', '-'], ENV, 'error: --token-file needs a file path: the instance token is never printed\n'],
    ['stdin read twice', ['-', '--user-secret-file', '-'], ENV, 'error: stdin can be read only once, but the instance file and --user-secret-file both read it\n'],
    ['a secret with a line break inside', [FILE], { ...ENV, CLOUD_ELEMENTS_ORG_SECRET: 'abc\ndef' }, 'error: CLOUD_ELEMENTS_ORG_SECRET: the secret must not contain spaces, line breaks or control characters\n'],
  ];
  for (const [name, args, env, firstLine] of usage) {
    test(`usage error (exit 2): ${name}`, async () => {
      const result = await runCli(['provision', ...args, '--base-url', api.url], { fetch: globalThis.fetch, env });
      assert.equal(result.code, 2);
      assert.ok(result.stderr.startsWith(firstLine), result.stderr);
      assert.equal(api.state.requests.length, 0);
    });
  }

  test('plain http to a host that is not loopback is refused', async () => {
    const { code } = await runCli(['provision', FILE, '--base-url', 'http://ce.example.com'], { env: ENV });
    assert.equal(code, 2);
  });
});

describe('provision: prompts only when a person can answer', () => {
  const unattended = [
    ['--no-input on a terminal', ['--no-input'], { tty: true }],
    ['CI=1 on a terminal', [], { tty: true, env: { CI: '1' } }],
    ['--json on a terminal', ['--json'], { tty: true }],
    ['only stdin a terminal', [], { stdinTTY: true }],
    ['only stdout a terminal', [], { stdoutTTY: true, stderrTTY: true }],
  ];
  for (const [name, args, options] of unattended) {
    test(`${name}: nothing is asked; exit 2 naming every missing secret`, async () => {
      const { asked, prompter } = refusingPrompter();
      const { code, stdout, stderr } = await provision([FILE, ...args], { ...options, env: { ...options.env }, prompter });
      assert.deepEqual(asked, []);
      assert.equal(stderr, MISSING_BOTH);
      assert.equal(stdout, '');
      assert.equal(code, 2);
      assert.equal(api.state.requests.length, 0);
    });
  }

  test('a --token-file that cannot take the token stops the run before any secret is asked', async (t) => {
    const dir = tempDir(t);
    writeFileSync(join(dir, 'old.token'), 'old\n');
    mkdirSync(join(dir, 'folder'));
    const refusals = [
      [['old.token'], 'error: old.token already exists\nUse --force to replace it, or choose another --token-file.\n'],
      [['folder', '--force'], 'error: cannot write folder: it is a directory\nGive a file name with --token-file.\n'],
      [['missing/t'], 'error: cannot write missing/t: no such file or directory\nCreate the folder first, or choose another --token-file.\n'],
    ];
    for (const [args, message] of refusals) {
      const { asked, prompter } = refusingPrompter();
      const { code, stderr } = await provision([FILE, '--token-file', ...args], { tty: true, env: {}, cwd: dir, prompter });
      assert.deepEqual(asked, [], args.join(' '));
      assert.equal(stderr, message);
      assert.equal(code, 3);
    }
    assert.equal(api.state.requests.length, 0);
  });

  test('only the missing secret is named when the other one is set', async () => {
    const { asked, prompter } = refusingPrompter();
    const { code, stderr } = await provision([FILE, '--no-input'], { tty: true, env: { CLOUD_ELEMENTS_USER_SECRET: USER_SECRET }, prompter });
    assert.deepEqual(asked, []);
    assert.equal(code, 2);
    assert.match(stderr, /^error: missing the Cloud Elements organization secret\nSet CLOUD_ELEMENTS_ORG_SECRET or --org-secret-file <file> /);
  });

  test('a secret the environment gives is not asked again', async () => {
    const asked = [];
    const prompter = {
      password: async (question) => {
        asked.push(question.message);
        return ORG_SECRET;
      },
    };
    const { code } = await provision([FILE], { tty: true, env: { CLOUD_ELEMENTS_USER_SECRET: USER_SECRET }, prompter });
    assert.deepEqual(asked, ['Cloud Elements organization secret']);
    assert.equal(code, 0);
  });

  for (const [name, answers] of [
    ['at the user secret prompt', []],
    ['at the organization secret prompt', [USER_SECRET]],
  ]) {
    test(`Ctrl+C or end of input ${name}: Cancelled, exit 130, nothing sent`, async () => {
      const remaining = [...answers];
      const prompter = { password: async () => (remaining.length > 0 ? remaining.shift() : Promise.reject(cancelled())) };
      const { code, stdout, stderr } = await provision([FILE], { tty: true, env: {}, prompter });
      assert.equal(stderr, 'Cancelled\n');
      assert.equal(stdout, '');
      assert.equal(code, 130);
      assert.equal(api.state.requests.length, 0);
    });
  }
});

describe('provision: the API host', () => {
  test('--environment and --base-url together: exit 2 in every command that takes them, nothing sent', async (t) => {
    const dir = tempDir(t);
    const both = ['--environment', 'eu', '--base-url', 'https://a.example'];
    const expected = 'error: --environment and --base-url cannot be used together\nPick one: --environment for a Cloud Elements environment, or --base-url for another API host.\n';
    const runs = [
      ['provision', FILE, ...both],
      ['urls', '--store-id', '4870020', ...both],
      ['init', '--no-input', '--store-id', '4870020', '--no-events', '-o', join(dir, 'x.json'), ...both],
    ];
    for (const argv of runs) {
      const result = await runCli(argv, { fetch: globalThis.fetch, env: { ...ENV, ECWID_ORDER_KEY: 'order_key_1234', ECWID_PRODUCT_KEY: 'product_key_1234' } });
      assert.equal(result.stderr, expected, argv[0]);
      assert.equal(result.stdout, '', argv[0]);
      assert.equal(result.code, 2, argv[0]);
    }
  });

  test('the variables may both be set: CLOUD_ELEMENTS_BASE_URL wins over CLOUD_ELEMENTS_ENVIRONMENT', async () => {
    const { code } = await runCli(['provision', FILE], { fetch: globalThis.fetch, env: { ...ENV, CLOUD_ELEMENTS_ENVIRONMENT: 'eu', CLOUD_ELEMENTS_BASE_URL: api.url } });
    assert.equal(code, 0);
    assert.equal(api.state.requests.length, 1);
  });

  test('the config store is read only when no flag or variable decides', async (t) => {
    const dir = tempDir(t);
    mkdirSync(join(dir, 'config'));
    writeFileSync(join(dir, 'config', 'config.json'), '{ corrupt');
    const env = { ...ENV, ECWID_INSTANCE_CONFIG_DIR: join(dir, 'config') };
    assert.equal((await provision([FILE], { env })).code, 0); // --base-url decides
    assert.equal((await runCli(['provision', FILE], { fetch: globalThis.fetch, env: { ...env, CLOUD_ELEMENTS_BASE_URL: api.url } })).code, 0);
    const undecided = await runCli(['provision', FILE], { fetch: globalThis.fetch, env });
    assert.equal(undecided.code, 3);
    assert.match(undecided.stderr, /config\.json/);
    assert.equal(api.state.requests.length, 2);
  });
});

describe('secrets are never flag values', () => {
  const flags = [
    ['provision', '--user-secret'],
    ['provision', '--org-secret'],
    ['init', '--order-key'],
    ['init', '--product-key'],
    ['init', '--signature-key'],
  ];
  for (const [command, flag] of flags) {
    test(`${command} ${flag} <value> is an unknown option (exit 2), and the value is not used`, async () => {
      const result = await runCli([command, flag, 'kQ9v2LmX7pR4tY8wZ1aB'], { env: ENV });
      assert.equal(result.code, 2);
      assert.match(result.stderr, new RegExp(`^error: unknown option '${flag}'`));
      assert.equal(result.stdout, '');
      assertNoSecret(result, ['kQ9v2LmX7pR4tY8wZ1aB']);
      assert.equal(api.state.requests.length, 0);
    });
  }
});

// status against the fake Platform API: what it shows of the instance, how it compares it with the
// file, --check, --json, several instances of one name, --id, and each call failing.
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { registerStatus } from '../dist/commands/status.js';
import { runCli, tempDir } from './helpers/cli.js';
import { parsedOptions } from './helpers/parse-options.js';
import { ORG_SECRET, REQUEST_ID, USER_SECRET } from './helpers/fake-cloud-elements.js';
import { ENV, FILE, INSTANCE, NAME, useFakeCloudElements } from './helpers/provision-setup.js';
import { runAgainst, seen, stored } from './helpers/lifecycle-setup.js';

let api;
useFakeCloudElements((servers) => ({ api } = servers));
const status = (args, options) => runAgainst(api, 'status', args, options);

const HEADER =
  'id: 501\n' +
  `name: ${NAME}\n` +
  'created: 2026-11-02T09:30:00Z\n' +
  'enabled: yes\n' +
  'valid: yes\n' +
  'events: on\n' +
  'callback URL: http://localhost:8080/events\n' +
  'tags: production, eu\n';
const NOT_COMPARED = 'ecwid.order.key: not compared\necwid.product.key: not compared\nevent.notification.signature.key: not compared\n';

describe('status: the instance and its file', () => {
  test('in step: the facts, the secrets not compared, "in step"; exit 0 with and without --check', async () => {
    api.state.instances = [stored(7, { name: 'other' }), stored(501)];
    for (const check of [[], ['--check']]) {
      api.state.requests = [];
      const { code, stdout, stderr } = await status([FILE, ...check]);
      assert.equal(stdout, `${HEADER}${NOT_COMPARED}in step\n`);
      assert.equal(stderr, '');
      assert.equal(code, 0);
      assert.deepEqual(seen(api), ['GET /elements/api-v2/instances?pageSize=200', 'GET /elements/api-v2/instances/501/configuration']);
    }
  });

  test('a changed callback URL and tags: one line for each difference; --check exits 1', async () => {
    api.state.instances = [stored(501, { configuration: { 'event.notification.callback.url': 'https://old.example/events' }, tags: ['eu'], disabled: true, valid: false })];
    const differences = 'event.notification.callback.url: platform https://old.example/events, file http://localhost:8080/events\n' + 'tags: platform ["eu"], file ["production","eu"]\n';
    const plain = await status([FILE]);
    assert.equal(
      plain.stdout,
      HEADER.replace('enabled: yes', 'enabled: no').replace('valid: yes', 'valid: no').replace('http://localhost:8080/events', 'https://old.example/events').replace('production, eu', 'eu') +
        NOT_COMPARED +
        differences +
        'out of step with the file: 2 differences\n',
    );
    assert.equal(plain.code, 0);
    const checked = await status([FILE, '--check']);
    assert.equal(checked.stdout, plain.stdout);
    assert.equal(checked.code, 1);
  });

  test('a value the platform lacks, and tags in another order (still in step)', async () => {
    const configuration = { ...INSTANCE.configuration };
    delete configuration['event.vendor.type'];
    api.state.instances = [{ ...stored(501), configuration, tags: ['eu', 'production'] }];
    const { code, stdout } = await status([FILE, '--check']);
    assert.match(stdout, /\nevent\.vendor\.type: platform \(not set\), file webhook\nout of step with the file: 1 difference\n$/);
    assert.equal(code, 1);
  });

  test('missing: says so; exit 0, and 1 with --check', async () => {
    api.state.instances = [stored(9, { name: 'another-shop' }), stored(10, { element: { key: 'shopify' } })];
    const plain = await status([FILE]);
    assert.equal(plain.stdout, `No instance named "${NAME}"\n`);
    assert.equal(plain.code, 0);
    const checked = await status([FILE, '--check']);
    assert.equal(checked.stdout, plain.stdout);
    assert.equal(checked.code, 1);
    const json = await status([FILE, '--json', '--check']);
    assert.deepEqual(JSON.parse(json.stdout), { found: false, inStep: false, environment: 'custom', lookup: { name: NAME } });
    assert.equal(json.code, 1);
  });

  test('--json: the same as one object', async () => {
    api.state.instances = [stored(501, { configuration: { 'event.notification.callback.url': 'https://old.example/events' } })];
    const { code, stdout, stderr } = await status([FILE, '--json']);
    assert.equal(stderr, '');
    assert.equal(code, 0);
    assert.deepEqual(JSON.parse(stdout), {
      found: true,
      inStep: false,
      environment: 'custom',
      id: 501,
      name: NAME,
      createdDate: '2026-11-02T09:30:00Z',
      enabled: true,
      valid: true,
      eventsEnabled: true,
      callbackUrl: 'https://old.example/events',
      tags: ['production', 'eu'],
      differences: [{ key: 'event.notification.callback.url', platform: 'https://old.example/events', file: 'http://localhost:8080/events' }],
      notCompared: ['ecwid.order.key', 'ecwid.product.key', 'event.notification.signature.key'],
    });
  });

  test('text from the platform is escaped: no control or bidirectional character reaches the output', async (t) => {
    const hostile = `${NAME}\u001b]0;owned\u0007\u202e`;
    api.state.instances = [stored(501, { name: hostile, tags: ['eu\u001b[2J', 'production'], configuration: { 'ecwid.store.id': '48\u0085\u2066' } })];
    const dir = tempDir(t);
    writeFileSync(join(dir, 'instance.json'), JSON.stringify({ ...INSTANCE, name: hostile }));
    for (const json of [false, true]) {
      const { code, stdout } = await status(['instance.json', ...(json ? ['--json'] : [])], { cwd: dir });
      assert.equal(code, 0);
      // eslint-disable-next-line no-control-regex
      assert.doesNotMatch(stdout, /[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/);
      if (json) {
        // The same JSON to a reader: the escapes are JSON's own, so the values come back whole.
        const report = JSON.parse(stdout);
        assert.equal(report.name, hostile);
        assert.deepEqual(report.tags, ['eu\u001b[2J', 'production']);
      } else {
        assert.match(stdout, /\nname: ecwid-4870020\\x1b\]0;owned\\x07\\u202e\n/);
        assert.match(stdout, /\necwid\.store\.id: platform 48\\x85\\u2066, file 4870020\n/);
      }
    }
  });

  test('a value the platform masks is not compared, whatever its key', async () => {
    api.state.instances = [stored(501, { configuration: { 'ecwid.store.id': '********' } })];
    const { code, stdout } = await status([FILE, '--check']);
    assert.equal(stdout, `${HEADER}ecwid.order.key: not compared\necwid.product.key: not compared\necwid.store.id: not compared\nevent.notification.signature.key: not compared\nin step\n`);
    assert.equal(code, 0);
  });
});

describe('status: secrets', () => {
  test('a key that looks like a secret is never compared or shown, even where the platform does not mask it', async (t) => {
    const dir = tempDir(t);
    const configuration = { ...INSTANCE.configuration, 'ecwid.product.kye': 'public_typoKEY12345' };
    writeFileSync(join(dir, 'instance.json'), JSON.stringify({ ...INSTANCE, configuration }));
    api.state.instances = [stored(501, { configuration: { 'ecwid.product.kye': 'public_otherKEY6789' } })];
    for (const json of [[], ['--json']]) {
      const { code, stdout } = await status(['instance.json', '--check', ...json], { cwd: dir });
      assert.equal(code, 0);
      assert.ok(!stdout.includes('KEY12345') && !stdout.includes('KEY6789'), stdout);
      assert.match(stdout, json.length ? /"ecwid\.product\.kye"/ : /\necwid\.product\.kye: not compared\n/);
    }
  });
});

describe('status: known secrets in what the platform says', () => {
  test('a value quoting a secret of the run is masked, in text and JSON', async () => {
    api.state.instances = [stored(501, { name: `shop ${USER_SECRET}`, tags: [ORG_SECRET] })];
    for (const json of [[], ['--json']]) {
      const { code, stdout } = await status([FILE, '--id', '501', ...json]); // runAgainst asserts that no secret is printed
      assert.equal(code, 0);
      assert.ok(stdout.includes(`shop ****${USER_SECRET.slice(-4)}`), stdout);
    }
  });
});

describe('status: which instance', () => {
  test('two instances with the name: exit 2 listing their ids; --id picks one', async () => {
    api.state.maxPageSize = 1;
    api.state.instances = [stored(501), stored(7, { name: 'other' }), stored(502)];
    const { code, stdout, stderr } = await status([FILE]);
    assert.equal(stdout, '');
    assert.equal(stderr, `error: 2 Ecwid instances are named "${NAME}": 501, 502\nPick one with --id <id>.\n`);
    assert.equal(code, 2);
    api.state.requests = [];
    const picked = await status([FILE, '--id', '502']);
    assert.equal(picked.code, 0);
    assert.match(picked.stdout, /^id: 502\n/);
    assert.deepEqual(seen(api), ['GET /elements/api-v2/instances/502', 'GET /elements/api-v2/instances/502/configuration']);
  });

  test('--id of a missing instance: "No instance <id>"; of another element: exit 2', async () => {
    api.state.instances = [stored(33, { element: { key: 'shopify' } })];
    const missing = await status([FILE, '--id', '404404', '--check']);
    assert.equal(missing.stdout, 'No instance 404404\n');
    assert.equal(missing.code, 1);
    const other = await status([FILE, '--id', '33']);
    assert.equal(other.stderr, 'error: instance 33 is not an Ecwid instance (its element is "shopify")\nCheck the id: this tool manages Ecwid instances only.\n');
    assert.equal(other.code, 2);
    assert.deepEqual(seen(api), ['GET /elements/api-v2/instances/404404', 'GET /elements/api-v2/instances/33']);
  });

  test('--id compares the name too', async () => {
    api.state.instances = [stored(501, { name: 'renamed' })];
    const { code, stdout } = await status([FILE, '--id', '501', '--check']);
    assert.match(stdout, new RegExp(`\\nname: platform renamed, file ${NAME}\\n`));
    assert.equal(code, 1);
  });

  test('a bad --id is a usage error before anything is sent', async () => {
    for (const id of ['abc', '12/../3', '-1']) {
      const { code, stderr } = await status([FILE, `--id=${id}`]);
      assert.equal(code, 2, id);
      assert.match(stderr, /option '--id <id>' argument .* is invalid\. give the numeric id of an instance, such as 12345\./, id);
    }
    // An empty value, as for every option: the flag is named before any parsing.
    assert.deepEqual(await status([FILE, '--id=']), { code: 2, stdout: '', stderr: "error: option '--id <id>' was given an empty value\nGive it a value, or leave --id out.\n" });
    assert.equal(api.state.requests.length, 0);
  });

  test('an invalid file is exit 1 before anything is sent; missing secrets exit 2', async () => {
    const invalid = await status([join(FILE, '..', '..', 'invalid', 'docs-template.json')]);
    assert.equal(invalid.code, 1);
    const noSecrets = await runCli(['status', FILE, '--base-url', api.url], { fetch: globalThis.fetch, env: {} });
    assert.equal(noSecrets.code, 2);
    assert.match(noSecrets.stderr, /^error: missing the Cloud Elements user secret and organization secret\n/);
    assert.equal(api.state.requests.length, 0);
  });
});

describe('status: each call failing', () => {
  const cases = [
    ['the lookup', [FILE], (method, path) => path === '/elements/api-v2/instances'],
    ['GET /instances/{id}', [FILE, '--id', '501'], (method, path) => path === '/elements/api-v2/instances/501'],
    ['GET /instances/{id}/configuration', [FILE], (method, path) => path.endsWith('/configuration')],
  ];
  for (const [call, args, only] of cases) {
    test(`${call}: 403 is exit 4, 500 exit 5, no answer in time exit 5`, async () => {
      for (const [behaviour, code, message] of [
        ['forbidden', 4, /^error: Cloud Elements rejected the request: HTTP 403 Forbidden: Access denied\n/],
        ['error500', 5, new RegExp(`^error: Cloud Elements failed: HTTP 500 Internal Server Error: An unexpected error occurred\\nRequest ID: ${REQUEST_ID}\\nTry again later\\.\\n$`)],
        ['hang', 5, /^error: no complete answer from Cloud Elements within 1 second \(GET http:\/\/127\.0\.0\.1:\d+\)\nAllow more time with --timeout <seconds>\.\n$/],
      ]) {
        api.reset();
        api.state.instances = [stored(501)];
        Object.assign(api.state, { behaviour, only });
        const result = await status([...args, '--timeout', '1']);
        assert.equal(result.stdout, '', `${call} ${behaviour}`);
        assert.match(result.stderr, message, `${call} ${behaviour}`);
        assert.equal(result.code, code, `${call} ${behaviour}`);
      }
    });
  }

  test('an answer that is not a list of configuration entries: exit 5', async () => {
    api.state.instances = [stored(501)];
    Object.assign(api.state, { behaviour: 'notJson', only: (method, path) => path.endsWith('/configuration') });
    const { code, stderr } = await status([FILE]);
    assert.equal(stderr, 'error: Cloud Elements answered HTTP 200 with a body that is not JSON\n');
    assert.equal(code, 5);
  });
});

describe('status options', () => {
  const parse = (argv) => parsedOptions(registerStatus, ['status', ...argv]);
  const defaults = { file: 'instance.json', id: undefined, environment: undefined, baseUrl: undefined, userSecretFile: undefined, orgSecretFile: undefined, timeout: 30, json: false, check: false, input: true };
  const table = [
    [[], {}],
    [['x.json', '--check'], { file: 'x.json', check: true }],
    [['--id', '12345', '--json'], { id: '12345', json: true }],
    [['-', '--timeout', '2.5', '--no-input'], { file: '-', timeout: 2.5, input: false }],
    [['--environment', 'eu', '--user-secret-file', 'u', '--org-secret-file', 'o'], { environment: 'eu', userSecretFile: 'u', orgSecretFile: 'o' }],
    [['--base-url', 'https://h.example'], { baseUrl: 'https://h.example' }],
  ];
  for (const [argv, expected] of table) {
    test(`status ${argv.join(' ')}`.trim(), async () => {
      assert.deepEqual(await parse(argv), { ...defaults, ...expected });
    });
  }

  test('status --help: examples, environment, exit codes', async () => {
    const { code, stdout } = await runCli(['status', '--help'], { env: ENV });
    assert.equal(code, 0);
    assert.match(stdout, /\nExamples:\n {2}\$ ecwid-instance status\n/);
    assert.match(stdout, /\n {2}--check +exit 1 when the instance is missing or differs/);
    assert.match(stdout, /\n {2}CLOUD_ELEMENTS_USER_SECRET /);
    assert.match(stdout, /Exit status: 0 \(with --check: 0 in step, 1 missing or different\)/);
  });
});

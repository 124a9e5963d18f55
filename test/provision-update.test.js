// provision --update (and --id) against the fake Platform API: the instance is found by name or id
// and changed to match the file, or created when there is none; never a guess between two.
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { registerProvision } from '../dist/commands/provision.js';
import { tempDir } from './helpers/cli.js';
import { parsedOptions } from './helpers/parse-options.js';
import { ORG_SECRET, REQUEST_ID, TOKEN, USER_SECRET } from './helpers/fake-cloud-elements.js';
import { FILE, INSTANCE, NAME, refusingPrompter, SENT_BODY, useFakeCloudElements } from './helpers/provision-setup.js';
import { runAgainst, seen, stored } from './helpers/lifecycle-setup.js';

let api;
useFakeCloudElements((servers) => ({ api } = servers));
const provision = (args, options) => runAgainst(api, 'provision', args, options);
const PATCHED = { name: NAME, tags: INSTANCE.tags, configuration: INSTANCE.configuration };
const UPDATE_MAYBE = 'The update may have been applied anyway; it was not retried. Running it again is safe.\n';

describe('provision --update', () => {
  test('a changed callback URL: PATCH /instances/{id} with name, tags and configuration; the platform then holds it', async () => {
    api.state.maxPageSize = 1;
    api.state.instances = [stored(7, { name: 'other' }), stored(501, { configuration: { 'event.notification.callback.url': 'https://old.example/events' } })];
    const { code, stdout, stderr } = await provision([FILE, '--update']);
    assert.equal(stdout, `Updated instance 501 "${NAME}"\n`);
    assert.equal(stderr, '');
    assert.equal(code, 0);
    const calls = seen(api);
    assert.equal(calls.length, 3);
    assert.equal(calls[2], 'PATCH /elements/api-v2/instances/501');
    const patch = api.state.requests[2];
    assert.deepEqual(JSON.parse(patch.body), PATCHED);
    assert.equal(patch.headers.authorization, `User ${USER_SECRET}, Organization ${ORG_SECRET}`);
    assert.equal(patch.headers['content-type'], 'application/json');
    assert.equal(api.state.instances[1].configuration['event.notification.callback.url'], 'http://localhost:8080/events');
    const after = await runAgainst(api, 'status', [FILE, '--check']);
    assert.match(after.stdout, /\nin step\n$/);
    assert.equal(after.code, 0);
  });

  test('rotated secrets are sent every time: the platform cannot show them to compare', async (t) => {
    const dir = tempDir(t);
    const rotated = { ...INSTANCE, configuration: { ...INSTANCE.configuration, 'ecwid.order.key': 'secret_ROTATED0001' } };
    writeFileSync(join(dir, 'instance.json'), JSON.stringify(rotated));
    api.state.instances = [stored(501)];
    const { code, stdout } = await provision(['instance.json', '--update'], { cwd: dir });
    assert.equal(code, 0);
    assert.ok(!stdout.includes('ROTATED0001'));
    assert.equal(JSON.parse(api.state.requests[1].body).configuration['ecwid.order.key'], 'secret_ROTATED0001');
    assert.equal(api.state.instances[0].configuration['ecwid.order.key'], 'secret_ROTATED0001');
  });

  test('no tags in the file means none: the platform\'s are cleared', async (t) => {
    const dir = tempDir(t);
    const { tags: _tags, ...untagged } = INSTANCE;
    writeFileSync(join(dir, 'instance.json'), JSON.stringify(untagged));
    api.state.instances = [stored(501)];
    assert.equal((await provision(['instance.json', '--update'], { cwd: dir })).code, 0);
    assert.deepEqual(JSON.parse(api.state.requests[1].body).tags, []);
  });

  test('no instance of that name: it is created, and the token written', async (t) => {
    const dir = tempDir(t);
    api.state.instances = [stored(9, { element: { key: 'shopify' } })];
    const { code, stdout, stderr } = await provision([FILE, '--update', '--token-file', 'instance.token'], { cwd: dir });
    assert.equal(stdout, `Created instance 12345 "${NAME}"\n`);
    assert.equal(stderr, 'Token written to instance.token (mode 0600).\n');
    assert.equal(code, 0);
    assert.deepEqual(seen(api), ['GET /elements/api-v2/instances?pageSize=200', 'POST /elements/api-v2/instances']);
    assert.deepEqual(JSON.parse(api.state.requests[1].body), SENT_BODY);
    assert.equal(readFileSync(join(dir, 'instance.token'), 'utf8'), `${TOKEN}\n`);
  });

  test('run again: the second run updates what the first created, and leaves the token file alone', async (t) => {
    const dir = tempDir(t);
    const args = [FILE, '--update', '--token-file', 'instance.token'];
    assert.equal((await provision(args, { cwd: dir })).code, 0);
    const again = await provision(args, { cwd: dir });
    assert.equal(again.stdout, `Updated instance 12345 "${NAME}"\n`);
    assert.equal(again.stderr, 'The instance token is unchanged; instance.token was not written.\n');
    assert.equal(again.code, 0);
    assert.equal(readFileSync(join(dir, 'instance.token'), 'utf8'), `${TOKEN}\n`);
    assert.equal(api.state.instances.length, 1);
  });

  test('nothing to update and an earlier token file: nothing is created without --force', async (t) => {
    const dir = tempDir(t);
    writeFileSync(join(dir, 'instance.token'), 'earlier-token\n');
    const { code, stdout, stderr } = await provision([FILE, '--update', '--token-file', 'instance.token'], { cwd: dir });
    assert.equal(stdout, '');
    assert.equal(
      stderr,
      'error: instance.token already exists, and no instance was found to update: nothing was sent\n' +
        'Creating the instance would replace that token file: use --force to replace it, or choose another --token-file.\n',
    );
    assert.equal(code, 3);
    assert.deepEqual(seen(api), ['GET /elements/api-v2/instances?pageSize=200']);
    assert.equal(readFileSync(join(dir, 'instance.token'), 'utf8'), 'earlier-token\n');
    const forced = await provision([FILE, '--update', '--token-file', 'instance.token', '--force'], { cwd: dir });
    assert.equal(forced.code, 0);
    assert.equal(readFileSync(join(dir, 'instance.token'), 'utf8'), `${TOKEN}\n`);
  });

  test('--json says which happened', async () => {
    api.state.instances = [stored(501)];
    const updated = await provision([FILE, '--update', '--json']);
    assert.equal(updated.stdout, `${JSON.stringify({ id: 501, name: NAME, element: 'ecwid', environment: 'custom', tokenFile: null, updated: true }, null, 2)}\n`);
    assert.equal(updated.stderr, '');
    api.state.instances = [];
    const created = await provision([FILE, '--update', '--json']);
    assert.deepEqual(JSON.parse(created.stdout), { id: 12345, name: NAME, element: 'ecwid', environment: 'custom', tokenFile: null });
  });

  test('on a terminal, an update asks for nothing the environment gave', async () => {
    api.state.instances = [stored(501)];
    const { prompter, asked } = refusingPrompter();
    const { code } = await provision([FILE, '--update'], { tty: true, prompter });
    assert.equal(code, 0);
    assert.deepEqual(asked, []);
  });

  test('--if-absent with --update, and --id alone, are usage errors: nothing is sent', async () => {
    const both = await provision([FILE, '--update', '--if-absent']);
    assert.equal(both.stderr, 'error: --if-absent and --update cannot be used together\nPick one: --if-absent leaves an existing instance as it is; --update brings it in step with the file.\n');
    assert.equal(both.code, 2);
    const id = await provision([FILE, '--id', '501']);
    assert.equal(id.stderr, 'error: --id needs --update or --if-absent\nA create gets a new id from Cloud Elements; --id names an instance that exists.\n');
    assert.equal(id.code, 2);
    assert.equal(api.state.requests.length, 0);
  });
});

describe('provision: several instances with the name, and --id', () => {
  test('--update and --if-absent refuse to guess: exit 2 listing the ids, nothing changed', async () => {
    api.state.instances = [stored(501), stored(502)];
    for (const flag of ['--update', '--if-absent']) {
      api.state.requests = [];
      const { code, stdout, stderr } = await provision([FILE, flag]);
      assert.equal(stdout, '');
      assert.equal(stderr, `error: 2 Ecwid instances are named "${NAME}": 501, 502\nPick one with --id <id>.\n`, flag);
      assert.equal(code, 2);
      assert.deepEqual(seen(api), ['GET /elements/api-v2/instances?pageSize=200']);
    }
  });

  test('--update --id: GET /instances/{id}, then the PATCH there', async () => {
    api.state.instances = [stored(501), stored(502, { tags: [] })];
    const { code, stdout } = await provision([FILE, '--update', '--id', '502']);
    assert.equal(stdout, `Updated instance 502 "${NAME}"\n`);
    assert.equal(code, 0);
    assert.deepEqual(seen(api), ['GET /elements/api-v2/instances/502', 'PATCH /elements/api-v2/instances/502']);
    assert.deepEqual(api.state.instances[1].tags, INSTANCE.tags);
  });

  test('--if-absent --id of an existing instance: creates nothing', async () => {
    api.state.instances = [stored(501), stored(502)];
    const { code, stdout } = await provision([FILE, '--if-absent', '--id', '501']);
    assert.equal(stdout, `Instance 501 "${NAME}" already exists\n`);
    assert.equal(code, 0);
    assert.deepEqual(seen(api), ['GET /elements/api-v2/instances/501']);
  });

  test('--id of no instance: exit 4 and nothing created (a new one would get another id)', async () => {
    for (const flag of ['--update', '--if-absent']) {
      api.state.requests = [];
      const { code, stderr } = await provision([FILE, flag, '--id', '999']);
      assert.equal(stderr, `error: No Ecwid instance 999 on ${api.url}: nothing was sent\nCheck the id, or drop --id to look the instance up by name (and create it when there is none).\n`);
      assert.equal(code, 4);
      assert.deepEqual(seen(api), ['GET /elements/api-v2/instances/999']);
    }
  });
});

describe('provision --update: each call failing', () => {
  const patchOnly = (method) => method === 'PATCH';
  test('the PATCH rejected (400): exit 4 with the message', async () => {
    api.state.instances = [stored(501)];
    Object.assign(api.state, { behaviour: 'idInHeaderOnly', only: patchOnly });
    const { code, stderr } = await provision([FILE, '--update']);
    assert.equal(stderr, `error: Cloud Elements rejected the request: HTTP 400 Bad Request: Bad Request\nRequest ID: ${REQUEST_ID}\n`);
    assert.equal(code, 4);
  });

  test('the PATCH failing (500, no answer in time): exit 5, not retried, said to be safe to run again', async () => {
    for (const [behaviour, first] of [
      ['error500', `error: Cloud Elements failed: HTTP 500 Internal Server Error: An unexpected error occurred\nRequest ID: ${REQUEST_ID}\n`],
      ['hang', `error: no complete answer from Cloud Elements within 1 second (PATCH ${api.url})\nAllow more time with --timeout <seconds>.\n`],
    ]) {
      api.reset();
      api.state.instances = [stored(501)];
      Object.assign(api.state, { behaviour, only: patchOnly });
      const { code, stderr } = await provision([FILE, '--update', '--timeout', '1']);
      assert.equal(stderr, `${first}${UPDATE_MAYBE}`, behaviour);
      assert.equal(code, 5);
      assert.deepEqual(api.state.requests.map((request) => request.method), ['GET', 'PATCH'], behaviour);
    }
  });

  test('the lookup failing stops before any change', async () => {
    for (const [behaviour, code] of [['forbidden', 4], ['error500', 5]]) {
      api.reset();
      api.state.instances = [stored(501)];
      api.state.behaviour = behaviour;
      assert.equal((await provision([FILE, '--update'])).code, code);
      assert.deepEqual(api.state.requests.map((request) => request.method), ['GET']);
    }
  });

  test('an error quoting the PATCH shows no secret', async () => {
    api.state.instances = [stored(501)];
    Object.assign(api.state, { behaviour: 'echoSecrets', only: patchOnly });
    const { code, stderr } = await provision([FILE, '--update']); // runAgainst asserts that no secret is printed
    assert.equal(code, 4);
    assert.match(stderr, /^error: Cloud Elements rejected the request: HTTP 400 Bad Request: Invalid request User \*{4}/);
  });
});

describe('provision --dry-run --update', () => {
  const masked = { ...PATCHED, configuration: { ...PATCHED.configuration, 'ecwid.order.key': '****2wN9', 'ecwid.product.key': '****6vB1', 'event.notification.signature.key': '****' } };
  const auth = `Authorization: User ****${USER_SECRET.slice(-4)}, Organization ****${ORG_SECRET.slice(-4)}\n`;
  const tail = 'Accept: application/json\nUser-Agent: ecwid-instance/0.0.0-test\n';

  test('prints the lookup and the PATCH, secrets masked; sends nothing', async () => {
    const { code, stdout, stderr } = await provision([FILE, '--dry-run', '--update']);
    assert.equal(code, 0);
    assert.equal(
      stdout,
      `GET ${api.url}/elements/api-v2/instances?pageSize=200\n${auth}${tail}\n` +
        `PATCH ${api.url}/elements/api-v2/instances/{id}\n${auth}${tail}Content-Type: application/json\n\n${JSON.stringify(masked, null, 2)}\n`,
    );
    assert.equal(stderr, `note: --update would send the PATCH to the instance named "${NAME}", or create it (POST /elements/api-v2/instances) when there is none\nDry run: nothing was sent.\n`);
    assert.equal(api.state.requests.length, 0);
  });

  test('--id and --json', async () => {
    const { code, stdout, stderr } = await provision([FILE, '--dry-run', '--update', '--id', '502', '--json'], { env: {} });
    assert.equal(code, 0);
    const plan = JSON.parse(stdout);
    assert.deepEqual(plan.lookup, { method: 'GET', url: `${api.url}/elements/api-v2/instances/502`, headers: { Authorization: 'User <not set>, Organization <not set>', Accept: 'application/json', 'User-Agent': 'ecwid-instance/0.0.0-test' } });
    assert.equal(plan.update.method, 'PATCH');
    assert.equal(plan.update.url, `${api.url}/elements/api-v2/instances/502`);
    assert.deepEqual(plan.update.body, masked);
    assert.match(stderr, /\nnote: --update would send the PATCH only if instance 502 exists\nDry run: nothing was sent\.\n$/);
    assert.equal(api.state.requests.length, 0);
  });
});

describe('provision options: --update and --id', () => {
  const parse = (argv) => parsedOptions(registerProvision, ['provision', ...argv]);
  const table = [
    [[], { update: false, id: undefined, ifAbsent: false }],
    [['--update'], { update: true, id: undefined, ifAbsent: false }],
    [['--update', '--id', '501'], { update: true, id: '501', ifAbsent: false }],
    [['--if-absent', '--id', '7'], { update: false, id: '7', ifAbsent: true }],
  ];
  for (const [argv, expected] of table) {
    test(`provision ${argv.join(' ')}`.trim(), async () => {
      const options = await parse(argv);
      assert.deepEqual({ update: options.update, id: options.id, ifAbsent: options.ifAbsent }, expected);
    });
  }

  test('--id must be a numeric id', async () => {
    await assert.rejects(parse(['--update', '--id', '5/../1']), /give the numeric id of an instance/);
  });
});

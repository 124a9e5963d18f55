// delete against the fake Platform API: asking first, --yes, no terminal, nothing to delete, several
// instances of one name, --id, and each call failing. The real terminal is in delete-terminal.test.js.
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { registerDelete } from '../dist/commands/delete.js';
import { cancelled } from '../dist/errors.js';
import { runCli, tempDir } from './helpers/cli.js';
import { parsedOptions } from './helpers/parse-options.js';
import { REQUEST_ID } from './helpers/fake-cloud-elements.js';
import { scriptedPrompter } from './helpers/fake-prompter.js';
import { ENV, FILE, INSTANCE, NAME, refusingPrompter, useFakeCloudElements } from './helpers/provision-setup.js';
import { runAgainst, seen, stored } from './helpers/lifecycle-setup.js';

let api;
useFakeCloudElements((servers) => ({ api } = servers));
const remove = (args, options) => runAgainst(api, 'delete', args, options);
const LIST = 'GET /elements/api-v2/instances?pageSize=200';

describe('delete: asking first', () => {
  test('confirmed on a terminal: DELETE /instances/{id}, "Deleted instance …"', async () => {
    api.state.instances = [stored(7, { name: 'other' }), stored(501)];
    const { prompter, transcript } = scriptedPrompter([true]);
    const { code, stdout, stderr } = await remove([FILE], { tty: true, prompter });
    assert.deepEqual(transcript, [{ kind: 'confirm', message: `Delete instance 501 "${NAME}"?`, default: false, rejected: [] }]);
    assert.equal(stdout, `Deleted instance 501 "${NAME}"\n`);
    assert.equal(stderr, '');
    assert.equal(code, 0);
    assert.deepEqual(seen(api), [LIST, 'DELETE /elements/api-v2/instances/501']);
    assert.deepEqual(api.state.instances.map((instance) => instance.id), [7]);
  });

  test('refused (or Ctrl+C): Cancelled, exit 130, nothing deleted', async () => {
    for (const answer of [false, cancelled()]) {
      api.reset();
      api.state.instances = [stored(501)];
      const { prompter } = scriptedPrompter([answer]);
      const { code, stdout, stderr } = await remove([FILE], { tty: true, prompter });
      assert.equal(stdout, '');
      assert.equal(stderr, answer === false ? 'Cancelled: nothing was deleted\n' : 'Cancelled\n');
      assert.equal(code, 130);
      assert.deepEqual(seen(api), [LIST]);
      assert.equal(api.state.instances.length, 1);
    }
  });

  test('--yes deletes without asking, also on a terminal', async () => {
    api.state.instances = [stored(501)];
    const { prompter, asked } = refusingPrompter();
    const { code, stdout } = await remove([FILE, '--yes'], { tty: true, prompter });
    assert.equal(stdout, `Deleted instance 501 "${NAME}"\n`);
    assert.equal(code, 0);
    assert.deepEqual(asked, []);
    assert.equal(api.state.instances.length, 0);
  });

  test('without a terminal (or with --no-input, --json, CI) and without --yes: exit 2 before anything is sent', async () => {
    api.state.instances = [stored(501)];
    const cases = [
      [[], {}, 'stdin is not a terminal, stdout is not a terminal'],
      [['--no-input'], { tty: true }, '--no-input was given'],
      [['--json'], { tty: true }, '--json was given'],
      [[], { tty: true, env: { ...ENV, CI: 'true' } }, 'CI is set'],
    ];
    for (const [args, options, why] of cases) {
      const { code, stdout, stderr } = await remove([FILE, ...args], options);
      assert.equal(stdout, '');
      assert.equal(stderr, `error: nothing was deleted: deleting needs a confirmation, and none can be asked (${why})\nAdd --yes to delete without asking.\n`, why);
      assert.equal(code, 2);
    }
    assert.equal(api.state.requests.length, 0);
    assert.equal(api.state.instances.length, 1);
  });

  test('no such instance: "No instance named …: nothing deleted", exit 0, nothing asked', async () => {
    api.state.instances = [stored(9, { name: 'another' })];
    const { prompter, asked } = refusingPrompter();
    const { code, stdout } = await remove([FILE], { tty: true, prompter });
    assert.equal(stdout, `No instance named "${NAME}": nothing deleted\n`);
    assert.equal(code, 0);
    assert.deepEqual(asked, []);
    const json = await remove([FILE, '--yes', '--json']);
    assert.deepEqual(JSON.parse(json.stdout), { deleted: false, lookup: { name: NAME }, environment: 'custom' });
    assert.deepEqual(seen(api), [LIST, LIST]);
  });

  test('--json reports the deletion', async () => {
    api.state.instances = [stored(501)];
    const { code, stdout, stderr } = await remove([FILE, '--yes', '--json']);
    assert.equal(stdout, `${JSON.stringify({ deleted: true, id: 501, name: NAME, environment: 'custom' }, null, 2)}\n`);
    assert.equal(stderr, '');
    assert.equal(code, 0);
  });

  test('a hostile name from the platform is shown escaped in the question and the result', async () => {
    api.state.instances = [stored(501, { name: 'x\u001b[2J\u202e' })];
    const { prompter, transcript } = scriptedPrompter([true]);
    const { code, stdout } = await remove([FILE, '--id', '501'], { tty: true, prompter });
    assert.equal(code, 0);
    assert.equal(transcript[0].message, 'Delete instance 501 "x\\x1b[2J\\u202e"?');
    assert.equal(stdout, 'Deleted instance 501 "x\\x1b[2J\\u202e"\n');
  });
});

describe('delete: which instance', () => {
  test('two instances with the name: exit 2 listing their ids, nothing deleted; --id picks one', async () => {
    api.state.instances = [stored(501), stored(502)];
    const both = await remove([FILE, '--yes']);
    assert.equal(both.stderr, `error: 2 Ecwid instances are named "${NAME}": 501, 502\nPick one with --id <id>.\n`);
    assert.equal(both.code, 2);
    assert.deepEqual(seen(api), [LIST]);
    api.state.requests = [];
    const picked = await remove(['--id', '502', '--yes']);
    assert.equal(picked.stdout, `Deleted instance 502 "${NAME}"\n`);
    assert.equal(picked.code, 0);
    assert.deepEqual(seen(api), ['GET /elements/api-v2/instances/502', 'DELETE /elements/api-v2/instances/502']);
    assert.deepEqual(api.state.instances.map((instance) => instance.id), [501]);
  });

  test('--id needs no file; of no instance: nothing deleted; of another element: exit 2', async (t) => {
    const dir = tempDir(t); // no instance.json here
    api.state.instances = [stored(33, { element: { key: 'shopify' } })];
    const missing = await remove(['--id', '404404', '--yes'], { cwd: dir });
    assert.equal(missing.stdout, 'No instance 404404: nothing deleted\n');
    assert.equal(missing.code, 0);
    const other = await remove(['--id', '33', '--yes'], { cwd: dir });
    assert.equal(other.stderr, 'error: instance 33 is not an Ecwid instance (its element is "shopify")\nCheck the id: this tool manages Ecwid instances only.\n');
    assert.equal(other.code, 2);
    assert.equal(api.state.instances.length, 1);
  });

  test('the file is read only for its name: other problems do not stop a delete; no name is exit 1', async (t) => {
    const dir = tempDir(t);
    writeFileSync(join(dir, 'old.json'), JSON.stringify({ name: NAME, configuration: { 'ecwid.store.id': '<INSERT_STORE_ID>' } }));
    writeFileSync(join(dir, 'nameless.json'), JSON.stringify({ ...INSTANCE, name: undefined }));
    api.state.instances = [stored(501)];
    assert.equal((await remove(['old.json', '--yes'], { cwd: dir })).code, 0);
    const nameless = await remove(['nameless.json', '--yes'], { cwd: dir });
    assert.equal(nameless.stderr, 'error: nameless.json holds no instance name: nothing was deleted\nGive the file with the instance\'s "name", or name the instance with --id <id>.\n');
    assert.equal(nameless.code, 1);
    const absent = await remove(['absent.json', '--yes'], { cwd: dir });
    assert.equal(absent.code, 3);
  });
});

describe('delete: each call failing', () => {
  const cases = [
    ['the lookup', [FILE], (method) => method === 'GET'],
    ['GET /instances/{id}', ['--id', '501'], (method) => method === 'GET'],
    ['DELETE /instances/{id}', [FILE], (method) => method === 'DELETE'],
  ];
  for (const [call, args, only] of cases) {
    test(`${call}: 403 is exit 4, 500 exit 5, no answer in time exit 5`, async () => {
      for (const [behaviour, code, message] of [
        ['forbidden', 4, /^error: Cloud Elements rejected the request: HTTP 403 Forbidden: Access denied\n/],
        ['error500', 5, new RegExp(`^error: Cloud Elements failed: HTTP 500 Internal Server Error: An unexpected error occurred\\nRequest ID: ${REQUEST_ID}\\n`)],
        ['hang', 5, /^error: no complete answer from Cloud Elements within 1 second \((GET|DELETE) http:\/\/127\.0\.0\.1:\d+\)\nAllow more time with --timeout <seconds>\.\n/],
      ]) {
        api.reset();
        api.state.instances = [stored(501)];
        Object.assign(api.state, { behaviour, only });
        const result = await remove([...args, '--yes', '--timeout', '1']);
        assert.equal(result.stdout, '', `${call} ${behaviour}`);
        assert.match(result.stderr, message, `${call} ${behaviour}`);
        assert.equal(result.code, code, `${call} ${behaviour}`);
        if (call === 'DELETE /instances/{id}' && code === 5) assert.match(result.stderr, /\nThe instance may have been deleted anyway; it was not retried\. Running it again is safe\.\n$/);
      }
    });
  }

  test('a DELETE answered 204 No Content, or 200 with JSON, is success too', async () => {
    for (const answer of [{ status: 204, body: '' }, { status: 200, body: '{"ok":true}' }]) {
      const fetch204 = async (url, init) => (init.method === 'DELETE' ? new globalThis.Response(answer.body || null, { status: answer.status }) : globalThis.fetch(url, init));
      api.reset();
      api.state.instances = [stored(501)];
      const { code, stdout } = await remove([FILE, '--yes'], { fetch: fetch204 });
      assert.equal(stdout, `Deleted instance 501 "${NAME}"\n`, String(answer.status));
      assert.equal(code, 0);
    }
  });
});

describe('delete options', () => {
  const parse = (argv) => parsedOptions(registerDelete, ['delete', ...argv]);
  const defaults = { file: 'instance.json', id: undefined, environment: undefined, baseUrl: undefined, userSecretFile: undefined, orgSecretFile: undefined, timeout: 30, json: false, yes: false, input: true };
  const table = [
    [[], {}],
    [['x.json', '-y'], { file: 'x.json', yes: true }],
    [['--id', '12345', '--yes', '--json'], { id: '12345', yes: true, json: true }],
    [['-', '--timeout', '5', '--no-input'], { file: '-', timeout: 5, input: false }],
    [['--environment', 'eu', '--user-secret-file', 'u', '--org-secret-file', '-'], { environment: 'eu', userSecretFile: 'u', orgSecretFile: '-' }],
  ];
  for (const [argv, expected] of table) {
    test(`delete ${argv.join(' ')}`.trim(), async () => {
      assert.deepEqual(await parse(argv), { ...defaults, ...expected });
    });
  }

  test('delete --help: examples, environment, exit codes', async () => {
    const { code, stdout } = await runCli(['delete', '--help']);
    assert.equal(code, 0);
    assert.match(stdout, /\nExamples:\n {2}\$ ecwid-instance delete\n/);
    assert.match(stdout, /\n {2}-y, --yes +delete without asking/);
    assert.match(stdout, /\n {2}CLOUD_ELEMENTS_ORG_SECRET /);
    assert.match(stdout, /130 cancelled \(answered no, or Ctrl\+C\)/);
  });
});

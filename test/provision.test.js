// provision against a real HTTP server on loopback that speaks the documented Platform API: the
// request, the token file, and what Cloud Elements answers.
import assert from 'node:assert/strict';
import { linkSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { runCli, tempDir } from './helpers/cli.js';
import { ORG_SECRET, REQUEST_ID, TOKEN, USER_SECRET } from './helpers/fake-cloud-elements.js';
import { ENV, FILE, NAME, NOT_SAVED, provisionAgainst, SENT_BODY, useFakeCloudElements } from './helpers/provision-setup.js';

let api;
useFakeCloudElements((servers) => ({ api } = servers));
const provision = (args, options) => provisionAgainst(api, args, options);

describe('provision: the request', () => {
  test('POST /instances with the documented headers and the file without $schema', async () => {
    const { code, stdout, stderr } = await provision([FILE]);
    assert.equal(stdout, `Created instance 12345 "${NAME}"\n`);
    assert.equal(stderr, NOT_SAVED);
    assert.equal(code, 0);
    assert.equal(api.state.requests.length, 1);
    const [request] = api.state.requests;
    assert.equal(request.method, 'POST');
    assert.equal(request.url, '/elements/api-v2/instances');
    assert.equal(request.headers.authorization, `User ${USER_SECRET}, Organization ${ORG_SECRET}`);
    assert.equal(request.headers['content-type'], 'application/json');
    assert.equal(request.headers.accept, 'application/json');
    assert.equal(request.headers['user-agent'], 'ecwid-instance/0.0.0-test');
    assert.deepEqual(JSON.parse(request.body), SENT_BODY);
    assert.ok(!request.body.includes('$schema'));
  });

  test('HTTP 201 Created counts as success', async (t) => {
    api.state.behaviour = 'created201';
    const dir = tempDir(t);
    const { code, stdout, stderr } = await provision([FILE, '--token-file', 'instance.token'], { cwd: dir });
    assert.equal(stdout, `Created instance 12345 "${NAME}"\n`);
    assert.equal(stderr, 'Token written to instance.token (mode 0600).\n');
    assert.equal(code, 0);
    assert.equal(readFileSync(join(dir, 'instance.token'), 'utf8'), `${TOKEN}\n`);
  });

  test('--token-file gets the token (mode 0600); --json reports without it', async (t) => {
    const dir = tempDir(t);
    const { code, stdout, stderr } = await provision([FILE, '--token-file', 'instance.token', '--json'], { cwd: dir });
    assert.equal(code, 0);
    assert.equal(stdout, `${JSON.stringify({ id: 12345, name: NAME, element: 'ecwid', environment: 'custom', tokenFile: 'instance.token' }, null, 2)}\n`);
    assert.equal(stderr, ''); // --json: stdout carries the report, stderr nothing
    assert.equal(readFileSync(join(dir, 'instance.token'), 'utf8'), `${TOKEN}\n`);
    assert.equal(statSync(join(dir, 'instance.token')).mode & 0o777, 0o600);
  });

  test('an existing token file stops the run before anything is sent, and is left as it was', async (t) => {
    const dir = tempDir(t);
    writeFileSync(join(dir, 'old.token'), 'previous-instance-token\n', { mode: 0o600 });
    for (const extra of [[], ['--if-absent'], ['--dry-run']]) {
      const { code, stdout, stderr } = await provision([FILE, '--token-file', 'old.token', ...extra], { cwd: dir });
      assert.equal(stderr, 'error: old.token already exists\nUse --force to replace it, or choose another --token-file.\n', extra.join(' '));
      assert.equal(stdout, '');
      assert.equal(code, 3);
    }
    assert.equal(api.state.requests.length, 0);
    assert.equal(readFileSync(join(dir, 'old.token'), 'utf8'), 'previous-instance-token\n');
  });

  test('--force replaces an existing token file (mode 0600)', async (t) => {
    const dir = tempDir(t);
    writeFileSync(join(dir, 'old.token'), 'old\n', { mode: 0o644 });
    linkSync(join(dir, 'old.token'), join(dir, 'old-link.token'));
    const { code, stderr } = await provision([FILE, '--token-file', 'old.token', '--force'], { cwd: dir });
    assert.equal(stderr, 'Token written to old.token (mode 0600).\n');
    assert.equal(code, 0);
    assert.equal(readFileSync(join(dir, 'old.token'), 'utf8'), `${TOKEN}\n`);
    assert.equal(statSync(join(dir, 'old.token')).mode & 0o777, 0o600);
    // Replaced by a rename, not written over: a hard link to the old file still holds the old text.
    assert.equal(readFileSync(join(dir, 'old-link.token'), 'utf8'), 'old\n');
    assert.deepEqual(readdirSync(dir).sort(), ['old-link.token', 'old.token']);
  });

  test('no token in the answer: the instance is still reported (tokenFile null), no file is written, exit 5', async (t) => {
    api.state.behaviour = 'noToken';
    const dir = tempDir(t);
    const { code, stdout, stderr } = await provision([FILE, '--token-file', 'instance.token', '--json'], { cwd: dir });
    assert.equal(stdout, `${JSON.stringify({ id: 12345, name: NAME, element: 'ecwid', environment: 'custom', tokenFile: null }, null, 2)}\n`);
    assert.equal(stderr, 'error: Cloud Elements returned no instance token: instance.token was not written\n');
    assert.equal(code, 5);
    assert.deepEqual(readdirSync(dir), []);
  });

  test('the token is never shown, even where the answer quotes it', async () => {
    api.state.behaviour = 'tokenInName';
    for (const json of [false, true]) {
      const { code, stdout, stderr } = await provision([FILE, ...(json ? ['--json'] : [])]);
      assert.equal(code, 0);
      assert.ok(!stdout.includes(TOKEN) && !stderr.includes(TOKEN), stdout);
      assert.ok(stdout.includes(`${NAME} ****${TOKEN.slice(-4)}`), stdout);
    }
  });

  test('a token file that cannot be written once the instance exists: the id is still shown, the file left as it was', async (t) => {
    const dir = tempDir(t);
    // Someone else's file appears between the check before the request and the write after it.
    api.state.beforeCreated = () => writeFileSync(join(dir, 'instance.token'), 'theirs\n');
    const { code, stdout, stderr } = await provision([FILE, '--token-file', 'instance.token'], { cwd: dir });
    assert.equal(stdout, `Created instance 12345 "${NAME}"\n`);
    assert.equal(stderr, 'error: instance.token already exists\nThe instance was created, but its token was not saved.\n');
    assert.ok(!stderr.includes(TOKEN));
    assert.equal(code, 3);
    assert.equal(readFileSync(join(dir, 'instance.token'), 'utf8'), 'theirs\n');
  });

  test('a missing folder or a folder as --token-file stops the run before anything is sent', async (t) => {
    const dir = tempDir(t);
    const missing = await provision([FILE, '--token-file', 'no/such/folder/t'], { cwd: dir });
    assert.equal(missing.code, 3);
    assert.equal(missing.stderr, 'error: cannot write no/such/folder/t: no such file or directory\nCreate the folder first, or choose another --token-file.\n');
    const folder = await provision([FILE, '--token-file', '.', '--force'], { cwd: dir });
    assert.equal(folder.code, 3);
    assert.equal(folder.stderr, 'error: cannot write .: it is a directory\nGive a file name with --token-file.\n');
    assert.equal(api.state.requests.length, 0);
  });

  test('secrets from --user-secret-file and --org-secret-file (- is stdin), one trailing newline stripped', async (t) => {
    const dir = tempDir(t);
    writeFileSync(join(dir, 'user.secret'), `${USER_SECRET}\n`);
    const { code } = await provision([FILE, '--user-secret-file', 'user.secret', '--org-secret-file', '-'], { cwd: dir, env: {}, stdin: `${ORG_SECRET}\n` });
    assert.equal(code, 0);
    assert.equal(api.state.requests[0].headers.authorization, `User ${USER_SECRET}, Organization ${ORG_SECRET}`);
  });

  test('a file flag wins over the environment variable', async (t) => {
    const dir = tempDir(t);
    writeFileSync(join(dir, 'org.secret'), ORG_SECRET);
    const { code } = await provision([FILE, '--org-secret-file', 'org.secret'], { cwd: dir, env: { ...ENV, CLOUD_ELEMENTS_ORG_SECRET: 'wrong-org-secret' } });
    assert.equal(code, 0);
  });

  test('on a terminal, missing secrets are asked for with masked prompts', async () => {
    const asked = [];
    const prompter = {
      password: async (question) => {
        asked.push(question.message);
        return question.message.includes('user') ? USER_SECRET : ORG_SECRET;
      },
    };
    const { code, stdout } = await provision([FILE], { env: {}, tty: true, prompter });
    assert.deepEqual(asked, ['Cloud Elements user secret', 'Cloud Elements organization secret']);
    assert.equal(stdout, `Created instance 12345 "${NAME}"\n`);
    assert.equal(code, 0);
  });

  test('the API host comes from the config store when no flag or variable decides', async (t) => {
    const dir = tempDir(t);
    writeFileSync(join(dir, 'config.json'), JSON.stringify({ 'base-url': api.url }));
    const result = await runCli(['provision', FILE], { fetch: globalThis.fetch, env: { ...ENV, ECWID_INSTANCE_CONFIG_DIR: dir } });
    assert.equal(result.code, 0);
    assert.equal(api.state.requests.length, 1);
  });
});

describe('provision: Cloud Elements says no', () => {
  test('400 naming a missing configuration entry: exit 4 with the message and request ID', async () => {
    api.state.requiredConfiguration.push('authentication.type');
    const { code, stdout, stderr } = await provision([FILE]);
    assert.equal(stdout, '');
    assert.equal(stderr, `error: Cloud Elements rejected the request: HTTP 400 Bad Request: Missing required configuration entry: authentication.type\nRequest ID: ${REQUEST_ID}\n`);
    assert.equal(code, 4);
  });

  test('the request ID comes from the Elements-Request-Id header when the body has none', async () => {
    api.state.behaviour = 'idInHeaderOnly';
    const { code, stderr } = await provision([FILE]);
    assert.equal(stderr, `error: Cloud Elements rejected the request: HTTP 400 Bad Request: Bad Request\nRequest ID: ${REQUEST_ID}\n`);
    assert.equal(code, 4);
  });

  test('a secret under 4 characters is not masked out of other text (the request ID stays whole)', async (t) => {
    const dir = tempDir(t);
    // REQUEST_ID starts with these 3 characters: masking them would garble it into ****46b1…
    const short = REQUEST_ID.slice(0, 3);
    const file = join(dir, 'short-secret.json');
    writeFileSync(file, JSON.stringify({ ...SENT_BODY, configuration: { ...SENT_BODY.configuration, 'event.notification.signature.key': short } }));
    api.state.requiredConfiguration.push('authentication.type');
    const { code, stderr } = await provision([file]);
    assert.equal(code, 4);
    assert.match(stderr, new RegExp(`\\nRequest ID: ${REQUEST_ID}\\n$`));
  });

  test('401: exit 4, saying which secrets and variables to check', async () => {
    const { code, stderr } = await provision([FILE], { env: { ...ENV, CLOUD_ELEMENTS_USER_SECRET: 'not-the-user-secret' } });
    assert.equal(code, 4);
    assert.equal(
      stderr,
      'error: Cloud Elements rejected the request: HTTP 401 Unauthorized: Invalid Organization or User secret, or invalid Element token provided.\n' +
        `Request ID: ${REQUEST_ID}\n` +
        `Check the user secret (CLOUD_ELEMENTS_USER_SECRET or --user-secret-file) and the organization secret (CLOUD_ELEMENTS_ORG_SECRET or --org-secret-file): they are wrong or do not belong to ${api.url}.\n`,
    );
  });

  test('403: exit 4, with the same advice', async () => {
    api.state.behaviour = 'forbidden';
    const { code, stderr } = await provision([FILE]);
    assert.equal(code, 4);
    assert.match(stderr, /^error: Cloud Elements rejected the request: HTTP 403 Forbidden: Access denied\n/);
    assert.match(stderr, /CLOUD_ELEMENTS_USER_SECRET or --user-secret-file\) and the organization secret \(CLOUD_ELEMENTS_ORG_SECRET or --org-secret-file\)/);
  });

  test('an error quoting the request shows only message, requestId and providerMessage, secrets masked', async () => {
    api.state.behaviour = 'echoSecrets';
    const { code, stderr } = await provision([FILE]); // provision() asserts that no secret is printed
    assert.equal(code, 4);
    assert.match(stderr, /^error: Cloud Elements rejected the request: HTTP 400 Bad Request: Invalid request User \*{4}\S{4}, Organization \*{4}/);
    assert.match(stderr, /\nProvider message: Ecwid said: /);
    assert.ok(!stderr.includes('"request"'));
  });
});

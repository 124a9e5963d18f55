// provision against a real HTTP server on loopback that speaks the documented Platform API.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, beforeEach, describe, test } from 'node:test';
import { runCli, tempDir } from './helpers/cli.js';
import { ORG_SECRET, REQUEST_ID, startFakeCloudElements, TOKEN, USER_SECRET } from './helpers/fake-cloud-elements.js';
import { bin, fixtures } from './helpers/paths.js';

const FILE = join(fixtures, 'valid', 'with-schema-and-signature.json');
const INSTANCE = JSON.parse(readFileSync(FILE, 'utf8'));
const SENT_BODY = Object.fromEntries(Object.entries(INSTANCE).filter(([key]) => key !== '$schema'));
const NAME = INSTANCE.name;
const SECRETS = [USER_SECRET, ORG_SECRET, TOKEN, ...['ecwid.order.key', 'ecwid.product.key', 'event.notification.signature.key'].map((key) => INSTANCE.configuration[key])];
const ENV = { CLOUD_ELEMENTS_USER_SECRET: USER_SECRET, CLOUD_ELEMENTS_ORG_SECRET: ORG_SECRET };
const NOT_SAVED = 'The instance token was not saved (use --token-file <file> to keep it).\n';
const MAYBE_CREATED = 'The instance may have been created anyway; it was not retried. Check before running again (provision --if-absent skips an existing one).\n';

let api;
let elsewhere;
before(async () => {
  api = await startFakeCloudElements();
  elsewhere = await startFakeCloudElements();
});
after(async () => {
  await api.close();
  await elsewhere.close();
});
beforeEach(() => {
  api.reset();
  elsewhere.reset();
});

/** Runs provision with the real fetch against the fake API, and checks that no secret leaked. */
async function provision(args, options = {}) {
  const result = await runCli(['provision', ...args, '--base-url', api.url], { fetch: globalThis.fetch, env: ENV, ...options });
  for (const secret of SECRETS) {
    assert.ok(!result.stdout.includes(secret), `stdout holds a secret: ${result.stdout}`);
    assert.ok(!result.stderr.includes(secret), `stderr holds a secret: ${result.stderr}`);
  }
  return result;
}

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

  test('--token-file gets the token (mode 0600); --json reports without it', async (t) => {
    const dir = tempDir(t);
    const { code, stdout, stderr } = await provision([FILE, '--token-file', 'instance.token', '--json'], { cwd: dir });
    assert.equal(code, 0);
    assert.equal(stdout, `${JSON.stringify({ id: 12345, name: NAME, element: 'ecwid', environment: 'custom', tokenFile: 'instance.token' }, null, 2)}\n`);
    assert.equal(stderr, ''); // --json: stdout carries the report, stderr nothing
    assert.equal(readFileSync(join(dir, 'instance.token'), 'utf8'), `${TOKEN}\n`);
    assert.equal(statSync(join(dir, 'instance.token')).mode & 0o777, 0o600);
  });

  test('an existing token file is replaced; a missing folder stops the run before anything is sent', async (t) => {
    const dir = tempDir(t);
    writeFileSync(join(dir, 'old.token'), 'old\n', { mode: 0o644 });
    assert.equal((await provision([FILE, '--token-file', 'old.token'], { cwd: dir })).code, 0);
    assert.equal(readFileSync(join(dir, 'old.token'), 'utf8'), `${TOKEN}\n`);
    assert.equal(statSync(join(dir, 'old.token')).mode & 0o777, 0o600);
    api.reset();
    const missing = await provision([FILE, '--token-file', 'no/such/folder/t'], { cwd: dir });
    assert.equal(missing.code, 3);
    assert.equal(missing.stderr, 'error: --token-file: the folder of no/such/folder/t does not exist\nCreate it first, or choose another path.\n');
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

describe('provision: Cloud Elements or the network fails (exit 5, never retried)', () => {
  test('500: exit 5, one request only', async () => {
    api.state.behaviour = 'error500';
    const { code, stdout, stderr } = await provision([FILE]);
    assert.equal(stdout, '');
    assert.equal(stderr, `error: Cloud Elements failed: HTTP 500 Internal Server Error: An unexpected error occurred\nRequest ID: ${REQUEST_ID}\n${MAYBE_CREATED}`);
    assert.equal(code, 5);
    assert.equal(api.state.requests.length, 1);
  });

  test('a 200 whose body is not JSON', async () => {
    api.state.behaviour = 'notJson';
    const { code, stderr } = await provision([FILE]);
    assert.equal(stderr, `error: Cloud Elements answered HTTP 200 with a body that is not JSON\n${MAYBE_CREATED}`);
    assert.equal(code, 5);
  });

  test('no answer within --timeout', async () => {
    api.state.behaviour = 'hang';
    const started = Date.now();
    const { code, stderr } = await provision([FILE, '--timeout', '1']);
    assert.equal(code, 5);
    assert.equal(stderr, `error: no complete answer from Cloud Elements within 1 second (POST ${api.url})\nAllow more time with --timeout <seconds>.\n${MAYBE_CREATED}`);
    assert.ok(Date.now() - started < 10_000);
    assert.equal(api.state.requests.length, 1);
  });

  test('a body that never ends is bounded by --timeout too', async () => {
    api.state.behaviour = 'hangBody';
    const { code, stderr } = await provision([FILE, '--timeout', '1']);
    assert.equal(code, 5);
    assert.match(stderr, /^error: no complete answer from Cloud Elements within 1 second/);
  });

  test('a huge body stops being read past 1 MiB', async () => {
    api.state.behaviour = 'huge';
    const { code, stderr } = await provision([FILE]);
    assert.equal(code, 5);
    assert.equal(stderr, `error: Cloud Elements answered HTTP 200, but the response is larger than 1 MiB\n${MAYBE_CREATED}`);
    assert.ok(api.state.hugeBytesSent < 32 * 1024 * 1024, `the server sent ${api.state.hugeBytesSent} bytes`);
  });

  test('a declared huge Content-Length is refused without reading', async () => {
    api.state.behaviour = 'hugeDeclared';
    const { code, stderr } = await provision([FILE]);
    assert.equal(code, 5);
    assert.match(stderr, /^error: Cloud Elements answered HTTP 200, but the response is larger than 1 MiB\n/);
  });

  test('a redirect to another origin is not followed: the other server never sees the secrets', async () => {
    api.state.behaviour = 'redirectAway';
    api.state.redirectTo = elsewhere.url;
    const { code, stderr } = await provision([FILE]);
    assert.equal(code, 5);
    assert.equal(stderr, `error: Cloud Elements answered HTTP 307 with a redirect to another origin (${elsewhere.url}); not followed, so that the platform secrets are not sent there\n`);
    assert.equal(elsewhere.state.requests.length, 0);
    assert.ok(elsewhere.state.requests.every((request) => request.headers.authorization === undefined));
  });

  test('a same-origin 307 is followed with the method, headers and body', async () => {
    api.state.behaviour = 'redirectSame';
    const { code, stdout } = await provision([FILE]);
    assert.equal(code, 0);
    assert.equal(stdout, `Created instance 12345 "${NAME}"\n`);
    assert.deepEqual(api.state.requests.map((r) => `${r.method} ${r.url}`), ['POST /elements/api-v2/instances', 'POST /moved/elements/api-v2/instances']);
    assert.deepEqual(JSON.parse(api.state.requests[1].body), SENT_BODY);
  });

  test('connection refused', async () => {
    const closed = await startFakeCloudElements();
    await closed.close();
    const { code, stderr } = await runCli(['provision', FILE, '--base-url', closed.url], { fetch: globalThis.fetch, env: ENV });
    assert.equal(code, 5);
    assert.equal(stderr, `error: cannot reach Cloud Elements at ${closed.url}: connection refused, ECONNREFUSED\nCheck the network, --base-url / --environment, and any proxy in between.\n`);
  });
});

describe('provision --if-absent', () => {
  const other = (id, name, key = 'ecwid') => ({ id, name, element: { id: 42, key }, token: `tok-${id}` });

  test('finds an Ecwid instance of that name on the second page: creates nothing', async () => {
    api.state.maxPageSize = 2;
    api.state.instances = [other(1, 'a'), other(2, NAME, 'shopify'), other(3, 'b'), other(777, NAME)];
    const { code, stdout, stderr } = await provision([FILE, '--if-absent']);
    assert.equal(stdout, `Instance 777 "${NAME}" already exists\n`);
    assert.equal(stderr, '');
    assert.equal(code, 0);
    const seen = api.state.requests.map((r) => `${r.method} ${r.url}`);
    assert.equal(seen.length, 2);
    assert.equal(seen[0], 'GET /elements/api-v2/instances?pageSize=200');
    assert.match(seen[1], /^GET \/elements\/api-v2\/instances\?pageSize=200&nextPage=\S+$/);
    assert.equal(api.state.requests[1].headers.authorization, `User ${USER_SECRET}, Organization ${ORG_SECRET}`);
  });

  test('--json says it already existed', async () => {
    api.state.instances = [other(777, NAME)];
    const { code, stdout } = await provision([FILE, '--if-absent', '--json', '--token-file', 'unused.token']);
    assert.equal(code, 0);
    assert.deepEqual(JSON.parse(stdout), { id: 777, name: NAME, element: 'ecwid', environment: 'custom', tokenFile: null, alreadyExists: true });
  });

  test('absent from every page: creates it', async () => {
    api.state.maxPageSize = 1;
    api.state.instances = [other(1, 'a'), other(2, NAME, 'shopify')];
    const { code, stdout } = await provision([FILE, '--if-absent']);
    assert.equal(stdout, `Created instance 12345 "${NAME}"\n`);
    assert.equal(code, 0);
    assert.deepEqual(api.state.requests.map((r) => r.method), ['GET', 'GET', 'POST']);
  });

  test('a rejected lookup stops before the create', async () => {
    const { code } = await provision([FILE, '--if-absent'], { env: { ...ENV, CLOUD_ELEMENTS_ORG_SECRET: 'wrong' } });
    assert.equal(code, 4);
    assert.deepEqual(api.state.requests.map((r) => r.method), ['GET']);
  });
});

describe('provision: nothing is sent', () => {
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
    assert.match(stderr, /warning: no user secret \(CLOUD_ELEMENTS_USER_SECRET or --user-secret-file\)/);
    assert.match(stderr, /Dry run: nothing was sent\.\n$/);
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

  test('missing secrets name every variable and flag', async () => {
    const { stderr } = await runCli(['provision', FILE, '--no-input'], { env: {} });
    assert.equal(
      stderr,
      'error: missing the Cloud Elements user secret and organization secret\n' +
        'Set CLOUD_ELEMENTS_USER_SECRET or --user-secret-file <file>; CLOUD_ELEMENTS_ORG_SECRET or --org-secret-file <file> (a file path, or - for stdin). Secrets are never taken as a flag\'s value.\n',
    );
  });

  test('plain http to a host that is not loopback is refused', async () => {
    const { code } = await runCli(['provision', FILE, '--base-url', 'http://ce.example.com'], { env: ENV });
    assert.equal(code, 2);
  });
});

describe('bin/ecwid-instance.js provision', () => {
  /** Async, so that this process's server can answer the child. */
  const run = (args, env, cwd) =>
    new Promise((resolve, reject) => {
      const child = spawn(process.execPath, [bin, ...args], { cwd, env: { PATH: process.env.PATH, ECWID_INSTANCE_CONFIG_DIR: join(cwd, 'config'), ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
      let stdout = '';
      let stderr = '';
      child.stdout.on('data', (chunk) => (stdout += chunk));
      child.stderr.on('data', (chunk) => (stderr += chunk));
      child.on('error', reject);
      child.on('close', (status) => resolve({ status, stdout, stderr }));
    });

  test('a real process creates the instance and writes the token file', async (t) => {
    const dir = tempDir(t);
    const { version } = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8'));
    const result = await run(['provision', FILE, '--base-url', api.url, '--token-file', 'instance.token'], ENV, dir);
    assert.equal(result.stdout, `Created instance 12345 "${NAME}"\n`);
    assert.equal(result.stderr, 'Token written to instance.token (mode 0600).\n');
    assert.equal(result.status, 0);
    assert.equal(readFileSync(join(dir, 'instance.token'), 'utf8'), `${TOKEN}\n`);
    assert.equal(statSync(join(dir, 'instance.token')).mode & 0o777, 0o600);
    assert.equal(api.state.requests[0].headers['user-agent'], `ecwid-instance/${version}`);
  });

  test('a real process: a rejection is exit 4, a failure exit 5', async (t) => {
    const dir = tempDir(t);
    assert.equal((await run(['provision', FILE, '--base-url', api.url], { ...ENV, CLOUD_ELEMENTS_USER_SECRET: 'wrong' }, dir)).status, 4);
    api.state.behaviour = 'error500';
    const failed = await run(['provision', FILE, '--base-url', api.url], ENV, dir);
    assert.equal(failed.status, 5);
    for (const secret of SECRETS) assert.ok(!failed.stderr.includes(secret));
  });
});

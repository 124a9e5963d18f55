// provision when Cloud Elements or the network fails (exit 5, never retried), --if-absent paging,
// and the real binary in a child process.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { subscribe, unsubscribe } from 'node:diagnostics_channel';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, mock, test } from 'node:test';
import { runCli, tempDir } from './helpers/cli.js';
import { ORG_SECRET, REQUEST_ID, startFakeCloudElements, TOKEN, USER_SECRET } from './helpers/fake-cloud-elements.js';
import { bin } from './helpers/paths.js';
import { ENV, FILE, MAYBE_CREATED, NAME, NOT_SAVED, provisionAgainst, SECRETS, SENT_BODY, useFakeCloudElements } from './helpers/provision-setup.js';

let api;
let elsewhere;
useFakeCloudElements((servers) => ({ api, elsewhere } = servers));
const provision = (args, options) => provisionAgainst(api, args, options);

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

describe('provision: what a misbehaving server or network cannot make it do', () => {
  const NOT_REACHED = 'Check the network, --base-url / --environment, and any proxy in between.\n';

  test('a same-origin 307 back to the same address: the create is sent once, never round the loop', async () => {
    api.state.behaviour = 'redirectLoop';
    const { code, stdout, stderr } = await provision([FILE]);
    assert.equal(stdout, '');
    assert.equal(stderr, 'error: Cloud Elements answered HTTP 307 with a redirect back to an address already requested; not followed, a redirect loop\n');
    assert.equal(code, 5);
    assert.deepEqual(api.state.requests.map((r) => `${r.method} ${r.url}`), ['POST /elements/api-v2/instances']);
  });

  test('307 after 307 to ever new addresses: the create is re-sent once at most', async () => {
    api.state.behaviour = 'redirectChain';
    const { code, stderr } = await provision([FILE]);
    assert.equal(stderr, 'error: Cloud Elements answered HTTP 307 with a redirect for the second time; not followed, since a POST is re-sent at most once\n');
    assert.equal(code, 5);
    assert.deepEqual(api.state.requests.map((r) => `${r.method} ${r.url}`), ['POST /elements/api-v2/instances', 'POST /moved/elements/api-v2/instances']);
  });

  test('a GET lookup is not sent round a loop either', async () => {
    api.state.behaviour = 'redirectLoop';
    const { code } = await provision([FILE, '--if-absent']);
    assert.equal(code, 5);
    assert.deepEqual(api.state.requests.map((r) => r.method), ['GET']);
  });

  test('a token holding a line break is refused (exit 5), the instance still reported, nothing written', async (t) => {
    api.state.behaviour = 'tokenWithNewline';
    const dir = tempDir(t);
    const { code, stdout, stderr } = await provision([FILE, '--token-file', 'instance.token'], { cwd: dir });
    assert.equal(stdout, `Created instance 12345 "${NAME}"\n`);
    assert.equal(stderr, 'error: Cloud Elements returned an instance token holding spaces, line breaks or control characters: instance.token was not written\n');
    assert.equal(code, 5);
    assert.deepEqual(readdirSync(dir), []);
  });

  test('a --token-file in a folder that takes no files stops the run before anything is sent', async () => {
    // Root (as tests run) writes through mode 0555, so a real refusal: /proc takes no new files, /sys none of root's.
    for (const [path, reason] of [['/proc/instance.token', 'its folder does not accept new files'], ['/sys/instance.token', 'permission denied']]) {
      const { code, stdout, stderr } = await provision([FILE, '--token-file', path]);
      assert.equal(stderr, `error: cannot write ${path}: ${reason}\nChoose another --token-file, in a folder you can write to.\n`);
      assert.equal(stdout, '');
      assert.equal(code, 3);
    }
    assert.equal(api.state.requests.length, 0);
  });

  test('the probe of the token file folder leaves nothing behind', async (t) => {
    const dir = tempDir(t);
    const { code } = await provision([FILE, '--token-file', 'instance.token'], { cwd: dir });
    assert.equal(code, 0);
    assert.deepEqual(readdirSync(dir), ['instance.token']);
  });

  test('a deadline that passes before the request was sent does not say the instance may exist', async () => {
    // A fresh origin, so that a new connection is made; its deadline passes just before it would be.
    const fresh = await startFakeCloudElements();
    fresh.state.behaviour = 'hang';
    mock.timers.enable({ apis: ['setTimeout'] });
    const expire = () => mock.timers.tick(2000);
    subscribe('undici:client:beforeConnect', expire);
    let result;
    try {
      result = await provisionAgainst(fresh, [FILE, '--timeout', '1']);
    } finally {
      unsubscribe('undici:client:beforeConnect', expire);
      mock.timers.reset();
      await fresh.close();
    }
    assert.equal(result.stderr, `error: no complete answer from Cloud Elements within 1 second (POST ${fresh.url})\nAllow more time with --timeout <seconds>.\n`);
    assert.equal(result.code, 5);
    assert.equal(fresh.state.requests.length, 0);
  });

  test('refused at localhost: 127.0.0.1 and then [::1] are tried, nothing was sent, so nothing may exist', async () => {
    const closed = await startFakeCloudElements();
    await closed.close();
    const url = closed.url.replace('127.0.0.1', 'localhost');
    const tried = [];
    const recording = (target, init) => {
      tried.push(new URL(target).host);
      return globalThis.fetch(target, init);
    };
    const { code, stderr } = await runCli(['provision', FILE, '--base-url', url], { fetch: recording, env: ENV });
    assert.equal(code, 5);
    assert.equal(stderr, `error: cannot reach Cloud Elements at ${url}: connection refused, ECONNREFUSED\n${NOT_REACHED}`);
    const port = new URL(url).port;
    assert.deepEqual(tried, [`127.0.0.1:${port}`, `[::1]:${port}`]);
  });

  test('http://localhost is reached at 127.0.0.1 without asking the resolver', async () => {
    const seen = [];
    const recording = (target, init) => {
      seen.push(new URL(target).hostname);
      return globalThis.fetch(target, init);
    };
    const url = api.url.replace('127.0.0.1', 'localhost');
    const result = await runCli(['provision', FILE, '--base-url', url], { fetch: recording, env: ENV });
    assert.equal(result.stdout, `Created instance 12345 "${NAME}"\n`);
    assert.equal(result.stderr, NOT_SAVED);
    assert.equal(result.code, 0);
    assert.deepEqual(seen, ['127.0.0.1']);
  });

  test('a name below localhost is not loopback: plain http:// to it is refused, nothing sent', async () => {
    for (const host of ['evil.localhost', 'localhost.', 'localhost.evil.example', '127.0.0.1.nip.io']) {
      const url = api.url.replace('127.0.0.1', host);
      const { code, stderr } = await runCli(['provision', FILE, '--base-url', url], { fetch: globalThis.fetch, env: ENV });
      assert.equal(stderr, 'error: --base-url: plain http:// is accepted only for localhost; secrets would travel in clear\nUse https://.\n', host);
      assert.equal(code, 2, host);
    }
    assert.equal(api.state.requests.length, 0);
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

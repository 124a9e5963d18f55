// provision of OAuth2 files against the fake Cloud Elements: the grant code from a file, a variable,
// the instance file, or the store owner's browser (the test plays the browser).
import assert from 'node:assert/strict';
import { readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { Capture, runCli, tempDir } from './helpers/cli.js';
import { parsedOptions } from './helpers/parse-options.js';
import { OAUTH_URL_PATH, ORG_SECRET, TOKEN, USER_SECRET } from './helpers/fake-cloud-elements.js';
import { assertNoSecret, ENV, useFakeCloudElements } from './helpers/provision-setup.js';

let api;
useFakeCloudElements((servers) => ({ api } = servers));

const CLIENT_SECRET = 'client_SECRET_abcd1234';
const CODE = 'grantCODE_5f2a9c71e0';
const SECRETS = [USER_SECRET, ORG_SECRET, TOKEN, CLIENT_SECRET, CODE];
const WAIT_MS = 15_000;

/** A port nothing listens on right now. */
async function freePort() {
  const server = createServer();
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address();
  await new Promise((resolve) => server.close(resolve));
  return port;
}

function oauthFile(dir, redirectUrl, extra = {}) {
  const instance = {
    element: { key: 'ecwid' },
    configuration: {
      'authentication.type': 'oauth2',
      'oauth.api.key': 'my-app',
      'oauth.api.secret': CLIENT_SECRET,
      'oauth.callback.url': redirectUrl,
      'event.notification.enabled': 'false',
      ...extra.configuration,
    },
    ...(extra.providerData ? { providerData: extra.providerData } : {}),
    name: 'shop-eu',
  };
  const text = `${JSON.stringify(instance, null, 2)}\n`;
  writeFileSync(join(dir, 'oauth.json'), text);
  return text;
}

/** Resolves with the first match of `pattern` in what `capture` holds, waiting for it as it is written. */
async function waitForText(capture, pattern) {
  const started = Date.now();
  for (;;) {
    const match = pattern.exec(capture.text);
    if (match) return match;
    if (Date.now() - started > WAIT_MS) throw new Error(`timed out waiting for ${pattern}; so far:\n${capture.text}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

/** provision of oauth.json in `dir`, on a terminal (so it may ask), reading stderr as it goes. */
function startProvision(dir, args = [], options = {}) {
  const stderr = new Capture();
  const done = runCli(['provision', 'oauth.json', '--base-url', api.url, ...args], { fetch: globalThis.fetch, env: ENV, cwd: dir, tty: true, stderr, ...options });
  return { stderr, done };
}

/** The authorization address provision printed, and the state it carries. */
async function authorization(stderr) {
  const [, address] = await waitForText(stderr, /^ {2}(https:\/\/my\.ecwid\.com\/\S+)$/m);
  const url = new URL(address);
  return { url, state: url.searchParams.get('state') };
}

const createRequests = () => api.state.requests.filter((r) => r.method === 'POST');
const sentBody = () => JSON.parse(createRequests()[0].body);

function assertClean(result, dir, fileText) {
  assertNoSecret(result, SECRETS);
  assert.equal(readFileSync(join(dir, 'oauth.json'), 'utf8'), fileText, 'the instance file is untouched');
  // Only the file the code was given in may hold it.
  for (const name of readdirSync(dir).filter((file) => file !== 'code.txt')) assert.ok(!readFileSync(join(dir, name), 'utf8').includes(CODE), `${name} holds the code`);
}

describe('provision: OAuth2 through the browser, caught on the loopback redirect URL', () => {
  test('the authorization address, a wrong state refused with 400 while the wait goes on, then the code in the create', async (t) => {
    const dir = tempDir(t);
    const port = await freePort();
    const redirect = `http://127.0.0.1:${port}/callback`;
    const fileText = oauthFile(dir, redirect, { configuration: { 'oauth.scope': 'read_orders read_catalog' } });
    const run = startProvision(dir, ['--token-file', 'oauth.token']);
    const { url, state } = await authorization(run.stderr);

    // What Cloud Elements was asked: the app, its redirect URL, the scope and a random state, with the platform credentials.
    const asked = api.state.requests.find((r) => r.url.startsWith(OAUTH_URL_PATH));
    const query = new URL(asked.url, api.url).searchParams;
    assert.deepEqual(
      [query.get('apiKey'), query.get('apiSecret'), query.get('callbackUrl'), query.get('scope'), query.get('state')],
      ['my-app', CLIENT_SECRET, redirect, 'read_orders read_catalog', state],
    );
    assert.equal(asked.headers.authorization, `User ${USER_SECRET}, Organization ${ORG_SECRET}`);
    assert.match(state, /^[\w-]{40,}$/, 'a long random state');
    assert.equal(url.searchParams.get('redirect_uri'), redirect);
    assert.equal(createRequests().length, 0, 'nothing is created before the code arrives');

    const wrong = await fetch(`${redirect}?code=stolen&state=not-${state}`);
    assert.equal(wrong.status, 400);
    assert.match(await wrong.text(), /does not belong to the authorization/);
    const elsewhere = await fetch(`http://127.0.0.1:${port}/other?code=${CODE}&state=${state}`);
    assert.equal(elsewhere.status, 404);
    const right = await fetch(`${redirect}?code=${CODE}&state=${state}`);
    assert.equal(right.status, 200);
    assert.match(right.headers.get('content-type'), /^text\/html/);
    assert.match(await right.text(), /You can close this tab/);

    const result = await run.done;
    assert.equal(result.code, 0, result.stderr);
    assert.equal(result.stdout, 'Created instance 12345 "shop-eu"\n');
    assert.deepEqual(sentBody().providerData, { code: CODE });
    assert.equal(sentBody().configuration['oauth.api.secret'], CLIENT_SECRET);
    assertClean(result, dir, fileText);
    assert.equal(readFileSync(join(dir, 'oauth.token'), 'utf8'), `${TOKEN}\n`);
    await assert.rejects(fetch(`${redirect}?code=${CODE}&state=${state}`), 'the listener is closed after the run');
  });

  test('?error=access_denied: exit 4 naming the error and its description (escaped); nothing created', async (t) => {
    const dir = tempDir(t);
    const port = await freePort();
    const redirect = `http://localhost:${port}/cb`;
    const fileText = oauthFile(dir, redirect);
    const run = startProvision(dir);
    const { state } = await authorization(run.stderr);
    const refused = await fetch(`http://127.0.0.1:${port}/cb?error=access_denied&error_description=${encodeURIComponent('The user denied\u001b[2J access')}&state=${state}`);
    assert.equal(refused.status, 200);
    const result = await run.done;
    assert.equal(result.code, 4);
    assert.match(result.stderr, /^error: the authorization was refused: access_denied: The user denied\\x1b\[2J access\n/m);
    assert.equal(createRequests().length, 0);
    assertClean(result, dir, fileText);
  });

  test('no redirect within --auth-wait: exit 5, nothing created', { timeout: 20_000 }, async (t) => {
    const dir = tempDir(t);
    const port = await freePort();
    oauthFile(dir, `http://127.0.0.1:${port}/callback`);
    const result = await startProvision(dir, ['--auth-wait', '0.3']).done;
    assert.equal(result.code, 5);
    assert.match(result.stderr, new RegExp(`^error: no redirect reached http://127\\.0\\.0\\.1:${port}/callback within 0\\.3 seconds\\nNothing was created\\. Allow more time with --auth-wait`, 'm'));
    assert.equal(createRequests().length, 0);
  });

  test('a port that cannot be listened on: exit 3 naming the address, before Cloud Elements is asked anything', async (t) => {
    const dir = tempDir(t);
    const taken = createServer();
    await new Promise((resolve) => taken.listen(0, '127.0.0.1', resolve));
    t.after(() => taken.close());
    const { port } = taken.address();
    oauthFile(dir, `http://127.0.0.1:${port}/callback`);
    const result = await startProvision(dir).done;
    assert.equal(result.code, 3);
    assert.match(result.stderr, new RegExp(`^error: cannot listen on 127\\.0\\.0\\.1:${port} for the OAuth redirect: the port is in use\\n`));
    assert.equal(api.state.requests.filter((r) => r.url.startsWith(OAUTH_URL_PATH)).length, 0);
  });

  test('--if-absent finds the instance first: no authorization is asked of the browser', async (t) => {
    const dir = tempDir(t);
    oauthFile(dir, `http://127.0.0.1:${await freePort()}/callback`);
    api.state.instances.push({ id: 777, name: 'shop-eu', element: { key: 'ecwid' }, configuration: {}, tags: [] });
    const result = await startProvision(dir, ['--if-absent']).done;
    assert.equal(result.code, 0, result.stderr);
    assert.equal(result.stdout, 'Instance 777 "shop-eu" already exists\n');
    assert.equal(api.state.requests.filter((r) => r.url.startsWith(OAUTH_URL_PATH)).length, 0);
    assert.doesNotMatch(result.stderr, /Open this address/);
  });

  test('--update of an existing instance asks for no grant code: the PATCH carries the file, never a code', async (t) => {
    const dir = tempDir(t);
    oauthFile(dir, `http://127.0.0.1:${await freePort()}/callback`);
    api.state.instances.push({ id: 778, name: 'shop-eu', element: { key: 'ecwid' }, configuration: {}, tags: [] });
    const result = await startProvision(dir, ['--update', '--auth-wait', '2']).done;
    assert.equal(result.code, 0, result.stderr);
    assert.equal(result.stdout, 'Updated instance 778 "shop-eu"\n');
    assert.equal(api.state.requests.filter((r) => r.url.startsWith(OAUTH_URL_PATH)).length, 0);
    assert.doesNotMatch(result.stderr, /Open this address|Paste/);
    const patch = api.state.requests.find((r) => r.method === 'PATCH');
    assert.equal(patch.url, '/elements/api-v2/instances/778');
    const body = JSON.parse(patch.body);
    assert.equal(body.configuration['oauth.api.key'], 'my-app');
    assert.equal(body.providerData, undefined);
    assertNoSecret(result, SECRETS);
  });
});

describe('provision: OAuth2 with the code given', () => {
  test('--code-file: the code goes into providerData.code; nothing is asked or opened', async (t) => {
    const dir = tempDir(t);
    const fileText = oauthFile(dir, 'https://example.com/oauth');
    writeFileSync(join(dir, 'code.txt'), `${CODE}\n`);
    const result = await runCli(['provision', 'oauth.json', '--base-url', api.url, '--code-file', 'code.txt'], { fetch: globalThis.fetch, env: ENV, cwd: dir });
    assert.equal(result.code, 0, result.stderr);
    assert.deepEqual(sentBody().providerData, { code: CODE });
    assert.equal(api.state.requests.filter((r) => r.url.startsWith(OAUTH_URL_PATH)).length, 0);
    assertClean(result, dir, fileText);
  });

  test('ECWID_OAUTH_CODE, one trailing newline stripped', async (t) => {
    const dir = tempDir(t);
    const fileText = oauthFile(dir, 'https://example.com/oauth');
    const result = await runCli(['provision', 'oauth.json', '--base-url', api.url, '--json'], { fetch: globalThis.fetch, env: { ...ENV, ECWID_OAUTH_CODE: `${CODE}\n` }, cwd: dir });
    assert.equal(result.code, 0, result.stderr);
    assert.equal(JSON.parse(result.stdout).id, 12345);
    assert.deepEqual(sentBody().providerData, { code: CODE });
    assertClean(result, dir, fileText);
  });

  test('providerData.code of the file is used, with a warning that codes are single-use; --code-file wins over it', async (t) => {
    const dir = tempDir(t);
    oauthFile(dir, 'https://example.com/oauth', { providerData: { code: CODE } });
    const result = await runCli(['provision', 'oauth.json', '--base-url', api.url], { fetch: globalThis.fetch, env: ENV, cwd: dir });
    assert.equal(result.code, 0, result.stderr);
    assert.match(result.stderr, /^warning: using providerData\.code from oauth\.json: a grant code works once and expires soon/m);
    assert.deepEqual(sentBody().providerData, { code: CODE });
    assertNoSecret(result, SECRETS);
    api.reset();
    writeFileSync(join(dir, 'fresh.txt'), 'freshCODE_0123456789');
    const fresh = await runCli(['provision', 'oauth.json', '--base-url', api.url, '--code-file', 'fresh.txt'], { fetch: globalThis.fetch, env: ENV, cwd: dir });
    assert.equal(fresh.code, 0, fresh.stderr);
    assert.deepEqual(sentBody().providerData, { code: 'freshCODE_0123456789' });
    assert.doesNotMatch(fresh.stderr, /warning/);
  });

  test('nowhere to get a code and nothing can be asked: exit 2 naming --code-file and ECWID_OAUTH_CODE', async (t) => {
    const dir = tempDir(t);
    oauthFile(dir, 'http://localhost:8787/callback');
    for (const extra of [[], ['--no-input']]) {
      api.reset();
      const result = await runCli(['provision', 'oauth.json', '--base-url', api.url, ...extra], { fetch: globalThis.fetch, env: ENV, cwd: dir, tty: extra.length > 0 });
      assert.equal(result.code, 2, result.stderr);
      assert.equal(
        result.stderr,
        'error: no OAuth grant code, and nothing can be asked here to get one\n' +
          "Give the store owner's code with --code-file <file> (- for stdin) or ECWID_OAUTH_CODE, or run provision in a terminal to authorize in a browser.\n",
      );
      assert.equal(createRequests().length, 0);
    }
  });

  test('--dry-run: "<obtained at run time>", or the masked code given; nothing is sent or asked', async (t) => {
    const dir = tempDir(t);
    oauthFile(dir, 'http://localhost:8787/callback');
    const pending = await runCli(['provision', 'oauth.json', '--base-url', api.url, '--dry-run', '--json'], { env: ENV, cwd: dir, tty: true });
    assert.equal(pending.code, 0, pending.stderr);
    const body = JSON.parse(pending.stdout).body;
    assert.deepEqual(body.providerData, { code: '<obtained at run time>' });
    assert.equal(body.configuration['oauth.api.secret'], '****1234');
    assert.match(pending.stderr, /note: a real run obtains the grant code/);
    const given = await runCli(['provision', 'oauth.json', '--base-url', api.url, '--dry-run'], { env: { ...ENV, ECWID_OAUTH_CODE: CODE }, cwd: dir });
    assert.equal(given.code, 0, given.stderr);
    assert.match(given.stdout, /"code": "\*\*\*\*71e0"/);
    assertNoSecret(pending, SECRETS);
    assertNoSecret(given, SECRETS);
    assert.equal(api.state.requests.length, 0);
  });

  test('a 400 asking for an OAuth code, for a legacy file without authentication.type, says to set it to custom', async (t) => {
    const dir = tempDir(t);
    const legacy = { element: { key: 'ecwid' }, configuration: { 'ecwid.store.id': '4870020', 'ecwid.order.key': 'secret_orderKEY1234', 'ecwid.product.key': 'public_productKEY5678' }, name: 'shop' };
    writeFileSync(join(dir, 'legacy.json'), JSON.stringify(legacy));
    writeFileSync(join(dir, 'declared.json'), JSON.stringify({ ...legacy, configuration: { 'authentication.type': 'custom', ...legacy.configuration } }));
    api.state.oauthByDefault = true;
    const undeclared = await runCli(['provision', 'legacy.json', '--base-url', api.url], { fetch: globalThis.fetch, env: ENV, cwd: dir });
    assert.equal(undeclared.code, 4);
    assert.match(undeclared.stderr, /You must provide an OAuth code/);
    assert.match(undeclared.stderr, /\nThis is a legacy-key file: set "authentication\.type": "custom" in its configuration/);
    const declared = await runCli(['provision', 'declared.json', '--base-url', api.url], { fetch: globalThis.fetch, env: ENV, cwd: dir });
    assert.equal(declared.code, 0, 'the platform takes a declared custom file as legacy');
  });
});

describe('provision: argv → options for the OAuth2 flags', () => {
  async function parse(argv) {
    const { registerProvision } = await import('../dist/commands/provision.js');
    return parsedOptions(registerProvision, ['provision', ...argv]);
  }
  const cases = [
    [[], { codeFile: undefined, open: false, authWait: 300 }],
    [['--code-file', 'code.txt'], { codeFile: 'code.txt' }],
    [['--code-file', '-'], { codeFile: '-' }],
    [['--open'], { open: true }],
    [['--auth-wait', '60'], { authWait: 60 }],
    [['--auth-wait', '0.5'], { authWait: 0.5 }],
  ];
  for (const [argv, expected] of cases) {
    test(argv.join(' ') || '(none)', async () => {
      const options = await parse(argv);
      for (const [key, value] of Object.entries(expected)) assert.equal(options[key], value, key);
    });
  }
  for (const bad of ['0', '-1', 'soon', '3601']) {
    test(`--auth-wait ${bad} is refused`, async () => {
      await assert.rejects(parse(['--auth-wait', bad]), (error) => error.code === 'commander.invalidArgument');
    });
  }
  test('--code <value> does not exist: a code is never a flag value', async () => {
    await assert.rejects(parse(['--code', 'abc']), (error) => error.code === 'commander.unknownOption');
  });
  test('--code-file - and the instance file from stdin cannot both read it', async () => {
    const result = await runCli(['provision', '-', '--code-file', '-', '--dry-run']);
    assert.equal(result.code, 2);
    assert.match(result.stderr, /^error: stdin can be read only once, but the instance file and --code-file both read it/);
  });
});

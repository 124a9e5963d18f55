// One run of every command and output format with known secret values: none may appear whole in
// stdout, stderr, or any file but the instance file (and the token file, for the token).
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { runCli, tempDir } from './helpers/cli.js';
import { ORG_SECRET, REQUEST_ID, TOKEN, USER_SECRET, startFakeCloudElements } from './helpers/fake-cloud-elements.js';

const ORDER = 'ordSECRET1111aaaa';
const PRODUCT = 'prdSECRET2222bbbb';
const SIGNATURE = 'sigSECRET3333cccc';
const ECWID_SECRETS = [ORDER, PRODUCT, SIGNATURE];
const ALL_SECRETS = [...ECWID_SECRETS, USER_SECRET, ORG_SECRET, TOKEN];

let server;
before(async () => {
  server = await startFakeCloudElements();
});
after(() => server.close());

function filesBelow(dir) {
  return readdirSync(dir, { recursive: true })
    .map((name) => join(dir, name))
    .filter((path) => statSync(path).isFile());
}

describe('secrets never leak', () => {
  test('every command and format, success and failure paths', async (t) => {
    const dir = tempDir(t);
    const configDir = join(dir, 'config');
    writeFileSync(join(dir, 'order.txt'), `${ORDER}\n`);
    const env = {
      ECWID_INSTANCE_CONFIG_DIR: configDir,
      ECWID_PRODUCT_KEY: PRODUCT,
      ECWID_SIGNATURE_KEY: SIGNATURE,
      CLOUD_ELEMENTS_USER_SECRET: USER_SECRET,
      CLOUD_ELEMENTS_ORG_SECRET: ORG_SECRET,
      CLOUD_ELEMENTS_BASE_URL: server.url,
    };
    const runs = [];
    const run = async (argv, options = {}) => {
      const result = await runCli(argv, { cwd: dir, env, fetch: globalThis.fetch, ...options });
      runs.push({ argv, ...result, stdoutMayHoldInstance: options.stdoutMayHoldInstance });
      return result;
    };

    const init = ['init', '--no-input', '--store-id', '4870020', '--order-key-file', 'order.txt', '--callback-url', 'https://example.com/e'];
    assert.equal((await run([...init, '--tag', 'prod'])).code, 0);
    assert.equal((await run([...init, '-o', 'second.json', '--json'])).code, 0);
    assert.equal((await run([...init, '-o', '-'], { stdoutMayHoldInstance: true })).code, 0);
    await run(['config', 'set', 'order-key', ORDER]);
    await run(['config', 'set', 'store-id', '4870020']);
    await run(['config', 'list', '--json']);

    const broken = readFileSync(join(dir, 'instance.json'), 'utf8').replace(`"${ORDER}"`, `"${ORDER} x"`).replace(`"${PRODUCT}"`, `"${PRODUCT}${'y'.repeat(200)}"`);
    writeFileSync(join(dir, 'broken.json'), broken);
    // A real secret can look like a docs placeholder: the placeholder rule must not quote it either.
    const placeholderShaped = readFileSync(join(dir, 'instance.json'), 'utf8').replace(`"${ORDER}"`, `"<${ORDER}>"`);
    writeFileSync(join(dir, 'placeholder-shaped.json'), placeholderShaped);
    for (const format of ['text', 'json', 'github', 'junit']) {
      await run(['validate', '--format', format, 'instance.json', 'broken.json']);
      const shaped = await run(['validate', '--format', format, 'placeholder-shaped.json']);
      assert.equal(shaped.code, 1, format);
      assert.match(shaped.stdout, /ecwid\.order\.key still holds a docs placeholder/, format);
    }
    assert.equal((await run(['provision', 'placeholder-shaped.json'])).code, 1);
    await run(['urls', 'instance.json', '--json']);

    await run(['provision', 'instance.json', '--dry-run']);
    await run(['provision', 'instance.json', '--dry-run', '--json']);
    await run(['provision', 'broken.json']);
    for (const [behaviour, code] of [['echoSecrets', 4], ['forbidden', 4], ['error500', 5], ['notJson', 5]]) {
      server.state.behaviour = behaviour;
      // Each run reaches the server and takes the failure path it is here for.
      const sent = server.state.requests.length;
      assert.equal((await run(['provision', 'instance.json', '--debug'])).code, code, behaviour);
      assert.equal((await run(['provision', 'instance.json', '--json'])).code, code, behaviour);
      assert.equal(server.state.requests.length, sent + 2, behaviour);
    }
    server.state.behaviour = 'contract';
    assert.equal((await run(['provision', 'instance.json', '--token-file', 'token.txt', '--json'])).code, 0);
    await run(['provision', 'instance.json', '--if-absent', '--json']);

    // A crash inside the HTTP layer whose message quotes the request, with --debug: redacted.
    const leakyFetch = async (_url, init) => {
      throw new TypeError(`boom ${JSON.stringify(init)}`);
    };
    const crash = await run(['provision', 'instance.json', '--debug'], { fetch: leakyFetch });
    assert.equal(crash.code, 5);
    // Secrets in the environment with the newline a .env file leaves: commands read them without it,
    // and the run's list knows them that way.
    const newlines = { ...env, CLOUD_ELEMENTS_USER_SECRET: `${USER_SECRET}\n`, CLOUD_ELEMENTS_ORG_SECRET: `${ORG_SECRET}\r\n` };
    const crashWithNewlines = await run(['provision', 'instance.json', '--debug'], { fetch: leakyFetch, env: newlines });
    assert.equal(crashWithNewlines.code, 5);
    // A bug past the HTTP layer's own handling: main's last line of defence, stack trace and all.
    const brokenResponse = async (_url, init) => ({
      status: 200,
      get headers() {
        throw new RangeError(`bad ${JSON.stringify(init)}`);
      },
    });
    const bug = await run(['provision', 'instance.json', '--debug'], { fetch: brokenResponse });
    assert.equal(bug.code, 70);
    assert.match(bug.stderr, /^error: unexpected failure: bad \{/);
    assert.match(bug.stderr, /\n {4}at /);

    for (const { argv, stdout, stderr, stdoutMayHoldInstance } of runs) {
      for (const secret of ALL_SECRETS) {
        assert.ok(!stderr.includes(secret), `stderr of ${argv.join(' ')} shows a secret:\n${stderr}`);
        if (!(stdoutMayHoldInstance && ECWID_SECRETS.includes(secret))) {
          assert.ok(!stdout.includes(secret), `stdout of ${argv.join(' ')} shows a secret:\n${stdout.slice(0, 2000)}`);
        }
      }
    }
    assert.ok(crash.stderr.includes('boom'), 'the crash message is still shown');

    const allowed = new Set([join(dir, 'instance.json'), join(dir, 'second.json'), join(dir, 'broken.json'), join(dir, 'placeholder-shaped.json'), join(dir, 'order.txt')]);
    for (const file of filesBelow(dir)) {
      const text = readFileSync(file, 'utf8');
      if (file === join(dir, 'token.txt')) {
        assert.equal(text, `${TOKEN}\n`);
        assert.equal(statSync(file).mode & 0o777, 0o600);
        continue;
      }
      if (allowed.has(file)) continue;
      for (const secret of ALL_SECRETS) assert.ok(!text.includes(secret), `${file} holds a secret`);
    }
    for (const file of ['instance.json', 'second.json']) assert.equal(statSync(join(dir, file)).mode & 0o777, 0o600);
  });
});

describe('secrets echoed back in disguise, short ones, and the places a dry run must look', () => {
  // A `"` and a `\` (JSON escapes them), and `+`, `=`, `/` (URL-encoding does).
  const QUOTED = 'ord"SECRET\\4444dddd';
  const ENCODED = 'prd+SECRET=5555/eeee';
  const SHORT = 'Zq9';
  const DEEP = ['cfgSECRET6666ffff', 'topTOKEN7777gggg', 'grantCODE8888hhhh'];
  const INSTANCE = {
    element: { key: 'ecwid' },
    configuration: {
      'oauth.api.secret': SHORT,
      'ecwid.order.key': QUOTED,
      'ecwid.product.key': ENCODED,
      'ecwid.store.id': '4870020',
      'x.password': { value: DEEP[0] }, // an unknown key: a warning, so the run goes on
      // Legacy keys with an OAuth2 secret and a grant code: declared, they are warnings, so the run goes on.
      'authentication.type': 'custom',
    },
    tags: [QUOTED, `copy of ${ENCODED}`],
    name: 'shop',
    token: DEEP[1],
    providerData: { code: DEEP[2] },
  };
  const forms = (secret) => {
    const json = JSON.stringify(secret).slice(1, -1);
    return [secret, json, encodeURIComponent(secret), encodeURIComponent(json)];
  };
  const leaked = (text) => [QUOTED, ENCODED, ...DEEP, USER_SECRET, ORG_SECRET].flatMap(forms).filter((form) => text.includes(form));

  async function provision(t, argv) {
    const dir = tempDir(t);
    writeFileSync(join(dir, 'instance.json'), JSON.stringify(INSTANCE));
    const env = { CLOUD_ELEMENTS_USER_SECRET: USER_SECRET, CLOUD_ELEMENTS_ORG_SECRET: ORG_SECRET, CLOUD_ELEMENTS_BASE_URL: server.url };
    const sent = server.state.requests.length;
    const result = await runCli(['provision', 'instance.json', ...argv], { cwd: dir, env, fetch: globalThis.fetch });
    return { ...result, sent: server.state.requests.length - sent };
  }

  test('an error message is masked before it is cut: no part of a secret across the cut shows', async (t) => {
    server.state.behaviour = 'echoPadded';
    // The user secret starts just before the 500th character and ends 2 characters after it.
    server.state.echoPad = 500 - 'User '.length - (USER_SECRET.length - 2);
    const { code, stderr, sent } = await provision(t, []);
    assert.deepEqual([code, sent], [4, 1]);
    assert.ok(!stderr.includes(USER_SECRET.slice(0, 8)), stderr);
    assert.ok(stderr.includes(`User ****${USER_SECRET.slice(-4)}, Organization ****${ORG_SECRET.slice(-4)}`), stderr);
  });

  test('secrets echoed JSON-escaped or URL-encoded are recognised', async (t) => {
    for (const behaviour of ['echoSecrets', 'echoEncoded']) {
      server.state.behaviour = behaviour;
      const { code, stderr, sent } = await provision(t, []);
      assert.deepEqual([code, sent], [4, 1], behaviour);
      assert.deepEqual(leaked(stderr), [], `${behaviour}:\n${stderr}`);
      assert.ok(stderr.includes(`Request ID: ${REQUEST_ID}\n`), stderr);
    }
  });

  test('a secret under 4 characters is masked wherever it stands alone, even URL-encoded', async (t) => {
    for (const behaviour of ['echoSecrets', 'echoEncoded']) {
      server.state.behaviour = behaviour;
      const { code, stderr } = await provision(t, []);
      assert.equal(code, 4);
      assert.ok(!stderr.includes(SHORT), `${behaviour}:\n${stderr}`);
    }
    server.state.behaviour = 'echoSecrets';
    const { stderr } = await provision(t, []);
    assert.match(stderr, /"oauth\.api\.secret":"\*{4}","ecwid\.order\.key":"\*{4}dddd"/);
  });

  test('a dry run masks secrets by name at any depth, and known secrets wherever they are copied', async (t) => {
    for (const json of [false, true]) {
      const { code, stdout, stderr, sent } = await provision(t, ['--dry-run', ...(json ? ['--json'] : [])]);
      assert.deepEqual([code, sent], [0, 0]);
      assert.deepEqual(leaked(stdout + stderr), [], stdout);
      assert.ok(!stdout.includes(`"${SHORT}"`), stdout);
      if (!json) continue;
      const { body } = JSON.parse(stdout);
      assert.deepEqual(body.configuration['x.password'], { value: '****ffff' });
      assert.deepEqual([body.token, body.providerData.code, body.tags[0], body.tags[1]], ['****gggg', '****hhhh', '****dddd', 'copy of ****eeee']);
      assert.deepEqual([body.element.key, body.name, body.configuration['ecwid.store.id']], ['ecwid', 'shop', '4870020']);
    }
  });
});

// config list/get/set/unset/path against a config folder of the test's own.
import assert from 'node:assert/strict';
import { lstatSync, mkdirSync, readdirSync, readFileSync, renameSync, statSync, symlinkSync, writeFileSync, existsSync } from 'node:fs';
import { spawn, spawnSync } from 'node:child_process';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { runCli, tempDir } from './helpers/cli.js';
import { bin } from './helpers/paths.js';

function store(t, initial) {
  const dir = join(tempDir(t), 'config');
  const file = join(dir, 'config.json');
  if (initial !== undefined) {
    mkdirSync(dir);
    writeFileSync(file, initial);
  }
  const config = (...args) => runCli(['config', ...args], { env: { ECWID_INSTANCE_CONFIG_DIR: dir } });
  return { dir, file, config };
}

describe('config', () => {
  test('help lists every key; refusing a secret names every secret variable', async (t) => {
    const { config } = store(t);
    for (const command of [[], ['get'], ['set'], ['unset']]) {
      const keys = (await config(...command, '--help')).stdout.match(/^Keys: (.*)\.$/m)?.[1];
      assert.deepEqual(keys?.split(', ').map((key) => key.split(' ')[0]), ['auth', 'store-id', 'client-id', 'redirect-url', 'callback-url', 'environment', 'base-url', 'name', 'tags'], command.join(' '));
    }
    const refused = await config('set', 'order-key', 'x');
    assert.equal(refused.code, 2);
    for (const variable of ['ECWID_ORDER_KEY', 'ECWID_PRODUCT_KEY', 'ECWID_SIGNATURE_KEY', 'ECWID_CLIENT_SECRET', 'ECWID_OAUTH_CODE', 'CLOUD_ELEMENTS_USER_SECRET', 'CLOUD_ELEMENTS_ORG_SECRET']) {
      assert.ok(refused.stderr.includes(variable), variable);
    }
  });

  test('set, get, list, list --json, unset', async (t) => {
    const { file, config } = store(t);
    assert.deepEqual(await config('set', 'store-id', '4870020'), { code: 0, stdout: '', stderr: '' });
    assert.equal((await config('set', 'tags', ' production, eu,')).code, 0);
    assert.equal((await config('set', 'base-url', 'https://ce.example.com/')).code, 0);
    assert.equal((await config('get', 'store-id')).stdout, '4870020\n');
    assert.equal((await config('get', 'tags')).stdout, 'production,eu\n');
    assert.equal((await config('list')).stdout, 'store-id=4870020\nbase-url=https://ce.example.com\ntags=production,eu\n');
    assert.deepEqual(JSON.parse((await config('list', '--json')).stdout), { 'store-id': '4870020', 'base-url': 'https://ce.example.com', tags: 'production,eu' });
    assert.equal(statSync(file).mode & 0o777, 0o600);
    assert.deepEqual(await config('unset', 'tags'), { code: 0, stdout: '', stderr: '' });
    assert.deepEqual(JSON.parse(readFileSync(file, 'utf8')), { 'store-id': '4870020', 'base-url': 'https://ce.example.com' });
    assert.deepEqual(await config('get', 'tags'), { code: 0, stdout: '', stderr: '' });
  });

  test('an empty store: list prints nothing, list --json an empty object, unset is fine; nothing is created', async (t) => {
    const { dir, config } = store(t);
    assert.deepEqual(await config('list'), { code: 0, stdout: '', stderr: '' });
    assert.equal((await config('list', '--json')).stdout, '{}\n');
    assert.equal((await config('unset', 'name')).code, 0);
    assert.ok(!existsSync(dir));
  });

  test('without ECWID_INSTANCE_CONFIG_DIR, the store is in the per-user config folder', { skip: process.platform === 'darwin' || process.platform === 'win32' }, (t) => {
    const home = tempDir(t);
    const path = (env) => spawnSync(process.execPath, [bin, 'config', 'path'], { encoding: 'utf8', env: { PATH: process.env.PATH, HOME: home, ...env } }).stdout;
    assert.equal(path({}), `${join(home, '.config', 'ecwid-instance', 'config.json')}\n`);
    assert.equal(path({ XDG_CONFIG_HOME: join(home, 'xdg') }), `${join(home, 'xdg', 'ecwid-instance', 'config.json')}\n`);
  });

  test('path prints the file in ECWID_INSTANCE_CONFIG_DIR', async (t) => {
    const { file, config } = store(t);
    assert.deepEqual(await config('path'), { code: 0, stdout: `${file}\n`, stderr: '' });
  });

  const bad = [
    ['store-id', 'abc', 'error: config store-id: the store ID must be digits, such as 4870020\n'],
    ['callback-url', 'example.com/e', 'error: config callback-url: the callback URL must be an absolute http(s) URL, such as https://example.com/ecwid/events\n'],
    ['environment', 'mars', 'error: config environment: unknown environment "mars"\nUse one of: us, eu, staging, sap-us2, sap-eu10, sap-<region> or sap-trial-<region> (a region is two letters and one or two digits, such as us10); or --base-url for another host.\n'],
    ['base-url', 'http://ce.example.com', 'error: config base-url: plain http:// is accepted only for localhost; secrets would travel in clear\nUse https://.\n'],
    ['name', '  ', 'error: config name: the name must not be empty\n'],
    ['tags', 'a,b,a', 'error: config tags: the tag "a" is given twice\n'],
    ['tags', ' , ', 'error: config tags: expected comma-separated tags, such as production,eu\n'],
    ['auth', 'legacy', 'error: config auth: unknown authentication type "legacy"\nUse custom (legacy API keys: store ID, Order and Product API secrets) or oauth2 (an Ecwid app: client ID and secret).\n'],
    ['client-id', 'my app', "error: config client-id: the client ID must be your Ecwid app's client ID, without spaces\n"],
    ['redirect-url', 'localhost:8787/callback', 'error: config redirect-url: the redirect URL must be an absolute https URL, such as https://example.com/oauth/callback or http://localhost:8787/callback\n'],
    ['redirect-url', 'http://example.com/callback', 'error: config redirect-url: the redirect URL may use plain http:// only for localhost (the grant code travels in it): use https, such as https://example.com/oauth/callback or http://localhost:8787/callback\n'],
  ];

  test('set auth, client-id and redirect-url: checked, trimmed, kept', async (t) => {
    const { config } = store(t);
    for (const [key, value] of [['auth', ' oauth2'], ['client-id', ' my-app '], ['redirect-url', 'http://localhost:8787/callback']]) {
      assert.deepEqual(await config('set', key, value), { code: 0, stdout: '', stderr: '' }, key);
    }
    assert.deepEqual(JSON.parse((await config('list', '--json')).stdout), { auth: 'oauth2', 'client-id': 'my-app', 'redirect-url': 'http://localhost:8787/callback' });
  });
  for (const [key, value, stderr] of bad) {
    test(`set ${key} ${JSON.stringify(value)} is refused (exit 2) and nothing is written`, async (t) => {
      const { dir, config } = store(t);
      assert.deepEqual(await config('set', key, value), { code: 2, stdout: '', stderr });
      assert.ok(!existsSync(dir));
    });
  }

  const SECRET_HINT =
    'Secrets come from a masked prompt, an environment variable (ECWID_ORDER_KEY, ECWID_PRODUCT_KEY, ECWID_SIGNATURE_KEY, ECWID_CLIENT_SECRET, ECWID_OAUTH_CODE, CLOUD_ELEMENTS_USER_SECRET, CLOUD_ELEMENTS_ORG_SECRET) or a --...-file flag (a path, or - for stdin).\n';
  for (const key of ['order-key', 'product-key', 'user-secret', 'order-key-file', 'token', 'signature-key', 'client-secret', 'oauth-code']) {
    test(`a secret key (${key}) is refused with where secrets come from`, async (t) => {
      const { dir, config } = store(t);
      for (const args of [['set', key, 'value'], ['get', key], ['unset', key]]) {
        assert.deepEqual(await config(...args), { code: 2, stdout: '', stderr: `error: ${key} is a secret, and secrets are never kept in the config store\n${SECRET_HINT}` });
      }
      assert.ok(!existsSync(dir));
    });
  }

  test('an unknown key is exit 2 with the list of keys', async (t) => {
    const { config } = store(t);
    for (const args of [['set', 'storeid', '1'], ['get', 'region']]) {
      const r = await config(...args);
      assert.equal(r.code, 2);
      assert.match(r.stderr, /^error: unknown config key "(storeid|region)"\nKeys: auth, store-id, client-id, redirect-url, callback-url, environment, base-url, name, tags\.\n$/);
    }
  });

  test('an unknown subcommand, or none, is a usage error', async (t) => {
    const { config } = store(t);
    assert.equal((await config('delete', 'name')).code, 2);
    assert.equal((await config()).code, 2);
  });

  for (const [label, text, reason] of [
    ['not JSON', '{"store-id": "1",', 'not valid JSON'],
    ['not an object', '["store-id"]', 'not a JSON object'],
    ['a value that is not a string', '{"store-id": 4870020}', 'store-id is not a string'],
  ]) {
    test(`a corrupt file (${label}) is exit 3 naming the file, and is left byte for byte`, async (t) => {
      const { file, config } = store(t, text);
      for (const args of [['list'], ['get', 'store-id'], ['set', 'name', 'shop'], ['unset', 'store-id']]) {
        assert.deepEqual(await config(...args), {
          code: 3,
          stdout: '',
          stderr: `error: the config file ${file} is corrupt (${reason})\nFix it by hand or delete it; it was left as it is.\n`,
        });
      }
      assert.equal(readFileSync(file, 'utf8'), text);
      assert.equal((await config('path')).stdout, `${file}\n`);
    });
  }

  test('keys it does not know are kept when another is set', async (t) => {
    const { file, config } = store(t, '{"future-key": "x"}');
    assert.equal((await config('set', 'name', 'shop')).code, 0);
    assert.deepEqual(JSON.parse(readFileSync(file, 'utf8')), { 'future-key': 'x', name: 'shop' });
    assert.equal(statSync(file).mode & 0o777, 0o600);
  });

  test('urls reads the defaults it keeps', async (t) => {
    const { dir, config } = store(t);
    await config('set', 'store-id', '4870020');
    await config('set', 'environment', 'eu');
    const urls = await runCli(['urls'], { env: { ECWID_INSTANCE_CONFIG_DIR: dir } });
    assert.equal(urls.stdout, 'https://my.ecwid.com/store/4870020#legacy_api\nhttps://api.cloud-elements.co.uk/elements/api-v2/events/ecwid\n');
  });

  test('a file saved with a byte order mark is read, and kept whole when a key is set', async (t) => {
    const { file, config } = store(t, '\ufeff{"store-id": "4870020"}\n');
    assert.deepEqual(await config('list'), { code: 0, stdout: 'store-id=4870020\n', stderr: '' });
    assert.equal((await config('set', 'name', 'shop')).code, 0);
    assert.deepEqual(JSON.parse(readFileSync(file, 'utf8').replace(/^\ufeff/, '')), { 'store-id': '4870020', name: 'shop' });
  });

  test('a config file that is a symbolic link stays one: the file it leads to is changed', async (t) => {
    const { dir, file, config } = store(t, '{"name": "shop"}');
    const real = join(dir, '..', 'dotfiles-config.json');
    renameSync(file, real);
    symlinkSync(real, file);
    assert.equal((await config('set', 'store-id', '4870020')).code, 0);
    assert.ok(lstatSync(file).isSymbolicLink());
    assert.deepEqual(JSON.parse(readFileSync(real, 'utf8')), { name: 'shop', 'store-id': '4870020' });
    assert.equal(statSync(real).mode & 0o777, 0o600);
  });

  test('under umask 000 the folder is made 0700 and the file 0600 (real process)', (t) => {
    const dir = join(tempDir(t), 'a', 'config');
    const result = spawnSync('sh', ['-c', `umask 000 && exec "${process.execPath}" "${bin}" config set name shop`], { encoding: 'utf8', env: { PATH: process.env.PATH, ECWID_INSTANCE_CONFIG_DIR: dir } });
    assert.equal(result.status, 0, result.stderr);
    assert.equal(statSync(dir).mode & 0o777, 0o700);
    assert.equal(statSync(join(dir, 'config.json')).mode & 0o777, 0o600);
    assert.deepEqual(readdirSync(dir), ['config.json']);
  });
});

describe('config: runs at the same time', () => {
  /** `config <args>` as a real process; resolves with its exit code and stderr. */
  const run = (dir, args) =>
    new Promise((resolve) => {
      const child = spawn(process.execPath, [bin, 'config', ...args], { env: { PATH: process.env.PATH, ECWID_INSTANCE_CONFIG_DIR: dir }, stdio: ['ignore', 'ignore', 'pipe'] });
      let stderr = '';
      child.stderr.on('data', (chunk) => (stderr += chunk));
      child.on('close', (code) => resolve({ code, stderr }));
    });
  const VALUES = { 'store-id': '4870020', 'callback-url': 'https://example.com/e', environment: 'eu', 'base-url': 'https://ce.example.com', name: 'shop', tags: 'a,b' };

  test('parallel sets of different keys lose none (real processes, 5 rounds)', async (t) => {
    for (let round = 0; round < 5; round++) {
      const dir = join(tempDir(t), 'config');
      const results = await Promise.all(Object.entries(VALUES).map(([key, value]) => run(dir, ['set', key, value])));
      assert.deepEqual(results, Object.keys(VALUES).map(() => ({ code: 0, stderr: '' })));
      assert.deepEqual(JSON.parse(readFileSync(join(dir, 'config.json'), 'utf8')), VALUES, `round ${round}`);
      assert.deepEqual(readdirSync(dir), ['config.json'], 'no lock or temporary file is left');
    }
  });

  test("a lock left by a process that has ended does not block: it is taken over", async (t) => {
    const { dir, file } = store(t, '{"name": "shop"}');
    const dead = spawnSync(process.execPath, ['-e', '0']).pid;
    writeFileSync(`${file}.lock`, JSON.stringify({ pid: dead, host: hostname(), id: '0123456789abcdef' }));
    assert.deepEqual(await run(dir, ['set', 'store-id', '4870020']), { code: 0, stderr: '' });
    assert.deepEqual(JSON.parse(readFileSync(file, 'utf8')), { name: 'shop', 'store-id': '4870020' });
    assert.deepEqual(readdirSync(dir), ['config.json']);
  });

  test('a lock held by a running process is waited for, then exit 3 naming the file and the lock', async (t) => {
    const { withLockFile } = await import('../dist/fs/lock-file.js');
    const { dir, file } = store(t, '{"name": "shop"}');
    const lock = `${file}.lock`;
    writeFileSync(lock, JSON.stringify({ pid: process.pid, host: hostname(), id: '0123456789abcdef' }));
    await assert.rejects(withLockFile(lock, `the config file ${file}`, async () => assert.fail('must not run'), { waitMs: 300, staleMs: 60_000 }), {
      exitCode: 3,
      message: `cannot change the config file ${file}: it is locked by process ${process.pid} (waited 0.3 s)`,
      hint: `Try again. If no ecwid-instance is running, delete ${lock}.`,
    });
    assert.deepEqual(readdirSync(dir).sort(), ['config.json', 'config.json.lock']);
  });
});

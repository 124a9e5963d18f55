// init without a terminal: where each value comes from, what is written and what is printed.
import assert from 'node:assert/strict';
import { existsSync, readFileSync, statSync, writeFileSync, chmodSync } from 'node:fs';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { runCli, tempDir } from './helpers/cli.js';
import { init, KEYS, ORDER, PRODUCT, SIGNATURE, summary } from './helpers/init-run.js';

describe('init: the file', () => {
  test('from flags and environment: docs key order, strings, final newline, mode 0600, summary on stdout', async (t) => {
    const r = await init(t, ['--store-id', '4870020', '--callback-url', 'https://example.com/ecwid/events', '--tag', 'production', '--tag', 'eu'], { env: KEYS });
    assert.equal(r.code, 0, r.stderr);
    assert.equal(r.stderr, '');
    assert.equal(r.stdout, summary('instance.json'));
    assert.equal(
      readFileSync(r.path, 'utf8'),
      `{
  "element": {
    "key": "ecwid"
  },
  "configuration": {
    "authentication.type": "custom",
    "ecwid.order.key": "${ORDER}",
    "ecwid.product.key": "${PRODUCT}",
    "ecwid.store.id": "4870020",
    "event.notification.enabled": "true",
    "event.notification.callback.url": "https://example.com/ecwid/events"
  },
  "tags": [
    "production",
    "eu"
  ],
  "name": "ecwid-4870020"
}
`,
    );
    assert.equal(statSync(r.path).mode & 0o777, 0o600);
    const check = await runCli(['validate', r.path]);
    assert.equal(check.code, 0, check.stdout);
  });

  test('secrets from files (one trailing newline stripped) and from stdin', async (t) => {
    const r = await init(t, ['--store-id', '1', '--order-key-file', 'order.txt', '--product-key-file', '-', '--signature-key-file', 'sig.txt', '--callback-url', 'https://a.example/e'], {
      files: { 'order.txt': `${ORDER}\n`, 'sig.txt': `${SIGNATURE}\r\n` },
      stdin: `${PRODUCT}\n`,
    });
    assert.equal(r.code, 0, r.stderr);
    assert.equal(r.configuration['ecwid.order.key'], ORDER);
    assert.equal(r.configuration['ecwid.product.key'], PRODUCT);
    assert.equal(r.configuration['event.notification.signature.key'], SIGNATURE);
  });

  test('secrets from the environment lose one trailing newline (LF or CRLF), as from a file', async (t) => {
    const r = await init(t, ['--store-id', '1', '--callback-url', 'https://a.example/e'], {
      env: { ECWID_ORDER_KEY: `${ORDER}\n`, ECWID_PRODUCT_KEY: `${PRODUCT}\r\n`, ECWID_SIGNATURE_KEY: `${SIGNATURE}\n` },
    });
    assert.equal(r.code, 0, r.stderr);
    assert.equal(r.configuration['ecwid.order.key'], ORDER);
    assert.equal(r.configuration['ecwid.product.key'], PRODUCT);
    assert.equal(r.configuration['event.notification.signature.key'], SIGNATURE);
  });

  test('a --...-file flag wins over the environment variable', async (t) => {
    const r = await init(t, ['--store-id', '1', '--order-key-file', 'order.txt'], { env: { ...KEYS, ECWID_ORDER_KEY: 'env_order_key' }, files: { 'order.txt': ORDER } });
    assert.equal(r.configuration['ecwid.order.key'], ORDER);
  });

  test('events: on with a callback URL, off without; --no-events drops the callback URL; --events needs one', async (t) => {
    const on = await init(t, ['--store-id', '1'], { env: { ...KEYS, ECWID_CALLBACK_URL: 'https://a.example/e' } });
    assert.equal(on.configuration['event.notification.enabled'], 'true');
    const off = await init(t, ['--store-id', '1'], { env: KEYS });
    assert.equal(off.stdout, summary('instance.json', { events: false, storeId: '1' }));
    assert.deepEqual(Object.keys(off.configuration), ['authentication.type', 'ecwid.order.key', 'ecwid.product.key', 'ecwid.store.id', 'event.notification.enabled']);
    assert.equal(off.configuration['event.notification.enabled'], 'false');
    const dropped = await init(t, ['--store-id', '1', '--no-events', '--callback-url', 'https://a.example/e'], { env: { ...KEYS, ECWID_SIGNATURE_KEY: SIGNATURE } });
    assert.equal(dropped.code, 0);
    assert.equal(dropped.configuration['event.notification.enabled'], 'false');
    assert.equal(dropped.configuration['event.notification.callback.url'], undefined);
    assert.equal(dropped.configuration['event.notification.signature.key'], undefined);
  });

  test('a signature key that events-off drops is warned about, naming where it came from', async (t) => {
    const fromEnv = await init(t, ['--store-id', '1', '--no-events'], { env: { ...KEYS, ECWID_SIGNATURE_KEY: SIGNATURE } });
    assert.equal(fromEnv.code, 0);
    assert.equal(fromEnv.stderr, 'warning: ECWID_SIGNATURE_KEY is not used: events are off, and the signature key only signs event callbacks\n');
    assert.equal(fromEnv.configuration['event.notification.signature.key'], undefined);
    const fromFile = await init(t, ['--store-id', '1', '--no-events', '--signature-key-file', 'sig.txt', '--json'], { env: KEYS, files: { 'sig.txt': SIGNATURE } });
    assert.equal(fromFile.code, 0);
    assert.equal(fromFile.stderr, 'warning: --signature-key-file is not used: events are off, and the signature key only signs event callbacks\n');
    const used = await init(t, ['--store-id', '1', '--callback-url', 'https://a.example/e'], { env: { ...KEYS, ECWID_SIGNATURE_KEY: SIGNATURE } });
    assert.equal(used.stderr, '');
  });

  test('a plain-http callback URL for another host is written with the validate warning', async (t) => {
    const r = await init(t, ['--store-id', '1', '--callback-url', 'http://example.com/e'], { env: KEYS });
    assert.equal(r.code, 0);
    assert.match(r.stderr, /^warning: .*http:\/\/.* \[insecure-url\]\n$/);
  });
});

describe('init: precedence flag > environment > config > default', () => {
  const config = { 'store-id': '333', 'callback-url': 'https://config.example/e', name: 'from-config', tags: 'c1,c2', environment: 'staging' };
  const cases = [
    ['config only', [], {}, { storeId: '333', url: 'https://config.example/e', name: 'from-config', tags: ['c1', 'c2'], ion: 'https://staging.cloud-elements.com' }],
    [
      'environment over config',
      [],
      { ECWID_STORE_ID: '222', ECWID_CALLBACK_URL: 'https://env.example/e', CLOUD_ELEMENTS_ENVIRONMENT: 'eu' },
      { storeId: '222', url: 'https://env.example/e', name: 'from-config', tags: ['c1', 'c2'], ion: 'https://api.cloud-elements.co.uk' },
    ],
    [
      'flags over environment',
      ['--store-id', '111', '--callback-url', 'https://flag.example/e', '--name', 'from-flag', '--tag', 'f', '--base-url', 'http://127.0.0.1:9000/'],
      { ECWID_STORE_ID: '222', ECWID_CALLBACK_URL: 'https://env.example/e', CLOUD_ELEMENTS_BASE_URL: 'https://env-host.example' },
      { storeId: '111', url: 'https://flag.example/e', name: 'from-flag', tags: ['f'], ion: 'http://127.0.0.1:9000' },
    ],
  ];
  for (const [label, argv, env, expected] of cases) {
    test(label, async (t) => {
      const r = await init(t, [...argv, '--json'], { env: { ...KEYS, ...env }, config });
      assert.equal(r.code, 0, r.stderr);
      assert.equal(r.configuration['ecwid.store.id'], expected.storeId);
      assert.equal(r.configuration['event.notification.callback.url'], expected.url);
      assert.equal(r.written.name, expected.name);
      assert.deepEqual(r.written.tags, expected.tags);
      assert.equal(JSON.parse(r.stdout).ionCannonUrl, `${expected.ion}/elements/api-v2/events/ecwid`);
    });
  }

  test('the name defaults to ecwid-<store id>, and no tags means no tags key', async (t) => {
    const r = await init(t, ['--store-id', '5'], { env: KEYS });
    assert.equal(r.written.name, 'ecwid-5');
    assert.ok(!('tags' in r.written));
  });
});

describe('init: existing output, --json and stdout', () => {
  const OLD = '{"old": true}\n';

  test('an existing file without --force: exit 3, untouched', async (t) => {
    const r = await init(t, ['--store-id', '1'], { env: KEYS, files: { 'instance.json': OLD } });
    assert.equal(r.code, 3);
    assert.equal(r.stdout, '');
    assert.equal(r.stderr, `error: ${r.path} already exists\nUse --force to replace it, or choose another --output.\n`);
    assert.equal(readFileSync(r.path, 'utf8'), OLD);
  });

  test('--force replaces it, with mode 0600 even when the old file was readable by others', async (t) => {
    const cwd = tempDir(t);
    const path = join(cwd, 'store.json');
    writeFileSync(path, OLD);
    chmodSync(path, 0o644);
    const r = await runCli(['init', '--store-id', '1', '-o', 'store.json', '--force'], { cwd, env: { ...KEYS, ECWID_INSTANCE_CONFIG_DIR: join(cwd, '.config') } });
    assert.equal(r.code, 0, r.stderr);
    assert.equal(JSON.parse(readFileSync(path, 'utf8')).name, 'ecwid-1');
    assert.equal(statSync(path).mode & 0o777, 0o600);
  });

  test('--json prints one object and no secret', async (t) => {
    const r = await init(t, ['--store-id', '4870020', '--callback-url', 'https://example.com/e', '--environment', 'sap-us2', '--json', '-o', 'shop.json'], { env: { ...KEYS, ECWID_SIGNATURE_KEY: SIGNATURE } });
    assert.equal(r.code, 0, r.stderr);
    assert.equal(r.stderr, '');
    assert.deepEqual(JSON.parse(r.stdout), {
      file: 'shop.json',
      authType: 'custom',
      storeId: '4870020',
      clientId: null,
      redirectUrl: null,
      name: 'ecwid-4870020',
      eventsEnabled: true,
      callbackUrl: 'https://example.com/e',
      environment: 'sap-us2',
      legacyApiKeyUrl: 'https://my.ecwid.com/store/4870020#legacy_api',
      ionCannonUrl: 'https://api.openconnectors.us2.ext.hana.ondemand.com/elements/api-v2/events/ecwid',
    });
    assert.equal(statSync(r.path).mode & 0o777, 0o600);
  });

  test('--output - puts exactly the JSON on stdout and the summary on stderr', async (t) => {
    const r = await init(t, ['--store-id', '9', '-o', '-'], { env: KEYS });
    assert.equal(r.code, 0);
    assert.deepEqual(JSON.parse(r.stdout).configuration['ecwid.order.key'], ORDER);
    assert.ok(r.stdout.startsWith('{\n  "element": {') && r.stdout.endsWith('}\n'));
    assert.equal(
      r.stderr,
      `Wrote the instance JSON to stdout.

Legacy API Key URL: https://my.ecwid.com/store/9#legacy_api
ION Cannon URL:     https://api.cloud-elements.com/elements/api-v2/events/ecwid

Next steps:
  1. Save the JSON to a file, then create the instance on Cloud Elements: ecwid-instance provision <file>
`,
    );
    assert.ok(!existsSync(join(r.cwd, 'instance.json')));
  });
});

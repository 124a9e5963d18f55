// init without a terminal (and a few runs with a fake one): where each value comes from, what is
// written, what is printed, and every way it refuses.
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, readFileSync, statSync, writeFileSync, chmodSync } from 'node:fs';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { cancelled } from '../dist/errors.js';
import { runCli, tempDir } from './helpers/cli.js';
import { scriptedPrompter } from './helpers/fake-prompter.js';

const ORDER = 'secret_orderKEY1234';
const PRODUCT = 'public_productKEY5678';
const SIGNATURE = 'sign_webhookKEY9012';
const SECRETS = [ORDER, PRODUCT, SIGNATURE];
const KEYS = { ECWID_ORDER_KEY: ORDER, ECWID_PRODUCT_KEY: PRODUCT };

/** A run in a fresh folder with its own config store; optional config values and files. */
async function init(t, argv, { env = {}, config, files = {}, stdin, tty, prompter } = {}) {
  const cwd = tempDir(t);
  const configDir = join(cwd, '.config');
  if (config !== undefined) {
    mkdirSync(configDir);
    writeFileSync(join(configDir, 'config.json'), typeof config === 'string' ? config : JSON.stringify(config));
  }
  for (const [name, text] of Object.entries(files)) writeFileSync(join(cwd, name), text);
  const result = await runCli(['init', ...argv], { cwd, env: { ECWID_INSTANCE_CONFIG_DIR: configDir, ...env }, stdin, tty, prompter });
  const jsonOnStdout = argv.includes('-o') && argv[argv.indexOf('-o') + 1] === '-';
  for (const secret of SECRETS) {
    if (!jsonOnStdout) assert.ok(!result.stdout.includes(secret), 'no secret on stdout');
    assert.ok(!result.stderr.includes(secret), 'no secret on stderr');
  }
  const path = join(cwd, argv.includes('-o') ? argv[argv.indexOf('-o') + 1] : 'instance.json');
  const text = existsSync(path) ? readFileSync(path, 'utf8') : undefined;
  const written = text?.startsWith('{') ? JSON.parse(text) : text;
  return { ...result, cwd, path, written, configuration: written?.configuration };
}

const summary = (file, { events = true, host = 'https://api.cloud-elements.com', storeId = '4870020', flags = '' } = {}) =>
  `Wrote ${file}

Legacy API Key URL: https://my.ecwid.com/store/${storeId}#legacy_api
ION Cannon URL:     ${host}/elements/api-v2/events/ecwid

Next steps:
${events ? '  1. Open the Legacy API Key URL while logged in to Ecwid, paste the ION Cannon URL into the "ION Cannon endpoint URL" field, and save.\n' : ''}  ${events ? 2 : 1}. Create the instance on Cloud Elements: ecwid-instance provision ${file}${flags}
`;

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

  test('a --...-file flag wins over the environment variable', async (t) => {
    const r = await init(t, ['--store-id', '1', '--order-key-file', 'order.txt'], { env: { ...KEYS, ECWID_ORDER_KEY: 'env_order_key' }, files: { 'order.txt': ORDER } });
    assert.equal(r.configuration['ecwid.order.key'], ORDER);
  });

  test('events: on with a callback URL, off without; --no-events drops the callback URL; --events needs one', async (t) => {
    const on = await init(t, ['--store-id', '1'], { env: { ...KEYS, ECWID_CALLBACK_URL: 'https://a.example/e' } });
    assert.equal(on.configuration['event.notification.enabled'], 'true');
    const off = await init(t, ['--store-id', '1'], { env: KEYS });
    assert.equal(off.stdout, summary('instance.json', { events: false, storeId: '1' }));
    assert.deepEqual(Object.keys(off.configuration), ['ecwid.order.key', 'ecwid.product.key', 'ecwid.store.id', 'event.notification.enabled']);
    assert.equal(off.configuration['event.notification.enabled'], 'false');
    const dropped = await init(t, ['--store-id', '1', '--no-events', '--callback-url', 'https://a.example/e'], { env: { ...KEYS, ECWID_SIGNATURE_KEY: SIGNATURE } });
    assert.equal(dropped.code, 0);
    assert.equal(dropped.configuration['event.notification.enabled'], 'false');
    assert.equal(dropped.configuration['event.notification.callback.url'], undefined);
    assert.equal(dropped.configuration['event.notification.signature.key'], undefined);
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

describe('init: missing values (nothing can be asked)', () => {
  const HINT = "Give them as above, or run init in a terminal to be asked. Secrets come from a file (- for stdin) or the environment, never from a flag's value.\n";
  const cases = [
    [
      'everything',
      ['--events'],
      {},
      `error: missing 4 required values:
  store ID                      --store-id <id> or ECWID_STORE_ID
  Order API secret              --order-key-file <file> or ECWID_ORDER_KEY
  Product API secret            --product-key-file <file> or ECWID_PRODUCT_KEY
  callback URL (events are on)  --callback-url <url> or ECWID_CALLBACK_URL
`,
    ],
    ['the store ID', [], KEYS, 'error: missing a required value:\n  store ID  --store-id <id> or ECWID_STORE_ID\n'],
    ['the Order API secret', ['--store-id', '1'], { ECWID_PRODUCT_KEY: PRODUCT }, 'error: missing a required value:\n  Order API secret  --order-key-file <file> or ECWID_ORDER_KEY\n'],
    [
      'both secrets',
      ['--store-id', '1'],
      {},
      'error: missing 2 required values:\n  Order API secret    --order-key-file <file> or ECWID_ORDER_KEY\n  Product API secret  --product-key-file <file> or ECWID_PRODUCT_KEY\n',
    ],
    ['the Product API secret', ['--store-id', '1'], { ECWID_ORDER_KEY: ORDER }, 'error: missing a required value:\n  Product API secret  --product-key-file <file> or ECWID_PRODUCT_KEY\n'],
    ['the callback URL when --events is given', ['--store-id', '1', '--events'], KEYS, 'error: missing a required value:\n  callback URL (events are on)  --callback-url <url> or ECWID_CALLBACK_URL\n'],
  ];
  for (const [label, argv, env, expected] of cases) {
    test(label, async (t) => {
      const r = await init(t, argv, { env });
      assert.deepEqual({ code: r.code, stdout: r.stdout, stderr: r.stderr, written: r.written }, { code: 2, stdout: '', stderr: expected + HINT, written: undefined });
    });
  }

  test('empty environment variables count as missing', async (t) => {
    const r = await init(t, [], { env: { ECWID_STORE_ID: '', ECWID_ORDER_KEY: '', ECWID_PRODUCT_KEY: '' } });
    assert.equal(r.code, 2);
    assert.match(r.stderr, /^error: missing 3 required values:/);
  });
});

describe('init: bad values are usage errors naming their source', () => {
  const cases = [
    ['--store-id', ['--store-id', 'abc'], KEYS, 'error: --store-id: the store ID must be digits, such as 4870020\n'],
    ['ECWID_STORE_ID', [], { ...KEYS, ECWID_STORE_ID: '48-70' }, 'error: ECWID_STORE_ID: the store ID must be digits, such as 4870020\n'],
    ['ECWID_ORDER_KEY', ['--store-id', '1'], { ...KEYS, ECWID_ORDER_KEY: `${ORDER} x` }, 'error: ECWID_ORDER_KEY: the Order API secret must not contain spaces or line breaks\n'],
    ['ECWID_SIGNATURE_KEY', ['--store-id', '1'], { ...KEYS, ECWID_SIGNATURE_KEY: 'x'.repeat(129) }, 'error: ECWID_SIGNATURE_KEY: the signature key must be at most 128 characters\n'],
    ['--callback-url', ['--store-id', '1', '--callback-url', 'ftp://x.example'], KEYS, 'error: --callback-url: the callback URL must be an absolute http(s) URL, such as https://example.com/ecwid/events\n'],
    ['--name', ['--store-id', '1', '--name', ' '], KEYS, 'error: --name: the name must not be empty\n'],
    ['--tag', ['--store-id', '1', '--tag', ''], KEYS, 'error: --tag: a tag must not be empty\n'],
    ['--base-url', ['--store-id', '1', '--base-url', 'http://example.com'], KEYS, 'error: --base-url: plain http:// is accepted only for localhost; secrets would travel in clear\nUse https://.\n'],
    ['CLOUD_ELEMENTS_ENVIRONMENT', ['--store-id', '1'], { ...KEYS, CLOUD_ELEMENTS_ENVIRONMENT: 'mars' }, 'error: CLOUD_ELEMENTS_ENVIRONMENT: unknown environment "mars"\nUse one of: us, eu, staging, sap-us2, sap-eu10; or --base-url for another host.\n'],
    ['--json with --output -', ['--json', '-o', '-'], KEYS, 'error: --json and --output - both write to stdout\nWrite the file with --output <file>, or drop --json.\n'],
    [
      'two secrets from stdin',
      ['--store-id', '1', '--order-key-file', '-', '--product-key-file', '-'],
      {},
      'error: only one secret can come from stdin, but --order-key-file and --product-key-file all read -\nGive the others as files or environment variables.\n',
    ],
  ];
  for (const [label, argv, env, stderr] of cases) {
    test(label, async (t) => {
      const r = await init(t, argv, { env });
      assert.deepEqual({ code: r.code, stdout: r.stdout, stderr: r.stderr, written: r.written }, { code: 2, stdout: '', stderr, written: undefined });
    });
  }

  test('a bad value in the config store names the key', async (t) => {
    const r = await init(t, [], { env: KEYS, config: { 'store-id': 'x1' } });
    assert.equal(r.code, 2);
    assert.equal(r.stderr, 'error: config store-id: the store ID must be digits, such as 4870020\n');
  });

  test('--environment outside the list is refused by the parser', async (t) => {
    const r = await init(t, ['--environment', 'mars'], { env: KEYS });
    assert.equal(r.code, 2);
    assert.match(r.stderr, /argument 'mars' is invalid. Allowed choices are us, eu, staging, sap-us2, sap-eu10/);
  });

  test('an empty secret file is a usage error, a missing one a file-system error', async (t) => {
    const empty = await init(t, ['--store-id', '1', '--order-key-file', 'order.txt'], { env: KEYS, files: { 'order.txt': '\n' } });
    assert.deepEqual([empty.code, empty.stderr], [2, 'error: --order-key-file: order.txt is empty\n']);
    const missing = await init(t, ['--store-id', '1', '--order-key-file', 'nope.txt'], { env: KEYS });
    assert.deepEqual([missing.code, missing.stderr], [3, 'error: --order-key-file: cannot read nope.txt: no such file or directory\n']);
  });

  test('a corrupt config file is exit 3 naming it', async (t) => {
    const r = await init(t, ['--store-id', '1'], { env: KEYS, config: '{"store-id": ' });
    assert.equal(r.code, 3);
    assert.equal(r.stderr, `error: the config file ${join(r.cwd, '.config', 'config.json')} is corrupt (not valid JSON)\nFix it by hand or delete it; it was left as it is.\n`);
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
      storeId: '4870020',
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

describe('init: when it may prompt', () => {
  const noPrompt = {
    input: () => assert.fail('must not prompt'),
    password: () => assert.fail('must not prompt'),
    confirm: () => assert.fail('must not prompt'),
  };
  for (const [label, argv, env] of [
    ['--no-input', ['--no-input'], {}],
    ['--json', ['--json'], {}],
    ['CI', [], { CI: 'true' }],
    ['a secret read from stdin', ['--order-key-file', '-'], {}],
  ]) {
    test(`on a terminal, ${label} turns prompting off`, async (t) => {
      const r = await init(t, argv, { env, tty: true, prompter: noPrompt, stdin: `${ORDER}\n` });
      assert.equal(r.code, 2);
      assert.match(r.stderr, /^error: missing /);
    });
  }

  test('with a terminal, the wizard asks only for what is missing and writes the file', async (t) => {
    const script = scriptedPrompter([PRODUCT, false, '', 'eu']);
    const r = await init(t, ['--store-id', '77'], { env: { ECWID_ORDER_KEY: ORDER }, tty: true, prompter: script.prompter });
    assert.equal(r.code, 0, r.stderr);
    assert.deepEqual(script.transcript.map((e) => e.message), ['Product API secret', 'Send Ecwid order events to your app (webhooks)?', 'Instance name', 'Tags, comma-separated (optional)']);
    assert.equal(r.stderr, '\nOpen this page while logged in to your Ecwid store, and copy both the Order and the Product API secret:\n  https://my.ecwid.com/store/77#legacy_api\n\n');
    assert.equal(r.stdout, summary('instance.json', { events: false, storeId: '77' }));
    assert.deepEqual(r.written.tags, ['eu']);
  });

  test('--output - on a terminal is refused: the secrets would be shown', async (t) => {
    const r = await init(t, ['--store-id', '1', '-o', '-'], { env: KEYS, tty: true, prompter: noPrompt });
    assert.deepEqual([r.code, r.stdout], [2, '']);
    assert.equal(r.stderr, 'error: --output - would show the secrets on the terminal\nPipe it into another command (e.g. | ecwid-instance provision -), or write a file with --output <file>.\n');
  });

  test('cancelling at a prompt exits 130 and writes nothing', async (t) => {
    const script = scriptedPrompter(['4870020', ORDER, cancelled()]);
    const r = await init(t, [], { tty: true, prompter: script.prompter });
    assert.equal(r.code, 130);
    assert.match(r.stderr, /Cancelled\n$/);
    assert.equal(r.written, undefined);
  });

  test('declining to replace an existing file exits 130 and leaves it untouched', async (t) => {
    const script = scriptedPrompter([false]);
    const r = await init(t, ['--store-id', '1', '--no-events', '--name', 'n', '--tag', 't'], { env: KEYS, tty: true, prompter: script.prompter, files: { 'instance.json': 'old\n' } });
    assert.equal(r.code, 130);
    assert.equal(script.transcript[0].message, 'instance.json already exists. Replace it?');
    assert.equal(readFileSync(r.path, 'utf8'), 'old\n');
  });
});

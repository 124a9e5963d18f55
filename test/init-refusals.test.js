// init refusing: every missing value in one error, and each bad value named by where it came from.
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { init, KEYS, ORDER, PRODUCT } from './helpers/init-run.js';

describe('init: missing values (nothing can be asked)', () => {
  const HINT = "Nothing is asked: stdin and stdout are not terminals. Give them as above, or run init in a terminal to be asked. Secrets come from a file (- for stdin) or the environment, never from a flag's value.\n";
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
    ['a 200-digit --store-id', ['--store-id', '1'.repeat(200)], KEYS, 'error: --store-id: the store ID is too long: 200 digits, at most 128\n'],
    ['a --callback-url with a space', ['--store-id', '1', '--callback-url', 'https://example.com/a b'], KEYS, 'error: --callback-url: the callback URL is not a valid URL: percent-encode spaces and other special characters (a space is %20)\n'],
    ['ECWID_PRODUCT_KEY with two trailing newlines', ['--store-id', '1'], { ...KEYS, ECWID_PRODUCT_KEY: `${PRODUCT}\n\n` }, 'error: ECWID_PRODUCT_KEY: the Product API secret must not contain spaces or line breaks\n'],
    ['--name', ['--store-id', '1', '--name', ' '], KEYS, 'error: --name: the name must not be empty\n'],
    ['a --tag that is a docs placeholder', ['--store-id', '1', '--tag', '<Add_Your_Tag>'], KEYS, 'error: --tag: the tag "<Add_Your_Tag>" is still a docs placeholder\n'],
    ['--tag', ['--store-id', '1', '--tag', ''], KEYS, "error: option '--tag <tag>' was given an empty value\nGive it a value, or leave --tag out.\n"],
    ['--base-url', ['--store-id', '1', '--base-url', 'http://example.com'], KEYS, 'error: --base-url: plain http:// is accepted only for localhost; secrets would travel in clear\nUse https://.\n'],
    ['CLOUD_ELEMENTS_ENVIRONMENT', ['--store-id', '1'], { ...KEYS, CLOUD_ELEMENTS_ENVIRONMENT: 'mars' }, 'error: CLOUD_ELEMENTS_ENVIRONMENT: unknown environment "mars"\nUse one of: us, eu, staging, sap-us2, sap-eu10, sap-<region> or sap-trial-<region> (a region is two letters and one or two digits, such as us10); or --base-url for another host.\n'],
    ['--json with --output -', ['--json', '-o', '-'], KEYS, 'error: --json and --output - both write to stdout\nWrite the file with --output <file>, or drop --json.\n'],
    [
      'two secrets from stdin',
      ['--store-id', '1', '--order-key-file', '-', '--product-key-file', '-'],
      {},
      'error: stdin can be read only once, but --order-key-file and --product-key-file both read it\nGive the others as files or environment variables.\n',
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
    assert.match(r.stderr, /^error: --environment: unknown environment "mars"\nUse one of: us, eu, staging, sap-us2, sap-eu10, sap-<region> or sap-trial-<region>/);
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

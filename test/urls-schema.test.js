import assert from 'node:assert/strict';
import { readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { runCli, tempDir } from './helpers/cli.js';
import { fixtures, root } from './helpers/paths.js';

const LEGACY = 'https://my.ecwid.com/store/4870020#legacy_api';

describe('urls', () => {
  test('--store-id prints both URLs, each whole on its own line', async () => {
    const { code, stdout, stderr } = await runCli(['urls', '--store-id', '4870020']);
    assert.equal(stdout, `${LEGACY}\nhttps://api.cloud-elements.com/elements/api-v2/events/ecwid\n`);
    assert.equal(stderr, '');
    assert.equal(code, 0);
  });

  const hosts = {
    us: 'https://api.cloud-elements.com',
    eu: 'https://api.cloud-elements.co.uk',
    staging: 'https://staging.cloud-elements.com',
    'sap-us2': 'https://api.openconnectors.us2.ext.hana.ondemand.com',
    'sap-eu10': 'https://api.openconnectors.eu10.ext.hana.ondemand.com',
  };
  for (const [environment, host] of Object.entries(hosts)) {
    test(`--environment ${environment} and CLOUD_ELEMENTS_ENVIRONMENT=${environment}`, async () => {
      const expected = { storeId: '4870020', environment, legacyApiKeyUrl: LEGACY, ionCannonUrl: `${host}/elements/api-v2/events/ecwid` };
      const flag = await runCli(['urls', '--store-id', '4870020', '--environment', environment, '--json']);
      assert.deepEqual(JSON.parse(flag.stdout), expected);
      const env = await runCli(['urls', '--json'], { env: { ECWID_STORE_ID: '4870020', CLOUD_ELEMENTS_ENVIRONMENT: environment } });
      assert.deepEqual(JSON.parse(env.stdout), expected);
    });
  }

  test('--base-url gives the API host; plain http only for loopback', async () => {
    const custom = await runCli(['urls', '--store-id', '1', '--base-url', 'https://ce.example.com/', '--json']);
    assert.equal(JSON.parse(custom.stdout).ionCannonUrl, 'https://ce.example.com/elements/api-v2/events/ecwid');
    assert.equal(JSON.parse(custom.stdout).environment, 'custom');
    for (const ok of ['http://localhost:8080', 'http://127.0.0.1:9', 'http://127.5.5.5:9', 'http://[::1]:80']) {
      assert.equal((await runCli(['urls', '--store-id', '1', '--base-url', ok])).code, 0, ok);
    }
    const insecure = await runCli(['urls', '--store-id', '1', '--base-url', 'http://ce.example.com']);
    assert.equal(insecure.code, 2);
    assert.match(insecure.stderr, /^error: --base-url: plain http:\/\/ is accepted only for localhost; secrets would travel in clear\n/);
    const env = await runCli(['urls', '--store-id', '1'], { env: { CLOUD_ELEMENTS_BASE_URL: 'http://10.0.0.1' } });
    assert.equal(env.code, 2);
    assert.match(env.stderr, /^error: CLOUD_ELEMENTS_BASE_URL: plain http/);
  });

  test('an unknown environment is a usage error naming the choices', async () => {
    const flag = await runCli(['urls', '--store-id', '1', '--environment', 'mars']);
    assert.equal(flag.code, 2);
    assert.equal(flag.stderr, 'error: --environment: unknown environment "mars"\nUse one of: us, eu, staging, sap-us2, sap-eu10, sap-<region> or sap-trial-<region> (a region is two letters and one or two digits, such as us10); or --base-url for another host.\n');
    const env = await runCli(['urls', '--store-id', '1'], { env: { CLOUD_ELEMENTS_ENVIRONMENT: 'mars' } });
    assert.equal(env.code, 2);
    assert.equal(env.stderr, 'error: CLOUD_ELEMENTS_ENVIRONMENT: unknown environment "mars"\nUse one of: us, eu, staging, sap-us2, sap-eu10, sap-<region> or sap-trial-<region> (a region is two letters and one or two digits, such as us10); or --base-url for another host.\n');
  });

  test('store ID precedence: flag > named file > ECWID_STORE_ID > ./instance.json', async (t) => {
    const dir = tempDir(t);
    const file = readFileSync(join(fixtures, 'valid/docs-example-filled.json'), 'utf8');
    writeFileSync(join(dir, 'named.json'), file.replace('4870020', '111'));
    writeFileSync(join(dir, 'instance.json'), file.replace('4870020', '333'));
    const id = async (argv, env = {}) => JSON.parse((await runCli(['urls', '--json', ...argv], { cwd: dir, env })).stdout).storeId;
    assert.equal(await id(['--store-id', '999', 'named.json'], { ECWID_STORE_ID: '222' }), '999');
    assert.equal(await id(['named.json'], { ECWID_STORE_ID: '222' }), '111');
    assert.equal(await id([], { ECWID_STORE_ID: '222' }), '222');
    assert.equal(await id([]), '333');
    // The config store sits between the variable and ./instance.json.
    const configDir = join(dir, 'config');
    assert.equal((await runCli(['config', 'set', 'store-id', '555'], { cwd: dir, env: { ECWID_INSTANCE_CONFIG_DIR: configDir } })).code, 0);
    assert.equal(await id([], { ECWID_INSTANCE_CONFIG_DIR: configDir }), '555');
    assert.equal(await id([], { ECWID_INSTANCE_CONFIG_DIR: configDir, ECWID_STORE_ID: '222' }), '222');
  });

  test('API host precedence: flag > variable > config store > us', async (t) => {
    const env = { ECWID_INSTANCE_CONFIG_DIR: join(tempDir(t), 'config') };
    assert.equal((await runCli(['config', 'set', 'environment', 'eu'], { env })).code, 0);
    const environment = async (argv, more = {}) => JSON.parse((await runCli(['urls', '--json', '--store-id', '1', ...argv], { env: { ...env, ...more } })).stdout).environment;
    assert.equal(await environment([]), 'eu');
    assert.equal(await environment([], { CLOUD_ELEMENTS_ENVIRONMENT: 'staging' }), 'staging');
    assert.equal(await environment([], { CLOUD_ELEMENTS_BASE_URL: 'https://ce.example.com' }), 'custom');
    assert.equal(await environment(['--environment', 'sap-us2'], { CLOUD_ELEMENTS_ENVIRONMENT: 'staging' }), 'sap-us2');
    assert.equal(await environment([], { ECWID_INSTANCE_CONFIG_DIR: join(tempDir(t), 'empty') }), 'us');
  });

  test('a typed store ID is trimmed, as init and config set trim it', async () => {
    for (const [argv, env] of [[['--store-id', ' 4870020 '], {}], [[], { ECWID_STORE_ID: '4870020\n' }]]) {
      const result = await runCli(['urls', '--json', ...argv], { env });
      assert.equal(result.code, 0, result.stderr);
      assert.equal(JSON.parse(result.stdout).storeId, '4870020');
    }
  });

  test('a store ID that is not digits, or none at all: exit 2', async (t) => {
    const bad = await runCli(['urls', '--store-id', '48a']);
    assert.equal(bad.code, 2);
    assert.equal(bad.stderr, 'error: --store-id: the store ID must be digits, such as 4870020\n');
    const none = await runCli(['urls'], { cwd: tempDir(t) });
    assert.equal(none.code, 2);
    assert.match(none.stderr, /^error: no store ID: give --store-id, an instance file, or ECWID_STORE_ID\n/);
  });

  test('a bad store ID in an instance file is invalid data: exit 1', async (t) => {
    const dir = tempDir(t);
    const file = readFileSync(join(fixtures, 'valid/docs-example-filled.json'), 'utf8');
    writeFileSync(join(dir, 'placeholder.json'), file.replace('"4870020"', '"<INSERT_STORE_ID>"'));
    const { code, stderr } = await runCli(['urls', 'placeholder.json'], { cwd: dir });
    assert.equal(code, 1);
    assert.equal(stderr, 'error: placeholder.json: the store ID must be digits, such as 4870020\nCheck it with: ecwid-instance validate placeholder.json\n');
  });

  test('a named file that is not JSON says where it breaks: exit 1', async (t) => {
    const dir = tempDir(t);
    writeFileSync(join(dir, 'b.json'), '{"configuration":{"ecwid.store.id":"4870020",}}');
    const { code, stderr } = await runCli(['urls', 'b.json'], { cwd: dir });
    assert.equal(code, 1);
    assert.equal(stderr, "error: b.json:1:46: invalid JSON: unexpected '}'\nCheck it with: ecwid-instance validate b.json\n");
  });

  test('a named file that cannot be read: exit 3', async (t) => {
    const { code, stderr } = await runCli(['urls', 'missing.json'], { cwd: tempDir(t) });
    assert.equal(code, 3);
    assert.equal(stderr, 'error: cannot read missing.json: no such file or directory\n');
  });
});

describe('schema', () => {
  const shipped = readFileSync(join(root, 'schemas/ecwid-instance.schema.json'), 'utf8');

  test('every key says what it expects: problem messages are made from these texts, kept beside the schema', async () => {
    const { EXPECTED_TEXTS } = await import('../dist/validation/checking/expected-texts.js');
    const keys = [];
    const visit = (node, where) => {
      keys.push(where);
      for (const [key, child] of Object.entries(node.properties ?? {})) visit(child, `${where}/${key}`);
      if (node.items) visit(node.items, `${where}/*`);
    };
    visit(JSON.parse(shipped), '');
    assert.deepEqual(keys.filter((key) => typeof EXPECTED_TEXTS[key] !== 'string' || EXPECTED_TEXTS[key] === ''), []);
    assert.deepEqual(Object.keys(EXPECTED_TEXTS).filter((key) => !keys.includes(key)), []);
  });

  test('prints the bundled schema, byte for byte', async () => {
    const { code, stdout } = await runCli(['schema']);
    assert.equal(stdout, shipped);
    assert.equal(code, 0);
  });

  test('-o writes it to a file', async (t) => {
    const dir = tempDir(t);
    const { code, stdout } = await runCli(['schema', '-o', 'out.schema.json'], { cwd: dir });
    assert.equal(code, 0);
    assert.equal(stdout, '');
    assert.equal(readFileSync(join(dir, 'out.schema.json'), 'utf8'), shipped);
    assert.equal(statSync(join(dir, 'out.schema.json')).mode & 0o777, 0o644);
  });

  test('-o over an existing file: exit 3 and untouched, unless --force', async (t) => {
    const dir = tempDir(t);
    writeFileSync(join(dir, 'out.json'), 'mine\n');
    const kept = await runCli(['schema', '-o', 'out.json'], { cwd: dir });
    assert.equal(kept.code, 3);
    assert.equal(kept.stderr, `error: ${join(dir, 'out.json')} already exists\nUse --force to replace it, or choose another --output.\n`);
    assert.equal(readFileSync(join(dir, 'out.json'), 'utf8'), 'mine\n');
    assert.equal((await runCli(['schema', '-o', 'out.json', '--force'], { cwd: dir })).code, 0);
    assert.equal(readFileSync(join(dir, 'out.json'), 'utf8'), shipped);
  });

  test('draft-07, with a title, description and examples for every property', () => {
    const schema = JSON.parse(shipped);
    assert.equal(schema.$schema, 'http://json-schema.org/draft-07/schema#');
    const missing = [];
    const visit = (node, path) => {
      for (const [key, property] of Object.entries(node.properties ?? {})) {
        for (const field of ['title', 'description', 'examples']) if (!(field in property)) missing.push(`${path}${key}.${field}`);
        visit(property, `${path}${key}/`);
        if (property.items) visit({ properties: { '[]': property.items } }, `${path}${key}/`);
      }
    };
    visit(schema, '');
    assert.deepEqual(missing, []);
    assert.deepEqual(schema.required, ['element', 'configuration', 'name']);
    // The required configuration keys depend on the authentication type: if/then/else at the top level.
    const keys = (branch) => branch.properties.configuration.required;
    assert.deepEqual(
      [schema.if.$ref, schema.then.if.$ref, keys(schema.then.then), keys(schema.then.else)],
      ['#/definitions/declared', '#/definitions/oauth2Declared', ['oauth.api.key', 'oauth.api.secret', 'oauth.callback.url'], ['ecwid.store.id', 'ecwid.order.key', 'ecwid.product.key']],
    );
    assert.deepEqual(
      [schema.else.if.$ref, schema.else.then.if.$ref, keys(schema.else.then.then), keys(schema.else.then.else), keys(schema.else.else)],
      ['#/definitions/oauthKeys', '#/definitions/legacyKeys', ['authentication.type'], ['oauth.api.key', 'oauth.api.secret', 'oauth.callback.url'], ['ecwid.store.id', 'ecwid.order.key', 'ecwid.product.key']],
    );
  });
});

// init of OAuth2 files without a terminal: flags, variables, config, the inferred type, refusals.
import assert from 'node:assert/strict';
import { readFileSync, statSync } from 'node:fs';
import { describe, test } from 'node:test';
import { registerInit } from '../dist/commands/init.js';
import { init, KEYS } from './helpers/init-run.js';
import { parsedOptions } from './helpers/parse-options.js';

const CLIENT_SECRET = 'client_SECRET_abcd1234';
const OAUTH = { ECWID_CLIENT_SECRET: CLIENT_SECRET };
const APP = ['--client-id', 'my-app', '--redirect-url', 'http://localhost:8787/callback', '--name', 'shop'];

function noSecret(r) {
  assert.ok(!r.stdout.includes(CLIENT_SECRET) && !r.stderr.includes(CLIENT_SECRET), 'the client secret was printed');
  assert.ok(!r.stderr.includes(CLIENT_SECRET.slice(-8)), 'part of the client secret was printed');
}

describe('init: OAuth2 without a terminal', () => {
  test('--client-id makes it oauth2: the app\'s keys, authentication.type, mode 0600, no legacy URL, how provision gets the code', async (t) => {
    const r = await init(t, [...APP, '--no-events'], { env: OAUTH });
    assert.equal(r.code, 0, r.stderr);
    noSecret(r);
    assert.equal(
      readFileSync(r.path, 'utf8'),
      `{
  "element": {
    "key": "ecwid"
  },
  "configuration": {
    "authentication.type": "oauth2",
    "oauth.api.key": "my-app",
    "oauth.api.secret": "${CLIENT_SECRET}",
    "oauth.callback.url": "http://localhost:8787/callback",
    "event.notification.enabled": "false"
  },
  "name": "shop"
}
`,
    );
    assert.equal(statSync(r.path).mode & 0o777, 0o600);
    assert.equal(
      r.stdout,
      'Wrote instance.json\n\nION Cannon URL: https://api.cloud-elements.com/elements/api-v2/events/ecwid\n\nNext steps:\n' +
        '  1. Create the instance on Cloud Elements: ecwid-instance provision instance.json\n' +
        "     It prints the Ecwid authorization page (--open opens it) for the store owner to allow the app; it catches the browser's redirect to http://localhost:8787/callback itself.\n",
    );
    assert.doesNotMatch(r.stdout, /legacy_api|Legacy API Key/);
  });

  test('--json: authType, clientId, redirectUrl; storeId and legacyApiKeyUrl null; a scope and a secret from a file', async (t) => {
    const r = await init(t, ['--client-id', 'my-app', '--client-secret-file', 'client.secret', '--redirect-url', 'https://example.com/oauth', '--name', 'shop', '--scope', 'read_orders read_catalog', '--callback-url', 'https://example.com/e', '--environment', 'sap-trial-ap21', '--json'], {
      files: { 'client.secret': `${CLIENT_SECRET}\n` },
    });
    assert.equal(r.code, 0, r.stderr);
    noSecret(r);
    assert.deepEqual(JSON.parse(r.stdout), {
      file: 'instance.json',
      authType: 'oauth2',
      storeId: null,
      clientId: 'my-app',
      redirectUrl: 'https://example.com/oauth',
      name: 'shop',
      eventsEnabled: true,
      callbackUrl: 'https://example.com/e',
      environment: 'sap-trial-ap21',
      legacyApiKeyUrl: null,
      ionCannonUrl: 'https://api.openconnectors.trial.ap21.ext.hana.ondemand.com/elements/api-v2/events/ecwid',
    });
    assert.equal(r.configuration['oauth.api.secret'], CLIENT_SECRET);
    assert.equal(r.configuration['oauth.scope'], 'read_orders read_catalog');
  });

  test('--auth, ECWID_AUTH_TYPE and config auth name the type, in that order; without them, the values given decide', async (t) => {
    const env = { ...OAUTH, ECWID_CLIENT_ID: 'my-app', ECWID_REDIRECT_URL: 'https://example.com/oauth', ...KEYS };
    const byVariable = await init(t, ['--name', 'shop', '--store-id', '1'], { env });
    assert.equal(byVariable.configuration['authentication.type'], 'oauth2', 'ECWID_CLIENT_ID says oauth2');
    assert.equal(byVariable.stderr, 'warning: --store-id is not used: the instance authenticates with OAuth2\n');
    const legacy = await init(t, ['--store-id', '1'], { env: KEYS });
    assert.equal(legacy.configuration['authentication.type'], 'custom', 'no OAuth2 value: custom');
    const flag = await init(t, ['--auth', 'custom', '--store-id', '1'], { env: { ...env, ECWID_AUTH_TYPE: 'oauth2' } });
    assert.equal(flag.configuration['authentication.type'], 'custom', '--auth wins over ECWID_AUTH_TYPE');
    const variable = await init(t, ['--name', 'shop'], { env: { ...env, ECWID_AUTH_TYPE: 'oauth2' }, config: { auth: 'custom' } });
    assert.equal(variable.configuration['authentication.type'], 'oauth2', 'ECWID_AUTH_TYPE wins over config');
    const config = await init(t, ['--store-id', '1'], { env, config: { auth: 'custom' } });
    assert.equal(config.configuration['authentication.type'], 'custom', 'config auth wins over what the values say');
    const configured = await init(t, ['--name', 'shop'], { env: OAUTH, config: { auth: 'oauth2', 'client-id': 'cfg-app', 'redirect-url': 'https://example.com/cfg' } });
    assert.equal(configured.code, 0, configured.stderr);
    assert.deepEqual([configured.configuration['oauth.api.key'], configured.configuration['oauth.callback.url']], ['cfg-app', 'https://example.com/cfg']);
  });

  test('missing OAuth2 values: exit 2 listing each with its flag and variable, and nothing written', async (t) => {
    const r = await init(t, ['--auth', 'oauth2', '--callback-url', 'https://example.com/e']);
    assert.equal(r.code, 2);
    assert.equal(r.written, undefined);
    assert.match(
      r.stderr,
      /^error: missing 4 required values:\n {2}client ID {6}--client-id <id> or ECWID_CLIENT_ID\n {2}client secret {2}--client-secret-file <file> or ECWID_CLIENT_SECRET\n {2}redirect URL {3}--redirect-url <url> or ECWID_REDIRECT_URL\n {2}instance name {2}--name <name> or config name\n/,
    );
    assert.doesNotMatch(r.stderr, /store ID|Order API|Product API/);
  });

  test('bad values name their source; a bad --auth is refused as it is parsed', async (t) => {
    const cases = [
      [['--auth', 'legacy'], {}, /^error: option '--auth <type>' argument 'legacy' is invalid\. use custom \(legacy API keys\) or oauth2 \(an Ecwid app\)\.\n/],
      [[], { ECWID_AUTH_TYPE: 'OAuth' }, /^error: ECWID_AUTH_TYPE: unknown authentication type "OAuth"\n/],
      [[...APP.slice(0, 2), '--redirect-url', 'http://example.com/cb', '--name', 's'], OAUTH, /^error: --redirect-url: the redirect URL may use plain http:\/\/ only for localhost/],
      [['--client-id', 'my app', '--redirect-url', 'https://e.example/cb', '--name', 's'], OAUTH, /^error: --client-id: the client ID must be your Ecwid app's client ID, without spaces\n/],
      [APP, { ECWID_CLIENT_SECRET: 'two words' }, /^error: ECWID_CLIENT_SECRET: the client secret must not contain spaces or line breaks\n/],
      [[...APP, '--scope', 'read_orders\nx'], OAUTH, /^error: --scope: the scope must be scope names separated by single spaces/],
    ];
    for (const [argv, env, expected] of cases) {
      const r = await init(t, argv, { env });
      assert.equal(r.code, 2, `${argv.join(' ')} ${JSON.stringify(env)}: ${r.stderr}`);
      assert.match(r.stderr, expected);
      assert.equal(r.written, undefined);
    }
  });
});

describe('init: argv → options for the OAuth2 flags', () => {
  const parse = (argv) => parsedOptions(registerInit, ['init', ...argv]);
  const cases = [
    [[], { auth: undefined, clientId: undefined, clientSecretFile: undefined, redirectUrl: undefined, scope: undefined }],
    [['--auth', 'oauth2'], { auth: 'oauth2' }],
    [['--auth', 'custom'], { auth: 'custom' }],
    [['--client-id', 'my-app'], { clientId: 'my-app' }],
    [['--client-secret-file', '-'], { clientSecretFile: '-' }],
    [['--client-secret-file', 'client.secret'], { clientSecretFile: 'client.secret' }],
    [['--redirect-url', 'http://localhost:8787/callback'], { redirectUrl: 'http://localhost:8787/callback' }],
    [['--scope', 'read_orders read_catalog'], { scope: 'read_orders read_catalog' }],
    [['--environment', 'sap-trial-ap21'], { environment: 'sap-trial-ap21' }],
  ];
  for (const [argv, expected] of cases) {
    test(`${argv.join(' ') || '(none)'}`, async () => {
      const options = await parse(argv);
      for (const [key, value] of Object.entries(expected)) assert.equal(options[key], value, key);
    });
  }
  test('--client-secret <value> does not exist: a secret is never a flag value', async () => {
    await assert.rejects(parse(['--client-secret', 'abc']), (error) => error.code === 'commander.unknownOption');
  });
});

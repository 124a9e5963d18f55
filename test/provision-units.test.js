// The pure parts of provision: building and masking the request, what may be printed, the API host,
// and the options as commander parses them.
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { cleanText } from '../dist/cloud-elements/api-error.js';
import { findApiTarget } from '../dist/cloud-elements/environments.js';
import { createInstanceRequest, formatRequest, instanceBody, listInstancesRequest, maskInstanceBody } from '../dist/cloud-elements/request.js';
import { instanceSecrets, isSecretConfigurationKey } from '../dist/instance/configuration-secrets.js';
import { parseSeconds, registerProvision } from '../dist/commands/provision.js';
import { redactSecrets, SecretList } from '../dist/secrets/secret-list.js';
import { stripOneTrailingNewline } from '../dist/secrets/secret-list.js';
import { checkOneStdinReader, SECRET_LIKE_NAME } from '../dist/secrets/secret-input.js';
import { readInstanceFile } from '../dist/instance/read-instance-file.js';
import { connectionTargets, isLoopbackHost, isLoopbackUrl, loopbackAddresses } from '../dist/util/url-safety.js';
import { runCli, tempDir } from './helpers/cli.js';
import { parsedOptions } from './helpers/parse-options.js';

const body = {
  element: { key: 'ecwid' },
  configuration: { 'ecwid.store.id': '4870020', 'ecwid.order.key': 'secret_4xY7pQ2wN9', 'ecwid.product.kye': 'public_8kL3mZ6vB1', 'oauth.api.secret': 'abc' },
  name: 'shop',
};

describe('request building', () => {
  test('instanceBody drops only the top-level $schema', () => {
    assert.deepEqual(instanceBody({ $schema: 'x', name: 'n', configuration: { $schema: 'kept' } }), { name: 'n', configuration: { $schema: 'kept' } });
  });

  test('POST and GET requests', () => {
    const secrets = { user: 'u', organization: 'o' };
    assert.deepEqual(createInstanceRequest('https://h', body, secrets, '1.2.3'), {
      method: 'POST',
      url: 'https://h/elements/api-v2/instances',
      headers: { Authorization: 'User u, Organization o', 'Content-Type': 'application/json', Accept: 'application/json', 'User-Agent': 'ecwid-instance/1.2.3' },
      json: body,
    });
    assert.equal(listInstancesRequest('https://h', secrets, '1', 200, 'a b+c').url, 'https://h/elements/api-v2/instances?pageSize=200&nextPage=a+b%2Bc');
    assert.equal(formatRequest({ method: 'GET', url: 'https://h/x', headers: { A: 'b' } }), 'GET https://h/x\nA: b\n');
  });

  test('masking: writeOnly keys, and unknown keys that look like secrets', () => {
    assert.deepEqual(maskInstanceBody(body).configuration, { 'ecwid.store.id': '4870020', 'ecwid.order.key': '****2wN9', 'ecwid.product.kye': '****6vB1', 'oauth.api.secret': '****' });
    assert.deepEqual(instanceSecrets(body).sort(), ['abc', 'public_8kL3mZ6vB1', 'secret_4xY7pQ2wN9']);
  });

  test('reading an instance file remembers every value provision treats as a secret', async (t) => {
    const dir = tempDir(t);
    writeFileSync(join(dir, 'instance.json'), JSON.stringify(body));
    const secrets = new SecretList();
    await readInstanceFile('instance.json', { io: {}, cwd: dir, secrets });
    for (const value of instanceSecrets(body)) assert.equal(secrets.redact(`[${value}]`), `[${redactSecrets(value, [value])}]`, value);
  });

  test('cleanText shows control characters escaped and bounds the length', () => {
    assert.equal(cleanText('a\u001b[31mred\u0007\nline  \u202e\u009b', new SecretList()), 'a\\x1b[31mred\\x07\\x0aline \\u202e\\x9b');
    assert.equal(cleanText('x'.repeat(600), new SecretList())?.length, 501);
    assert.equal(cleanText({ not: 'text' }, new SecretList()), undefined);
  });
});

describe('one redaction rule', () => {
  test('every occurrence is masked, the longest secret first', () => {
    assert.equal(redactSecrets('a LONGSECRETVALUE1 b LONGSECRETVALUE1x', ['LONGSECRETVALUE1', 'LONGSECRETVALUE1x']), 'a ****LUE1 b ****UE1x');
  });

  test('values under 4 characters are not searched for: a 3-character secret leaves requestId abc123 whole', () => {
    assert.equal(redactSecrets('requestId abc123, key abcd9', ['abc', 'abcd9']), 'requestId abc123, key ****');
    assert.equal(new SecretList(['abc']).redact('requestId abc123'), 'requestId abc123');
    assert.equal(cleanText('requestId abc123', new SecretList(['abc'])), 'requestId abc123');
  });

  test('the client and main mask alike', () => {
    const list = new SecretList(['secret_4xY7pQ2wN9', 'abc', 42, undefined]);
    const text = 'secret_4xY7pQ2wN9 abc';
    assert.equal(cleanText(text, list), list.redact(text));
    assert.equal(list.redact(text), '****2wN9 ****');
  });

  test('one pattern names secret-like keys, in configuration and in the config store', () => {
    for (const key of ['oauth.api.secret', 'ecwid.order.key', 'x.password', 'x.passwd', 'x.token', 'x.signature.thing', 'order-key', 'product-key', 'user-secret', 'signature-key-file', 'api-token']) {
      assert.ok(SECRET_LIKE_NAME.test(key), key);
    }
    for (const key of ['store-id', 'callback-url', 'environment', 'base-url', 'name', 'tags', 'x.keyboard']) assert.ok(!SECRET_LIKE_NAME.test(key), key);
    assert.equal(isSecretConfigurationKey('event.notification.signature.key'), true);
    assert.equal(isSecretConfigurationKey('ecwid.store.id'), false);
  });
});

describe('secret input helpers', () => {
  test('stripOneTrailingNewline strips one LF or CRLF, nothing else', () => {
    assert.equal(stripOneTrailingNewline('abc\n'), 'abc');
    assert.equal(stripOneTrailingNewline('abc\r\n'), 'abc');
    assert.equal(stripOneTrailingNewline('abc\n\n'), 'abc\n');
    assert.equal(stripOneTrailingNewline(' abc '), ' abc ');
  });

  test('checkOneStdinReader allows one reader of stdin and names them all otherwise', () => {
    checkOneStdinReader([['a', '-'], ['b', 'file'], ['c', undefined]]);
    assert.throws(() => checkOneStdinReader([['a', '-'], ['b', '-']]), { exitCode: 2, message: 'stdin can be read only once, but a and b both read it' });
    assert.throws(() => checkOneStdinReader([['a', '-'], ['b', '-'], ['c', '-']]), { message: 'stdin can be read only once, but a, b and c all read it' });
  });
});

describe('loopback, decided without the resolver', () => {
  test('IP literals in 127.0.0.0/8 and ::1, and the name localhost itself; nothing the resolver decides', () => {
    for (const url of ['http://localhost:8080', 'http://LOCALHOST', 'http://127.0.0.1', 'http://127.255.255.254:1', 'http://127.1', 'http://[::1]:9', 'http://[0:0:0:0:0:0:0:1]']) {
      assert.equal(isLoopbackUrl(url), true, url);
    }
    for (const url of ['http://evil.localhost', 'http://localhost.', 'http://localhost.example.com', 'http://127.0.0.1.nip.io', 'http://128.0.0.1', 'http://[::ffff:127.0.0.1]', 'http://0.0.0.0', 'not a url']) {
      assert.equal(isLoopbackUrl(url), false, url);
    }
    assert.equal(isLoopbackHost('a.localhost'), false);
    assert.deepEqual(loopbackAddresses('localhost'), ['127.0.0.1', '[::1]']);
    assert.deepEqual(loopbackAddresses('127.0.0.2'), ['127.0.0.2']);
    assert.equal(loopbackAddresses('example.com'), undefined);
  });

  test('plain-http localhost is connected to at 127.0.0.1, then [::1]; anything else as it is', () => {
    const hrefs = (url) => connectionTargets(new URL(url)).map((target) => target.href);
    assert.deepEqual(hrefs('http://localhost:8080/a?b=1'), ['http://127.0.0.1:8080/a?b=1', 'http://[::1]:8080/a?b=1']);
    assert.deepEqual(hrefs('https://localhost:8443/a'), ['https://localhost:8443/a']);
    assert.deepEqual(hrefs('http://127.0.0.1:9/'), ['http://127.0.0.1:9/']);
    assert.deepEqual(hrefs('http://evil.localhost/'), ['http://evil.localhost/']);
  });
});

describe('the API host', () => {
  test('--environment and --base-url together are a usage error', async () => {
    await assert.rejects(findApiTarget({ environment: 'eu', baseUrl: 'https://a.example' }, {}, () => ({})), {
      exitCode: 2,
      message: '--environment and --base-url cannot be used together',
      hint: 'Pick one: --environment for a Cloud Elements environment, or --base-url for another API host.',
    });
  });

  test('flag > variable (base URL over environment) > config > us', async () => {
    const env = { CLOUD_ELEMENTS_ENVIRONMENT: 'eu', CLOUD_ELEMENTS_BASE_URL: 'https://b.example/' };
    const none = () => ({});
    assert.deepEqual(await findApiTarget({ environment: 'staging' }, env, none), { environment: 'staging', host: 'https://staging.cloud-elements.com' });
    assert.deepEqual(await findApiTarget({}, env, none), { environment: 'custom', host: 'https://b.example' });
    assert.deepEqual(await findApiTarget({}, { CLOUD_ELEMENTS_ENVIRONMENT: 'eu' }, () => ({ 'base-url': 'https://c.example' })), { environment: 'eu', host: 'https://api.cloud-elements.co.uk' });
    assert.deepEqual(await findApiTarget({}, {}, () => ({ environment: 'eu' })), { environment: 'eu', host: 'https://api.cloud-elements.co.uk' });
    assert.deepEqual(await findApiTarget({}, {}, () => ({ 'base-url': 'https://c.example/' })), { environment: 'custom', host: 'https://c.example' });
    assert.deepEqual(await findApiTarget({}, {}, none), { environment: 'us', host: 'https://api.cloud-elements.com' });
  });

  test('findApiTarget reads the config only when no flag or variable decides', async () => {
    let reads = 0;
    const readConfig = () => {
      reads += 1;
      return { environment: 'eu' };
    };
    assert.equal((await findApiTarget({ baseUrl: 'https://a.example' }, {}, readConfig)).host, 'https://a.example');
    assert.equal((await findApiTarget({}, { CLOUD_ELEMENTS_ENVIRONMENT: 'staging' }, readConfig)).environment, 'staging');
    assert.equal(reads, 0);
    assert.equal((await findApiTarget({}, {}, readConfig)).environment, 'eu');
    assert.equal(reads, 1);
    await assert.rejects(findApiTarget({ environment: 'us', baseUrl: 'https://a.example' }, {}, readConfig), { exitCode: 2 });
    assert.equal(reads, 1);
  });
});

describe('provision options', () => {
  test('--timeout accepts positive seconds up to an hour', () => {
    assert.equal(parseSeconds('30'), 30);
    assert.equal(parseSeconds('0.5'), 0.5);
    for (const bad of ['0', '-1', '1e3', 'abc', '', '3601']) assert.throws(() => parseSeconds(bad), /positive number of seconds/, bad);
  });

  test('defaults as parsed: --timeout 30 seconds, no --force, ./instance.json', async () => {
    let seen = await parsedOptions(registerProvision, ['provision']);
    assert.equal(seen.timeout, 30);
    assert.equal(seen.force, false);
    assert.equal(seen.file, 'instance.json');
    assert.equal(seen.dryRun, false);
    assert.equal(seen.input, true);
    seen = await parsedOptions(registerProvision, ['provision', 'x.json', '--timeout', '2.5', '--force', '--token-file', 't']);
    assert.deepEqual([seen.file, seen.timeout, seen.force, seen.tokenFile], ['x.json', 2.5, true, 't']);
  });

  test('provision --help shows usage, examples and the environment it reads', async () => {
    const { code, stdout } = await runCli(['provision', '--help']);
    assert.equal(code, 0);
    assert.match(stdout, /^Usage: ecwid-instance provision \[options\] \[file\]/);
    assert.match(stdout, /\nExamples:\n {2}\$ ecwid-instance provision/);
    assert.match(stdout, /\n {2}--force +replace an existing --token-file /);
    for (const variable of ['CLOUD_ELEMENTS_USER_SECRET', 'CLOUD_ELEMENTS_ORG_SECRET', 'CLOUD_ELEMENTS_ENVIRONMENT', 'CLOUD_ELEMENTS_BASE_URL']) {
      assert.match(stdout, new RegExp(`\\n {2}${variable} `));
    }
  });
});

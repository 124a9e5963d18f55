// The pure parts of provision: building and masking the request, and what may be printed.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { cleanText } from '../dist/cloud-elements/api-error.js';
import { configurationSecrets, createInstanceRequest, formatRequest, instanceBody, listInstancesRequest, maskInstanceBody, redactSecrets } from '../dist/cloud-elements/request.js';
import { parseSeconds } from '../dist/commands/provision.js';
import { runCli } from './helpers/cli.js';

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
    assert.deepEqual(configurationSecrets(body).sort(), ['abc', 'public_8kL3mZ6vB1', 'secret_4xY7pQ2wN9']);
  });

  test('redactSecrets masks every occurrence, the longest secret first', () => {
    assert.equal(redactSecrets('a LONGSECRETVALUE1 b LONGSECRETVALUE1x', ['LONGSECRETVALUE1', 'LONGSECRETVALUE1x']), 'a ****LUE1 b ****UE1x');
  });

  test('cleanText removes control characters and bounds the length', () => {
    assert.equal(cleanText('a\u001b[31mred\u0007\nline', []), 'a [31mred line');
    assert.equal(cleanText('x'.repeat(600), [])?.length, 501);
    assert.equal(cleanText({ not: 'text' }, []), undefined);
  });
});

describe('provision options', () => {
  test('--timeout accepts positive seconds up to an hour', () => {
    assert.equal(parseSeconds('30'), 30);
    assert.equal(parseSeconds('0.5'), 0.5);
    for (const bad of ['0', '-1', '1e3', 'abc', '', '3601']) assert.throws(() => parseSeconds(bad), /positive number of seconds/, bad);
  });

  test('provision --help shows usage, examples and the environment it reads', async () => {
    const { code, stdout } = await runCli(['provision', '--help']);
    assert.equal(code, 0);
    assert.match(stdout, /^Usage: ecwid-instance provision \[options\] \[file\]/);
    assert.match(stdout, /\nExamples:\n {2}\$ ecwid-instance provision/);
    for (const variable of ['CLOUD_ELEMENTS_USER_SECRET', 'CLOUD_ELEMENTS_ORG_SECRET', 'CLOUD_ELEMENTS_ENVIRONMENT', 'CLOUD_ELEMENTS_BASE_URL']) {
      assert.match(stdout, new RegExp(`\\n {2}${variable} `));
    }
  });
});

// `events verify`: the key as listen finds it, and exit 0 `valid` or exit 1 with the reason.
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { runCli, tempDir } from './helpers/cli.js';
import { fixtures } from './helpers/paths.js';

const dir = join(fixtures, 'webhooks');
const key = readFileSync(join(dir, 'key.txt'), 'utf8');
const body = join(dir, 'orders-created.json');
const signature = 'sha256=yDhQEdFMne+2j44waXsHL/weerg8NRPWdrhGCj2J7vw=';
const digest = signature.slice('sha256='.length);

function instanceWithKey(t, signatureKey = key) {
  const cwd = tempDir(t);
  const configuration = { 'ecwid.order.key': 'order_key_1', 'ecwid.product.key': 'product_key_1', 'ecwid.store.id': '4870020', 'event.notification.enabled': 'true', 'event.notification.callback.url': 'https://example.com/hook', 'event.notification.signature.key': signatureKey };
  writeFileSync(join(cwd, 'instance.json'), JSON.stringify({ element: { key: 'ecwid' }, configuration, name: 'shop' }));
  return cwd;
}

describe('events verify', () => {
  const results = [
    ['a valid signature', signature, 0, 'valid\n'],
    ['no sha256= prefix', digest, 1, 'invalid: missing sha256= prefix\n'],
    ['sha1=', `sha1=${digest}`, 1, 'invalid: sha1 is no longer used\n'],
    ['another signature', `sha256=${Buffer.alloc(32).toString('base64')}`, 1, 'invalid: does not match\n'],
    ['not base64', 'sha256=abc', 1, 'invalid: sha256= is not followed by the base64 of 32 bytes\n'],
  ];
  for (const [name, value, code, stdout] of results) {
    test(name, async () => {
      const run = await runCli(['events', 'verify', body, '--signature', value], { env: { ECWID_SIGNATURE_KEY: key } });
      assert.equal(run.stderr, '');
      assert.equal(run.stdout, stdout);
      assert.equal(run.code, code);
    });
  }

  test('the body from stdin, the key from a file', async (t) => {
    const cwd = tempDir(t);
    writeFileSync(join(cwd, 'key'), `${key}\n`);
    const run = await runCli(['events', 'verify', '--signature', signature, '--signature-key-file', 'key'], { cwd, stdin: readFileSync(body) });
    assert.deepEqual([run.code, run.stdout], [0, 'valid\n']);
  });

  test('the key from ./instance.json, or from --instance', async (t) => {
    const cwd = instanceWithKey(t);
    const found = await runCli(['events', 'verify', body, '--signature', signature], { cwd });
    assert.deepEqual([found.code, found.stdout], [0, 'valid\n']);
    const named = await runCli(['events', 'verify', body, '--signature', signature, '--instance', join(cwd, 'instance.json')]);
    assert.deepEqual([named.code, named.stdout], [0, 'valid\n']);
  });

  test('--signature-key-file and ECWID_SIGNATURE_KEY win over the instance file', async (t) => {
    const cwd = instanceWithKey(t, 'another-key-in-the-file');
    writeFileSync(join(cwd, 'key'), key);
    assert.equal((await runCli(['events', 'verify', body, '--signature', signature], { cwd })).code, 1);
    assert.equal((await runCli(['events', 'verify', body, '--signature', signature, '--signature-key-file', 'key'], { cwd })).code, 0);
    assert.equal((await runCli(['events', 'verify', body, '--signature', signature], { cwd, env: { ECWID_SIGNATURE_KEY: key } })).code, 0);
  });

  test('no key anywhere is a usage error naming where a key comes from', async (t) => {
    const run = await runCli(['events', 'verify', body, '--signature', signature], { cwd: tempDir(t) });
    assert.equal(run.code, 2);
    assert.match(run.stderr, /no signature key to verify with\n.*--signature-key-file <file> or ECWID_SIGNATURE_KEY/);
  });

  test('an instance file with an empty key counts as no key', async (t) => {
    const run = await runCli(['events', 'verify', body, '--signature', signature], { cwd: instanceWithKey(t, '') });
    assert.equal(run.code, 2);
  });

  test('a body that cannot be read is exit 3; --signature is required (exit 2)', async (t) => {
    const missing = await runCli(['events', 'verify', 'nope.json', '--signature', signature], { cwd: tempDir(t), env: { ECWID_SIGNATURE_KEY: key } });
    assert.equal(missing.code, 3);
    assert.match(missing.stderr, /cannot read nope\.json: no such file or directory/);
    const noSignature = await runCli(['events', 'verify', body], { env: { ECWID_SIGNATURE_KEY: key } });
    assert.equal(noSignature.code, 2);
    assert.match(noSignature.stderr, /--signature/);
  });

  test('the body and the key cannot both come from stdin', async () => {
    const run = await runCli(['events', 'verify', '-', '--signature', signature, '--signature-key-file', '-'], { stdin: 'x' });
    assert.equal(run.code, 2);
    assert.match(run.stderr, /stdin can be read only once/);
  });

  test('the key is never printed', async (t) => {
    const cwd = instanceWithKey(t);
    for (const value of [signature, 'sha1=x', '']) {
      const run = await runCli(['events', 'verify', body, '--signature', value], { cwd });
      assert.ok(!`${run.stdout}${run.stderr}`.includes(key));
    }
  });
});

// init --generate-signature-key and the wizard's "Sign events" question: a random key in the file,
// said where it is, never shown.
import assert from 'node:assert/strict';
import { statSync } from 'node:fs';
import { describe, test } from 'node:test';
import { runWizard } from '../dist/init/wizard.js';
import { init, KEYS } from './helpers/init-run.js';
import { scriptedPrompter } from './helpers/fake-prompter.js';

const BASE = ['--no-input', '--store-id', '4870020', '--callback-url', 'https://example.com/ecwid/events'];
const KEY_SHAPE = /^[A-Za-z0-9_-]{43}$/;

describe('init --generate-signature-key', () => {
  test('writes 32 random bytes as base64url, and says where the key is without showing it', async (t) => {
    const first = await init(t, [...BASE, '--generate-signature-key'], { env: KEYS });
    assert.equal(first.code, 0, first.stderr);
    const key = first.configuration['event.notification.signature.key'];
    assert.match(key, KEY_SHAPE);
    assert.equal(Buffer.from(key, 'base64url').length, 32);
    assert.equal(statSync(first.path).mode & 0o777, 0o600);
    assert.ok(!first.stdout.includes(key) && !first.stderr.includes(key), 'the key is not printed');
    assert.match(first.stdout, /\nSignature key: instance\.json holds a newly generated key as event\.notification\.signature\.key \(not shown here\)\.\n/);
    assert.match(first.stdout, /Elements-Webhook-Signature header\n\(sha256= and the base64 HMAC-SHA256 of the raw body\)/);

    const second = await init(t, [...BASE, '--generate-signature-key'], { env: KEYS });
    assert.notEqual(second.configuration['event.notification.signature.key'], key, 'a new key each time');
  });

  test('--json carries no key', async (t) => {
    const run = await init(t, [...BASE, '--generate-signature-key', '--json'], { env: KEYS });
    assert.equal(run.code, 0);
    assert.ok(!run.stdout.includes(run.configuration['event.notification.signature.key']));
  });

  test('with -o - the key is in the JSON only, the summary on stderr says so', async (t) => {
    const run = await init(t, [...BASE, '--generate-signature-key', '-o', '-'], { env: KEYS });
    assert.equal(run.code, 0);
    const key = JSON.parse(run.stdout).configuration['event.notification.signature.key'];
    assert.match(key, KEY_SHAPE);
    assert.ok(!run.stderr.includes(key));
    assert.match(run.stderr, /Signature key: The instance JSON holds a newly generated key/);
  });

  test('with --signature-key-file or ECWID_SIGNATURE_KEY: exit 2, nothing written', async (t) => {
    const fromFile = await init(t, [...BASE, '--generate-signature-key', '--signature-key-file', 'key.txt'], { env: KEYS, files: { 'key.txt': 'given_key_1234' } });
    assert.equal(fromFile.code, 2);
    assert.match(fromFile.stderr, /--generate-signature-key and --signature-key-file both give the signature key/);
    assert.equal(fromFile.written, undefined);
    const fromEnv = await init(t, [...BASE, '--generate-signature-key'], { env: { ...KEYS, ECWID_SIGNATURE_KEY: 'given_key_1234' } });
    assert.equal(fromEnv.code, 2);
    assert.match(fromEnv.stderr, /--generate-signature-key and ECWID_SIGNATURE_KEY both give the signature key/);
    assert.equal(fromEnv.written, undefined);
  });

  test('with events off no key is written, and a warning says why', async (t) => {
    const run = await init(t, ['--no-input', '--store-id', '4870020', '--no-events', '--generate-signature-key'], { env: KEYS });
    assert.equal(run.code, 0);
    assert.equal(run.configuration['event.notification.signature.key'], undefined);
    assert.match(run.stderr, /warning: --generate-signature-key is not used: events are off/);
  });

  test('a given key is described as given, not generated', async (t) => {
    const run = await init(t, BASE, { env: { ...KEYS, ECWID_SIGNATURE_KEY: 'given_key_1234' } });
    assert.match(run.stdout, /Signature key: instance\.json holds the key as event\.notification\.signature\.key/);
    const none = await init(t, BASE, { env: KEYS });
    assert.doesNotMatch(none.stdout, /Signature key/);
  });
});

describe('the wizard asks whether to sign events', () => {
  const context = (script, values) => ({ prompt: script.prompter, say: script.say, authType: 'custom', suggestedAuthType: 'custom', target: { environment: 'us', host: 'https://api.cloud-elements.com' }, output: 'instance.json', overwrite: false, outputExists: async () => false, storeId: '1', orderKey: 'o_key', productKey: 'p_key', name: 'n', tags: [], ...values });

  test('after the ION Cannon URL, with yes as the default', async () => {
    const script = scriptedPrompter([true, 'https://example.com/e', true]);
    const ctx = await runWizard(context(script, {}));
    assert.deepEqual(script.transcript.map((e) => e.message ?? 'say'), ['Send Ecwid order events to your app (webhooks)?', 'Callback URL of your app (where Cloud Elements sends the events)', 'say', 'Sign events so that your app can check they come from Cloud Elements?']);
    assert.equal(script.transcript[3].default, true);
    assert.equal(ctx.generateSignatureKey, true);
  });

  test('not asked with events off, with a key given, or with --generate-signature-key', async () => {
    for (const values of [{ events: false }, { events: true, callbackUrl: 'https://e.x/', signatureKey: 'k_1234' }, { events: true, callbackUrl: 'https://e.x/', generateSignatureKey: true }]) {
      const script = scriptedPrompter([]);
      await runWizard(context(script, values));
      assert.ok(!script.transcript.some((e) => e.message?.startsWith('Sign events')), JSON.stringify(values));
    }
  });

  test('answering yes in a run writes a generated key', async (t) => {
    const script = scriptedPrompter([true]);
    const run = await init(t, ['--auth', 'custom', '--environment', 'us', '--store-id', '4870020', '--callback-url', 'https://example.com/ecwid/events', '--events', '--name', 'n', '--tag', 'x'], { env: KEYS, tty: true, prompter: script.prompter });
    assert.equal(run.code, 0, run.stderr);
    assert.match(run.configuration['event.notification.signature.key'], KEY_SHAPE);
  });
});

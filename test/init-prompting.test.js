// When init may prompt, and what it says when it may not.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, test } from 'node:test';
import { cancelled } from '../dist/errors.js';
import { scriptedPrompter } from './helpers/fake-prompter.js';
import { init, KEYS, noPrompt, ORDER, PRODUCT, summary } from './helpers/init-run.js';

describe('init: when it may prompt', () => {
  const SECRETS_HINT = " Secrets come from a file (- for stdin) or the environment, never from a flag's value.\n";
  for (const [label, argv, env, reason] of [
    ['--no-input', ['--no-input'], {}, '--no-input was given'],
    ['--json', ['--json'], {}, '--json was given'],
    ['CI', [], { CI: 'true' }, 'CI is set'],
    ['a secret read from stdin', ['--order-key-file', '-'], {}, 'a secret is read from stdin'],
  ]) {
    test(`on a terminal, ${label} turns prompting off, and the hint says so`, async (t) => {
      const r = await init(t, argv, { env, tty: true, prompter: noPrompt, stdin: `${ORDER}\n` });
      assert.equal(r.code, 2);
      assert.match(r.stderr, /^error: missing /);
      assert.ok(r.stderr.endsWith(`\nNothing is asked: ${reason}. Give them as above.${SECRETS_HINT}`), r.stderr);
      assert.ok(!r.stderr.includes('in a terminal'), 'no terminal is suggested to someone at one');
    });
  }

  test('with several reasons, the hint names each', async (t) => {
    const r = await init(t, ['--no-input'], { env: { CI: '1' }, stdinTTY: false, stdoutTTY: true, prompter: noPrompt });
    assert.equal(r.code, 2);
    assert.ok(r.stderr.endsWith(`\nNothing is asked: --no-input was given, CI is set, stdin is not a terminal. Give them as above.${SECRETS_HINT}`), r.stderr);
  });

  // Prompts read stdin and are drawn for a person watching stdout: both must be terminals.
  for (const [label, streams, reason] of [
    ['only stdin', { stdinTTY: true, stdoutTTY: false }, 'stdout is not a terminal'],
    ['only stdout', { stdinTTY: false, stdoutTTY: true }, 'stdin is not a terminal'],
    ['neither', { stdinTTY: false, stdoutTTY: false }, 'stdin and stdout are not terminals'],
  ]) {
    test(`with ${label} a terminal nothing is asked: missing values are exit 2`, async (t) => {
      const r = await init(t, ['--store-id', '1'], { ...streams, stderrTTY: true, prompter: noPrompt });
      assert.equal(r.code, 2);
      assert.match(r.stderr, /^error: missing 2 required values:\n/);
      assert.ok(r.stderr.endsWith(`\nNothing is asked: ${reason}. Give them as above, or run init in a terminal to be asked.${SECRETS_HINT}`), r.stderr);
      assert.equal(r.written, undefined);
    });
  }

  test('with a terminal, the wizard asks only for what is missing and writes the file', async (t) => {
    const script = scriptedPrompter(['', PRODUCT, '', false, '', 'eu']);
    const r = await init(t, ['--store-id', '77'], { env: { ECWID_ORDER_KEY: ORDER }, tty: true, prompter: script.prompter });
    assert.equal(r.code, 0, r.stderr);
    assert.deepEqual(script.transcript.map((e) => e.message), ['How does the instance authenticate to Ecwid?', 'Product API secret', 'Cloud Elements environment', 'Send Ecwid order events to your app (webhooks)?', 'Instance name', 'Tags, comma-separated (optional)']);
    assert.equal(r.stderr, '\nOpen this page while logged in to your Ecwid store, and copy both the Order and the Product API secret:\n  https://my.ecwid.com/store/77#legacy_api\n\n');
    assert.equal(r.stdout, summary('instance.json', { events: false, storeId: '77' }));
    assert.deepEqual(r.written.tags, ['eu']);
  });

  test('with a terminal, values from the config store are not asked either', async (t) => {
    const script = scriptedPrompter([PRODUCT, false, '']);
    const config = { auth: 'custom', 'store-id': '77', name: 'shop-77', environment: 'eu' };
    const r = await init(t, [], { env: { ECWID_ORDER_KEY: ORDER }, config, tty: true, prompter: script.prompter });
    assert.equal(r.code, 0, r.stderr);
    assert.deepEqual(script.transcript.map((e) => e.message), ['Product API secret', 'Send Ecwid order events to your app (webhooks)?', 'Tags, comma-separated (optional)']);
    assert.equal(r.configuration['ecwid.store.id'], '77');
    assert.equal(r.written.name, 'shop-77');
  });

  test('--output - on a terminal is refused: the secrets would be shown', async (t) => {
    const r = await init(t, ['--store-id', '1', '-o', '-'], { env: KEYS, tty: true, prompter: noPrompt });
    assert.deepEqual([r.code, r.stdout], [2, '']);
    assert.equal(r.stderr, 'error: --output - would show the secrets on the terminal\nPipe it into another command (e.g. | ecwid-instance provision -), or write a file with --output <file>.\n');
  });

  test('cancelling at a prompt exits 130 and writes nothing', async (t) => {
    const script = scriptedPrompter(['', '4870020', ORDER, cancelled()]);
    const r = await init(t, [], { tty: true, prompter: script.prompter });
    assert.equal(r.code, 130);
    assert.match(r.stderr, /Cancelled\n$/);
    assert.equal(r.written, undefined);
  });

  test('declining to replace an existing file exits 130 and leaves it untouched', async (t) => {
    const script = scriptedPrompter([false]);
    const r = await init(t, ['--auth', 'custom', '--store-id', '1', '--no-events', '--name', 'n', '--tag', 't', '--environment', 'us'], { env: KEYS, tty: true, prompter: script.prompter, files: { 'instance.json': 'old\n' } });
    assert.equal(r.code, 130);
    assert.equal(script.transcript[0].message, 'instance.json already exists. Replace it?');
    assert.equal(readFileSync(r.path, 'utf8'), 'old\n');
  });
});

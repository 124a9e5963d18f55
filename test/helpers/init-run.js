// init in a fresh folder with its own config store, and what it wrote: shared by the init tests.
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { runCli, tempDir } from './cli.js';

export const ORDER = 'secret_orderKEY1234';
export const PRODUCT = 'public_productKEY5678';
export const SIGNATURE = 'sign_webhookKEY9012';
const SECRETS = [ORDER, PRODUCT, SIGNATURE];
export const KEYS = { ECWID_ORDER_KEY: ORDER, ECWID_PRODUCT_KEY: PRODUCT };

/**
 * A run in a fresh folder with its own config store; optional config values and files. Asserts that
 * no secret is printed (except the JSON itself with `-o -`).
 */
export async function init(t, argv, { env = {}, config, files = {}, stdin, tty, stdinTTY, stdoutTTY, stderrTTY, prompter } = {}) {
  const cwd = tempDir(t);
  const configDir = join(cwd, '.config');
  if (config !== undefined) {
    mkdirSync(configDir);
    writeFileSync(join(configDir, 'config.json'), typeof config === 'string' ? config : JSON.stringify(config));
  }
  for (const [name, text] of Object.entries(files)) writeFileSync(join(cwd, name), text);
  const result = await runCli(['init', ...argv], { cwd, env: { ECWID_INSTANCE_CONFIG_DIR: configDir, ...env }, stdin, tty, stdinTTY, stdoutTTY, stderrTTY, prompter });
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

/** A prompter that fails the test if anything is asked. */
export const noPrompt = {
  input: () => assert.fail('must not prompt'),
  password: () => assert.fail('must not prompt'),
  confirm: () => assert.fail('must not prompt'),
};

/** What init prints on stdout after writing a file. */
export const summary = (file, { events = true, host = 'https://api.cloud-elements.com', storeId = '4870020', flags = '' } = {}) =>
  `Wrote ${file}

Legacy API Key URL: https://my.ecwid.com/store/${storeId}#legacy_api
ION Cannon URL:     ${host}/elements/api-v2/events/ecwid

Next steps:
${events ? '  1. Open the Legacy API Key URL while logged in to Ecwid, paste the ION Cannon URL into the "ION Cannon endpoint URL" field, and save.\n' : ''}  ${events ? 2 : 1}. Create the instance on Cloud Elements: ecwid-instance provision ${file}${flags}
`;

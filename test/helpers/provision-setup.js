// What the provision tests share: the instance file, the secrets that must never be printed, and two
// fake Cloud Elements servers (the API, and another origin) started once per test file.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, beforeEach } from 'node:test';
import { runCli } from './cli.js';
import { ORG_SECRET, startFakeCloudElements, TOKEN, USER_SECRET } from './fake-cloud-elements.js';
import { fixtures } from './paths.js';

export const FILE = join(fixtures, 'valid', 'with-schema-and-signature.json');
export const INSTANCE = JSON.parse(readFileSync(FILE, 'utf8'));
export const SENT_BODY = Object.fromEntries(Object.entries(INSTANCE).filter(([key]) => key !== '$schema'));
export const NAME = INSTANCE.name;
export const SECRETS = [USER_SECRET, ORG_SECRET, TOKEN, ...['ecwid.order.key', 'ecwid.product.key', 'event.notification.signature.key'].map((key) => INSTANCE.configuration[key])];
export const ENV = { CLOUD_ELEMENTS_USER_SECRET: USER_SECRET, CLOUD_ELEMENTS_ORG_SECRET: ORG_SECRET };
export const NOT_SAVED = 'The instance token was not saved (use --token-file <file> to keep it).\n';
export const MAYBE_CREATED = 'The instance may have been created anyway; it was not retried. Check before running again (provision --if-absent skips an existing one).\n';
export const MISSING_BOTH =
  'error: missing the Cloud Elements user secret and organization secret\n' +
  "Set CLOUD_ELEMENTS_USER_SECRET or --user-secret-file <file>; CLOUD_ELEMENTS_ORG_SECRET or --org-secret-file <file> (a file path, or - for stdin). Secrets are never taken as a flag's value.\n";

/**
 * Starts the fake API and another origin for this test file, hands both to `started` ({ api,
 * elsewhere }) once they listen, and resets them before each test. Call at the top level of a test file.
 */
export function useFakeCloudElements(started) {
  const servers = {};
  before(async () => {
    servers.api = await startFakeCloudElements();
    servers.elsewhere = await startFakeCloudElements();
    started(servers);
  });
  after(async () => {
    await servers.api.close();
    await servers.elsewhere.close();
  });
  beforeEach(() => {
    servers.api.reset();
    servers.elsewhere.reset();
  });
}

/** Runs provision with the real fetch against `api`, and checks that no secret leaked. */
export async function provisionAgainst(api, args, options = {}) {
  const result = await runCli(['provision', ...args, '--base-url', api.url], { fetch: globalThis.fetch, env: ENV, ...options });
  assertNoSecret(result);
  return result;
}

export function assertNoSecret(result, secrets = SECRETS) {
  for (const secret of secrets) {
    assert.ok(!result.stdout.includes(secret), `stdout holds a secret: ${result.stdout}`);
    assert.ok(!result.stderr.includes(secret), `stderr holds a secret: ${result.stderr}`);
  }
}

/** A prompter that fails the test if anything is asked, and records what was. */
export function refusingPrompter() {
  const asked = [];
  const refuse = (kind) => async (question) => {
    asked.push(`${kind}: ${question.message}`);
    assert.fail(`nothing should be asked, but ${kind} "${question.message}" was`);
  };
  return { asked, prompter: { input: refuse('input'), password: refuse('password'), confirm: refuse('confirm') } };
}

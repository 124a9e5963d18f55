import { test } from 'node:test';
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { runCli, tempDir } from './helpers/cli.js';

const ION = 'https://api.cloud-elements.com/elements/api-v2/events/ecwid';
const OAUTH_CONFIGURATION = { 'oauth.api.key': 'my-app', 'oauth.api.secret': 'client-secret-123456', 'oauth.callback.url': 'http://localhost:8787/callback' };

function writeInstance(dir, name, configuration) {
  writeFileSync(join(dir, name), JSON.stringify({ element: { key: 'ecwid' }, configuration, name: 'shop' }));
}

test('urls of an OAuth2 file prints only the ION Cannon URL', async (t) => {
  const dir = tempDir(t);
  writeInstance(dir, 'declared.json', { 'authentication.type': 'oauth2', ...OAUTH_CONFIGURATION });
  writeInstance(dir, 'by-keys.json', OAUTH_CONFIGURATION);
  for (const file of ['declared.json', 'by-keys.json']) {
    const text = await runCli(['urls', file], { cwd: dir });
    assert.deepEqual([text.code, text.stdout, text.stderr], [0, `${ION}\n`, ''], file);
    const json = await runCli(['urls', file, '--json', '--environment', 'sap-us10'], { cwd: dir });
    assert.equal(json.code, 0, json.stderr);
    assert.deepEqual(JSON.parse(json.stdout), {
      storeId: null,
      environment: 'sap-us10',
      legacyApiKeyUrl: null,
      ionCannonUrl: 'https://api.openconnectors.us10.ext.hana.ondemand.com/elements/api-v2/events/ecwid',
    });
  }
  // ./instance.json is read the same way when nothing else names a store.
  writeInstance(dir, 'instance.json', { 'authentication.type': 'oauth2', ...OAUTH_CONFIGURATION });
  const found = await runCli(['urls'], { cwd: dir });
  assert.deepEqual([found.code, found.stdout], [0, `${ION}\n`]);
  // On a terminal, the one label is the ION Cannon URL's.
  const labelled = await runCli(['urls', 'declared.json'], { cwd: dir, stderrTTY: true });
  assert.doesNotMatch(labelled.stderr, /Legacy API Key/);
  assert.match(labelled.stderr, /ION Cannon URL/);
});

test('urls of a legacy file still prints both, and a declared custom file with oauth keys is legacy', async (t) => {
  const dir = tempDir(t);
  writeInstance(dir, 'custom.json', { 'authentication.type': 'custom', 'ecwid.store.id': '4870020', 'ecwid.order.key': 'o', 'ecwid.product.key': 'p', 'oauth.api.key': 'x' });
  const r = await runCli(['urls', 'custom.json', '--json'], { cwd: dir });
  assert.equal(r.code, 0, r.stderr);
  assert.equal(JSON.parse(r.stdout).legacyApiKeyUrl, 'https://my.ecwid.com/store/4870020#legacy_api');
});

test('urls of a file with both kinds of keys and no authentication.type asks to set it', async (t) => {
  const dir = tempDir(t);
  writeInstance(dir, 'mixed.json', { 'ecwid.store.id': '4870020', ...OAUTH_CONFIGURATION });
  const r = await runCli(['urls', 'mixed.json'], { cwd: dir });
  assert.equal(r.code, 1);
  assert.equal(r.stderr, 'error: mixed.json holds both legacy (ecwid.*) and OAuth2 (oauth.*) keys\nSet "authentication.type" to "custom" or "oauth2" in its configuration.\n');
});

// The CI recipe of docs/lifecycle.md, run twice against the fake Platform API with the Order API
// secret rotated in between: init --no-input → validate → provision --update → status --check.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { runCli, tempDir } from './helpers/cli.js';
import { ORG_SECRET, TOKEN, USER_SECRET } from './helpers/fake-cloud-elements.js';
import { assertNoSecret, useFakeCloudElements } from './helpers/provision-setup.js';

let api;
useFakeCloudElements((servers) => ({ api } = servers));

test('the CI recipe is safe to re-run after a secret rotation', async (t) => {
  const dir = tempDir(t);
  const recipe = async (orderKey) => {
    const env = { ECWID_ORDER_KEY: orderKey, ECWID_PRODUCT_KEY: 'public_productKEY5678', CLOUD_ELEMENTS_USER_SECRET: USER_SECRET, CLOUD_ELEMENTS_ORG_SECRET: ORG_SECRET, CLOUD_ELEMENTS_BASE_URL: api.url, CI: 'true' };
    const run = async (argv) => {
      const result = await runCli(argv, { env, cwd: dir, fetch: globalThis.fetch });
      assertNoSecret(result, [orderKey, USER_SECRET, ORG_SECRET, TOKEN]);
      assert.equal(result.code, 0, `${argv.join(' ')}: ${result.stderr}`);
      return result;
    };
    await run(['init', '--no-input', '--store-id', '4870020', '--callback-url', 'https://example.com/ecwid/events', '--name', 'shop-eu', '--tag', 'production', '--force']);
    await run(['validate', 'instance.json']);
    const provisioned = await run(['provision', 'instance.json', '--update', '--token-file', 'instance.token']);
    const status = await run(['status', 'instance.json', '--check']);
    assert.match(status.stdout, /\nin step\n$/);
    return provisioned.stdout;
  };
  assert.equal(await recipe('secret_orderKEY1111'), 'Created instance 12345 "shop-eu"\n');
  assert.equal(await recipe('secret_orderKEY2222'), 'Updated instance 12345 "shop-eu"\n');
  assert.equal(api.state.instances.length, 1);
  assert.equal(api.state.instances[0].configuration['ecwid.order.key'], 'secret_orderKEY2222');
  assert.equal(readFileSync(join(dir, 'instance.token'), 'utf8'), `${TOKEN}\n`);
});

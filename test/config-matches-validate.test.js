// config set (and, for the store ID, urls --store-id) accept exactly the values validate accepts in
// an instance file. The wizard's questions use the same checks (field-checks.ts).
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { runCli, tempDir } from './helpers/cli.js';

const BASE = {
  element: { key: 'ecwid' },
  configuration: { 'ecwid.order.key': 'secret_abc', 'ecwid.product.key': 'public_abc', 'ecwid.store.id': '4870020', 'event.notification.enabled': 'true', 'event.notification.callback.url': 'https://example.com/e' },
  name: 'shop',
};

/** Puts a config value where an instance holds it. */
const place = {
  'store-id': (instance, value) => (instance.configuration['ecwid.store.id'] = value),
  'callback-url': (instance, value) => (instance.configuration['event.notification.callback.url'] = value),
  name: (instance, value) => (instance.name = value),
  tags: (instance, value) => (instance.tags = value.split(',')),
};

const CASES = {
  'callback-url': [
    'https://example.com/ecwid/events',
    'http://example.com/e', // a warning, not an error
    'http://localhost:3000/e',
    'HTTPS://EXAMPLE.COM/E',
    'https://example.com/e?a=1&b=2#frag',
    'https://[::1]:8443/e',
    'https://user@example.com/e',
    'https://example.com/a%20b',
    'https://example.com/ä',
    'https://example.com/a b',
    'https://example.com/a\tb',
    'https://exa mple.com/',
    'https://example.com/a\\b',
    'https://example.com/<x>',
    'https://',
    'https:///e',
    'example.com/events',
    'ftp://example.com/',
    'mailto:someone@example.com',
    '<INSERT_YOUR_APPS_CALLBACK_URL>',
  ],
  'store-id': ['4870020', '0', '007', '1'.repeat(128), '1'.repeat(129), '1'.repeat(200), '48a', '-1', '+1', '1e5', '4,870,020', '٣٤٥', '１２３', '<INSERT_STORE_ID>'],
  name: ['shop', 'ecwid-4870020', 'a b', '<Insert_Instance_Name>', '<b>shop</b>'],
  tags: ['production', 'production,eu', 'production,<Add_Your_Tag>', 'a,b,a'],
};

describe('config set accepts a value exactly when validate accepts an instance holding it', () => {
  for (const [key, values] of Object.entries(CASES)) {
    test(key, async (t) => {
      const dir = tempDir(t);
      const env = { ECWID_INSTANCE_CONFIG_DIR: join(dir, 'config') };
      const disagreements = [];
      for (const [i, value] of values.entries()) {
        const instance = JSON.parse(JSON.stringify(BASE));
        place[key](instance, value);
        const file = join(dir, `${i}.json`);
        writeFileSync(file, JSON.stringify(instance));
        const validated = await runCli(['validate', file]);
        const set = await runCli(['config', 'set', key, value], { env });
        assert.ok([0, 1].includes(validated.code), validated.stdout + validated.stderr);
        assert.ok([0, 2].includes(set.code), set.stderr);
        if ((validated.code === 0) !== (set.code === 0)) disagreements.push(`${JSON.stringify(value)}: validate ${validated.code}, config set ${set.code} ${set.stderr}`);
        if (key === 'store-id') {
          const urls = await runCli(['urls', '--store-id', value]);
          if ((validated.code === 0) !== (urls.code === 0)) disagreements.push(`${JSON.stringify(value)}: validate ${validated.code}, urls ${urls.code} ${urls.stderr}`);
        }
      }
      assert.deepEqual(disagreements, []);
    });
  }
});

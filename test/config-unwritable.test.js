// A config store that cannot be written: the change fails with exit 3 naming the file, and every
// setting already there survives. As root (who writes anywhere) the command runs as user "nobody".
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { chmodSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { tempDir } from './helpers/cli.js';
import { bin } from './helpers/paths.js';

test('a config store that cannot be written keeps every setting: exit 3', (t) => {
  const root = tempDir(t);
  const dir = join(root, 'config');
  const file = join(dir, 'config.json');
  const before = '{"store-id": "4870020", "tags": "production,eu"}\n';
  mkdirSync(dir);
  writeFileSync(file, before);
  chmodSync(root, 0o755);
  chmodSync(dir, 0o555);
  chmodSync(file, 0o444);
  const asRoot = process.getuid?.() === 0;
  const nobody = asRoot ? { uid: 65534, gid: 65534 } : {};
  const reachable = spawnSync(process.execPath, ['-e', `require('fs').accessSync(${JSON.stringify(bin)}, require('fs').constants.R_OK)`], nobody);
  if (reachable.status !== 0) return t.skip('the checkout is not readable by user "nobody"');
  const result = spawnSync(process.execPath, [bin, 'config', 'set', 'name', 'shop'], {
    encoding: 'utf8',
    env: { PATH: process.env.PATH, ECWID_INSTANCE_CONFIG_DIR: dir },
    ...nobody,
  });
  chmodSync(dir, 0o755);
  assert.equal(result.status, 3, result.stderr);
  assert.match(result.stderr, new RegExp(`^error: cannot write the config file ${file.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}: permission denied\n`));
  assert.equal(readFileSync(file, 'utf8'), before);
  const list = spawnSync(process.execPath, [bin, 'config', 'list', '--json'], { encoding: 'utf8', env: { PATH: process.env.PATH, ECWID_INSTANCE_CONFIG_DIR: dir } });
  assert.deepEqual(JSON.parse(list.stdout), { 'store-id': '4870020', tags: 'production,eu' });
});

// Where init cannot write: a folder, a missing folder, a folder it may not write to. Exit 3 with the
// reason, nothing written, no temporary file left.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { chmodSync, linkSync, lstatSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { runCli, tempDir } from './helpers/cli.js';
import { KEYS, init, noPrompt } from './helpers/init-run.js';
import { bin } from './helpers/paths.js';

const ARGS = ['--no-input', '--store-id', '4870020', '--no-events'];

describe('init: replacing a file', () => {
  test('--force replaces it by a rename, never writing over it: a hard link keeps the old text', async (t) => {
    const dir = tempDir(t);
    writeFileSync(join(dir, 'instance.json'), 'old\n');
    linkSync(join(dir, 'instance.json'), join(dir, 'link.json'));
    const env = { ECWID_INSTANCE_CONFIG_DIR: join(dir, 'config'), ...KEYS };
    const result = await runCli(['init', ...ARGS, '--force'], { cwd: dir, env });
    assert.equal(result.code, 0);
    assert.equal(JSON.parse(readFileSync(join(dir, 'instance.json'), 'utf8')).configuration['ecwid.store.id'], '4870020');
    assert.equal(readFileSync(join(dir, 'link.json'), 'utf8'), 'old\n');
    assert.deepEqual(readdirSync(dir).filter((name) => name !== 'config').sort(), ['instance.json', 'link.json']);
  });

  test('--force never turns a device or a FIFO into a file of secrets: exit 3 naming the kind (real process)', (t) => {
    const dir = tempDir(t);
    // As root, a character device like /dev/null (made here, so the real one is never at risk).
    const targets = spawnSync('mknod', [join(dir, 'null'), 'c', '1', '3']).status === 0 ? [['null', 'a character device']] : [];
    if (spawnSync('mkfifo', [join(dir, 'fifo')]).status === 0) targets.push(['fifo', 'a FIFO (named pipe)']);
    if (targets.length === 0) return t.skip('neither mknod nor mkfifo works here');
    for (const [name, kind] of targets) {
      const before = lstatSync(join(dir, name));
      const result = spawnSync(process.execPath, [bin, 'init', ...ARGS, '-o', name, '--force'], { cwd: dir, encoding: 'utf8', env: { PATH: process.env.PATH, ECWID_INSTANCE_CONFIG_DIR: join(dir, 'config'), ...KEYS } });
      assert.deepEqual([result.status, result.stderr], [3, `error: cannot write ${join(dir, name)}: it is ${kind}, and only a regular file or a symbolic link is ever replaced\nChoose another --output.\n`]);
      const after = lstatSync(join(dir, name));
      assert.deepEqual([after.ino, after.mode, after.rdev], [before.ino, before.mode, before.rdev], `${name} is untouched`);
    }
    assert.deepEqual(readdirSync(dir).sort(), targets.map(([name]) => name).sort());
  });
});

describe('init: output paths that cannot be written', () => {
  test('a folder: exit 3, it is a directory', async (t) => {
    const dir = tempDir(t);
    mkdirSync(join(dir, 'folder'));
    const env = { ECWID_INSTANCE_CONFIG_DIR: join(dir, 'config'), ...KEYS };
    const result = await runCli(['init', ...ARGS, '-o', 'folder'], { cwd: dir, env });
    assert.equal(result.code, 3);
    assert.equal(result.stderr, `error: cannot write ${join(dir, 'folder')}: it is a directory\nGive a file name with --output.\n`);
    assert.deepEqual(readdirSync(join(dir, 'folder')), []);
  });

  test('a missing folder: exit 3, no such file or directory', async (t) => {
    const result = await init(t, [...ARGS, '-o', 'missing/instance.json'], { env: KEYS });
    assert.equal(result.code, 3);
    assert.match(result.stderr, /^error: cannot write .*missing\/instance\.json: no such file or directory\n/);
    assert.equal(result.written, undefined);
  });

  test('on a terminal, a folder or a missing folder is refused before anything is asked', async (t) => {
    const dir = tempDir(t);
    mkdirSync(join(dir, 'configs'));
    const env = { ECWID_INSTANCE_CONFIG_DIR: join(dir, 'config') };
    const folder = await runCli(['init', '-o', 'configs'], { cwd: dir, env, tty: true, prompter: noPrompt });
    assert.equal(folder.stderr, `error: cannot write ${join(dir, 'configs')}: it is a directory\nGive a file name with --output.\n`);
    assert.equal(folder.code, 3);
    const missing = await runCli(['init', '-o', 'missing/x.json'], { cwd: dir, env, tty: true, prompter: noPrompt });
    assert.equal(missing.stderr, `error: cannot write ${join(dir, 'missing/x.json')}: no such file or directory\nCreate the folder first, or choose another --output.\n`);
    assert.equal(missing.code, 3);
    assert.deepEqual(readdirSync(dir).sort(), ['configs']);
  });

  test('without a terminal, they are refused before missing values are reported', async (t) => {
    const dir = tempDir(t);
    mkdirSync(join(dir, 'configs'));
    const env = { ECWID_INSTANCE_CONFIG_DIR: join(dir, 'config') };
    for (const output of ['configs', 'missing/x.json']) {
      const result = await runCli(['init', '--no-input', '-o', output], { cwd: dir, env });
      assert.match(result.stderr, /^error: cannot write /, output);
      assert.equal(result.code, 3);
    }
  });

  test('a folder it may not write to: exit 3, permission denied, nothing left behind', (t) => {
    const dir = tempDir(t);
    const out = join(dir, 'locked');
    mkdirSync(out);
    chmodSync(dir, 0o755);
    chmodSync(out, 0o555);
    const nobody = process.getuid?.() === 0 ? { uid: 65534, gid: 65534 } : {};
    const reachable = spawnSync(process.execPath, ['-e', `require('fs').accessSync(${JSON.stringify(bin)}, require('fs').constants.R_OK)`], nobody);
    if (reachable.status !== 0) return t.skip('the checkout is not readable by user "nobody"');
    const result = spawnSync(process.execPath, [bin, 'init', ...ARGS, '-o', join(out, 'instance.json')], {
      encoding: 'utf8',
      cwd: dir,
      env: { PATH: process.env.PATH, ECWID_INSTANCE_CONFIG_DIR: join(dir, 'config'), ...KEYS },
      ...nobody,
    });
    assert.equal(result.status, 3, result.stderr);
    assert.equal(result.stderr, `error: cannot write ${join(out, 'instance.json')}: permission denied\n`);
    assert.deepEqual(readdirSync(out), []);
  });
});

// Files are written whole or not at all: a failure between write and rename, or a process killed
// mid-write, leaves the previous file intact and, by the next write, no temporary file behind.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import { writeFileAtomic } from '../dist/fs/write-file-atomic.js';
import { tempDir } from './helpers/cli.js';
import { root } from './helpers/paths.js';

const OLD = '{"old": true}\n';

describe('writeFileAtomic', () => {
  test('writes the file with the requested mode and leaves nothing else', async (t) => {
    const dir = tempDir(t);
    await writeFileAtomic(join(dir, 'instance.json'), 'new\n', { mode: 0o600, overwrite: false });
    assert.equal(readFileSync(join(dir, 'instance.json'), 'utf8'), 'new\n');
    assert.equal(statSync(join(dir, 'instance.json')).mode & 0o777, 0o600);
    assert.deepEqual(readdirSync(dir), ['instance.json']);
  });

  test('an existing file is kept unless overwriting is asked for: exit 3', async (t) => {
    const dir = tempDir(t);
    writeFileSync(join(dir, 'instance.json'), OLD);
    await assert.rejects(writeFileAtomic(join(dir, 'instance.json'), 'new', { mode: 0o600, overwrite: false }), { exitCode: 3, message: `${join(dir, 'instance.json')} already exists` });
    assert.equal(readFileSync(join(dir, 'instance.json'), 'utf8'), OLD);
    assert.deepEqual(readdirSync(dir), ['instance.json']);
  });

  test('a failure between write and rename keeps the old file and removes the temporary one', async (t) => {
    const dir = tempDir(t);
    writeFileSync(join(dir, 'instance.json'), OLD);
    const failing = { rename: async () => Promise.reject(Object.assign(new Error('injected'), { code: 'EIO' })), link: async () => {} };
    await assert.rejects(writeFileAtomic(join(dir, 'instance.json'), 'new', { mode: 0o600, overwrite: true }, failing), { exitCode: 3, message: `cannot write ${join(dir, 'instance.json')}: EIO` });
    assert.equal(readFileSync(join(dir, 'instance.json'), 'utf8'), OLD);
    assert.deepEqual(readdirSync(dir), ['instance.json']);
  });

  test('a path that is a directory, or in a missing folder: exit 3 with the reason', async (t) => {
    const dir = tempDir(t);
    mkdirSync(join(dir, 'folder'));
    await assert.rejects(writeFileAtomic(join(dir, 'folder'), 'x', { mode: 0o600, overwrite: true }), { exitCode: 3, message: `cannot write ${join(dir, 'folder')}: it is a directory` });
    await assert.rejects(writeFileAtomic(join(dir, 'missing/x.json'), 'x', { mode: 0o600, overwrite: true }), { exitCode: 3, message: `cannot write ${join(dir, 'missing/x.json')}: no such file or directory` });
  });

  test('a process killed mid-write leaves the old file whole; the next write clears its leftovers', async (t) => {
    const dir = tempDir(t);
    const target = join(dir, 'instance.json');
    writeFileSync(target, OLD);
    const script = `import { writeFileAtomic } from ${JSON.stringify(join(root, 'dist/fs/write-file-atomic.js'))};
      await writeFileAtomic(${JSON.stringify(target)}, 'x'.repeat(256 * 1024 * 1024), { mode: 0o600, overwrite: true });`;
    const child = spawn(process.execPath, ['--input-type=module', '-e', script], { stdio: 'ignore' });
    const exited = new Promise((resolve) => child.on('exit', resolve));
    let temporary;
    for (let i = 0; i < 2000 && !temporary; i++) {
      temporary = readdirSync(dir).find((name) => name.endsWith('.tmp'));
      if (!temporary) await sleep(5);
    }
    child.kill('SIGKILL');
    await exited;
    assert.ok(temporary, 'the child started writing');
    assert.equal(readFileSync(target, 'utf8'), OLD);
    assert.ok(existsSync(join(dir, temporary)), 'a killed process cannot clean up after itself');
    await writeFileAtomic(target, 'next\n', { mode: 0o600, overwrite: true });
    assert.deepEqual(readdirSync(dir), ['instance.json']);
    assert.equal(readFileSync(target, 'utf8'), 'next\n');
  });
});

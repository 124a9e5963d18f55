// Files are written whole or not at all: a failure between write and rename, or a process killed
// mid-write, leaves the previous file intact; a later write removes the temporary file it left once it
// is provably abandoned, and nothing else. Only a regular file or a symbolic link is ever replaced.
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, lstatSync, mkdirSync, readdirSync, readFileSync, statSync, symlinkSync, utimesSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
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
    await assert.rejects(writeFileAtomic(join(dir, 'instance.json'), 'new', { mode: 0o600, overwrite: true }, failing), { exitCode: 3, message: `cannot write ${join(dir, 'instance.json')}: input/output error` });
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
    const { child, exited, temporary } = await startLargeWrite(dir, target);
    child.kill('SIGKILL');
    await exited;
    assert.ok(temporary, 'the child started writing');
    assert.equal(readFileSync(target, 'utf8'), OLD);
    assert.ok(existsSync(join(dir, temporary)), 'a killed process cannot clean up after itself');
    // Fresh, it may still be another process's (another PID namespace): kept.
    await writeFileAtomic(target, 'next\n', { mode: 0o600, overwrite: true });
    assert.deepEqual(readdirSync(dir).sort(), [temporary, 'instance.json'].sort());
    makeOld(join(dir, temporary));
    await writeFileAtomic(target, 'last\n', { mode: 0o600, overwrite: true });
    assert.deepEqual(readdirSync(dir), ['instance.json']);
    assert.equal(readFileSync(target, 'utf8'), 'last\n');
  });

  for (const signal of ['SIGTERM', 'SIGINT']) {
    test(`${signal} mid-write: the process ends by it, the old file is whole and no temporary file is left`, async (t) => {
      const dir = tempDir(t);
      const target = join(dir, 'instance.json');
      writeFileSync(target, OLD);
      const { child, exited, temporary } = await startLargeWrite(dir, target);
      child.kill(signal);
      assert.deepEqual(await exited, { code: null, signalCode: signal });
      assert.ok(temporary, 'the child started writing');
      assert.equal(readFileSync(target, 'utf8'), OLD);
      assert.deepEqual(readdirSync(dir), ['instance.json']);
    });
  }

  test("the sweep removes only this tool's abandoned temporaries: never a user's file, a live writer's or a fresh one", async (t) => {
    const dir = tempDir(t);
    const dead = spawnSync(process.execPath, ['-e', '0']).pid;
    const kept = {
      '.instance.json.1.tmp': 'a user file of the old shape',
      [`.instance.json.${dead}.notes.tmp`]: 'a user file, its number a process that has ended',
      [`.instance.json.${dead}.0123456789ab.tmp`]: 'the old shape of a temporary, with a random part',
      [`.instance.json.ecwid-instance-${process.pid}-0123456789abcdef.tmp`]: "a running writer's",
      [`.instance.json.ecwid-instance-${dead}-0123456789abcdef.tmp.bak`]: 'another suffix',
      [`.other.json.ecwid-instance-${dead}-0123456789abcdef.tmp`]: "another target's",
    };
    const abandoned = `.instance.json.ecwid-instance-${dead}-fedcba9876543210.tmp`;
    for (const [name, text] of Object.entries({ ...kept, [abandoned]: 'left by a killed writer' })) {
      writeFileSync(join(dir, name), text);
      makeOld(join(dir, name));
    }
    await writeFileAtomic(join(dir, 'instance.json'), 'new\n', { mode: 0o600, overwrite: true });
    assert.deepEqual(readdirSync(dir).sort(), [...Object.keys(kept), 'instance.json'].sort());
    for (const [name, text] of Object.entries(kept)) assert.equal(readFileSync(join(dir, name), 'utf8'), text);
  });

  test('--force replaces a regular file or a symbolic link, never a FIFO, socket, device or folder: exit 3 naming the kind', async (t) => {
    const dir = tempDir(t);
    const write = (name) => writeFileAtomic(join(dir, name), 'new\n', { mode: 0o600, overwrite: true, shown: name });
    spawnSync('mkfifo', [join(dir, 'fifo')]);
    const server = createServer();
    await new Promise((resolve) => server.listen(join(dir, 'socket'), resolve));
    t.after(() => server.close());
    mkdirSync(join(dir, 'folder'));
    const refusals = [
      ['fifo', 'cannot write fifo: it is a FIFO (named pipe), and only a regular file or a symbolic link is ever replaced'],
      ['socket', 'cannot write socket: it is a socket, and only a regular file or a symbolic link is ever replaced'],
      ['folder', 'cannot write folder: it is a directory'],
    ];
    if (spawnSync('mknod', [join(dir, 'null'), 'c', '1', '3']).status === 0) {
      refusals.push(['null', 'cannot write null: it is a character device, and only a regular file or a symbolic link is ever replaced']);
    }
    for (const [name, message] of refusals) {
      const before = lstatSync(join(dir, name));
      await assert.rejects(write(name), { exitCode: 3, message }, name);
      const after = lstatSync(join(dir, name));
      assert.deepEqual([after.ino, after.mode], [before.ino, before.mode], `${name} is untouched`);
    }
    writeFileSync(join(dir, 'target.json'), OLD);
    symlinkSync('target.json', join(dir, 'link.json'));
    await write('link.json');
    assert.ok(lstatSync(join(dir, 'link.json')).isFile(), 'the link itself is replaced');
    assert.equal(readFileSync(join(dir, 'target.json'), 'utf8'), OLD, 'what it pointed to is not written');
    assert.ok(!readdirSync(dir).some((name) => name.endsWith('.tmp')));
  });
});

/**
 * A child process writing 256 MiB to `target` through writeFileAtomic, caught while its temporary file
 * exists: `exited` resolves with its exit code and signal.
 */
async function startLargeWrite(dir, target) {
  const script = `import { writeFileAtomic } from ${JSON.stringify(join(root, 'dist/fs/write-file-atomic.js'))};
    await writeFileAtomic(${JSON.stringify(target)}, 'x'.repeat(256 * 1024 * 1024), { mode: 0o600, overwrite: true });`;
  const child = spawn(process.execPath, ['--input-type=module', '-e', script], { stdio: 'ignore' });
  const exited = new Promise((resolve) => child.on('exit', (code, signalCode) => resolve({ code, signalCode })));
  let temporary;
  for (let i = 0; i < 2000 && !temporary; i++) {
    temporary = readdirSync(dir).find((name) => name.endsWith('.tmp'));
    if (!temporary) await sleep(5);
  }
  return { child, exited, temporary };
}

/** Dates a file a day back, as one left by a writer killed long ago. */
function makeOld(path) {
  const then = (Date.now() - 24 * 3600 * 1000) / 1000;
  utimesSync(path, then, then);
}

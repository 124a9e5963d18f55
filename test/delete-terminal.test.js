// delete as a person runs it: the built bin in a real pseudo-terminal, answering the confirmation
// with real keystrokes, against the fake Platform API in this process.
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { tempDir } from './helpers/cli.js';
import { ORG_SECRET, USER_SECRET } from './helpers/fake-cloud-elements.js';
import { stored } from './helpers/lifecycle-setup.js';
import { bin } from './helpers/paths.js';
import { FILE, NAME, useFakeCloudElements } from './helpers/provision-setup.js';

const require = createRequire(import.meta.url);
const pty = require('node-pty');
const WAIT_MS = 15_000;
// eslint-disable-next-line no-control-regex
const ANSI = /\u001b\[[0-9;?]*[ -/]*[@-~]|\u001b\][^\u0007]*\u0007|\u001b[()][0-9A-B]/g;

let api;
useFakeCloudElements((servers) => ({ api } = servers));

/** `delete` in a pseudo-terminal, without CI in its environment (so it may ask). */
function startDelete(t, dir, args) {
  const env = { PATH: process.env.PATH, HOME: dir, TERM: 'xterm-256color', ECWID_INSTANCE_CONFIG_DIR: join(dir, '.config'), CLOUD_ELEMENTS_USER_SECRET: USER_SECRET, CLOUD_ELEMENTS_ORG_SECRET: ORG_SECRET };
  const child = pty.spawn(process.execPath, [bin, 'delete', ...args, '--base-url', api.url], { cwd: dir, env, cols: 200, rows: 50, name: 'xterm-256color' });
  let raw = '';
  let done = false;
  const exited = new Promise((resolve) => child.onExit(resolve));
  exited.then(() => (done = true));
  child.onData((data) => (raw += data));
  t.after(() => {
    if (!done) child.kill('SIGKILL');
  });
  const screen = () => raw.replace(ANSI, '');
  const within = (promise, what) => {
    let timer;
    const late = new Promise((_, reject) => {
      timer = setTimeout(() => reject(new Error(`${what}; screen so far:\n${screen()}`)), WAIT_MS);
    });
    return Promise.race([promise, late]).finally(() => clearTimeout(timer));
  };
  /** Resolves once `text` is on the screen; polls at most until WAIT_MS, so a failed wait leaves nothing running. */
  const waitFor = (text) => {
    const until = Date.now() + WAIT_MS;
    return new Promise((resolve, reject) => {
      const poll = () => {
        if (screen().includes(text)) return resolve();
        if (Date.now() > until) return reject(new Error(`timed out waiting for ${JSON.stringify(text)}; screen so far:\n${screen()}`));
        setTimeout(poll, 20);
      };
      poll();
    });
  };
  return {
    screen,
    raw: () => raw,
    type: (keys) => child.write(keys),
    waitFor,
    exit: () => within(exited, 'did not exit'),
  };
}

describe('delete in a terminal', () => {
  test('asks "Delete instance <id> "<name>"? (y/N)"; y deletes it', async (t) => {
    api.state.instances = [stored(501)];
    const run = startDelete(t, tempDir(t), [FILE]);
    await run.waitFor(`Delete instance 501 "${NAME}"? (y/N)`);
    assert.equal(api.state.instances.length, 1, 'nothing is deleted before the answer');
    run.type('y\r');
    await run.waitFor(`Deleted instance 501 "${NAME}"`);
    const { exitCode } = await run.exit();
    assert.equal(exitCode, 0, run.screen());
    assert.equal(api.state.instances.length, 0);
    assert.deepEqual(api.state.requests.map((request) => request.method), ['GET', 'DELETE']);
    for (const secret of [USER_SECRET, ORG_SECRET]) assert.ok(!run.raw().includes(secret));
  });

  test('Enter takes the default, no: Cancelled, exit 130, nothing deleted', async (t) => {
    api.state.instances = [stored(501)];
    const run = startDelete(t, tempDir(t), [FILE]);
    await run.waitFor('(y/N)');
    run.type('\r');
    await run.waitFor('Cancelled: nothing was deleted');
    const { exitCode } = await run.exit();
    assert.equal(exitCode, 130);
    assert.equal(api.state.instances.length, 1);
    assert.deepEqual(api.state.requests.map((request) => request.method), ['GET']);
  });

  test('Ctrl+C at the question: Cancelled, exit 130, nothing deleted', async (t) => {
    api.state.instances = [stored(501)];
    const run = startDelete(t, tempDir(t), ['--id', '501']);
    await run.waitFor('(y/N)');
    run.type('\u0003');
    await run.waitFor('Cancelled');
    const { exitCode } = await run.exit();
    assert.equal(exitCode, 130);
    assert.equal(api.state.instances.length, 1);
  });
});

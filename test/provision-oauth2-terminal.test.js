// provision of an OAuth2 file in a real pseudo-terminal, with a redirect URL that cannot be caught
// here: the store owner's address is pasted at a masked prompt.
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { test } from 'node:test';
import { tempDir } from './helpers/cli.js';
import { ORG_SECRET, USER_SECRET } from './helpers/fake-cloud-elements.js';
import { bin } from './helpers/paths.js';
import { useFakeCloudElements } from './helpers/provision-setup.js';

const require = createRequire(import.meta.url);
const pty = require('node-pty');

let api;
useFakeCloudElements((servers) => ({ api } = servers));

const CLIENT_SECRET = 'client_SECRET_abcd1234';
const CODE = 'grantCODE_5f2a9c71e0';
const WAIT_MS = 15_000;
// eslint-disable-next-line no-control-regex
const ANSI = /\u001b\[[0-9;?]*[ -/]*[@-~]|\u001b\][^\u0007]*\u0007|\u001b[()][0-9A-B]/g;

function startProvision(t, dir, args) {
  const env = { PATH: process.env.PATH, HOME: dir, TERM: 'xterm-256color', ECWID_INSTANCE_CONFIG_DIR: join(dir, '.config'), CLOUD_ELEMENTS_USER_SECRET: USER_SECRET, CLOUD_ELEMENTS_ORG_SECRET: ORG_SECRET };
  const child = pty.spawn(process.execPath, [bin, 'provision', ...args], { cwd: dir, env, cols: 400, rows: 50, name: 'xterm-256color' });
  let raw = '';
  const exited = new Promise((resolve) => child.onExit(resolve));
  let done = false;
  exited.then(() => (done = true));
  child.onData((data) => (raw += data));
  t.after(() => {
    if (!done) child.kill('SIGKILL');
  });
  const screen = () => raw.replace(ANSI, '');
  return {
    get raw() {
      return raw;
    },
    screen,
    async waitFor(pattern) {
      const started = Date.now();
      for (;;) {
        const match = pattern.exec(screen());
        if (match) return match;
        if (done || Date.now() - started > WAIT_MS) throw new Error(`no ${pattern}; screen so far:\n${screen()}`);
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
    },
    type: (keys) => child.write(keys),
    exit: () => Promise.race([exited, new Promise((_, reject) => setTimeout(() => reject(new Error(`did not exit:\n${screen()}`)), WAIT_MS))]),
  };
}

test('a non-loopback redirect URL: the address the browser was sent to is pasted at a masked prompt', async (t) => {
  const dir = tempDir(t);
  const instance = {
    element: { key: 'ecwid' },
    configuration: { 'authentication.type': 'oauth2', 'oauth.api.key': 'my-app', 'oauth.api.secret': CLIENT_SECRET, 'oauth.callback.url': 'https://example.com/oauth/callback', 'event.notification.enabled': 'false' },
    name: 'shop-eu',
  };
  writeFileSync(join(dir, 'oauth.json'), JSON.stringify(instance, null, 2));
  const run = startProvision(t, dir, ['oauth.json', '--base-url', api.url]);
  const [, address] = await run.waitFor(/ {2}(https:\/\/my\.ecwid\.com\/\S+)/);
  const state = new URL(address).searchParams.get('state');
  await run.waitFor(/Paste the address your browser was sent to \(or only the code\)/);
  // An address of another authorization is refused, and asked again.
  run.type(`https://example.com/oauth/callback?code=stolen&state=other\r`);
  await run.waitFor(/its state does not match this authorization/);
  run.type('\u0015'); // Ctrl+U clears the refused answer
  run.type(`https://example.com/oauth/callback?code=${CODE}&state=${state}\r`);
  await run.waitFor(/Created instance 12345 "shop-eu"/);
  const { exitCode } = await run.exit();
  assert.equal(exitCode, 0, run.screen());
  const create = api.state.requests.find((request) => request.method === 'POST');
  assert.deepEqual(JSON.parse(create.body).providerData, { code: CODE });
  for (const secret of [CODE, CLIENT_SECRET, USER_SECRET, ORG_SECRET]) {
    assert.ok(!run.raw.includes(secret) && !run.raw.includes(secret.slice(-8)), `a secret was shown: ${secret.slice(0, 4)}…`);
  }
  assert.ok(!run.raw.includes('code=stolen'), 'the pasted address is masked as it is typed');
});

// init as a person runs it: a real pseudo-terminal, real keystrokes, the built bin. And as a script
// runs it with stdin a pipe: it must never wait for a prompt.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { readdir, readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { tempDir } from './helpers/cli.js';
import { bin } from './helpers/paths.js';

const require = createRequire(import.meta.url);
const pty = require('node-pty');

const ORDER = 'secret_orderKEY1234';
const PRODUCT = 'public_productKEY5678';
const WAIT_MS = 15_000;

/** A child's environment without CI (so it may prompt) and with its own home and config folder. */
function childEnv(dir) {
  return { PATH: process.env.PATH, HOME: dir, TERM: 'xterm-256color', ECWID_INSTANCE_CONFIG_DIR: join(dir, '.config') };
}

// eslint-disable-next-line no-control-regex
const ANSI = /\u001b\[[0-9;?]*[ -/]*[@-~]|\u001b\][^\u0007]*\u0007|\u001b[()][0-9A-B]/g;

// Select Graphic Rendition codes that colour or style text (bold, dim, a foreground or background
// colour, or the codes that end them); cursor movement and erasing are not among them.
// eslint-disable-next-line no-control-regex
const STYLED = /\u001b\[(?:[0-9]+;)*(?:1|2|22|3\d|4\d|9\d|10\d)m/;

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * `init` in a pseudo-terminal, with waits on screen text that fail after a bounded time. `before` goes
 * ahead of the command name (global options); `env` adds to the child's environment. With `then`, a
 * shell runs init and then that shell command in the same terminal.
 */
function startInit(t, dir, args = [], { before = [], env = {}, then } = {}) {
  const term = env.TERM ?? 'xterm-256color'; // node-pty sets TERM to the terminal's name
  const argv = [process.execPath, bin, ...before, 'init', ...args];
  const [file, ...rest] = then === undefined ? argv : ['sh', '-c', `${argv.map((arg) => `'${arg.replaceAll("'", "'\\''")}'`).join(' ')}; ${then}`];
  const child = pty.spawn(file, rest, { cwd: dir, env: { ...childEnv(dir), ...env }, cols: 200, rows: 50, name: term });
  let raw = '';
  let searchFrom = 0;
  let waiter;
  const exited = new Promise((resolve) => child.onExit(resolve));
  let done = false;
  exited.then(() => (done = true));
  const screen = () => raw.replace(ANSI, '');
  const check = () => {
    if (!waiter) return;
    const at = screen().indexOf(waiter.text, searchFrom);
    if (at === -1) return;
    searchFrom = at + waiter.text.length;
    clearTimeout(waiter.timer);
    const { resolve } = waiter;
    waiter = undefined;
    resolve();
  };
  child.onData((data) => {
    raw += data;
    check();
  });
  t.after(() => {
    if (waiter) clearTimeout(waiter.timer);
    if (!done) child.kill('SIGKILL');
  });
  return {
    pid: child.pid,
    get raw() {
      return raw;
    },
    screen,
    /** Resolves once `text` appears on the screen after the previous match. */
    waitFor(text) {
      return new Promise((resolve, reject) => {
        const timer = setTimeout(() => {
          waiter = undefined;
          reject(new Error(`timed out waiting for ${JSON.stringify(text)}; screen so far:\n${screen()}`));
        }, WAIT_MS);
        waiter = { text, resolve, timer };
        check();
      });
    },
    type: (keys) => child.write(keys),
    async exit() {
      let timer;
      const timeout = new Promise((_, reject) => {
        timer = setTimeout(() => reject(new Error(`did not exit; screen so far:\n${screen()}`)), WAIT_MS);
      });
      try {
        return await Promise.race([exited, timeout]);
      } finally {
        clearTimeout(timer);
      }
    },
  };
}

describe('init in a terminal', () => {
  test('the wizard: masked secrets, re-asked answers, both URLs, a 0600 file', async (t) => {
    const dir = tempDir(t);
    const run = startInit(t, dir);
    await run.waitFor('How does the instance authenticate to Ecwid?');
    await run.waitFor('OAuth2 with your Ecwid app');
    run.type('\r'); // the first choice, legacy keys, is preselected
    await run.waitFor('Ecwid store ID');
    run.type('48a\r');
    await run.waitFor('the store ID must be digits, such as 4870020');
    run.type('\u0015 4870020\r'); // Ctrl+U clears the rejected answer
    await run.waitFor('https://my.ecwid.com/store/4870020#legacy_api');
    await run.waitFor('Order API secret');
    run.type(`${ORDER}\r`);
    await run.waitFor('Product API secret');
    run.type(`${PRODUCT}\r`);
    await run.waitFor('Cloud Elements environment');
    run.type('\r');
    await run.waitFor('Send Ecwid order events to your app');
    run.type('y\r');
    await run.waitFor('Callback URL of your app');
    run.type('https://example.com/ecwid/events\r');
    await run.waitFor('https://api.cloud-elements.com/elements/api-v2/events/ecwid');
    await run.waitFor('Sign events so that your app can check they come from Cloud Elements? (Y/n)');
    run.type('\r'); // yes, the default: a key is generated
    await run.waitFor('Instance name');
    run.type('\r');
    await run.waitFor('Tags, comma-separated');
    run.type('production, eu\r');
    await run.waitFor('Wrote instance.json');
    await run.waitFor('ecwid-instance provision instance.json');
    const { exitCode } = await run.exit();
    assert.equal(exitCode, 0, run.screen());

    const path = join(dir, 'instance.json');
    const written = JSON.parse(readFileSync(path, 'utf8'));
    const signatureKey = written.configuration['event.notification.signature.key'];
    assert.match(signatureKey, /^[A-Za-z0-9_-]{43}$/);
    assert.ok(!run.raw.includes(signatureKey), 'the generated key was shown');
    assert.deepEqual(written, {
      element: { key: 'ecwid' },
      configuration: {
        'authentication.type': 'custom',
        'ecwid.order.key': ORDER,
        'ecwid.product.key': PRODUCT,
        'ecwid.store.id': '4870020',
        'event.notification.enabled': 'true',
        'event.notification.callback.url': 'https://example.com/ecwid/events',
        'event.notification.signature.key': signatureKey,
      },
      tags: ['production', 'eu'],
      name: 'ecwid-4870020',
    });
    assert.equal(statSync(path).mode & 0o777, 0o600);
    for (const secret of [ORDER, PRODUCT]) {
      assert.ok(!run.raw.includes(secret), 'a secret was echoed');
      assert.ok(!run.screen().includes(secret), 'a secret was shown');
      assert.ok(!run.raw.includes(secret.slice(-8)), 'part of a secret was shown');
    }
    assert.match(run.raw, STYLED, 'on a colour terminal the prompts are styled');
  });

  test('a masked secret cannot be revealed: Ctrl+T shows nothing, and no toggle is offered', async (t) => {
    const dir = tempDir(t);
    const run = startInit(t, dir, ['--auth', 'custom', '--environment', 'us', '--store-id', '4870020', '--no-events', '--name', 'shop', '--tag', 'eu']);
    await run.waitFor('Order API secret');
    run.type(ORDER);
    await run.waitFor('*'.repeat(ORDER.length));
    run.type('\u0014'); // Ctrl+T
    await sleep(500); // time to draw whatever Ctrl+T would show
    run.type('\u0015'); // Ctrl+U: Ctrl+T may have transposed two characters, so the secret is typed again
    run.type(`${ORDER}\r`);
    await run.waitFor('Product API secret');
    run.type(`${PRODUCT}\r`);
    await run.waitFor('Wrote instance.json');
    const { exitCode } = await run.exit();
    assert.equal(exitCode, 0, run.screen());
    assert.equal(JSON.parse(readFileSync(join(dir, 'instance.json'), 'utf8')).configuration['ecwid.order.key'], ORDER);
    assert.ok(!run.raw.includes(ORDER) && !run.raw.includes(ORDER.slice(-6)), 'the secret was shown');
    assert.ok(!/toggle|ctrl\+t/i.test(run.screen()), 'a way to show the secret was offered');
  });

  for (const [label, options] of [
    ['--no-color', { before: ['--no-color'] }],
    ['NO_COLOR=1', { env: { NO_COLOR: '1' } }],
    ['TERM=dumb', { env: { TERM: 'dumb' } }],
  ]) {
    test(`with ${label} the prompts, answers and errors carry no colour or bold`, async (t) => {
      const dir = tempDir(t);
      const run = startInit(t, dir, ['--name', 'shop', '--tag', 'eu'], options);
      await run.waitFor('How does the instance authenticate to Ecwid?');
      run.type('\r');
      await run.waitFor('Ecwid store ID');
      // A refused answer shows an error; node's line editor for TERM=dumb has no Ctrl+U to retype it.
      if (label !== 'TERM=dumb') {
        run.type('48a\r');
        await run.waitFor('the store ID must be digits, such as 4870020');
        run.type('\u0015');
      }
      run.type('4870020\r');
      await run.waitFor('Order API secret');
      run.type(`${ORDER}\r`);
      await run.waitFor('Product API secret');
      run.type(`${PRODUCT}\r`);
      await run.waitFor('Cloud Elements environment');
      run.type('\r');
      await run.waitFor('Send Ecwid order events to your app');
      await run.waitFor('(y/N)');
      run.type('n\r');
      await run.waitFor('Wrote instance.json');
      const { exitCode } = await run.exit();
      assert.equal(exitCode, 0, run.screen());
      const styled = STYLED.exec(run.raw);
      assert.equal(styled, null, `styled output near ${JSON.stringify(run.raw.slice(Math.max(0, (styled?.index ?? 0) - 40), (styled?.index ?? 0) + 40))}`);
    });
  }

  test('Ctrl+C in the middle: Cancelled, exit 130, the existing file byte for byte untouched', async (t) => {
    const dir = tempDir(t);
    const old = '{\n  "name": "keep me"\n}\n';
    writeFileSync(join(dir, 'instance.json'), old);
    const run = startInit(t, dir, ['--force', '--auth', 'custom']);
    await run.waitFor('Ecwid store ID');
    run.type('4870020\r');
    await run.waitFor('Order API secret');
    run.type(`${ORDER}\r`);
    await run.waitFor('Product API secret');
    run.type('public_half');
    run.type('\u0003');
    await run.waitFor('Cancelled');
    const { exitCode } = await run.exit();
    assert.equal(exitCode, 130);
    assert.equal(readFileSync(join(dir, 'instance.json'), 'utf8'), old);
    assert.deepEqual(readdirSync(dir).filter((name) => name !== '.config'), ['instance.json'], 'no temporary file left');
    assert.ok(!run.raw.includes(ORDER));
  });

  test('SIGTERM at a masked prompt: the terminal gets its echo back, exit 143, nothing written', { skip: process.platform !== 'linux' }, async (t) => {
    const dir = tempDir(t);
    // The shell waits for a line after END: output written just before a terminal's last process exits can be lost.
    const run = startInit(t, dir, ['--auth', 'custom', '--store-id', '4870020'], { then: 'echo "EXIT=$?"; stty -a; echo END; read line' });
    await run.waitFor('Order API secret');
    run.type('secret_half');
    process.kill(await childOf(run.pid), 'SIGTERM');
    await run.waitFor('END');
    const screen = run.screen();
    run.type('\r');
    await run.exit();
    assert.match(screen, /EXIT=143/);
    const settings = screen.slice(screen.indexOf('EXIT=143')).split(/\s+/);
    for (const mode of ['echo', 'icanon']) assert.ok(settings.includes(mode) && !settings.includes(`-${mode}`), `${mode} is on again:\n${screen}`);
    assert.deepEqual(readdirSync(dir), []);
    assert.ok(!screen.includes('secret_half'));
  });

  test('end of input (Ctrl+D) at a prompt: Cancelled, exit 130, nothing written', async (t) => {
    const dir = tempDir(t);
    const run = startInit(t, dir, ['--store-id', '4870020', '--auth', 'custom']);
    await run.waitFor('Order API secret');
    run.type('\u0004');
    await run.waitFor('Cancelled');
    const { exitCode } = await run.exit();
    assert.equal(exitCode, 130);
    assert.deepEqual(readdirSync(dir), []);
  });
});

describe('init in a terminal: OAuth2 and environments', () => {
  const CLIENT_SECRET = 'client_SECRET_abcd1234';
  const DOWN = '\u001b[B';

  test('OAuth2: the second choice, the app\'s values with the secret masked, the suggested redirect URL, a non-default environment', async (t) => {
    const dir = tempDir(t);
    const run = startInit(t, dir, ['--tag', 'eu']);
    await run.waitFor('How does the instance authenticate to Ecwid?');
    await run.waitFor('OAuth2 with your Ecwid app (client ID and secret); for stores without legacy keys');
    run.type(DOWN);
    run.type('\r');
    await run.waitFor('Client ID of your Ecwid app');
    run.type('my-app\r');
    await run.waitFor('Client secret of your Ecwid app');
    run.type(`${CLIENT_SECRET}\r`);
    await run.waitFor('must equal the redirect URL registered for your Ecwid app');
    await run.waitFor('Redirect URL of your Ecwid app');
    run.type('\r'); // the suggested http://localhost:8787/callback
    await run.waitFor('Cloud Elements environment');
    run.type(`${DOWN}\r`); // eu
    await run.waitFor('Send Ecwid order events to your app');
    run.type('y\r');
    await run.waitFor('Callback URL of your app');
    run.type('https://example.com/ecwid/events\r');
    await run.waitFor('https://api.cloud-elements.co.uk/elements/api-v2/events/ecwid');
    await run.waitFor('Sign events');
    run.type('n\r');
    await run.waitFor('Instance name');
    run.type('shop-eu\r');
    await run.waitFor('Wrote instance.json');
    await run.waitFor('ecwid-instance provision instance.json --environment eu');
    const { exitCode } = await run.exit();
    assert.equal(exitCode, 0, run.screen());
    assert.deepEqual(JSON.parse(readFileSync(join(dir, 'instance.json'), 'utf8')), {
      element: { key: 'ecwid' },
      configuration: {
        'authentication.type': 'oauth2',
        'oauth.api.key': 'my-app',
        'oauth.api.secret': CLIENT_SECRET,
        'oauth.callback.url': 'http://localhost:8787/callback',
        'event.notification.enabled': 'true',
        'event.notification.callback.url': 'https://example.com/ecwid/events',
      },
      tags: ['eu'],
      name: 'shop-eu',
    });
    assert.ok(!run.raw.includes(CLIENT_SECRET) && !run.raw.includes(CLIENT_SECRET.slice(-6)), 'the client secret was shown');
    assert.ok(!run.screen().includes('legacy_api'), 'an OAuth2 file has no Legacy API Key page');
  });

  test('legacy keys with a non-default environment chosen from the list', async (t) => {
    const dir = tempDir(t);
    const run = startInit(t, dir, ['--no-events', '--name', 'shop', '--tag', 'eu'], { env: { ECWID_ORDER_KEY: ORDER, ECWID_PRODUCT_KEY: PRODUCT } });
    await run.waitFor('How does the instance authenticate to Ecwid?');
    run.type('\r');
    await run.waitFor('Ecwid store ID');
    run.type('4870020\r');
    await run.waitFor('Cloud Elements environment');
    run.type(`${DOWN}${DOWN}${DOWN}\r`); // us, eu, staging, sap-us2
    await run.waitFor('Wrote instance.json');
    await run.waitFor('https://api.openconnectors.us2.ext.hana.ondemand.com/elements/api-v2/events/ecwid');
    await run.waitFor('--environment sap-us2');
    const { exitCode } = await run.exit();
    assert.equal(exitCode, 0, run.screen());
    assert.equal(JSON.parse(readFileSync(join(dir, 'instance.json'), 'utf8')).configuration['authentication.type'], 'custom');
  });
});

describe('init with stdin a pipe', () => {
  test('never waits for a prompt: exit 2 listing the missing values, even with stdin left open', async (t) => {
    const dir = tempDir(t);
    const child = spawn(process.execPath, [bin, 'init'], { cwd: dir, env: childEnv(dir), stdio: ['pipe', 'pipe', 'pipe'] });
    t.after(() => {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (data) => (stdout += data));
    child.stderr.on('data', (data) => (stderr += data));
    let timer;
    const code = await Promise.race([
      new Promise((resolve) => child.on('close', resolve)),
      new Promise((_, reject) => {
        timer = setTimeout(() => reject(new Error(`still running: it waits on stdin\n${stderr}`)), WAIT_MS);
      }),
    ]).finally(() => clearTimeout(timer));
    assert.equal(code, 2);
    assert.equal(stdout, '');
    assert.match(stderr, /^error: missing 3 required values:\n {2}store ID {12}--store-id <id> or ECWID_STORE_ID\n {2}Order API secret {4}--order-key-file <file> or ECWID_ORDER_KEY\n {2}Product API secret {2}--product-key-file <file> or ECWID_PRODUCT_KEY\n/);
    assert.deepEqual(readdirSync(dir), []);
  });
});

/** The process ID of the one child of `pid` (Linux: read from /proc). */
async function childOf(pid) {
  for (let attempt = 0; attempt < 100; attempt++) {
    for (const entry of await readdir('/proc')) {
      if (!/^\d+$/.test(entry)) continue;
      const stat = await readFile(`/proc/${entry}/stat`, 'utf8').catch(() => '');
      // pid (comm) state ppid ...: comm may hold spaces, so read after its closing parenthesis.
      if (Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]) === pid) return Number(entry);
    }
    await sleep(50);
  }
  throw new Error(`no child of ${pid}`);
}

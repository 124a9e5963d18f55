// `events send` against real loopback servers: the sample body and its headers, the exit code for
// each kind of answer, the URL and key from the instance file, and the warning for plain http.
import assert from 'node:assert/strict';
import { createHmac } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { runCli, tempDir } from './helpers/cli.js';
import { startApp } from './helpers/listener.js';

const key = 'send-test-key-0123456789abcdefghijklmnopqrstu';
const sign = (body) => `sha256=${createHmac('sha256', key).update(body).digest('base64')}`;
const send = (args, options = {}) => runCli(['events', 'send', ...args], { fetch: globalThis.fetch, ...options });

describe('events send', () => {
  test('posts the sample callback, signed, with a webhook ID', async (t) => {
    const app = await startApp(t, () => [200, 'thanks\n']);
    const run = await send([`${app.url}/hook`, '--event', 'updated', '--object-id', '42'], { env: { ECWID_SIGNATURE_KEY: key } });
    assert.equal(run.code, 0, run.stderr);
    assert.match(run.stdout, /^POST http:\/\/127\.0\.0\.1:\d+\/hook: 200 OK in \d+ ms\nthanks\n$/);
    assert.equal(run.stderr, '');
    const [received] = app.requests;
    assert.equal(received.method, 'POST');
    assert.equal(received.headers['content-type'], 'application/json');
    assert.equal(received.headers['elements-webhook-signature'], sign(received.body));
    assert.match(received.headers['elements-webhook-id'], /^[0-9a-f-]{36}$/);
    const { message } = JSON.parse(received.body.toString());
    assert.deepEqual(Object.keys(message), ['eventId', 'instanceId', 'elementKey', 'events', 'raw']);
    assert.equal(message.elementKey, 'ecwid');
    assert.equal(message.events.length, 1);
    const [event] = message.events;
    assert.deepEqual({ ...event, date: undefined }, { objectId: '42', objectType: 'orders', eventType: 'UPDATED', elementKey: 'ecwid', date: undefined });
    assert.ok(!Number.isNaN(Date.parse(event.date)));
  });

  test('--json prints one object', async (t) => {
    const app = await startApp(t, () => [202, '']);
    const run = await send([app.url, '--json'], { env: { ECWID_SIGNATURE_KEY: key } });
    assert.equal(run.code, 0);
    const report = JSON.parse(run.stdout);
    assert.deepEqual(Object.keys(report), ['url', 'status', 'statusText', 'ms', 'signed', 'webhookId', 'eventId', 'answer']);
    assert.deepEqual([report.status, report.signed, report.answer], [202, true, '']);
  });

  const answers = [
    ['404', [404, 'no such route'], 4],
    ['400', [400, 'bad'], 4],
    ['500', [500, 'boom'], 5],
    ['503', [503, ''], 5],
  ];
  for (const [name, answer, code] of answers) {
    test(`an answer of ${name} is exit ${code}`, async (t) => {
      const app = await startApp(t, () => answer);
      const run = await send([app.url, '--unsigned']);
      assert.equal(run.code, code);
      assert.match(run.stdout, new RegExp(`: ${answer[0]} `));
    });
  }

  test('a redirect is not followed: exit 5', async (t) => {
    const target = await startApp(t, () => [200]);
    const app = await startApp(t, () => [302, '', { Location: `${target.url}/elsewhere` }]);
    const run = await send([app.url, '--unsigned']);
    assert.equal(run.code, 5);
    assert.match(run.stdout, /: 302 Found in \d+ ms\n$/);
    assert.match(run.stderr, /redirect to http:\/\/127\.0\.0\.1:\d+\/elsewhere, which is not followed/);
    assert.equal(target.requests.length, 0);
  });

  test('no answer within --timeout is exit 5', async (t) => {
    const app = await startApp(t, () => [undefined]);
    const run = await send([app.url, '--unsigned', '--timeout', '0.3']);
    assert.equal(run.code, 5);
    assert.match(run.stderr, /no answer within 0\.3 seconds/);
  });

  test('a refused connection is exit 5', async (t) => {
    const app = await startApp(t, () => [200]);
    const url = app.url;
    app.server.close();
    const run = await send([url, '--unsigned']);
    assert.equal(run.code, 5);
    assert.match(run.stderr, /^error: POST http:\/\/127\.0\.0\.1:\d+\/: connection refused/);
  });

  test('the answer is cut at 200 characters and escaped', async (t) => {
    const app = await startApp(t, () => [200, `\u001b[2J${'x'.repeat(300)}`]);
    const run = await send([app.url, '--unsigned']);
    assert.equal(run.stdout.split('\n')[1], `\\x1b[2J${'x'.repeat(196)}…`);
  });

  test('--unsigned sends no signature even with a key; without a key a note says it is unsigned', async (t) => {
    const app = await startApp(t, () => [200]);
    assert.equal((await send([app.url, '--unsigned'], { env: { ECWID_SIGNATURE_KEY: key } })).stderr, '');
    const noKey = await send([app.url], { cwd: tempDir(t) });
    assert.match(noKey.stderr, /^note: no signature key is known, so the callback is sent unsigned/);
    assert.deepEqual(app.requests.map((request) => request.headers['elements-webhook-signature']), [undefined, undefined]);
    const both = await send([app.url, '--unsigned', '--signature-key-file', 'k']);
    assert.equal(both.code, 2);
  });

  test('the URL and the key from ./instance.json; without a URL anywhere, exit 2', async (t) => {
    const app = await startApp(t, () => [200]);
    const cwd = tempDir(t);
    const configuration = { 'event.notification.callback.url': `${app.url}/from-file`, 'event.notification.signature.key': key };
    writeFileSync(join(cwd, 'instance.json'), JSON.stringify({ element: { key: 'ecwid' }, configuration }));
    const run = await send([], { cwd });
    assert.equal(run.code, 0, run.stderr);
    assert.equal(app.requests[0].url, '/from-file');
    assert.equal(app.requests[0].headers['elements-webhook-signature'], sign(app.requests[0].body));
    assert.ok(!`${run.stdout}${run.stderr}`.includes(key));

    const empty = tempDir(t);
    const none = await send([], { cwd: empty });
    assert.equal(none.code, 2);
    assert.match(none.stderr, /no URL to send to, and no \.\/instance\.json/);
    writeFileSync(join(empty, 'other.json'), JSON.stringify({ configuration: {} }));
    const noUrl = await send(['--instance', 'other.json'], { cwd: empty });
    assert.equal(noUrl.code, 2);
    assert.match(noUrl.stderr, /other\.json has no event\.notification\.callback\.url/);
    assert.equal((await send(['--instance', 'missing.json'], { cwd: empty })).code, 3);
  });

  test('plain http to another host is sent with a warning; loopback and https are not', async () => {
    const sent = [];
    const fetch = async (url) => {
      sent.push(String(url));
      return new globalThis.Response('ok', { status: 200 });
    };
    const remote = await send(['http://shop.example.com/hook', '--unsigned'], { fetch });
    assert.equal(remote.code, 0);
    assert.match(remote.stderr, /^warning: http:\/\/shop\.example\.com is plain http: the callback travels unencrypted/);
    for (const url of ['https://shop.example.com/hook', 'http://127.0.0.1:9/hook', 'http://[::1]:9/hook']) {
      assert.equal((await send([url, '--unsigned'], { fetch })).stderr, '', url);
    }
    assert.equal(sent.length, 4);
  });

  test('a URL that is not http(s) is exit 2', async () => {
    assert.equal((await send(['ftp://x/', '--unsigned'])).code, 2);
    assert.equal((await send(['not a url', '--unsigned'])).code, 2);
  });
});

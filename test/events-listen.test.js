// `events listen` as a real process on loopback: signatures checked, refusals answered with the right
// status and reported, --forward, --max, SIGTERM and a port in use.
import assert from 'node:assert/strict';
import { createHmac } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { Agent, request } from 'node:http';
import { connect } from 'node:net';
import { once } from 'node:events';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { runCli, tempDir } from './helpers/cli.js';
import { startApp, startListener, waitFor } from './helpers/listener.js';

const key = 'test-key-for-listen-0123456789abcdefghijklmno';
// Computed here with node:crypto, as an app would, not with the code under test.
const sign = (body, withKey = key) => `sha256=${createHmac('sha256', withKey).update(body).digest('base64')}`;
const callback = (objectId, extra = {}) =>
  JSON.stringify({ message: { eventId: `ev-${objectId}`, instanceId: 4242, events: [{ objectId, objectType: 'orders', eventType: 'UPDATED' }], ...extra } });

/** POSTs (or sends `method`) with node:http; resolves with the status, even when the server closes early. */
function post(url, body, headers = {}, method = 'POST', agent = undefined) {
  return new Promise((resolve, reject) => {
    const bytes = Buffer.from(body);
    const req = request(url, { method, agent, headers: { 'content-type': 'application/json', 'content-length': String(bytes.length), ...headers } }, (response) => {
      response.resume();
      response.on('end', () => resolve(response.statusCode));
    });
    let answered = false;
    req.on('response', () => (answered = true));
    // A server that refuses a large body closes the connection while it is still being sent.
    req.on('error', (error) => (answered ? undefined : reject(error)));
    req.end(method === 'GET' ? undefined : bytes);
  });
}

const sendEnv = { ECWID_SIGNATURE_KEY: key };
const send = (url, args = [], env = sendEnv) => runCli(['events', 'send', url, ...args], { env, fetch: globalThis.fetch });

describe('events listen with a signature key', () => {
  test('accepts what send signs, refuses every bad callback with the reason, and stops on SIGTERM with a summary', async (t) => {
    const listener = await startListener(t, [], { env: { ECWID_SIGNATURE_KEY: key } });
    assert.match(listener.stderr(), /^Listening on http:\/\/127\.0\.0\.1:\d+ \(signature key from ECWID_SIGNATURE_KEY\)\n/);
    const url = `${listener.url}/hook`;

    const sent = await send(url, ['--event', 'deleted', '--object-id', '77']);
    assert.equal(sent.code, 0, sent.stderr);
    assert.match(sent.stdout, /^POST http:\/\/127\.0\.0\.1:\d+\/hook: 200 OK in \d+ ms\nok\n$/);

    const body = callback('1');
    assert.equal(await post(url, body.replace('UPDATED', 'DELETED'), { 'elements-webhook-signature': sign(body), 'elements-webhook-id': 'w-tampered' }), 401);
    assert.equal(await post(url, body, { 'elements-webhook-signature': sign(body, 'another key'), 'elements-webhook-id': 'w-wrong-key' }), 401);
    assert.equal(await post(url, body, { 'elements-webhook-id': 'w-missing' }), 401);
    const sha1 = `sha1=${createHmac('sha1', key).update(body).digest('base64')}`;
    assert.equal(await post(url, body, { 'elements-webhook-signature': sha1, 'elements-webhook-id': 'w-sha1' }), 401);
    const huge = Buffer.alloc(2 * 1024 * 1024, 'a');
    assert.equal(await post(url, huge, { 'elements-webhook-signature': sign(huge) }), 413);
    assert.equal(await post(url, 'not json', { 'elements-webhook-signature': sign('not json') }), 400);
    assert.equal(await post(url, '', {}, 'GET'), 405);

    await waitFor(listener.stderr, /rejected GET/);
    listener.signal('SIGTERM');
    assert.equal(await listener.exited, 0);
    const lines = listener.stdout().split('\n');
    assert.match(lines[0], /^\d\d:\d\d:\d\d DELETED orders 77 instance=0 webhook=[0-9a-f-]{36} signature=valid$/);
    assert.deepEqual(lines.slice(1).map((line) => line.slice(9)), [
      'DELETED orders 1 instance=4242 webhook=w-tampered signature=invalid (does not match)',
      'UPDATED orders 1 instance=4242 webhook=w-wrong-key signature=invalid (does not match)',
      'UPDATED orders 1 instance=4242 webhook=w-missing signature=missing',
      'UPDATED orders 1 instance=4242 webhook=w-sha1 signature=invalid (sha1 is no longer used)',
      '',
    ]);
    const stderr = listener.stderr();
    assert.match(stderr, /rejected POST \/hook: 413 the body is larger than 1 MiB\n/);
    assert.match(stderr, /rejected POST \/hook: 400 the body is not JSON \(8 bytes\)\n/);
    assert.match(stderr, /rejected GET \/hook: 405 only POST is accepted\n/);
    assert.match(stderr, /\n8 callbacks: 1 accepted, 7 rejected\n$/);
    assert.ok(!`${listener.stdout()}${stderr}${sent.stdout}${sent.stderr}`.includes(key), 'the key is never printed');
  });

  test('the key from ./instance.json', async (t) => {
    const cwd = tempDir(t);
    writeFileSync(join(cwd, 'instance.json'), JSON.stringify({ element: { key: 'ecwid' }, configuration: { 'event.notification.signature.key': key } }));
    const listener = await startListener(t, ['--max', '1'], { cwd });
    assert.match(listener.stderr(), /\(signature key from instance\.json\)/);
    const body = callback('5');
    assert.equal(await post(listener.url, body, { 'elements-webhook-signature': sign(body) }), 200);
    assert.equal(await listener.exited, 0);
    assert.match(listener.stdout(), / UPDATED orders 5 instance=4242 webhook=- signature=valid\n$/);
  });
});

describe('events listen without a key', () => {
  test('--max ends it with exit 0; --json prints one escaped object per callback', async (t) => {
    const listener = await startListener(t, ['--max', '2', '--json']);
    assert.match(listener.stderr(), /\(no signature key: callbacks are accepted unsigned\)/);
    const hostile = JSON.stringify({ message: { eventId: 'e\u001b[31m', events: [{ objectId: '9\u202e1', eventType: 'CREATED' }] } });
    assert.equal(await post(listener.url, hostile, { 'elements-webhook-id': 'w-1' }), 200);
    assert.equal(await post(listener.url, JSON.stringify({ hello: 1, 'k\u0007': 2 })), 200);
    assert.equal(await listener.exited, 0);
    assert.match(listener.stderr(), /\n2 callbacks: 2 accepted, 0 rejected\n$/);
    const [first, second] = listener.stdout().trim().split('\n').map((line) => JSON.parse(line));
    assert.deepEqual(Object.keys(first), ['receivedAt', 'webhookId', 'signature', 'instanceId', 'eventId', 'events', 'body', 'status']);
    assert.equal(first.signature, 'unsigned');
    // JSON's own escapes: the same values to a reader, nothing raw in the text.
    assert.equal(first.eventId, 'e\u001b[31m');
    assert.equal(first.events[0].objectId, '9\u202e1');
    assert.equal(first.body.message.events[0].objectId, '9\u202e1');
    assert.deepEqual(second.events, []);
    assert.deepEqual(Object.keys(second.body), ['hello', 'k\u0007']);
    const raw = [...listener.stdout()].filter((char) => (char < ' ' && char !== '\n') || char === '\u202e');
    assert.deepEqual(raw, [], 'nothing raw');
  });

  test('each field of an event line is escaped', async (t) => {
    const listener = await startListener(t, ['--max', '1']);
    const events = [{ eventType: 'UP\u001bDATED', objectType: 'ord\u202eers', objectId: '1\u00852' }];
    assert.equal(await post(listener.url, JSON.stringify({ message: { instanceId: 7, events } })), 200);
    assert.equal(await listener.exited, 0);
    assert.match(listener.stdout(), /^\d\d:\d\d:\d\d UP\\x1bDATED ord\\u202eers 1\\x852 instance=7 webhook=- signature=unsigned\n$/);
  });

  test('a callback without events prints its top-level keys, escaped', async (t) => {
    const listener = await startListener(t, ['--max', '1']);
    assert.equal(await post(listener.url, JSON.stringify({ hello: 1, 'bad\u001bkey': 2 })), 200);
    assert.equal(await listener.exited, 0);
    assert.match(listener.stdout(), /^\d\d:\d\d:\d\d no-events keys=hello,bad\\x1bkey instance=- webhook=- signature=unsigned\n$/);
  });
});

describe('events listen under a burst', () => {
  test('50 callbacks at once over kept-alive connections: each answered 200 and printed, the last answers before --max stops it', async (t) => {
    const listener = await startListener(t, ['--max', '50'], { env: { ECWID_SIGNATURE_KEY: key } });
    const agent = new Agent({ keepAlive: true, maxSockets: 50 });
    t.after(() => agent.destroy());
    const statuses = await Promise.all(
      Array.from({ length: 50 }, (_, i) => {
        const body = callback(String(i));
        return post(listener.url, body, { 'elements-webhook-signature': sign(body) }, 'POST', agent);
      }),
    );
    assert.deepEqual(statuses, Array(50).fill(200));
    assert.equal(await listener.exited, 0);
    const ids = listener.stdout().trim().split('\n').map((line) => / UPDATED orders (\d+) instance=4242 webhook=- signature=valid$/.exec(line)?.[1]);
    assert.deepEqual(ids.map(Number).sort((a, b) => a - b), Array.from({ length: 50 }, (_, i) => i));
    assert.match(listener.stderr(), /\n50 callbacks: 50 accepted, 0 rejected\n$/);
  });

  test('a GET followed by bytes that are not HTTP still gets its 405', async (t) => {
    const listener = await startListener(t, ['--max', '1']);
    const socket = connect(listener.port, '127.0.0.1');
    let answer = '';
    socket.on('data', (chunk) => (answer += chunk));
    socket.on('error', () => {});
    await once(socket, 'connect');
    socket.write('GET / HTTP/1.1\r\nHost: x\r\n\r\ngarbage');
    assert.equal(await listener.exited, 0);
    await waitFor(() => answer, /^HTTP\/1\.1 \d{3}/);
    socket.destroy();
    assert.match(answer, /^HTTP\/1\.1 405 Method Not Allowed\r\n/);
  });

  test('a client that goes away mid-body is noted, not counted, and the next callback is answered', async (t) => {
    const listener = await startListener(t, ['--max', '1']);
    const socket = connect(listener.port, '127.0.0.1');
    await once(socket, 'connect');
    // With `Expect: 100-continue` the server says when it has taken the request in: only then it goes.
    socket.write('POST / HTTP/1.1\r\nHost: x\r\nExpect: 100-continue\r\nContent-Length: 1000\r\n\r\n');
    let answer = '';
    socket.on('data', (chunk) => (answer += chunk));
    await waitFor(() => answer, /^HTTP\/1\.1 100 Continue\r\n/);
    socket.write('{"message":');
    socket.destroy();
    await waitFor(listener.stderr, /a request broke off: /);
    assert.equal(await post(listener.url, callback('8')), 200);
    assert.equal(await listener.exited, 0);
    assert.match(listener.stdout(), / UPDATED orders 8 instance=4242 webhook=- signature=unsigned\n$/);
    assert.match(listener.stderr(), /\n1 callback: 1 accepted, 0 rejected\n$/);
  });
});

describe('events listen --forward', () => {
  test('relays the raw body and Elements-* headers, answers with the app status, and 502 when the app is down', async (t) => {
    const app = await startApp(t, () => [500, 'boom']);
    const listener = await startListener(t, ['--forward', `${app.url}/app`], { env: { ECWID_SIGNATURE_KEY: key } });
    const body = ' {"message": {"events": [{"objectId": "3", "eventType": "CREATED"}]}}\n';
    const headers = { 'elements-webhook-signature': sign(body), 'elements-webhook-id': 'w-fwd', 'x-other': 'not relayed' };
    assert.equal(await post(`${listener.url}/in`, body, headers), 500);
    assert.equal(app.requests.length, 1);
    const [relayed] = app.requests;
    assert.equal(relayed.url, '/app');
    assert.equal(relayed.body.toString(), body, 'the raw bytes, not re-serialized JSON');
    assert.equal(relayed.headers['elements-webhook-signature'], sign(body));
    assert.equal(relayed.headers['elements-webhook-id'], 'w-fwd');
    assert.equal(relayed.headers['x-other'], undefined);

    app.server.closeAllConnections();
    await new Promise((resolve) => app.server.close(resolve));
    assert.equal(await post(`${listener.url}/in`, body, headers), 502);
    const unsignedBody = callback('4');
    assert.equal(await post(`${listener.url}/in`, unsignedBody, {}), 401, 'a refused callback is not forwarded');
    await waitFor(listener.stdout, /signature=missing/);
    listener.signal('SIGINT');
    assert.equal(await listener.exited, 0);
    const lines = listener.stdout().trim().split('\n').map((line) => line.slice(9));
    assert.deepEqual(lines, [
      'CREATED - 3 instance=- webhook=w-fwd signature=valid forward=500',
      'CREATED - 3 instance=- webhook=w-fwd signature=valid forward=failed (connection refused, ECONNREFUSED)',
      'UPDATED orders 4 instance=4242 webhook=- signature=missing',
    ]);
    assert.match(listener.stderr(), /\n3 callbacks: 2 accepted, 1 rejected\n$/);
  });

  test('a --forward that is not an http(s) URL is exit 2', async () => {
    const run = await runCli(['events', 'listen', '--port', '0', '--forward', 'ftp://x']);
    assert.equal(run.code, 2);
    assert.match(run.stderr, /--forward: ftp:\/\/x is not an absolute http\(s\) URL/);
  });
});

describe('events listen cannot listen', () => {
  test('a port in use is exit 3 naming the address', async (t) => {
    const app = await startApp(t, () => [200]);
    const port = new URL(app.url).port;
    const run = await runCli(['events', 'listen', '--port', port]);
    assert.equal(run.code, 3);
    assert.equal(run.stderr, `error: cannot listen on http://127.0.0.1:${port}: the address is already in use\nChoose another with --port <n> (0 picks a free one) or --host <addr>.\n`);
  });

  test('a bad --port is exit 2', async () => {
    for (const port of ['-1', '65536', 'http', '1.5']) assert.equal((await runCli(['events', 'listen', '--port', port])).code, 2, port);
  });

  test('a stop request through the context ends it in-process too', async (t) => {
    const stopRequests = [];
    const running = runCli(['events', 'listen', '--port', '0'], { stopRequests, cwd: tempDir(t) });
    while (stopRequests.length === 0) await new Promise((resolve) => setTimeout(resolve, 5));
    stopRequests[0]('SIGINT');
    const run = await running;
    assert.equal(run.code, 0);
    assert.match(run.stderr, /^Listening on http:\/\/127\.0\.0\.1:\d+ \(no signature key: callbacks are accepted unsigned\)\n0 callbacks: 0 accepted, 0 rejected\n$/);
  });
});

// The events row of `npm run bench`: `events listen` verifying signed callbacks of about 2 KB, against a
// bare node:http server that only reads the body and answers 200, both under the same load generator
// (50 keep-alive connections, written here: no dependency), in one run, rounds interleaved.
//
//   npm run bench -- --events-only
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createHmac } from 'node:crypto';
import { Agent, request } from 'node:http';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../../', import.meta.url));
const KEY = 'bench-signature-key-0123456789abcdefghijklmn';
const CONNECTIONS = 50;

/** A callback of 20 events, about 2 KB, and its signature. */
function signedCallback() {
  const events = Array.from({ length: 20 }, (_, i) => ({ objectId: String(100000 + i), objectType: 'orders', eventType: 'UPDATED', elementKey: 'ecwid', date: '2026-11-30T12:00:00Z' }));
  const body = Buffer.from(JSON.stringify({ message: { eventId: 'b0e5c2a4-0000-4000-8000-000000000000', instanceId: 484512, elementKey: 'ecwid', events, raw: { eventType: 'order.updated', storeId: 4870020 } } }));
  return { body, signature: `sha256=${createHmac('sha256', KEY).update(body).digest('base64')}` };
}

const BARE = `const { createServer } = require('node:http');
const server = createServer((req, res) => { req.on('data', () => {}); req.on('end', () => { res.writeHead(200, { 'Content-Length': '3' }); res.end('ok\\n'); }); });
server.listen(0, '127.0.0.1', () => process.stderr.write('Listening on http://127.0.0.1:' + server.address().port + '\\n'));
process.on('SIGTERM', () => process.exit(0));`;

/** Starts a server process and resolves with its port once it says where it listens. */
function startServer(args, env = {}) {
  const child = spawn(process.execPath, args, { env: { PATH: process.env.PATH, ECWID_INSTANCE_CONFIG_DIR: '/nonexistent-config', ...env }, stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  return new Promise((resolve, reject) => {
    child.stderr.on('data', (chunk) => {
      stderr += chunk;
      const match = /Listening on http:\/\/127\.0\.0\.1:(\d+)/.exec(stderr);
      if (match) resolve({ port: Number(match[1]), pid: child.pid, stop: () => new Promise((done) => (child.once('exit', done), child.kill('SIGTERM'))), stderr: () => stderr });
    });
    child.once('exit', (code) => reject(new Error(`server exited with ${code}: ${stderr}`)));
  });
}

/** Requests per second over `seconds` with CONNECTIONS requests always in flight; every answer must be 200. */
async function load(port, { body, signature }, seconds) {
  const agent = new Agent({ keepAlive: true, maxSockets: CONNECTIONS });
  const headers = { 'content-type': 'application/json', 'content-length': String(body.length), 'elements-webhook-signature': signature, 'elements-webhook-id': 'bench' };
  let done = 0;
  let failed = 0;
  const until = performance.now() + seconds * 1000;
  const one = () =>
    new Promise((resolve) => {
      const req = request({ host: '127.0.0.1', port, method: 'POST', path: '/', agent, headers }, (res) => {
        if (res.statusCode !== 200) failed++;
        res.resume();
        res.on('end', resolve);
      });
      req.on('error', () => (failed++, resolve()));
      req.end(body);
    });
  const started = performance.now();
  await Promise.all(
    Array.from({ length: CONNECTIONS }, async () => {
      while (performance.now() < until) {
        await one();
        done++;
      }
    }),
  );
  const elapsed = (performance.now() - started) / 1000;
  agent.destroy();
  if (failed > 0) throw new Error(`${failed} requests did not get 200`);
  return done / elapsed;
}

/** CPU time (user + system) a process has used, in ms; undefined where /proc is not there. */
function cpuMs(pid) {
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
    return (Number(fields[11]) + Number(fields[12])) * 10; // clock ticks of 10 ms
  } catch {
    return undefined;
  }
}

/** Requests/s and, where measurable, the server's CPU µs per request: the second holds on a busy machine. */
async function measure(server, callback, seconds) {
  const before = cpuMs(server.pid);
  const started = performance.now();
  const rate = await load(server.port, callback, seconds);
  const after = cpuMs(server.pid);
  const requests = (rate * (performance.now() - started)) / 1000;
  return { rate, cpuPerRequest: before === undefined || after === undefined ? undefined : ((after - before) * 1000) / requests };
}

const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

/** Runs both servers side by side; `rounds` interleaved measurements of `seconds` each, after a warm-up. */
export async function benchEvents({ seconds = 5, rounds = 5 } = {}) {
  const callback = signedCallback();
  const listen = await startServer([join(root, 'bin/ecwid-instance.js'), 'events', 'listen', '--port', '0'], { ECWID_SIGNATURE_KEY: KEY });
  const bare = await startServer(['-e', BARE]);
  if (!/signature key from ECWID_SIGNATURE_KEY/.test(listen.stderr())) throw new Error(`listen does not verify: ${listen.stderr()}`);
  try {
    process.stderr.write(`events: warm-up, then ${rounds} interleaved rounds of ${seconds} s per server, ${CONNECTIONS} connections, ${callback.body.length}-byte signed callbacks\n`);
    await load(listen.port, callback, 1);
    await load(bare.port, callback, 1);
    const runs = { listen: [], bare: [] };
    for (let round = 0; round < rounds; round++) {
      runs.bare.push(await measure(bare, callback, seconds));
      runs.listen.push(await measure(listen, callback, seconds));
    }
    const cpu = (list) => (list.some((run) => run.cpuPerRequest === undefined) ? undefined : median(list.map((run) => run.cpuPerRequest)));
    return {
      bodyBytes: callback.body.length,
      rounds,
      seconds,
      listen: median(runs.listen.map((run) => run.rate)),
      bare: median(runs.bare.map((run) => run.rate)),
      listenCpu: cpu(runs.listen),
      bareCpu: cpu(runs.bare),
    };
  } finally {
    await Promise.all([listen.stop(), bare.stop()]);
  }
}

export function printEventsReport(result) {
  const ratio = result.listen / result.bare;
  const µs = (value) => (value === undefined ? 'n/a' : value.toFixed(0));
  const row = (name, rate, cpu) => `| ${name} | ${Math.round(rate).toLocaleString('en')} | ${µs(cpu)} |`;
  process.stdout.write(
    `\n### events listen (${result.bodyBytes}-byte signed callbacks, ${CONNECTIONS} connections, median of ${result.rounds} rounds of ${result.seconds} s)\n\n` +
      `| server | requests/s | server CPU µs/request |\n|---|---|---|\n${row('bare `node:http` (read body, 200)', result.bare, result.bareCpu)}\n` +
      `${row('`events listen` (verify, parse, print)', result.listen, result.listenCpu)}\n\n` +
      `listen / bare: ${ratio.toFixed(2)} (target >= 0.80: ${ratio >= 0.8 ? 'met' : 'NOT met'})\n`,
  );
}

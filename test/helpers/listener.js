// Runs `events listen` as a real process on a free loopback port, for tests that talk to it over HTTP.
import { spawn } from 'node:child_process';
import { createServer } from 'node:http';
import { bin } from './paths.js';

/**
 * Starts `ecwid-instance events listen --port 0 ...args` and resolves once it listens.
 * @returns {Promise<{ url: string, port: number, stdout: () => string, stderr: () => string, exited: Promise<number | null>, signal: (name: NodeJS.Signals) => void }>}
 */
export function startListener(t, args = [], { env = {}, cwd } = {}) {
  const child = spawn(process.execPath, [bin, 'events', 'listen', '--port', '0', ...args], {
    cwd,
    env: { PATH: process.env.PATH, ECWID_INSTANCE_CONFIG_DIR: '/nonexistent-config', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk) => (stdout += chunk));
  const exited = new Promise((resolve) => child.once('exit', (code) => resolve(code)));
  t.after(() => {
    if (child.exitCode === null) child.kill('SIGKILL');
  });
  return new Promise((resolve, reject) => {
    child.stderr.on('data', (chunk) => {
      stderr += chunk;
      const match = /^Listening on (http:\/\/127\.0\.0\.1:(\d+))/.exec(stderr);
      if (match) resolve({ url: match[1], port: Number(match[2]), stdout: () => stdout, stderr: () => stderr, exited, signal: (name) => child.kill(name) });
    });
    exited.then((code) => reject(new Error(`listen exited with ${code} before listening: ${stderr}`)));
  });
}

/** A loopback HTTP server answering each request with `answer(request, body)` → [status, text, headers?]. */
export async function startApp(t, answer) {
  const requests = [];
  const server = createServer((request, response) => {
    const chunks = [];
    request.on('data', (chunk) => chunks.push(chunk));
    request.on('end', () => {
      const body = Buffer.concat(chunks);
      requests.push({ method: request.method, url: request.url, headers: request.headers, body });
      const [status, text = '', headers = {}] = answer(request, body);
      if (status === undefined) return; // never answers
      response.writeHead(status, headers);
      response.end(text);
    });
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  t.after(() => {
    server.closeAllConnections();
    server.close();
  });
  return { url: `http://127.0.0.1:${server.address().port}`, requests, server };
}

/** Resolves when `read()` matches `pattern`, polling; fails after a generous bound (not a timing check). */
export async function waitFor(read, pattern, bound = 20_000) {
  const until = Date.now() + bound;
  while (!pattern.test(read())) {
    if (Date.now() > until) throw new Error(`never matched ${pattern}: ${read()}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

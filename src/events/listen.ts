import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Context } from '../context.js';
import { fileError, usageError } from '../errors.js';
import { write } from '../io.js';
import { escapeForeign } from '../text/escape.js';
import { parseNotification } from '../webhooks/notification.js';
import { checkWebhookSignature } from '../webhooks/signature.js';
import { callbackJson, callbackLines, clockTime, summaryLine, type CallbackRecord } from './callback-report.js';
import type { ListenOptions } from './events-options.js';
import { forwardCallback } from './forward.js';
import { findSignatureKey, instanceOnce, type KnownKey } from './signature-key.js';
import { SIGNATURE_PROBLEM_TEXT } from './signature-problems.js';

/** The largest callback body read; a larger one is answered 413 and not read further. */
export const MAX_BODY_BYTES = 1024 * 1024;

type Answer = { status: number; note?: string };

/**
 * `events listen`: a local receiver for Cloud Elements' callbacks. Each request is answered and
 * reported; it runs until Ctrl+C, SIGTERM or `--max` callbacks, then prints a summary and returns 0.
 */
export async function runListen(options: ListenOptions, context: Context): Promise<number> {
  const forward = options.forward === undefined ? undefined : checkForwardUrl(options.forward);
  const known = await findSignatureKey(options, context, instanceOnce(options, context));
  const counts = { accepted: 0, rejected: 0 };
  const { print, flush } = batchedPrinter(context.io);

  let stop: () => void = () => undefined;
  const stopped = new Promise<void>((resolve) => (stop = resolve));
  const handling: Handling = { known, forward, fetch: context.fetch };
  const server = createServer((request, response) => {
    void handle(request, response, handling).then((outcome) => {
      if (outcome.record) print('stdout', options.json ? callbackJson(outcome.record) : callbackLines(outcome.record));
      if (outcome.note) print('stderr', outcome.note);
      if (outcome.status < 400 || outcome.record?.forward !== undefined) counts.accepted++;
      else counts.rejected++;
      if (options.max !== undefined && counts.accepted + counts.rejected >= options.max) stop();
    }, (error: unknown) => {
      // The client went away mid-request: nothing to answer, nothing to count.
      response.destroy();
      print('stderr', `${clockTime(new Date())} a request broke off: ${escapeForeign(error instanceof Error ? error.message : String(error))}\n`);
    });
  });
  const address = await listen(server, options);
  const stopListening = context.onStopRequest(() => stop());
  try {
    print('stderr', `Listening on ${address} (${keyNote(known)})${forward ? `, forwarding to ${escapeForeign(forward.href)}` : ''}\n`);
    await stopped;
  } finally {
    stopListening();
    await close(server);
  }
  print('stderr', summaryLine(counts.accepted, counts.rejected));
  await flush();
  return 0;
}

/**
 * Lines gathered and written once per turn of the event loop, in the order the answers were decided:
 * under a burst of callbacks, one write carries many lines instead of one write each.
 */
function batchedPrinter(io: Context['io']): { print: (stream: 'stdout' | 'stderr', text: string) => void; flush: () => Promise<void> } {
  const pending = { stdout: '', stderr: '' };
  let written: Promise<unknown> = Promise.resolve();
  let scheduled = false;
  const flush = (): Promise<void> => {
    scheduled = false;
    const { stdout, stderr } = pending;
    pending.stdout = '';
    pending.stderr = '';
    // A reader that went away or a full disk must not stop the receiver: what cannot be printed is dropped.
    written = written.then(() => Promise.all([write(io.stdout, stdout), write(io.stderr, stderr)])).catch(() => undefined);
    return written.then(() => undefined);
  };
  const print = (stream: 'stdout' | 'stderr', text: string): void => {
    pending[stream] += text;
    if (!scheduled) {
      scheduled = true;
      setImmediate(() => void flush());
    }
  };
  return { print, flush };
}

function keyNote(known: KnownKey | undefined): string {
  return known === undefined ? 'no signature key: callbacks are accepted unsigned' : `signature key from ${escapeForeign(known.from)}`;
}

function checkForwardUrl(text: string): URL {
  let url: URL | undefined;
  try {
    url = new URL(text);
  } catch {
    url = undefined;
  }
  if (url === undefined || (url.protocol !== 'http:' && url.protocol !== 'https:')) {
    throw usageError(`--forward: ${escapeForeign(text)} is not an absolute http(s) URL`, 'Give the URL your app receives callbacks on, e.g. http://127.0.0.1:3000/ecwid/events.');
  }
  return url;
}

/** Starts listening; an address that cannot be used is exit 3 naming it. */
function listen(server: Server, options: Pick<ListenOptions, 'host' | 'port'>): Promise<string> {
  const shown = (port: number): string => `http://${options.host.includes(':') ? `[${options.host}]` : options.host}:${port}`;
  return new Promise((resolve, reject) => {
    server.once('error', (error: NodeJS.ErrnoException) => {
      const why: Record<string, string> = {
        EADDRINUSE: 'the address is already in use',
        EACCES: 'permission denied',
        EPERM: 'permission denied',
        EADDRNOTAVAIL: 'the address is not on this machine',
        ENOTFOUND: 'the host name is not known',
        EAI_AGAIN: 'the host name could not be looked up',
      };
      const reason = why[error.code ?? ''] ?? error.code ?? error.message;
      reject(fileError(`cannot listen on ${escapeForeign(shown(options.port))}: ${reason}`, 'Choose another with --port <n> (0 picks a free one) or --host <addr>.'));
    });
    server.listen({ port: options.port, host: options.host }, () => resolve(shown((server.address() as AddressInfo).port)));
  });
}

function close(server: Server): Promise<void> {
  return new Promise((resolve) => {
    server.close(() => resolve());
    server.closeAllConnections();
  });
}

interface Handling {
  known: KnownKey | undefined;
  forward: URL | undefined;
  fetch: typeof fetch;
}

interface Outcome {
  status: number;
  record?: CallbackRecord;
  note?: string;
}

/** Answers one request and says what to print about it. */
async function handle(request: IncomingMessage, response: ServerResponse, handling: Handling): Promise<Outcome> {
  const receivedAt = new Date();
  const refuse = (answer: Answer, extraHeaders: Record<string, string> = {}): Outcome => {
    respond(response, answer.status, extraHeaders);
    const what = `${escapeForeign(request.method ?? '?')} ${escapeForeign(request.url ?? '/')}`;
    return { status: answer.status, note: `${clockTime(receivedAt)} rejected ${what}: ${answer.status} ${answer.note ?? ''}\n` };
  };
  if (request.method !== 'POST') return refuse({ status: 405, note: 'only POST is accepted' }, { Allow: 'POST' });
  const body = await readRequestBody(request);
  if (body === undefined) return refuse({ status: 413, note: `the body is larger than 1 MiB` }, { Connection: 'close' });
  const webhookId = headerText(request.headers['elements-webhook-id']);
  let notification;
  try {
    notification = parseNotification(body);
  } catch {
    notification = undefined;
  }
  let signature: CallbackRecord['signature'] = 'unsigned';
  let problem: CallbackRecord['problem'];
  if (handling.known !== undefined) {
    const check = checkWebhookSignature(body, headerText(request.headers['elements-webhook-signature']), handling.known.key);
    if (check.valid) signature = 'valid';
    else [signature, problem] = [check.problem === 'missing' ? 'missing' : 'invalid', check.problem];
  }
  if (notification === undefined) {
    if (problem !== undefined) return refuse({ status: 401, note: `signature ${signature} (${SIGNATURE_PROBLEM_TEXT[problem]}), and the body is not JSON` });
    return refuse({ status: 400, note: `the body is not JSON (${body.length} bytes)` });
  }
  const record: CallbackRecord = { receivedAt, webhookId, signature, problem, notification, status: 200 };
  if (problem !== undefined) record.status = 401;
  else if (handling.forward !== undefined) {
    record.forward = await forwardCallback(handling.forward, body, request.headers, handling.fetch);
    record.status = 'status' in record.forward ? record.forward.status : 502;
  }
  respond(response, record.status);
  return { status: record.status, record };
}

// The answer to nearly every callback, its headers made once rather than per request.
const OK_TEXT = 'ok\n';
const OK_HEADERS = { 'Content-Type': 'text/plain; charset=utf-8', 'Content-Length': String(OK_TEXT.length) };

function respond(response: ServerResponse, status: number, headers?: Record<string, string>): void {
  if (status === 200 && headers === undefined) {
    response.writeHead(200, OK_HEADERS);
    response.end(OK_TEXT);
    return;
  }
  const text = status === 200 ? OK_TEXT : `${status}\n`;
  response.writeHead(status, { 'Content-Type': 'text/plain; charset=utf-8', 'Content-Length': String(text.length), ...headers });
  response.end(text);
}

function headerText(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value.join(', ') : value;
}

/**
 * The request body, or undefined when it is larger than MAX_BODY_BYTES: a declared larger length is
 * refused unread, and reading stops at the limit otherwise.
 */
function readRequestBody(request: IncomingMessage): Promise<Buffer | undefined> {
  const declared = Number(request.headers['content-length'] ?? '');
  if (Number.isFinite(declared) && declared > MAX_BODY_BYTES) return Promise.resolve(undefined);
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const onData = (chunk: Buffer): void => {
      size += chunk.length;
      if (size > MAX_BODY_BYTES) {
        request.off('data', onData);
        request.pause();
        resolve(undefined);
        return;
      }
      chunks.push(chunk);
    };
    request.on('data', onData);
    // A callback nearly always arrives in one chunk: that chunk is the body, with no copy.
    request.once('end', () => resolve(chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks, size)));
    request.once('error', reject);
  });
}

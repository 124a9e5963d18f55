// One request to `events listen`, from its headers to its answer and what to print about it.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { escapeForeign } from '../text/escape.js';
import { parseNotification } from '../webhooks/notification.js';
import { checkWebhookSignature } from '../webhooks/signature.js';
import { clockTime, type CallbackRecord } from './callback-report.js';
import type { EndOfTurn } from './end-of-turn.js';
import { forwardCallback } from './forward.js';
import type { KnownKey } from './signature-key.js';
import { SIGNATURE_PROBLEM_TEXT } from './signature-problems.js';

/** The largest callback body read; a larger one is answered 413 and not read further. */
export const MAX_BODY_BYTES = 1024 * 1024;

/** What one request came to: the status answered, and what to print about it. */
export interface Outcome {
  status: number;
  record?: CallbackRecord;
  note?: string;
}

/** What every request is received with. */
export interface Receiving {
  known: KnownKey | undefined;
  forward: URL | undefined;
  fetch: typeof fetch;
  answer: EndOfTurn['answer'];
  answerNow: EndOfTurn['answerNow'];
  /** Takes what one request came to. */
  report: (outcome: Outcome) => void;
  /** The client went away mid-request: nothing to answer, nothing to count. */
  brokeOff: (response: ServerResponse, error: unknown) => void;
}

/** Why a request is refused; `now` for one refused before its body is read (see EndOfTurn.answerNow). */
type Refusal = { status: number; note: string; headers?: Record<string, string>; now?: boolean };

/**
 * Answers one request and reports what it came to. From the body's last byte to the answer it runs in
 * one go, with no promise per request, unless the callback is forwarded.
 */
export function receive(request: IncomingMessage, response: ServerResponse, receiving: Receiving): void {
  const receivedAt = new Date();
  const failed = (error: unknown): void => receiving.brokeOff(response, error);
  if (request.method !== 'POST') return receiving.report(refuse(request, response, receiving, receivedAt, { status: 405, note: 'only POST is accepted', headers: { Allow: 'POST' }, now: true }));
  readRequestBody(
    request,
    (body) => {
      if (body === undefined) return receiving.report(refuse(request, response, receiving, receivedAt, { status: 413, note: 'the body is larger than 1 MiB', headers: { Connection: 'close' }, now: true }));
      const outcome = judge(request, response, body, receiving, receivedAt);
      if (outcome instanceof Promise) outcome.then(receiving.report, failed);
      else receiving.report(outcome);
    },
    failed,
  );
}

/** Answers a request that is not a callback and says why on stderr. */
function refuse(request: IncomingMessage, response: ServerResponse, receiving: Receiving, receivedAt: Date, refusal: Refusal): Outcome {
  (refusal.now === true ? receiving.answerNow : receiving.answer)(response, refusal.status, refusal.headers ?? {});
  const what = `${escapeForeign(request.method ?? '?')} ${escapeForeign(request.url ?? '/')}`;
  return { status: refusal.status, note: `${clockTime(receivedAt)} rejected ${what}: ${refusal.status} ${refusal.note}\n` };
}

/** Checks a whole body, answers it (or forwards it, then answers) and says what to print. */
function judge(request: IncomingMessage, response: ServerResponse, body: Buffer, receiving: Receiving, receivedAt: Date): Outcome | Promise<Outcome> {
  const webhookId = headerText(request, 'elements-webhook-id');
  let signature: CallbackRecord['signature'] = 'unsigned';
  let problem: CallbackRecord['problem'];
  if (receiving.known !== undefined) {
    const check = checkWebhookSignature(body, headerText(request, 'elements-webhook-signature'), receiving.known.key);
    if (check.valid) signature = 'valid';
    else [signature, problem] = [check.problem === 'missing' ? 'missing' : 'invalid', check.problem];
  }
  // Read only once the signature is judged; a refused body is still read, to show what came.
  let notification;
  try {
    notification = parseNotification(body);
  } catch {
    notification = undefined;
  }
  if (notification === undefined) {
    if (problem !== undefined) return refuse(request, response, receiving, receivedAt, { status: 401, note: `signature ${signature} (${SIGNATURE_PROBLEM_TEXT[problem]}), and the body is not JSON` });
    return refuse(request, response, receiving, receivedAt, { status: 400, note: `the body is not JSON (${body.length} bytes)` });
  }
  const record: CallbackRecord = { receivedAt, webhookId, signature, problem, notification, status: problem === undefined ? 200 : 401 };
  if (problem === undefined && receiving.forward !== undefined) return forwardThenAnswer(request, response, body, record, receiving.forward, receiving);
  receiving.answer(response, record.status);
  return { status: record.status, record };
}

async function forwardThenAnswer(request: IncomingMessage, response: ServerResponse, body: Buffer, record: CallbackRecord, forward: URL, receiving: Receiving): Promise<Outcome> {
  record.forward = await forwardCallback(forward, body, request.headers, receiving.fetch);
  record.status = 'status' in record.forward ? record.forward.status : 502;
  receiving.answer(response, record.status);
  return { status: record.status, record };
}

/**
 * A request header's value, repeated ones joined with ", ", read from the raw list: a busy receiver
 * never has Node build the whole headers object for the three it reads. `name` is in lower case.
 */
function headerText(request: IncomingMessage, name: string): string | undefined {
  const raw = request.rawHeaders;
  let value: string | undefined;
  for (let i = 0; i < raw.length; i += 2) {
    const key = raw[i]!;
    if (key.length === name.length && key.toLowerCase() === name) value = value === undefined ? raw[i + 1]! : `${value}, ${raw[i + 1]!}`;
  }
  return value;
}

/**
 * Hands `done` the request body, or undefined when it is larger than MAX_BODY_BYTES: a declared larger
 * length is refused unread, and reading stops at the limit otherwise. What `done` throws, and a request
 * that breaks off, go to `failed`.
 */
function readRequestBody(request: IncomingMessage, done: (body: Buffer | undefined) => void, failed: (error: unknown) => void): void {
  let settled = false;
  const finish = (body: Buffer | undefined): void => {
    if (settled) return;
    settled = true;
    try {
      done(body);
    } catch (error) {
      failed(error);
    }
  };
  const declared = Number(headerText(request, 'content-length') ?? '');
  if (Number.isFinite(declared) && declared > MAX_BODY_BYTES) return finish(undefined);
  const chunks: Buffer[] = [];
  let size = 0;
  const onData = (chunk: Buffer): void => {
    size += chunk.length;
    if (size <= MAX_BODY_BYTES) return void chunks.push(chunk);
    request.off('data', onData);
    request.pause();
    finish(undefined);
  };
  request.on('data', onData);
  // A callback nearly always arrives in one chunk: that chunk is the body, with no copy.
  request.once('end', () => finish(chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks, size)));
  request.once('error', (error) => {
    if (settled) return;
    settled = true;
    failed(error);
  });
}

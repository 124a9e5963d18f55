import type { ServerResponse } from 'node:http';
import type { Context } from '../context.js';
import { write } from '../io.js';

/**
 * What one turn of the event loop decided, done once at its end: the answers written, then the lines
 * printed, each in the order decided. Under a burst of callbacks, one pass writes many answers and one
 * write carries many lines, instead of a write (and a wake-up of the sender) per request. An answer
 * waits at most for the rest of its turn: nothing when requests come one at a time.
 */
export interface EndOfTurn {
  /** Answers a request at the end of this turn: `ok` for 200, the status otherwise. */
  answer(response: ServerResponse, status: number, headers?: Record<string, string>): void;
  /**
   * Answers at once a request refused before its body is read: bytes after it that Node cannot parse
   * would otherwise have Node answer 400 on that connection first, and close it.
   */
  answerNow(response: ServerResponse, status: number, headers?: Record<string, string>): void;
  print(stream: 'stdout' | 'stderr', text: string): void;
  /** Does now what waits; resolves once the lines are written. */
  flush(): Promise<void>;
}

interface Waiting {
  response: ServerResponse;
  status: number;
  headers: Record<string, string> | undefined;
}

export function endOfTurn(io: Context['io']): EndOfTurn {
  let answers: Waiting[] = [];
  const pending = { stdout: '', stderr: '' };
  let written: Promise<unknown> = Promise.resolve();
  let scheduled = false;
  const flush = (): Promise<void> => {
    scheduled = false;
    const waiting = answers;
    answers = [];
    for (const { response, status, headers } of waiting) respond(response, status, headers);
    const { stdout, stderr } = pending;
    pending.stdout = '';
    pending.stderr = '';
    // A reader that went away or a full disk must not stop the receiver: what cannot be printed is dropped.
    written = written.then(() => Promise.all([write(io.stdout, stdout), write(io.stderr, stderr)])).catch(() => undefined);
    return written.then(() => undefined);
  };
  const schedule = (): void => {
    if (scheduled) return;
    scheduled = true;
    setImmediate(() => void flush());
  };
  return {
    answer(response, status, headers) {
      answers.push({ response, status, headers });
      schedule();
    },
    answerNow: respond,
    print(stream, text) {
      pending[stream] += text;
      schedule();
    },
    flush,
  };
}

// The answer to nearly every callback, its headers made once rather than per request.
const OK_TEXT = 'ok\n';
const OK_HEADERS = { 'Content-Type': 'text/plain; charset=utf-8', 'Content-Length': String(OK_TEXT.length) };

function respond(response: ServerResponse, status: number, headers?: Record<string, string>): void {
  // The client may have gone while the answer waited: there is no one to answer.
  if (response.destroyed) return;
  if (status === 200 && headers === undefined) {
    response.writeHead(200, OK_HEADERS);
    response.end(OK_TEXT);
    return;
  }
  const text = status === 200 ? OK_TEXT : `${status}\n`;
  response.writeHead(status, { 'Content-Type': 'text/plain; charset=utf-8', 'Content-Length': String(text.length), ...headers });
  response.end(text);
}

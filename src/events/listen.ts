import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Context } from '../context.js';
import { fileError, usageError } from '../errors.js';
import { escapeForeign } from '../text/escape.js';
import { callbackJson, callbackLines, clockTime, summaryLine } from './callback-report.js';
import { endOfTurn } from './end-of-turn.js';
import type { ListenOptions } from './events-options.js';
import { receive, type Receiving } from './receive.js';
import { findSignatureKey, instanceOnce, type KnownKey } from './signature-key.js';

/**
 * `events listen`: a local receiver for Cloud Elements' callbacks. Each request is answered and
 * reported; it runs until Ctrl+C, SIGTERM or `--max` callbacks, then prints a summary and returns 0.
 */
export async function runListen(options: ListenOptions, context: Context): Promise<number> {
  const forward = options.forward === undefined ? undefined : checkForwardUrl(options.forward);
  const known = await findSignatureKey(options, context, instanceOnce(options, context));
  const counts = { accepted: 0, rejected: 0 };
  const turn = endOfTurn(context.io);
  const { print } = turn;

  let stop: () => void = () => undefined;
  const stopped = new Promise<void>((resolve) => (stop = resolve));
  const receiving: Receiving = {
    known,
    forward,
    fetch: context.fetch,
    answer: turn.answer,
    answerNow: turn.answerNow,
    report(outcome) {
      if (outcome.record) print('stdout', options.json ? callbackJson(outcome.record) : callbackLines(outcome.record));
      if (outcome.note) print('stderr', outcome.note);
      if (outcome.status < 400 || outcome.record?.forward !== undefined) counts.accepted++;
      else counts.rejected++;
      if (options.max !== undefined && counts.accepted + counts.rejected >= options.max) stop();
    },
    brokeOff(response, error) {
      response.destroy();
      print('stderr', `${clockTime(new Date())} a request broke off: ${escapeForeign(error instanceof Error ? error.message : String(error))}\n`);
    },
  };
  const server = createServer((request, response) => receive(request, response, receiving));
  const address = await listen(server, options);
  const stopListening = context.onStopRequest(() => stop());
  try {
    print('stderr', `Listening on ${address} (${keyNote(known)})${forward ? `, forwarding to ${escapeForeign(forward.href)}` : ''}\n`);
    await stopped;
  } finally {
    stopListening();
    // The answers of the last turn go out before the connections are closed.
    await turn.flush();
    await close(server);
  }
  print('stderr', summaryLine(counts.accepted, counts.rejected));
  await turn.flush();
  return 0;
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

import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { CliError, ExitCode, describeFsError } from '../errors.js';
import { readRedirectQuery, type RedirectAnswer } from './redirect-answer.js';
import type { LoopbackAddress } from './redirect-url.js';

/** A listener waiting for the browser's one redirect. */
export interface RedirectCatcher {
  /** Settles with the first redirect whose state matches: its code, or the refusal. */
  answer: Promise<RedirectAnswer>;
  close(): Promise<void>;
}

const PAGE = (title: string, text: string): string =>
  `<!doctype html>\n<html lang="en"><head><meta charset="utf-8"><title>${title}</title></head>` +
  `<body style="font-family: sans-serif; margin: 3em"><h1>${title}</h1><p>${text}</p></body></html>\n`;

// Fixed texts only: nothing from the request is reflected into the page.
const DONE = PAGE('ecwid-instance received the authorization', 'You can close this tab and go back to the terminal.');
const REFUSED = PAGE('The authorization was refused', 'You can close this tab; the terminal says what happened.');
const WRONG = PAGE('Not this authorization', 'This address does not belong to the authorization ecwid-instance is waiting for. You can close this tab.');

function send(response: ServerResponse, status: number, page: string): void {
  response.writeHead(status, {
    'Content-Type': 'text/html; charset=utf-8',
    'Cache-Control': 'no-store',
    'Referrer-Policy': 'no-referrer',
    'X-Content-Type-Options': 'nosniff',
    Connection: 'close',
  });
  response.end(page);
}

/**
 * Listens on exactly the redirect URL's loopback host and port (`localhost` is 127.0.0.1 and ::1, never
 * resolved; never all interfaces) and takes one `GET` on its path whose `state` matches. A wrong state is answered 400
 * and the wait goes on. A port that cannot be listened on is exit 3, naming the address.
 */
export async function catchRedirect(address: LoopbackAddress, state: string): Promise<RedirectCatcher> {
  let settle: (answer: RedirectAnswer) => void = () => undefined;
  const answer = new Promise<RedirectAnswer>((resolve) => (settle = resolve));
  let done = false;
  const handle = (request: IncomingMessage, response: ServerResponse): void => {
    const url = new URL(request.url ?? '/', 'http://loopback.invalid');
    if (done || request.method !== 'GET' || url.pathname !== address.path) {
      send(response, 404, WRONG);
      return;
    }
    const found = readRedirectQuery(url.searchParams, state);
    if (typeof found === 'string') {
      send(response, 400, WRONG);
      return;
    }
    done = true;
    send(response, 200, 'code' in found ? DONE : REFUSED);
    settle(found);
  };
  const servers: Server[] = [];
  const close = async (): Promise<void> => {
    await Promise.all(
      servers.map(
        (server) =>
          new Promise<void>((resolve) => {
            server.close(() => resolve());
            server.closeAllConnections();
          }),
      ),
    );
  };
  const hosts = address.addresses;
  const failures: unknown[] = [];
  for (const host of hosts) {
    const server = createServer(handle);
    try {
      await new Promise<void>((resolve, reject) => {
        server.once('error', reject);
        server.listen({ host, port: address.port, exclusive: true }, () => resolve());
      });
      servers.push(server);
    } catch (error) {
      failures.push(error);
    }
  }
  // localhost may name an address this machine lacks (::1 without IPv6); one listener is enough,
  // but a port taken on any of them would split the redirects: that is a failure too.
  const taken = failures.find((error) => (error as NodeJS.ErrnoException).code === 'EADDRINUSE');
  if (servers.length === 0 || taken !== undefined) {
    await close();
    const shown = address.host.includes(':') ? `[${address.host}]:${address.port}` : `${address.host}:${address.port}`;
    throw new CliError(
      ExitCode.fileSystem,
      `cannot listen on ${shown} for the OAuth redirect: ${describeListenError(taken ?? failures[0])}`,
      'Stop what uses that port, or register another loopback redirect URL (such as http://localhost:8788/callback) for the app and use it in the file.',
    );
  }
  return { answer, close };
}

function describeListenError(error: unknown): string {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  if (code === 'EADDRINUSE') return 'the port is in use';
  if (code === 'EADDRNOTAVAIL') return 'this machine has no such address';
  return describeFsError(error);
}

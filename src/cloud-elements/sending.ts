import { subscribe, unsubscribe } from 'node:diagnostics_channel';

/** What undici publishes about a request: its origin (`http://127.0.0.1:8080`). */
interface UndiciRequestMessage {
  request?: { origin?: unknown };
}

/** Whether a request may have reached the server, as far as can be told. */
export interface SendingWatch {
  /**
   * False only when it is known that nothing was sent: Node's fetch reported creating our request
   * and never reported writing its headers to a socket (refused, unreachable, or the deadline
   * passed before it connected). Without that report (another fetch, a deadline that passed even
   * before, a Node that names its channels otherwise) the request may have been sent.
   */
  mayHaveArrived(): boolean;
  stop(): void;
}

const CREATED = 'undici:request:create';
const HEADERS_SENT = 'undici:client:sendHeaders';

/**
 * Watches the requests Node's fetch (undici) makes to these origins while an exchange runs, through
 * the diagnostics channels it publishes on: a request is created, then its headers are sent.
 */
export function watchSending(origins: ReadonlySet<string>): SendingWatch {
  const ours = new WeakSet<object>();
  let created = false;
  let sent = false;
  const onCreated = (message: unknown): void => {
    const request = (message as UndiciRequestMessage).request;
    if (request && request.origin !== undefined && origins.has(String(request.origin))) {
      ours.add(request);
      created = true;
    }
  };
  const onHeadersSent = (message: unknown): void => {
    const request = (message as UndiciRequestMessage).request;
    if (request && ours.has(request)) sent = true;
  };
  subscribe(CREATED, onCreated);
  subscribe(HEADERS_SENT, onHeadersSent);
  return {
    mayHaveArrived: () => sent || !created,
    stop: () => {
      unsubscribe(CREATED, onCreated);
      unsubscribe(HEADERS_SENT, onHeadersSent);
    },
  };
}

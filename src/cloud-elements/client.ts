import { exchangeFacts, httpError, transportError, type ExchangeFacts } from './api-error.js';
import { describeCause, readBody, type BodyOutcome } from './read-body.js';
import { watchSending, type SendingWatch } from './sending.js';
import type { SecretList } from '../secrets/secret-list.js';
import { connectionTargets } from '../util/url-safety.js';
import type { PlatformRequest } from './request.js';

export interface ClientOptions {
  fetch: typeof fetch;
  /** One deadline for the whole exchange: connecting, redirects, and reading the body. */
  timeoutSeconds: number;
  /** The most bytes of a response body that are read. */
  maxBytes: number;
  /** Every secret value known to the run, masked in anything an error says. */
  secrets: SecretList;
}

/** A successful (2xx) answer with its JSON body. */
export interface PlatformResponse {
  status: number;
  headers: Headers;
  data: unknown;
}

/** Redirects a GET follows at most, and only to the same origin. */
export const MAX_REDIRECTS = 5;

/** Codes a connection can fail with before the request was sent: it surely did not arrive. */
const NOT_SENT = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'EHOSTUNREACH', 'ENETUNREACH']);

/**
 * Sends one request and returns its 2xx JSON answer; anything else becomes a CliError: 4xx exit 4;
 * 5xx, timeout, connection failure, a bad redirect, an oversized or non-JSON body exit 5. Nothing is
 * retried. Redirects are followed by hand (`redirect: 'manual'`) so that the Authorization header
 * never goes to another origin, and a request with a body is never sent round a loop.
 */
export async function callPlatform(request: PlatformRequest, options: ClientOptions): Promise<PlatformResponse> {
  const facts = exchangeFacts(request, options.secrets);
  // Only the timer aborts: an aborted signal means the time ran out.
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), options.timeoutSeconds * 1000);
  const origins = new Set<string>();
  const sending = watchSending(origins);
  const late = (): Error =>
    transportError(`no complete answer from Cloud Elements within ${options.timeoutSeconds} ${options.timeoutSeconds === 1 ? 'second' : 'seconds'} (${request.method} ${facts.origin})`, facts, {
      hint: 'Allow more time with --timeout <seconds>.',
      mayHaveArrived: sending.mayHaveArrived(),
    });
  try {
    const response = await follow(request, options, { signal: controller.signal, facts, late, sending, origins });
    const body = await readBody(response, options.maxBytes, controller.signal);
    if (!body.ok && body.problem === 'timeout' && response.status < 400) throw late();
    return interpret(response, body, facts);
  } finally {
    clearTimeout(timer);
    sending.stop();
  }
}

interface Exchange {
  signal: AbortSignal;
  facts: ExchangeFacts;
  late: () => Error;
  sending: SendingWatch;
  /** The origins connected to so far: the ones `sending` watches. */
  origins: Set<string>;
}

async function follow(request: PlatformRequest, options: ClientOptions, exchange: Exchange): Promise<Response> {
  let url = new URL(request.url);
  const requested = new Set<string>();
  for (let redirects = 0; ; redirects++) {
    requested.add(url.href);
    const response = await send(url, request, options, exchange);
    if (![301, 302, 303, 307, 308].includes(response.status)) return response;
    await response.body?.cancel().catch(() => undefined);
    url = redirectTarget(response, url, { method: request.method, redirects, requested, facts: exchange.facts });
  }
}

/**
 * One request to `url`. A plain-http `localhost` is reached at its loopback addresses, never through
 * the resolver; the next one is tried only when the previous refused the connection (nothing sent).
 */
async function send(url: URL, request: PlatformRequest, options: ClientOptions, exchange: Exchange): Promise<Response> {
  const targets = connectionTargets(url);
  let refused: unknown; // the first refusal, which the error names when no other address did better
  for (const [index, target] of targets.entries()) {
    exchange.origins.add(target.origin);
    try {
      return await options.fetch(target, {
        method: request.method,
        headers: request.headers,
        ...(request.json === undefined ? {} : { body: JSON.stringify(request.json) }),
        redirect: 'manual',
        signal: exchange.signal,
      });
    } catch (error) {
      if (exchange.signal.aborted) throw exchange.late();
      const codes = failureCodes(error);
      const surelyNotSent = (codes.length > 0 && codes.every((code) => NOT_SENT.has(code))) || !exchange.sending.mayHaveArrived();
      if (surelyNotSent && codes.includes('ECONNREFUSED') && index < targets.length - 1) {
        refused ??= error;
        continue;
      }
      const shown = surelyNotSent && refused !== undefined ? refused : error; // [::1] may not exist at all
      throw transportError(`cannot reach Cloud Elements at ${url.origin}: ${describeCause(shown)}`, exchange.facts, {
        mayHaveArrived: !surelyNotSent,
        hint: 'Check the network, --base-url / --environment, and any proxy in between.',
      });
    }
  }
  throw new Error('no address to connect to'); // unreachable: every host has at least one
}

/**
 * The error codes of a failed fetch: undici wraps the socket's error as `cause`, and a connection
 * tried at several addresses fails with an AggregateError of one error each. Empty when none is known.
 */
function failureCodes(error: unknown): string[] {
  const cause = (error as { cause?: unknown } | undefined)?.cause ?? error;
  const parts = cause instanceof AggregateError && cause.errors.length > 0 ? cause.errors : [cause];
  const codes = parts.map((part) => (part as { code?: unknown } | undefined)?.code);
  return codes.every((code): code is string => typeof code === 'string') ? codes : [];
}

interface RedirectFacts {
  method: string;
  /** Redirects followed so far. */
  redirects: number;
  /** Every URL this exchange has requested. */
  requested: ReadonlySet<string>;
  facts: ExchangeFacts;
}

/**
 * Where a redirect leads, when it may be followed: the same origin, an address not requested yet,
 * the method kept. A GET follows up to MAX_REDIRECTS; a request with a body (a create) is re-sent at
 * most once, and only on 307/308, so that it can never be sent round a loop.
 */
function redirectTarget(response: Response, from: URL, redirect: RedirectFacts): URL {
  const { method, redirects, facts } = redirect;
  const fail = (reason: string): Error => transportError(`Cloud Elements answered HTTP ${response.status} with a redirect ${reason}`, facts, { mayHaveArrived: false });
  const location = response.headers.get('location');
  if (!location) throw fail('but no Location header');
  let target: URL;
  try {
    target = new URL(location, from);
  } catch {
    throw fail('to an address that is not a URL');
  }
  if (target.origin !== from.origin) {
    throw fail(`to another origin (${target.origin}); not followed, so that the platform secrets are not sent there`);
  }
  // A 301/302/303 would turn a POST into a GET without its body: never re-send a create that way.
  if (method !== 'GET' && response.status !== 307 && response.status !== 308) throw fail(`that would turn the ${method} into a GET; not followed`);
  if (redirect.requested.has(target.href)) throw fail(`back to an address already requested; not followed, a redirect loop`);
  if (method !== 'GET' && redirects >= 1) throw fail(`for the second time; not followed, since a ${method} is re-sent at most once`);
  if (redirects >= MAX_REDIRECTS) throw fail(`after ${MAX_REDIRECTS} redirects already; not followed`);
  return target;
}

function interpret(response: Response, body: BodyOutcome, facts: ExchangeFacts): PlatformResponse {
  const { status, headers } = response;
  const data = body.ok ? parseJson(body.bytes) : undefined;
  if (status >= 200 && status < 300) {
    const what = `Cloud Elements answered HTTP ${status}`;
    if (!body.ok) throw transportError(`${what}, but ${body.reason}`, facts, { mayHaveArrived: true });
    // A delete may answer with no body at all (204 No Content, or an empty 200): nothing to parse.
    if (body.bytes.length === 0 && (status === 204 || facts.method === 'DELETE')) return { status, headers, data: null };
    if (data === undefined) throw transportError(`${what} with a body that is not JSON`, facts, { mayHaveArrived: true });
    return { status, headers, data };
  }
  // A 4xx is a rejection whatever its body; its message is shown when the body could be read.
  throw httpError(status, data, headers, facts);
}

function parseJson(bytes: Uint8Array): unknown {
  try {
    return JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(bytes)) as unknown;
  } catch {
    return undefined;
  }
}

import { exchangeFacts, httpError, transportError, type ExchangeFacts } from './api-error.js';
import { describeCause, readBody, type BodyOutcome } from './read-body.js';
import type { SecretList } from '../secrets/secret-list.js';
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

/** Redirects followed at most, and only to the same origin. */
export const MAX_REDIRECTS = 5;

/** Codes a connection can fail with before the request was sent: it surely did not arrive. */
const NOT_SENT = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'EHOSTUNREACH', 'ENETUNREACH']);

/**
 * Sends one request and returns its 2xx JSON answer; anything else becomes a CliError: 4xx exit 4;
 * 5xx, timeout, connection failure, a bad redirect, an oversized or non-JSON body exit 5. Nothing is
 * retried. Redirects are followed by hand (`redirect: 'manual'`) so that the Authorization header
 * never goes to another origin.
 */
export async function callPlatform(request: PlatformRequest, options: ClientOptions): Promise<PlatformResponse> {
  const facts = exchangeFacts(request, options.secrets);
  // Only the timer aborts: an aborted signal means the time ran out.
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), options.timeoutSeconds * 1000);
  const late = (): Error =>
    transportError(`no complete answer from Cloud Elements within ${options.timeoutSeconds} ${options.timeoutSeconds === 1 ? 'second' : 'seconds'} (${request.method} ${facts.origin})`, facts, {
      hint: 'Allow more time with --timeout <seconds>.',
      mayHaveArrived: true,
    });
  try {
    const response = await follow(request, options, controller.signal, facts, late);
    const body = await readBody(response, options.maxBytes, controller.signal);
    if (!body.ok && body.problem === 'timeout' && response.status < 400) throw late();
    return interpret(response, body, facts);
  } finally {
    clearTimeout(timer);
  }
}

async function follow(
  request: PlatformRequest,
  options: ClientOptions,
  signal: AbortSignal,
  facts: ExchangeFacts,
  late: () => Error,
): Promise<Response> {
  let url = new URL(request.url);
  for (let redirects = 0; ; redirects++) {
    let response: Response;
    try {
      response = await options.fetch(url, {
        method: request.method,
        headers: request.headers,
        ...(request.json === undefined ? {} : { body: JSON.stringify(request.json) }),
        redirect: 'manual',
        signal,
      });
    } catch (error) {
      if (signal.aborted) throw late();
      const code = (error as { cause?: { code?: unknown } }).cause?.code;
      throw transportError(`cannot reach Cloud Elements at ${url.origin}: ${describeCause(error)}`, facts, {
        mayHaveArrived: !(typeof code === 'string' && NOT_SENT.has(code)),
        hint: 'Check the network, --base-url / --environment, and any proxy in between.',
      });
    }
    if (![301, 302, 303, 307, 308].includes(response.status)) return response;
    await response.body?.cancel().catch(() => undefined);
    url = redirectTarget(response, url, request.method, redirects, facts);
  }
}

/** Where a redirect leads, when it may be followed: same origin, method kept, few enough hops. */
function redirectTarget(response: Response, from: URL, method: string, redirects: number, facts: ExchangeFacts): URL {
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

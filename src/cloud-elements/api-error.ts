import { STATUS_CODES } from 'node:http';
import { CliError, ExitCode } from '../errors.js';
import { asJsonObject } from '../util/json-object.js';
import type { SecretList } from '../secrets/secret-list.js';
import { escapeForeign } from '../text/escape.js';

/** What an error message may say about the exchange it comes from. */
export interface ExchangeFacts {
  method: string;
  /** The API host's origin, e.g. `https://api.cloud-elements.com`. */
  origin: string;
  /** Every secret value known to the run: masked wherever it appears in text from elsewhere. */
  secrets: SecretList;
}

/** The facts of one request to the API host, with the run's secrets. */
export function exchangeFacts(request: { method: string; url: string }, secrets: SecretList): ExchangeFacts {
  return { method: request.method, origin: new URL(request.url).origin, secrets };
}

/** The documented error body: `{ requestId, message }`, sometimes with `providerMessage`. */
interface ApiErrorBody {
  message?: unknown;
  requestId?: unknown;
  providerMessage?: unknown;
}

const MAX_SHOWN = 500;

/**
 * Text from the network, made safe to print: known secrets masked, control characters (terminal
 * escapes, line breaks) shown escaped, spaces folded and the length bounded. Nothing else of a body
 * is ever shown. Secrets are masked before anything else: a cut first would leave a secret that
 * straddles it unrecognised, all but its last characters shown.
 */
export function cleanText(value: unknown, secrets: SecretList): string | undefined {
  if (typeof value !== 'string' && typeof value !== 'number') return undefined;
  let text = escapeForeign(secrets.redact(String(value))).replace(/\s+/g, ' ').trim();
  if (text === '') return undefined;
  text = secrets.redact(text); // a secret holding a space, echoed with a line break there
  if (text.length > MAX_SHOWN) text = `${text.slice(0, MAX_SHOWN)}…`;
  return text;
}

function statusLine(status: number): string {
  const reason = STATUS_CODES[status];
  return reason ? `HTTP ${status} ${reason}` : `HTTP ${status}`;
}

/** The hint every failure of a change carries: it may have worked, and is not retried. */
function maybeCreatedHint(facts: ExchangeFacts): string | undefined {
  switch (facts.method) {
    case 'POST':
      return 'The instance may have been created anyway; it was not retried. Check before running again (provision --if-absent skips an existing one).';
    case 'PATCH':
      return 'The update may have been applied anyway; it was not retried. Running it again is safe.';
    case 'DELETE':
      return 'The instance may have been deleted anyway; it was not retried. Running it again is safe.';
    default:
      return undefined;
  }
}

const CREDENTIALS_HINT =
  'Check the user secret (CLOUD_ELEMENTS_USER_SECRET or --user-secret-file) and the organization secret (CLOUD_ELEMENTS_ORG_SECRET or --org-secret-file)';

/** Cloud Elements answered with an HTTP error status: callers may tell a 404 from other failures. */
export class PlatformHttpError extends CliError {
  constructor(
    readonly status: number,
    exitCode: CliError['exitCode'],
    message: string,
    hint?: string,
  ) {
    super(exitCode, message, hint);
  }
}

/**
 * An HTTP answer other than success: 4xx is a rejection (exit 4), anything else a failure (exit 5).
 * Shows the status, the API's `message`, `requestId` and `providerMessage`, never the rest of the body.
 */
export function httpError(status: number, data: unknown, headers: Headers, facts: ExchangeFacts): PlatformHttpError {
  const body: ApiErrorBody = asJsonObject(data) ?? {};
  const message = cleanText(body.message, facts.secrets);
  const requestId = cleanText(body.requestId, facts.secrets) ?? cleanText(headers.get('elements-request-id'), facts.secrets);
  const providerMessage = cleanText(body.providerMessage, facts.secrets);
  const rejected = status >= 400 && status < 500;
  const what = rejected ? 'Cloud Elements rejected the request' : 'Cloud Elements failed';
  const hints: string[] = [];
  if (providerMessage) hints.push(`Provider message: ${providerMessage}`);
  if (requestId) hints.push(`Request ID: ${requestId}`);
  if (status === 401) hints.push(`${CREDENTIALS_HINT}: they are wrong or do not belong to ${facts.origin}.`);
  if (status === 403) hints.push(`${CREDENTIALS_HINT}: they were not allowed this on ${facts.origin}.`);
  if (!rejected) hints.push(maybeCreatedHint(facts) ?? 'Try again later.');
  const text = `${what}: ${statusLine(status)}${message ? `: ${message}` : ''}`;
  return new PlatformHttpError(status, rejected ? ExitCode.rejected : ExitCode.unavailable, text, hints.join('\n') || undefined);
}

/**
 * A failure to get a usable answer at all (exit 5): timeout, connection, redirect, unreadable body.
 * `mayHaveArrived` is false only when the request surely never reached the server (e.g. refused).
 */
export function transportError(reason: string, facts: ExchangeFacts, options: { hint?: string; mayHaveArrived: boolean }): CliError {
  const hints = [options.hint, options.mayHaveArrived ? maybeCreatedHint(facts) : undefined].filter((hint): hint is string => hint !== undefined);
  return new CliError(ExitCode.unavailable, escapeForeign(facts.secrets.redact(reason)), hints.join('\n') || undefined);
}

import { mapInstanceValues } from '../instance/configuration-secrets.js';
import { maskSecret, SecretList } from '../secrets/secret-list.js';
import { toJson } from '../text/escape.js';

/** The Platform API's instances resource, below the API host. */
export const INSTANCES_PATH = '/elements/api-v2/instances';

/** The Cloud Elements platform credentials: both are secrets. */
export interface PlatformSecrets {
  user: string;
  organization: string;
}

/** One Platform API request, fully built: what is sent, or (masked) what a dry run prints. */
export interface PlatformRequest {
  method: 'GET' | 'POST' | 'PATCH' | 'DELETE';
  url: string;
  headers: Record<string, string>;
  /** The JSON body, sent serialized. */
  json?: unknown;
}

export type InstanceBody = Record<string, unknown>;

/** The instance file's JSON as Cloud Elements gets it: without the editor-only top-level `$schema`. */
export function instanceBody(data: InstanceBody): InstanceBody {
  const body: InstanceBody = {};
  for (const [key, value] of Object.entries(data)) if (key !== '$schema') body[key] = value;
  return body;
}

const authorization = (secrets: PlatformSecrets): string => `User ${secrets.user}, Organization ${secrets.organization}`;
const userAgent = (version: string): string => `ecwid-instance/${version}`;

/** `POST /instances` with the instance as its body. */
export function createInstanceRequest(host: string, body: InstanceBody, secrets: PlatformSecrets, version: string): PlatformRequest {
  return {
    method: 'POST',
    url: `${host}${INSTANCES_PATH}`,
    headers: { Authorization: authorization(secrets), 'Content-Type': 'application/json', Accept: 'application/json', 'User-Agent': userAgent(version) },
    json: body,
  };
}

/** One page of `GET /instances`; `nextPage` is the previous page's `Elements-Next-Page-Token`. */
export function listInstancesRequest(host: string, secrets: PlatformSecrets, version: string, pageSize: number, nextPage?: string): PlatformRequest {
  const url = new URL(`${host}${INSTANCES_PATH}`);
  url.searchParams.set('pageSize', String(pageSize));
  if (nextPage !== undefined) url.searchParams.set('nextPage', nextPage);
  return { method: 'GET', url: url.href, headers: { Authorization: authorization(secrets), Accept: 'application/json', 'User-Agent': userAgent(version) } };
}

/** The path of one instance, below the API host; the id is encoded as one path segment. */
export function instancePath(id: string | number): string {
  return `${INSTANCES_PATH}/${encodeURIComponent(String(id))}`;
}

/**
 * A request about one existing instance: `GET /instances/{id}` (or `{id}/configuration`), `PATCH`
 * with a JSON body, or `DELETE`.
 */
export function instanceRequest(
  host: string,
  call: { method: 'GET' | 'PATCH' | 'DELETE'; id: string | number; below?: string; json?: unknown },
  secrets: PlatformSecrets,
  version: string,
): PlatformRequest {
  const headers: Record<string, string> = { Authorization: authorization(secrets), Accept: 'application/json', 'User-Agent': userAgent(version) };
  if (call.json !== undefined) headers['Content-Type'] = 'application/json';
  const request: PlatformRequest = { method: call.method, url: `${host}${instancePath(call.id)}${call.below ?? ''}`, headers };
  if (call.json !== undefined) request.json = call.json;
  return request;
}

/**
 * The body as it may be shown: every value under a secret's name masked, at any depth (a top-level
 * `token`, `providerData.code`, an object under a secret configuration key), and every known secret
 * masked wherever else it appears (copied into the name, a tag, any other value).
 */
export function maskInstanceBody(body: InstanceBody, known: SecretList = new SecretList()): InstanceBody {
  return mapInstanceValues(body, (value, secret) => {
    if (secret && (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean')) return maskSecret(String(value));
    return typeof value === 'string' ? known.redact(value) : value;
  }) as InstanceBody;
}

/** The create request as a dry run shows it: secrets masked, missing platform secrets named. */
export function dryRunRequest(host: string, body: InstanceBody, secrets: Partial<PlatformSecrets>, version: string, known?: SecretList): PlatformRequest {
  const show = (value: string | undefined): string => (value === undefined ? '<not set>' : maskSecret(value));
  return createInstanceRequest(host, maskInstanceBody(body, known), { user: show(secrets.user), organization: show(secrets.organization) }, version);
}

/** A request as text: the request line, the headers, a blank line and the pretty-printed body. */
export function formatRequest(request: PlatformRequest): string {
  let text = `${request.method} ${request.url}\n`;
  for (const [name, value] of Object.entries(request.headers)) text += `${name}: ${value}\n`;
  if (request.json !== undefined) text += `\n${toJson(request.json, 2)}\n`;
  return text;
}

import { asJsonObject } from '../util/json-object.js';
import { readInstanceRecord, type InstanceRecord } from './instance-record.js';
import { exchangeFacts, transportError } from './api-error.js';
import { callPlatform, type ClientOptions } from './client.js';
import { MIB } from './read-body.js';
import { createInstanceRequest, listInstancesRequest, type InstanceBody, type PlatformSecrets } from './request.js';

/** Where and as whom the Platform API is called. */
export interface PlatformTarget {
  host: string;
  secrets: PlatformSecrets;
  version: string;
}

export type InstanceClientOptions = Omit<ClientOptions, 'maxBytes'>;

/** An instance as this tool reports it. The token is kept apart and never printed. */
export interface CreatedInstance {
  id: string | number;
  name: string;
  token: string | undefined;
}

/** A created instance is a few KiB; more than this is not an answer to read. */
export const MAX_CREATE_RESPONSE_BYTES = 1 * MIB;
/** A page of up to PAGE_SIZE instances with their configuration. */
export const MAX_PAGE_RESPONSE_BYTES = 8 * MIB;
export const PAGE_SIZE = 200;
/** 200,000 instances: enough for any account, and an end to a server that pages forever. */
export const MAX_PAGES = 1000;

/** `POST /instances`. Sent once: a create is not idempotent, so it is never retried. */
export async function createInstance(target: PlatformTarget, body: InstanceBody, options: InstanceClientOptions): Promise<CreatedInstance> {
  const request = createInstanceRequest(target.host, body, target.secrets, target.version);
  const { data } = await callPlatform(request, { ...options, maxBytes: MAX_CREATE_RESPONSE_BYTES });
  const record = asJsonObject(data);
  const id = record?.id;
  if (typeof id !== 'number' && typeof id !== 'string') {
    throw transportError('Cloud Elements answered the create without an instance id', exchangeFacts(request, options.secrets), { mayHaveArrived: true });
  }
  const token = typeof record?.token === 'string' && record.token !== '' ? record.token : undefined;
  return { id, name: typeof record?.name === 'string' ? record.name : String(body.name ?? ''), token };
}

/**
 * Every Ecwid instance with exactly this name (names are not unique): `GET /instances`, page after
 * page, following the `Elements-Next-Page-Token` response header (sent back as `nextPage`) until it
 * is absent. All pages are read, so that a second instance of the name is never missed.
 */
export async function findInstances(target: PlatformTarget, name: string, options: InstanceClientOptions): Promise<InstanceRecord[]> {
  const seen = new Set<string>();
  const facts = exchangeFacts({ method: 'GET', url: target.host }, options.secrets);
  const found: InstanceRecord[] = [];
  let nextPage: string | undefined;
  for (let page = 0; page < MAX_PAGES; page++) {
    const request = listInstancesRequest(target.host, target.secrets, target.version, PAGE_SIZE, nextPage);
    const { data, headers } = await callPlatform(request, { ...options, maxBytes: MAX_PAGE_RESPONSE_BYTES });
    if (!Array.isArray(data)) throw transportError('Cloud Elements answered GET /instances with something other than a list', facts, { mayHaveArrived: true });
    for (const item of data) {
      const instance = readInstanceRecord(item);
      if (instance && instance.name === name && instance.elementKey === 'ecwid') found.push(instance);
    }
    const token = headers.get('elements-next-page-token') ?? '';
    if (token === '' || data.length === 0) return found;
    if (seen.has(token)) throw transportError('Cloud Elements repeated a page token while listing instances', facts, { mayHaveArrived: true });
    seen.add(token);
    nextPage = token;
  }
  throw transportError(`Cloud Elements listed more than ${MAX_PAGES} pages of instances; gave up looking`, facts, { mayHaveArrived: true });
}

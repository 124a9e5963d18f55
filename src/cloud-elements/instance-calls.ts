import { exchangeFacts, PlatformHttpError, transportError } from './api-error.js';
import { callPlatform } from './client.js';
import { readConfigurationEntries, readInstanceRecord, type InstanceRecord } from './instance-record.js';
import type { InstanceClientOptions, PlatformTarget } from './instances.js';
import { MIB } from './read-body.js';
import { instanceRequest, type InstanceBody, type PlatformRequest } from './request.js';

/** One instance, or its configuration, is a few KiB; more than this is not an answer to read. */
export const MAX_INSTANCE_RESPONSE_BYTES = 1 * MIB;

type Call = Parameters<typeof instanceRequest>[1];

async function send(target: PlatformTarget, call: Call, options: InstanceClientOptions): Promise<{ data: unknown; request: PlatformRequest }> {
  const request = instanceRequest(target.host, call, target.secrets, target.version);
  const { data } = await callPlatform(request, { ...options, maxBytes: MAX_INSTANCE_RESPONSE_BYTES });
  return { data, request };
}

function unreadable(request: PlatformRequest, options: InstanceClientOptions, what: string): Error {
  return transportError(`Cloud Elements answered ${request.method} ${new URL(request.url).pathname} without ${what}`, exchangeFacts(request, options.secrets), { mayHaveArrived: true });
}

/** `GET /instances/{id}`; `undefined` when there is no such instance (HTTP 404). */
export async function getInstance(target: PlatformTarget, id: string | number, options: InstanceClientOptions): Promise<InstanceRecord | undefined> {
  let answer: Awaited<ReturnType<typeof send>>;
  try {
    answer = await send(target, { method: 'GET', id }, options);
  } catch (error) {
    if (error instanceof PlatformHttpError && error.status === 404) return undefined;
    throw error;
  }
  const record = readInstanceRecord(answer.data);
  if (record === undefined) throw unreadable(answer.request, options, 'an instance id');
  return record;
}

/** `GET /instances/{id}/configuration`: key → value, secrets as the platform masks them. */
export async function getConfiguration(target: PlatformTarget, id: string | number, options: InstanceClientOptions): Promise<Map<string, string>> {
  const { data, request } = await send(target, { method: 'GET', id, below: '/configuration' }, options);
  const entries = readConfigurationEntries(data);
  if (entries === undefined) throw unreadable(request, options, 'a list of configuration entries');
  return entries;
}

/** `PATCH /instances/{id}` with the changed parts. Sent once, never retried. */
export async function updateInstance(target: PlatformTarget, id: string | number, body: InstanceBody, options: InstanceClientOptions): Promise<InstanceRecord | undefined> {
  const { data } = await send(target, { method: 'PATCH', id, json: body }, options);
  return readInstanceRecord(data);
}

/** `DELETE /instances/{id}`. Sent once, never retried. */
export async function deleteInstance(target: PlatformTarget, id: string | number, options: InstanceClientOptions): Promise<void> {
  await send(target, { method: 'DELETE', id }, options);
}

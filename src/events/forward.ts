import type { IncomingHttpHeaders } from 'node:http';
import { describeCause } from '../cloud-elements/read-body.js';

/** How long the app may take to answer a forwarded callback. */
export const FORWARD_TIMEOUT_MS = 30_000;

/**
 * Relays one accepted callback to the app: the raw body, its content type and every `Elements-*`
 * header, as Cloud Elements sent them. Returns the app's status, or why there is none. A redirect is
 * not followed: its status is the answer, as Cloud Elements would see it.
 */
export async function forwardCallback(url: URL, body: Uint8Array, headers: IncomingHttpHeaders, fetch: typeof globalThis.fetch): Promise<{ status: number } | { failure: string }> {
  const relayed: Record<string, string> = { 'content-type': textOf(headers['content-type']) ?? 'application/json' };
  for (const [name, value] of Object.entries(headers)) {
    const text = textOf(value);
    if (name.startsWith('elements-') && text !== undefined) relayed[name] = text;
  }
  const signal = AbortSignal.timeout(FORWARD_TIMEOUT_MS);
  try {
    const response = await fetch(url, { method: 'POST', headers: relayed, body, redirect: 'manual', signal });
    await response.body?.cancel().catch(() => undefined);
    return { status: response.status };
  } catch (error) {
    return { failure: signal.aborted ? `no answer within ${FORWARD_TIMEOUT_MS / 1000} seconds` : describeCause(error) };
  }
}

function textOf(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value.join(', ') : value;
}

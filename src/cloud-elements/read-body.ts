/** A response body read whole, or why it could not be. */
export type BodyOutcome =
  | { ok: true; bytes: Uint8Array }
  | { ok: false; problem: 'too-large' | 'timeout' | 'broken'; reason: string };

export const MIB = 1024 * 1024;

/**
 * Reads a response body, bounded in size and in time: beyond `maxBytes` the download is cancelled (a
 * huge answer cannot exhaust memory), and once `signal` aborts (the request's deadline) reading stops
 * (a body that never ends cannot hang the run).
 */
export async function readBody(response: Response, maxBytes: number, signal: AbortSignal): Promise<BodyOutcome> {
  const tooLarge = { ok: false, problem: 'too-large', reason: `the response is larger than ${describeSize(maxBytes)}` } as const;
  const timeout = { ok: false, problem: 'timeout', reason: 'the response did not finish in time' } as const;
  const declared = Number(response.headers.get('content-length') ?? '');
  if (Number.isFinite(declared) && declared > maxBytes) {
    await response.body?.cancel().catch(() => undefined);
    return tooLarge;
  }
  if (!response.body) return { ok: true, bytes: new Uint8Array() };
  if (signal.aborted) {
    await response.body.cancel().catch(() => undefined);
    return timeout;
  }
  const reader = response.body.getReader();
  // Cancelling settles a pending read, so an aborted deadline cannot leave the loop waiting.
  const onAbort = (): void => void reader.cancel().catch(() => undefined);
  signal.addEventListener('abort', onAbort, { once: true });
  const chunks: Uint8Array[] = [];
  let size = 0;
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (signal.aborted) return timeout;
      if (done) break;
      size += value.byteLength;
      if (size > maxBytes) {
        await reader.cancel().catch(() => undefined);
        return tooLarge;
      }
      chunks.push(value);
    }
  } catch (error) {
    if (signal.aborted) return timeout;
    return { ok: false, problem: 'broken', reason: `the connection broke while reading the response (${describeCause(error)})` };
  } finally {
    signal.removeEventListener('abort', onAbort);
  }
  return { ok: true, bytes: Buffer.concat(chunks) };
}

function describeSize(bytes: number): string {
  return bytes >= MIB && bytes % MIB === 0 ? `${bytes / MIB} MiB` : `${bytes} bytes`;
}

/** The most telling part of a network error: undici wraps the socket's error as `cause`. */
export function describeCause(error: unknown): string {
  const cause = (error as { cause?: unknown } | undefined)?.cause ?? error;
  const code = (cause as { code?: unknown } | undefined)?.code;
  if (typeof code === 'string') return NETWORK_CODES[code] ? `${NETWORK_CODES[code]}, ${code}` : code;
  return cause instanceof Error ? cause.message : String(cause);
}

const NETWORK_CODES: Record<string, string> = {
  ECONNREFUSED: 'connection refused',
  ECONNRESET: 'connection reset',
  ENOTFOUND: 'host not found',
  EAI_AGAIN: 'name lookup failed',
  ETIMEDOUT: 'connection timed out',
  EHOSTUNREACH: 'host unreachable',
  ENETUNREACH: 'network unreachable',
  UND_ERR_SOCKET: 'the connection closed unexpectedly',
  CERT_HAS_EXPIRED: 'the TLS certificate has expired',
  DEPTH_ZERO_SELF_SIGNED_CERT: 'self-signed TLS certificate',
  SELF_SIGNED_CERT_IN_CHAIN: 'self-signed TLS certificate in the chain',
  UNABLE_TO_VERIFY_LEAF_SIGNATURE: 'the TLS certificate cannot be verified',
  ERR_TLS_CERT_ALTNAME_INVALID: 'the TLS certificate does not match the host',
};

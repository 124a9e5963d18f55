// Signing and checking Cloud Elements' webhook callbacks. Part of the public library: it imports
// nothing but node:crypto, so that an app importing it loads none of the command line's dependencies.
import { createHmac, createSecretKey, timingSafeEqual, type KeyObject } from 'node:crypto';

/** The header that carries a callback's signature: `sha256=` and the base64 HMAC-SHA256 of the raw body. */
export const SIGNATURE_HEADER = 'Elements-Webhook-Signature';

/** The header that names the webhook a callback belongs to. */
export const WEBHOOK_ID_HEADER = 'Elements-Webhook-Id';

const PREFIX = 'sha256=';
const DIGEST_BYTES = 32;
// Standard base64 of 32 bytes: 43 characters and one `=` of padding (accepted without it).
const BASE64_DIGEST = /^[A-Za-z0-9+/]{42}[AEIMQUYcgkosw048]=?$/;

/**
 * Why a signature header is not valid:
 * - `missing`: there is no header (or it is empty);
 * - `sha1`: it starts with `sha1=`, the algorithm older callbacks used;
 * - `no-prefix`: it does not start with `sha256=`;
 * - `malformed`: what follows `sha256=` is not the base64 of 32 bytes;
 * - `mismatch`: well formed, but not the signature of this body with this key.
 */
export type SignatureProblem = 'missing' | 'sha1' | 'no-prefix' | 'malformed' | 'mismatch';

/** The outcome of {@link checkWebhookSignature}: valid, or the reason it is not. */
export type SignatureCheck = { valid: true } | { valid: false; problem: SignatureProblem };

/** The raw body as bytes: a string is taken as UTF-8, as it travelled. */
function bodyBytes(rawBody: string | Uint8Array): Uint8Array {
  return typeof rawBody === 'string' ? Buffer.from(rawBody, 'utf8') : rawBody;
}

// A receiver checks every callback with the same key: its key object is made once, not per call.
let lastKey: { text: string; object: KeyObject } | undefined;

function keyObject(key: string): KeyObject {
  if (lastKey?.text !== key) lastKey = { text: key, object: createSecretKey(Buffer.from(key, 'utf8')) };
  return lastKey.object;
}

function digest(rawBody: string | Uint8Array, key: string): Buffer {
  return createHmac('sha256', keyObject(key)).update(bodyBytes(rawBody)).digest();
}

/**
 * The signature header value for a body: `sha256=` and the base64 of HMAC-SHA256(raw body bytes, key),
 * as Cloud Elements sends it in `Elements-Webhook-Signature`.
 *
 * @param rawBody - the exact bytes sent (a string is encoded as UTF-8)
 * @param key - the instance's `event.notification.signature.key`, used as UTF-8 bytes
 * @throws TypeError when the key is empty
 */
export function signWebhookBody(rawBody: string | Uint8Array, key: string): string {
  if (typeof key !== 'string' || key === '') throw new TypeError('the signature key is empty');
  return `${PREFIX}${digest(rawBody, key).toString('base64')}`;
}

/**
 * Checks a signature header against the raw body and says why it fails. The digests are compared in
 * constant time. Use {@link verifyWebhookSignature} when a yes or no is enough.
 *
 * @param rawBody - the body exactly as received, before any JSON parsing
 * @param header - the `Elements-Webhook-Signature` header value, or undefined when absent
 * @param key - the instance's `event.notification.signature.key`
 */
export function checkWebhookSignature(rawBody: string | Uint8Array, header: string | undefined, key: string): SignatureCheck {
  const value = typeof header === 'string' ? header.trim() : '';
  if (value === '') return { valid: false, problem: 'missing' };
  const lower = value.toLowerCase();
  if (lower.startsWith('sha1=')) return { valid: false, problem: 'sha1' };
  if (!lower.startsWith(PREFIX)) return { valid: false, problem: 'no-prefix' };
  const encoded = value.slice(PREFIX.length);
  if (!BASE64_DIGEST.test(encoded)) return { valid: false, problem: 'malformed' };
  const given = Buffer.from(encoded, 'base64');
  // No key signs nothing: an empty one is a setup mistake, never a match.
  if (given.length !== DIGEST_BYTES || typeof key !== 'string' || key === '') return { valid: false, problem: 'mismatch' };
  return timingSafeEqual(given, digest(rawBody, key)) ? { valid: true } : { valid: false, problem: 'mismatch' };
}

/**
 * Whether a callback's `Elements-Webhook-Signature` header is the signature of its raw body with the
 * key. Verify the bytes as received: JSON parsed and serialized again rarely has the same bytes.
 * False for anything malformed (no header, `sha1=`, not base64, an empty key); never throws.
 *
 * @param rawBody - the body exactly as received (a string is taken as UTF-8)
 * @param header - the header value, or undefined when the callback has none
 * @param key - the instance's `event.notification.signature.key`
 *
 * @example
 * ```ts
 * if (!verifyWebhookSignature(rawBody, req.headers['elements-webhook-signature'], key)) res.writeHead(401);
 * ```
 */
export function verifyWebhookSignature(rawBody: string | Uint8Array, header: string | undefined, key: string): boolean {
  try {
    return checkWebhookSignature(rawBody, header, key).valid;
  } catch {
    return false;
  }
}

import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);

/**
 * Absolute http(s) URLs of the plainest shape: a host name, a port, path segments of unreserved
 * characters. Every string it matches is also a `uri` under ajv-formats' full RFC 3986 pattern,
 * whose first use costs milliseconds to compile; most callback URLs never need it.
 */
export const PLAIN_HTTP_URL = /^https?:\/\/[a-z0-9-]+(?:\.[a-z0-9-]+)*(?::\d{1,5})?(?:\/[a-z0-9\-._~]*)*$/i;

type FormatCheck = (text: string) => boolean;
let fullUri: FormatCheck | undefined;

/** ajv-formats' `uri` format, the same answers, with the common case decided first. */
export function isUri(text: string): boolean {
  if (PLAIN_HTTP_URL.test(text)) return true;
  fullUri ??= (require('ajv-formats/dist/formats') as { fullFormats: { uri: FormatCheck } }).fullFormats.uri;
  return fullUri(text);
}

/** The formats the compiled schema refers to, by name (see scripts/compile-schema.js). */
export const formats = { uri: isUri };

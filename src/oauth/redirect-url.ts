import { loopbackAddresses } from '../util/url-safety.js';

/** Where `provision` can listen for the browser's redirect itself: a plain-http loopback URL with a port. */
export interface LoopbackAddress {
  /** The host as the URL names it, without brackets (`localhost`, `127.0.0.1`, `::1`). */
  host: string;
  /** The IP addresses to listen on, without brackets: `localhost` is 127.0.0.1 and ::1, never resolved. */
  addresses: string[];
  port: number;
  /** The path the redirect arrives on, e.g. `/callback`. */
  path: string;
}

/**
 * The address to listen on for a redirect URL such as `http://localhost:8787/callback`; undefined when
 * the URL is https, another host, or names no port (the code is then pasted).
 */
export function loopbackAddress(redirectUrl: string): LoopbackAddress | undefined {
  let url: URL;
  try {
    url = new URL(redirectUrl);
  } catch {
    return undefined;
  }
  const addresses = loopbackAddresses(url.hostname);
  if (url.protocol !== 'http:' || url.port === '' || addresses === undefined) return undefined;
  return { host: url.hostname.replace(/^\[|\]$/g, ''), addresses: addresses.map((address) => address.replace(/^\[|\]$/g, '')), port: Number(url.port), path: url.pathname };
}

export function isLoopbackRedirect(redirectUrl: string): boolean {
  return loopbackAddress(redirectUrl) !== undefined;
}

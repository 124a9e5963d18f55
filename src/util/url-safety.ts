/**
 * Loopback, decided without asking anyone: an IP literal in 127.0.0.0/8, `::1`, or the name
 * `localhost` itself. Names below it (`evil.localhost`) are not loopback: the resolver decides where
 * they lead, and anything plain `http://` carries (platform secrets, a grant code, an event) would go
 * there in clear. `localhost` is never resolved either: see loopbackAddresses.
 */
export function isLoopbackHost(hostname: string): boolean {
  return loopbackAddresses(hostname) !== undefined;
}

/** Whether a URL (text or parsed) is on a loopback host; false for anything that is not a URL. */
export function isLoopbackUrl(url: string | URL): boolean {
  try {
    return isLoopbackHost(new URL(url).hostname);
  } catch {
    return false;
  }
}

/**
 * The IP literals (as URL host names) a loopback host is reached at, in the order to try them; or
 * undefined when the host is not loopback. `localhost` is 127.0.0.1, then [::1]: connecting there
 * ourselves, rather than asking the resolver, keeps a lying resolver or hosts file out of it.
 * `hostname` is as a URL gives it (lower case, IPv6 in brackets, IPv4 forms such as `127.1` already
 * normalized to dotted quads).
 */
export function loopbackAddresses(hostname: string): string[] | undefined {
  const host = hostname.toLowerCase();
  if (host === 'localhost') return ['127.0.0.1', '[::1]'];
  if (host === '[::1]' || host === '::1') return ['[::1]'];
  const quad = /^127\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/.exec(host);
  if (quad && quad.slice(1).every((part) => Number(part) <= 255)) return [host];
  return undefined;
}

/**
 * The URLs to connect to for `url`, in the order to try them: for plain-http `localhost`, the same
 * URL at each of its loopback addresses (try the next only when one refuses the connection, so that
 * nothing was sent); for anything else, `url` itself. Over https the name stays: TLS proves who answers.
 */
export function connectionTargets(url: URL): URL[] {
  if (url.protocol !== 'http:' || url.hostname !== 'localhost') return [url];
  return (loopbackAddresses(url.hostname) ?? []).map((address) => {
    const target = new URL(url);
    target.hostname = address;
    return target;
  });
}

/** Shows at most the last 4 characters of a secret, and only of one long enough to stay secret. */
export function maskSecret(value: string): string {
  return value.length >= 12 ? `****${value.slice(-4)}` : '****';
}

/** A secret as typed into a file by `echo`: one trailing newline (LF or CRLF) is not part of it. */
export function stripOneTrailingNewline(text: string): string {
  return text.replace(/\r?\n$/, '');
}

/** The environment variables that hold secrets. */
export const SECRET_VARIABLES = ['ECWID_ORDER_KEY', 'ECWID_PRODUCT_KEY', 'ECWID_SIGNATURE_KEY', 'ECWID_CLIENT_SECRET', 'ECWID_OAUTH_CODE', 'CLOUD_ELEMENTS_USER_SECRET', 'CLOUD_ELEMENTS_ORG_SECRET'] as const;

/**
 * Values shorter than this are not searched for in text: masking `abc` would turn `abc123` into
 * `****123`, garbling ordinary words and IDs; a secret that short protects little anyway.
 */
export const MIN_REDACTED_LENGTH = 4;

/**
 * The one redaction rule: every occurrence of a known secret of at least MIN_REDACTED_LENGTH
 * characters is masked, longest first, so that a secret containing another is masked whole.
 */
export function redactSecrets(text: string, secrets: Iterable<string>): string {
  let out = text;
  const longFirst = [...new Set(secrets)].filter((secret) => secret.length >= MIN_REDACTED_LENGTH).sort((a, b) => b.length - a.length);
  for (const secret of longFirst) {
    if (out.includes(secret)) out = out.split(secret).join(maskSecret(secret));
  }
  return out;
}

/**
 * Every secret value this run has seen (environment, files, prompts, instance files, the new instance
 * token). `main` passes every error it prints through `redact`: the last line of defence if a message
 * ever quotes one. Commands pass it on to anything that prints text from elsewhere (API answers).
 */
export class SecretList {
  private readonly values = new Set<string>();

  constructor(values: Iterable<unknown> = []) {
    for (const value of values) this.add(value);
  }

  /** Remembers a secret; anything but a string long enough to redact is ignored. */
  add(value: unknown): void {
    if (typeof value === 'string' && value.length >= MIN_REDACTED_LENGTH) this.values.add(value);
  }

  redact(text: string): string {
    return redactSecrets(text, this.values);
  }
}

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
 * Whether a value holds whitespace or a control character (C0, DEL, C1): a secret or token that
 * travels in a header, or is written as one line of a file, must not.
 */
export function holdsSpaceOrControl(value: string): boolean {
  // eslint-disable-next-line no-control-regex
  return /[\s\u0000-\u001f\u007f-\u009f]/.test(value);
}

/**
 * Text this long or longer is masked wherever it occurs. A shorter one is masked only where it stands
 * as a whole token (no letter, digit or `_` right before or after it): masking `abc` inside `abc123`
 * would garble ordinary words and IDs, while `abc` on its own (`"abc"`, `key=abc`) is the secret.
 */
export const MIN_SUBSTRING_LENGTH = 4;

/** One way a secret may be written in text, and what replaces it there. */
interface SecretForm {
  text: string;
  mask: string;
  wholeTokenOnly: boolean;
}

const lowerHex = (text: string): string => text.replace(/%[0-9A-F]{2}/g, (escape) => escape.toLowerCase());

/** A text percent-encoded as in a URL's path or query, and form-encoded (`+` for a space). */
function urlEncodings(text: string): string[] {
  const forms = [new URLSearchParams([['', text]]).toString().slice(1)];
  try {
    forms.push(encodeURIComponent(text));
  } catch {
    // A lone surrogate has no percent-encoding: it cannot travel in a URL as is.
  }
  return forms;
}

/**
 * The ways a secret shows up in text from elsewhere: as is; JSON-escaped (a `"` or `\` in it, control
 * characters, and, as some encoders write them, `\/` and `\uXXXX` for non-ASCII); and each of those
 * URL-encoded (percent-encoded, or form-encoded with `+` for a space; in either hex case), as a JSON
 * body quoted in a query string would be.
 */
export function secretForms(secret: string): string[] {
  const json = JSON.stringify(secret).slice(1, -1);
  const asciiJson = json.replace(/[\u0080-\uffff]/g, (char) => `\\u${char.charCodeAt(0).toString(16).padStart(4, '0')}`);
  const plain = [...new Set([secret, json, json.replaceAll('/', '\\/'), asciiJson])];
  const encoded = plain.flatMap(urlEncodings);
  return [...new Set([...plain, ...encoded, ...encoded.map(lowerHex)])];
}

function formsOf(secrets: Iterable<string>): SecretForm[] {
  const found = new Map<string, SecretForm>();
  for (const secret of new Set(secrets)) {
    if (secret === '') continue;
    const mask = maskSecret(secret);
    for (const text of secretForms(secret)) {
      if (!found.has(text)) found.set(text, { text, mask, wholeTokenOnly: text.length < MIN_SUBSTRING_LENGTH });
    }
  }
  // Longest first, so that a secret containing another is masked whole.
  return [...found.values()].sort((a, b) => b.text.length - a.text.length);
}

const WORD_CHARACTER = /[\p{L}\p{N}_]/u;

/** An escape that ends right before a token: `%22`, `\n`, `\u0022` end in a letter or digit, yet part no word. */
const ESCAPE_BEFORE = /(?:%[0-9A-Fa-f]{2}|\\[bfnrt]|\\u[0-9A-Fa-f]{4})$/;

/** Whether the occurrence at `start` is not part of a longer word. */
function standsAlone(text: string, start: number, length: number): boolean {
  const before = start > 0 ? text[start - 1] : undefined;
  const after = text[start + length];
  if (after !== undefined && WORD_CHARACTER.test(after)) return false;
  return before === undefined || !WORD_CHARACTER.test(before) || ESCAPE_BEFORE.test(text.slice(Math.max(0, start - 6), start));
}

function maskForm(text: string, form: SecretForm): string {
  if (!text.includes(form.text)) return text;
  if (!form.wholeTokenOnly) return text.split(form.text).join(form.mask);
  let out = '';
  let from = 0;
  for (let at = text.indexOf(form.text); at !== -1; at = text.indexOf(form.text, at + 1)) {
    if (at < from || !standsAlone(text, at, form.text.length)) continue;
    out += text.slice(from, at) + form.mask;
    from = at + form.text.length;
  }
  return out + text.slice(from);
}

function redactForms(text: string, forms: readonly SecretForm[]): string {
  let out = text;
  for (const form of forms) out = maskForm(out, form);
  return out;
}

/**
 * The one redaction rule: every occurrence of a known secret, in any of its forms (secretForms), is
 * masked, longest first. Forms shorter than MIN_SUBSTRING_LENGTH are masked where they stand alone.
 */
export function redactSecrets(text: string, secrets: Iterable<string>): string {
  return redactForms(text, formsOf(secrets));
}

/**
 * Every secret value this run has seen (environment, files, prompts, instance files, the new instance
 * token). `main` passes every error it prints through `redact`: the last line of defence if a message
 * ever quotes one. Commands pass it on to anything that prints text from elsewhere (API answers).
 */
export class SecretList {
  private readonly values = new Set<string>();
  /** The forms of `values`, built when first needed after a change. */
  private forms: SecretForm[] | undefined;

  constructor(values: Iterable<unknown> = []) {
    for (const value of values) this.add(value);
  }

  /** Remembers a secret, however short; anything but a non-empty string is ignored. */
  add(value: unknown): void {
    if (typeof value !== 'string' || value === '' || this.values.has(value)) return;
    this.values.add(value);
    this.forms = undefined;
  }

  redact(text: string): string {
    this.forms ??= formsOf(this.values);
    return redactForms(text, this.forms);
  }
}

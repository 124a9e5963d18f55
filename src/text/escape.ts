/**
 * The one escaping path for text that others wrote (file names, JSON keys and values, API answers,
 * event bodies). Whatever of it is printed, on any stream and in any format, passes through here first,
 * so no control character reaches a terminal or a CI log raw.
 */
import { isUtf8 } from 'node:buffer';

// C0 controls (line feed and tab included: a foreign value is one field, never a line of its own),
// DEL, C1 controls, the Unicode line and paragraph separators, and the bidirectional controls.
// eslint-disable-next-line no-control-regex
const UNSAFE = /[\u0000-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g;

/** How an escaped character is written: `\x1b` up to U+00FF, `\u202e` above. */
export function backslashEscape(char: string): string {
  const code = char.charCodeAt(0);
  return code <= 0xff ? `\\x${code.toString(16).padStart(2, '0')}` : `\\u${code.toString(16).padStart(4, '0')}`;
}

/**
 * The text with every control and bidirectional character shown escaped (`\x1b`, `\u202e`).
 * Backslashes are left as they are, so escaping twice changes nothing. A format with escapes of its
 * own (JSON, XML) passes `write` to use them instead.
 */
export function escapeForeign(text: string, write: (char: string) => string = backslashEscape): string {
  UNSAFE.lastIndex = 0;
  return UNSAFE.test(text) ? text.replace(UNSAFE, write) : text;
}

/** A value quoted for a message, as `"…"`: quotes and backslashes in it escaped, then `escapeForeign`. */
export function quoteForeign(text: string): string {
  return `"${escapeForeign(text.replace(/["\\]/g, '\\$&'))}"`;
}

// A GitHub Actions runner reads a line as a workflow command when it starts with "::" once leading
// white space is trimmed.
const COMMAND_START = /^\s*::/;

/**
 * A file name as output shows it: escaped, and never the start of a GitHub Actions workflow command
 * (`::…` is shown as `./::…`, the same file), since it often begins a line.
 */
export function escapeFileName(name: string): string {
  const shown = escapeForeign(name);
  return COMMAND_START.test(shown) ? `./${shown}` : shown;
}

// What JSON.stringify leaves raw of UNSAFE: it writes C0 controls as escapes itself, and a line
// feed outside a string is the layout of pretty-printed JSON.
const UNSAFE_IN_JSON = /[\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g;
const jsonEscape = (char: string): string => `\\u${char.charCodeAt(0).toString(16).padStart(4, '0')}`;

/**
 * JSON text, from `JSON.stringify`, with what it leaves raw (DEL, C1, line and paragraph separators,
 * bidirectional controls) written as `\u007f`-style escapes: the same JSON to a reader, nothing raw in
 * the text. JSON.stringify escapes C0 itself; these others occur only inside strings, where such an
 * escape means the same character.
 */
export function escapeJson(json: string): string {
  UNSAFE_IN_JSON.lastIndex = 0;
  return UNSAFE_IN_JSON.test(json) ? json.replace(UNSAFE_IN_JSON, jsonEscape) : json;
}

// What makes a string's JSON differ from the string in quotes: JSON.stringify's escapes (quote,
// backslash, C0, lone surrogates) and `escapeJson`'s.
// eslint-disable-next-line no-control-regex
const NEEDS_JSON_ESCAPE = /["\\\u0000-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069\ud800-\udfff]/;

/** A string as output JSON, as `toJson` writes it; quoted as it is when nothing in it needs escaping. */
export function jsonString(text: string): string {
  return NEEDS_JSON_ESCAPE.test(text) ? toJson(text) : `"${text}"`;
}

/** `JSON.stringify` for output: see `escapeJson`. */
export function toJson(value: unknown, space?: number): string {
  return escapeJson(JSON.stringify(value, null, space));
}

/** The length of the UTF-8 sequence a lead byte starts; 0 for a byte that cannot start one. */
function sequenceLength(byte: number): number {
  if (byte < 0x80) return 1;
  if (byte >= 0xc2 && byte <= 0xdf) return 2;
  if (byte >= 0xe0 && byte <= 0xef) return 3;
  if (byte >= 0xf0 && byte <= 0xf4) return 4;
  return 0;
}

/**
 * Bytes that should be UTF-8 (a file name found in a folder) as text: the valid sequences decoded, and
 * every other byte shown escaped (`\xff`) rather than turned into U+FFFD, so that two names differ as
 * shown when they differ on disk. The result still needs `escapeForeign` for its control characters.
 */
export function decodeForeignBytes(bytes: Uint8Array): string {
  const buffer = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (isUtf8(buffer)) return buffer.toString('utf8');
  let text = '';
  let i = 0;
  while (i < buffer.length) {
    const length = sequenceLength(buffer[i] as number);
    if (length > 0 && i + length <= buffer.length && isUtf8(buffer.subarray(i, i + length))) {
      text += buffer.toString('utf8', i, i + length);
      i += length;
    } else {
      text += `\\x${(buffer[i] as number).toString(16).padStart(2, '0')}`;
      i++;
    }
  }
  return text;
}

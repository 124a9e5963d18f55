/**
 * The one escaping path for text that others wrote (file names, JSON keys and values, API answers,
 * event bodies). Whatever of it is printed, on any stream and in any format, passes through here first,
 * so no control character reaches a terminal or a CI log raw.
 */

// C0 controls (line feed and tab included: a foreign value is one field, never a line of its own),
// DEL, C1 controls, the Unicode line and paragraph separators, and the bidirectional controls.
// eslint-disable-next-line no-control-regex
const UNSAFE = /[\u0000-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g;

function escapeOne(char: string): string {
  const code = char.charCodeAt(0);
  return code <= 0xff ? `\\x${code.toString(16).padStart(2, '0')}` : `\\u${code.toString(16).padStart(4, '0')}`;
}

/** The text with every control and bidirectional character shown escaped (`\x1b`, `\u202e`). */
export function escapeForeign(text: string): string {
  UNSAFE.lastIndex = 0;
  return UNSAFE.test(text) ? text.replace(UNSAFE, escapeOne) : text;
}

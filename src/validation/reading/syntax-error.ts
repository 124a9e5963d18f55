import { createRequire } from 'node:module';
import { lineLocator } from '../checking/json-scan.js';

const require = createRequire(import.meta.url);

interface LocatedError {
  line: number;
  column: number;
  offset: number;
  message: string;
}

/** The messages of a text that ends too soon: empty, cut off in the JSON, or in a character. */
export const EMPTY_FILE = 'the file is empty: expected a JSON object';
export const END_OF_FILE = 'invalid JSON: unexpected end of the file';
export const NOT_UTF8 = 'not valid UTF-8 text';

const TOKEN_NAMES: Record<string, string> = {
  LBrace: "'{'",
  RBrace: "'}'",
  LBracket: "'['",
  RBracket: "']'",
  Comma: "','",
  Colon: "':'",
  String: 'a string',
  Number: 'a number',
  Boolean: 'true or false',
  Null: 'null',
};

/**
 * Where and why `JSON.parse` gave up. V8's own message may quote the file's text (which may hold a
 * secret), so it is never shown: when it gives a position, the message names what stands there;
 * when it does not, a location-aware parser, loaded only then, finds the place.
 */
export function locateSyntaxError(text: string, parseError: unknown): { line: number; column: number; message: string } {
  if (!/\S/.test(text)) return { line: 1, column: 1, message: EMPTY_FILE };
  const v8Offset = offsetFrom(parseError, text);
  const end = text.trimEnd().length;
  if (v8Offset >= end) {
    const { line, column } = lineLocator(text)(end);
    return { line, column, message: END_OF_FILE };
  }
  if (v8Offset >= 0) {
    const { line, column } = lineLocator(text)(v8Offset);
    return { line, column, message: `invalid JSON: unexpected ${describeAt(text, v8Offset)}` };
  }
  try {
    const momoa = require('@humanwhocodes/momoa') as { parse(text: string, options: { mode: string }): unknown };
    momoa.parse(text, { mode: 'json' });
  } catch (error) {
    const located = error as Partial<LocatedError>;
    if (typeof located.line === 'number' && typeof located.column === 'number') {
      return { line: located.line, column: located.column, message: `invalid JSON: ${describe(located.message ?? '')}` };
    }
  }
  // The parser could not say either (for example, nesting too deep for it).
  return { line: 1, column: 1, message: 'invalid JSON' };
}

/** Where V8 stopped, when its message says: a position, or the end of the input; else -1. */
function offsetFrom(parseError: unknown, text: string): number {
  const message = String((parseError as Error | undefined)?.message);
  const position = /at position (\d+)/.exec(message)?.[1];
  if (position !== undefined) return Number(position);
  return /end of JSON input/.test(message) ? text.length : -1;
}

/** What stands at an offset, in the words the location-aware parser's messages use. */
function describeAt(text: string, offset: number): string {
  const char = text.charAt(offset);
  if (char === '') return 'end of the file';
  if ('{}[],:'.includes(char)) return `'${char}'`;
  if (char === '"') return 'a string';
  if (/[-0-9]/.test(char)) return 'a number';
  return `character ${JSON.stringify(char)}`;
}

function describe(message: string): string {
  const text = message.replace(/\s*\(\d+:\d+\)\s*$/, '');
  const token = /^Unexpected token (\w+) found\.?$/.exec(text);
  if (token) return `unexpected ${TOKEN_NAMES[token[1] ?? ''] ?? token[1]}`;
  const char = /^Unexpected character '(.*)' found\.?$/.exec(text);
  if (char) return `unexpected character ${JSON.stringify(char[1])}`;
  if (/end of input/i.test(text)) return 'unexpected end of the file';
  return text.replace(/\.$/, '').replace(/^./, (c) => c.toLowerCase());
}

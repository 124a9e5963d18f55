import { keysOf } from '../../util/keys-of.js';

/**
 * A cheap test that rules duplicate keys out, so that the full scan runs only for files that may
 * have them. `JSON.parse` keeps one property per distinct key in an object, so a document has a
 * duplicate key exactly when its text holds more keys than the parsed value has properties.
 */
export function mayHaveDuplicateKeys(text: string, data: unknown): boolean {
  return countKeysInText(text) !== countProperties(data);
}

const KEY_END = /"[ \t\n\r]*:/g;

/**
 * An upper bound on the keys in text that `JSON.parse` accepted: every key ends in a quote followed
 * by a colon. An escaped quote inside a string can match too, which only ever raises the count, so a
 * text with a duplicate key can never come out equal to the property count: at worst a file without
 * one gets the full scan. One native regular-expression pass, much cheaper than a loop on cold code.
 */
export function countKeysInText(text: string): number {
  let count = 0;
  KEY_END.lastIndex = 0;
  // test(), unlike exec(), builds no match array: on thousands of files that garbage adds up.
  while (KEY_END.test(text)) count++;
  return count;
}

/** Own properties of every object in a parsed value; iterative, so any nesting depth is fine. */
function countProperties(data: unknown): number {
  let count = 0;
  const stack: unknown[] = [data];
  while (stack.length > 0) {
    const value = stack.pop();
    if (typeof value !== 'object' || value === null) continue;
    if (Array.isArray(value)) {
      for (const item of value) if (typeof item === 'object' && item !== null) stack.push(item);
    } else {
      const keys = keysOf(value);
      count += keys.length;
      for (const key of keys) {
        const item = (value as Record<string, unknown>)[key];
        if (typeof item === 'object' && item !== null) stack.push(item);
      }
    }
  }
  return count;
}

/**
 * A cheap test that rules duplicate keys out, so that the full scan runs only for files that may
 * have them. `JSON.parse` keeps one property per distinct key in an object, so a document has a
 * duplicate key exactly when its text holds more keys than the parsed value has properties.
 */
export function mayHaveDuplicateKeys(text: string, data: unknown): boolean {
  return countKeysInText(text) !== countProperties(data);
}

/**
 * Keys in text that `JSON.parse` accepted: strings followed by a colon. Jumps from quote to quote
 * with indexOf rather than looking at every character.
 */
function countKeysInText(text: string): number {
  let count = 0;
  let start = text.indexOf('"');
  while (start !== -1) {
    const end = closingQuote(text, start);
    let next = end + 1;
    let c = text.charCodeAt(next);
    while (c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09) c = text.charCodeAt(++next);
    if (c === 0x3a /* : */) count++;
    start = text.indexOf('"', next);
  }
  return count;
}

function closingQuote(text: string, start: number): number {
  let end = text.indexOf('"', start + 1);
  while (end !== -1) {
    let slashes = 0;
    for (let k = end - 1; text.charCodeAt(k) === 0x5c; k--) slashes++;
    if (slashes % 2 === 0) return end;
    end = text.indexOf('"', end + 1);
  }
  return text.length;
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
      for (const key in value) {
        count++;
        const item = (value as Record<string, unknown>)[key];
        if (typeof item === 'object' && item !== null) stack.push(item);
      }
    }
  }
  return count;
}

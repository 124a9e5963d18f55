import { escapePointerSegment, lastSegment } from './pointer.js';

/**
 * A single pass over text that `JSON.parse` has already accepted. It finds duplicate keys (which
 * `JSON.parse` silently merges) and, on request, where each key and value starts, by JSON Pointer.
 * It is far cheaper than building a syntax tree, so every file can afford it.
 */
export interface ScanResult {
  /** Second and later occurrences of a key in one object. */
  duplicates: { pointer: string; offset: number }[];
  /** Offsets of keys and values by pointer; the last occurrence wins, as in `JSON.parse`. */
  keys: Map<string, number>;
  values: Map<string, number>;
}

interface Frame {
  isObject: boolean;
  /** The keys seen so far, when duplicates are looked for. */
  keys: Set<string> | undefined;
  segment: string;
  index: number;
  /** This container's pointer, kept only when a wanted pointer lies inside it. */
  base: string | undefined;
}

const QUOTE = 0x22;
/** Enough to make the point; a pathological file is not reported a million times. */
const MAX_DUPLICATES = 100;

/** Every pointer that is a wanted one or holds one: '' and '/a' for '/a/b'. */
function prefixesOf(wanted: ReadonlySet<string>): Set<string> {
  const prefixes = new Set<string>(['']);
  for (const pointer of wanted) {
    for (let i = pointer.indexOf('/', 1); i !== -1; i = pointer.indexOf('/', i + 1)) prefixes.add(pointer.slice(0, i));
    prefixes.add(pointer);
  }
  return prefixes;
}
const BACKSLASH = 0x5c;

/**
 * `record` names the pointers whose places are wanted (none on the fast path). Pointers are built only
 * inside containers that hold a wanted one, so a document nested 100,000 levels deep stays linear.
 * Given `record`, the scan looks for no duplicates; and when the text is known to have none
 * (`unique`), it stops as soon as every wanted value has been found, since none can come again.
 */
export function scanJson(text: string, record?: ReadonlySet<string>, unique = false): ScanResult {
  const result: ScanResult = { duplicates: [], keys: new Map(), values: new Map() };
  const frames: Frame[] = [];
  const findDuplicates = record === undefined;
  let expectKey = false;
  const segment = (frame: Frame): string => escapePointerSegment(frame.isObject ? frame.segment : String(frame.index));
  /** The full pointer of the current key or value: built only for a duplicate, which is rare. */
  const pointer = (): string => {
    let out = '';
    for (const frame of frames) out += `/${segment(frame)}`;
    return out;
  };
  const prefixes = record ? prefixesOf(record) : undefined;
  /** The pointer of the current key or value when it may be wanted or hold a wanted one. */
  const candidate = (): string | undefined => {
    if (!prefixes) return undefined;
    const top = frames[frames.length - 1];
    if (!top) return '';
    return top.base === undefined ? undefined : `${top.base}/${segment(top)}`;
  };
  let found = false;
  const atValue = (offset: number): string | undefined => {
    const at = candidate();
    if (at !== undefined && record?.has(at)) {
      result.values.set(at, offset);
      found = unique && result.values.size === record.size;
    }
    return at;
  };
  const length = text.length;
  let i = 0;
  while (i < length && !found) {
    const c = text.charCodeAt(i);
    if (c === 0x7b /* { */ || c === 0x5b /* [ */) {
      const at = atValue(i);
      const isObject = c === 0x7b;
      const base = at !== undefined && prefixes?.has(at) ? at : undefined;
      frames.push({ isObject, keys: isObject && findDuplicates ? new Set() : undefined, segment: '', index: 0, base });
      expectKey = isObject;
      i++;
    } else if (c === 0x7d /* } */ || c === 0x5d /* ] */) {
      frames.pop();
      expectKey = false;
      i++;
    } else if (c === 0x2c /* , */) {
      const top = frames[frames.length - 1];
      if (top?.isObject) expectKey = true;
      else if (top) top.index++;
      i++;
    } else if (c === QUOTE) {
      const end = stringEnd(text, i);
      const top = frames[frames.length - 1];
      if (expectKey && top?.isObject) {
        // Pointers are needed only for a duplicate or inside a wanted container.
        if (top.keys || top.base !== undefined) {
          const raw = text.slice(i + 1, end);
          top.segment = raw.includes('\\') ? (JSON.parse(text.slice(i, end + 1)) as string) : raw;
        }
        if (top.keys?.has(top.segment) === true) {
          if (result.duplicates.length < MAX_DUPLICATES) result.duplicates.push({ pointer: pointer(), offset: i });
        } else top.keys?.add(top.segment);
        const at = candidate();
        if (at !== undefined && record?.has(at)) result.keys.set(at, i);
        expectKey = false;
      } else {
        atValue(i);
      }
      i = end + 1;
    } else if (c === 0x3a /* : */ || c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09) {
      i++;
    } else {
      // A number, true, false or null: runs until a delimiter.
      atValue(i);
      i++;
      while (i < length) {
        const d = text.charCodeAt(i);
        if (d === 0x2c || d === 0x7d || d === 0x5d || d === 0x20 || d === 0x0a || d === 0x0d || d === 0x09) break;
        i++;
      }
    }
  }
  return result;
}

/**
 * Where the keys and values of the `wanted` pointers start. Most texts say it without a scan: see
 * `findKey`. When that cannot be sure of every pointer, the text is scanned.
 */
export function locatePointers(text: string, wanted: ReadonlySet<string>, unique: boolean): Pick<ScanResult, 'keys' | 'values'> {
  const keys = new Map<string, number>();
  const values = new Map<string, number>();
  if (unique && !text.includes('\\')) {
    for (const pointer of wanted) {
      const found = findKey(text, pointer);
      if (!found) return scanJson(text, wanted, unique);
      keys.set(pointer, found.key);
      values.set(pointer, found.value);
    }
    return { keys, values };
  }
  return scanJson(text, wanted, unique);
}

/** Characters that make a key's text ambiguous to search for (see `findKey`). */
const AMBIGUOUS = /["\\:,]/;

/**
 * Finds a key by searching for its text, in a JSON text without duplicate keys or escapes. A string
 * followed by a colon is a key; and a key that holds no quote, colon or comma cannot match across two
 * strings. So when the key, written as it is, occurs as a key just once, that is the one at `pointer`
 * (whose key the text must hold, unescaped). Undefined when not sure: array items, a key that occurs
 * more than once, or one written with characters that could be ambiguous.
 */
function findKey(text: string, pointer: string): { key: number; value: number } | undefined {
  if (pointer === '') {
    const start = skipWhitespace(text, 0);
    return { key: start, value: start };
  }
  const segment = lastSegment(pointer);
  if (AMBIGUOUS.test(segment) || /^\d+$/.test(segment)) return undefined;
  const needle = `"${segment}"`;
  let found: { key: number; value: number } | undefined;
  for (let i = text.indexOf(needle); i !== -1; i = text.indexOf(needle, i + needle.length)) {
    const colon = skipWhitespace(text, i + needle.length);
    if (text.charCodeAt(colon) !== 0x3a /* : */) continue; // a value, not a key
    if (found) return undefined;
    found = { key: i, value: skipWhitespace(text, colon + 1) };
  }
  return found;
}

function skipWhitespace(text: string, from: number): number {
  let i = from;
  for (let c = text.charCodeAt(i); c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09; c = text.charCodeAt(++i));
  return i;
}

/** Index of the quote that closes the string opening at `start`. */
function stringEnd(text: string, start: number): number {
  let j = text.indexOf('"', start + 1);
  while (j !== -1) {
    let slashes = 0;
    for (let k = j - 1; text.charCodeAt(k) === BACKSLASH; k--) slashes++;
    if (slashes % 2 === 0) return j;
    j = text.indexOf('"', j + 1);
  }
  return text.length;
}

/** Turns offsets into 1-based line and column numbers (columns count UTF-16 units). */
export function lineLocator(text: string): (offset: number) => { line: number; column: number } {
  const starts = [0];
  for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) starts.push(i + 1);
  return (offset) => {
    let low = 0;
    let high = starts.length - 1;
    while (low < high) {
      const mid = (low + high + 1) >> 1;
      if ((starts[mid] ?? 0) <= offset) low = mid;
      else high = mid - 1;
    }
    return { line: low + 1, column: offset - (starts[low] ?? 0) + 1 };
  };
}

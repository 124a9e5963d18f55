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
  /** The wanted pointers directly inside this container, by their key or index. */
  wanted: ReadonlyMap<string, string> | undefined;
  /** The pointer of the object's current key, when it is a wanted one. */
  member: string | undefined;
}

const QUOTE = 0x22;
/** Enough to make the point; a pathological file is not reported a million times. */
const MAX_DUPLICATES = 100;
const BACKSLASH = 0x5c;
const NO_POINTERS: ReadonlyMap<string, string> = new Map();

/**
 * The wanted pointers grouped by the container that holds them, each by its key (unescaped) or
 * index, and every container that holds a wanted pointer at any depth: '' and '/a' for '/a/b'.
 * The scan then finds a wanted key by its own text, and builds no pointer for it.
 */
function groupWanted(wanted: ReadonlySet<string>): { children: Map<string, Map<string, string>>; prefixes: Set<string> } {
  const children = new Map<string, Map<string, string>>();
  const prefixes = new Set<string>(['']);
  // Findings come in document order, so a pointer's container is most often the one before's: it
  // is recognised without slicing out its pointer and looking that up again.
  let parent = '';
  let group: Map<string, string> | undefined;
  for (const pointer of wanted) {
    if (pointer === '') continue;
    const last = pointer.lastIndexOf('/');
    if (group !== undefined && last === parent.length && pointer.startsWith(parent)) {
      group.set(lastSegment(pointer), pointer);
      continue;
    }
    parent = pointer.slice(0, last);
    group = children.get(parent);
    if (group === undefined) {
      group = new Map();
      children.set(parent, group);
      // Pointers share their containers (thousands of keys of one object): each is added once.
      for (let i = last; i > 0 && !prefixes.has(pointer.slice(0, i)); i = pointer.lastIndexOf('/', i - 1)) prefixes.add(pointer.slice(0, i));
    }
    group.set(lastSegment(pointer), pointer);
  }
  return { children, prefixes };
}

/**
 * `record` names the pointers whose places are wanted (none on the fast path). Pointers are built only
 * for containers that hold a wanted one, so a document nested 100,000 levels deep, or an object of
 * 250,000 keys, stays linear. Values are recorded only for `recordValues` (by default, all of
 * `record`): a finding about a key needs no map entry for its value. Given `record`, the scan looks for no duplicates; and when the text is
 * known to have none (`unique`), it stops as soon as every wanted value has been found, since none
 * can come again.
 */
export function scanJson(text: string, record?: ReadonlySet<string>, unique = false, recordValues: ReadonlySet<string> | undefined = record): ScanResult {
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
  const { children, prefixes } = record ? groupWanted(record) : { children: undefined, prefixes: undefined };
  /** The wanted pointer of the current value, if it is one. */
  const wantedHere = (top: Frame | undefined): string | undefined => {
    if (!top) return record?.has('') === true ? '' : undefined;
    if (top.wanted === undefined) return undefined;
    return top.isObject ? top.member : top.wanted.get(String(top.index));
  };
  let found = false;
  // Stopping once every value is found is sure only when every wanted pointer wants its value.
  const stopEarly = unique && recordValues !== undefined && recordValues.size === record?.size;
  const atValue = (offset: number): void => {
    const at = wantedHere(frames[frames.length - 1]);
    if (at !== undefined && record && recordValues?.has(at) === true) {
      result.values.set(at, offset);
      found = stopEarly && result.values.size === record.size;
    }
  };
  /** The base of a container opening here: its pointer, when it holds a wanted pointer. */
  const baseHere = (top: Frame | undefined): string | undefined => {
    if (!prefixes) return undefined;
    if (!top) return '';
    if (top.base === undefined) return undefined;
    const at = top.isObject ? (top.member ?? `${top.base}/${segment(top)}`) : `${top.base}/${top.index}`;
    return prefixes.has(at) ? at : undefined;
  };
  const length = text.length;
  let i = 0;
  while (i < length && !found) {
    const c = text.charCodeAt(i);
    if (c === 0x7b /* { */ || c === 0x5b /* [ */) {
      atValue(i);
      const isObject = c === 0x7b;
      const base = baseHere(frames[frames.length - 1]);
      const wanted = base === undefined ? undefined : (children?.get(base) ?? NO_POINTERS);
      frames.push({ isObject, keys: isObject && findDuplicates ? new Set() : undefined, segment: '', index: 0, base, wanted, member: undefined });
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
        // Keys are read only for a duplicate or inside a wanted container.
        if (top.keys || top.base !== undefined) {
          const raw = text.slice(i + 1, end);
          top.segment = raw.includes('\\') ? (JSON.parse(text.slice(i, end + 1)) as string) : raw;
        }
        if (top.keys?.has(top.segment) === true) {
          if (result.duplicates.length < MAX_DUPLICATES) result.duplicates.push({ pointer: pointer(), offset: i });
        } else top.keys?.add(top.segment);
        if (top.wanted !== undefined) {
          top.member = top.wanted.get(top.segment);
          if (top.member !== undefined) result.keys.set(top.member, i);
        }
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
export function locatePointers(text: string, wanted: ReadonlySet<string>, unique: boolean, wantedValues: ReadonlySet<string> = wanted): Pick<ScanResult, 'keys' | 'values'> {
  const keys = new Map<string, number>();
  const values = new Map<string, number>();
  // Each search runs over the text from its start: for more than a few pointers, one scan is cheaper,
  // and it keeps a file of 250,000 unknown keys linear rather than quadratic.
  if (unique && wanted.size <= MAX_SEARCHES && !text.includes('\\')) {
    for (const pointer of wanted) {
      const found = findKey(text, pointer);
      if (!found) return scanJson(text, wanted, unique, wantedValues);
      keys.set(pointer, found.key);
      values.set(pointer, found.value);
    }
    return { keys, values };
  }
  return scanJson(text, wanted, unique, wantedValues);
}

/** Up to this many pointers are looked for by searching the text, each on its own (see `findKey`). */
const MAX_SEARCHES = 16;

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

export function skipWhitespace(text: string, from: number): number {
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
  // Offsets mostly come in document order, often a line apart: the line of the last answer, or the
  // next one, is tried before a binary search.
  let last = 0;
  return (offset) => {
    const start = starts[last] ?? 0;
    if (offset >= start) {
      const next = starts[last + 1];
      if (next === undefined || offset < next) return { line: last + 1, column: offset - start + 1 };
      const after = starts[last + 2];
      if (after === undefined || offset < after) {
        last++;
        return { line: last + 1, column: offset - next + 1 };
      }
    }
    let low = 0;
    let high = starts.length - 1;
    while (low < high) {
      const mid = (low + high + 1) >> 1;
      if ((starts[mid] ?? 0) <= offset) low = mid;
      else high = mid - 1;
    }
    last = low;
    return { line: low + 1, column: offset - (starts[low] ?? 0) + 1 };
  };
}

import type { Finding } from '../problem.js';
import { locatePointers, skipWhitespace } from './json-scan.js';

/** Fewer findings about one object's keys than this are placed by pointer, as every other finding. */
const MIN_RUN = 16;

const QUOTE = 0x22;
const SLASH = 0x2f;
const TILDE = '~';
// Keys that JavaScript lists before all others, in numeric order, whatever their place in the text.
const INDEX_LIKE = /^(?:0|[1-9][0-9]{0,9})$/;

/**
 * Places findings that come in runs about the keys of one object, as a file of 250,000 unknown keys
 * gives: each run in one walk over that object's text, in document order, with no pointer made, split
 * or looked up per finding. The checks list an object's keys in `Object.keys` order, which for a text
 * without duplicate keys or escapes is the text's order, except for index-like keys ("7"): those, and
 * keys whose pointer needs unescaping, stay in the run but are not looked for. Any key the walk does
 * not find where the order says is left unplaced, for the caller's general way; so a wrong guess about
 * order costs time, never a wrong place. Each run is one walk, and a run ends only where the findings
 * turn to another object, so the work stays linear in the text.
 *
 * `offsets[i]` is set for each finding placed. Only for texts with no duplicate key.
 */
export function placeKeyRuns(text: string, findings: readonly Finding[], offsets: (number | undefined)[]): void {
  // A key written with an escape is not found by its plain text: such a text is placed the general way.
  if (findings.length < MIN_RUN || text.includes('\\')) return;
  let start = 0;
  while (start < findings.length) {
    const container = runContainer(findings[start] as Finding);
    let end = start + 1;
    if (container !== undefined) while (end < findings.length && isKeyOf(findings[end] as Finding, container)) end++;
    if (container !== undefined && end - start >= MIN_RUN) placeRun(text, container, findings, start, end, offsets);
    start = end;
  }
}

/** The pointer of the object whose key a finding is about. */
function runContainer(finding: Finding): string | undefined {
  if (finding.target !== 'key' || finding.rule === 'duplicate-key') return undefined;
  const slash = finding.at.lastIndexOf('/');
  return slash < 0 ? undefined : finding.at.slice(0, slash);
}

/** Whether a finding is about a key of the object at `container`. */
function isKeyOf(finding: Finding, container: string): boolean {
  const at = finding.at;
  if (finding.target !== 'key' || finding.rule === 'duplicate-key') return false;
  return at.length > container.length && at.charCodeAt(container.length) === SLASH && at.startsWith(container) && at.indexOf('/', container.length + 1) === -1;
}

/** Whether a key, from `keyStart` in its pointer, is looked for by its text in the walk. */
function isLookedFor(at: string, keyStart: number): boolean {
  if (at.includes(TILDE, keyStart)) return false;
  // Only a key that starts with a digit can be index-like: the others are not copied out to be tested.
  const first = at.charCodeAt(keyStart);
  return first < 0x30 || first > 0x39 || !INDEX_LIKE.test(at.slice(keyStart));
}

function placeRun(text: string, container: string, findings: readonly Finding[], start: number, end: number, offsets: (number | undefined)[]): void {
  const opening = locatePointers(text, new Set([container]), true).values.get(container);
  if (opening === undefined || text.charCodeAt(opening) !== 0x7b /* { */) return;
  const keyStart = container.length + 1;
  let next = start;
  let i = opening + 1;
  for (;;) {
    while (next < end && !isLookedFor((findings[next] as Finding).at, keyStart)) next++;
    if (next === end) return;
    i = skipWhitespace(text, i);
    if (text.charCodeAt(i) !== QUOTE) return; // the object's end
    const close = text.indexOf('"', i + 1);
    const at = (findings[next] as Finding).at;
    if (close - i - 1 === at.length - keyStart && sameText(text, i + 1, at, keyStart)) offsets[next++] = i;
    i = valueEnd(text, skipWhitespace(text, skipWhitespace(text, close + 1) + 1));
    i = skipWhitespace(text, i);
    if (text.charCodeAt(i) !== 0x2c /* , */) return;
    i++;
  }
}

/** Whether `text` holds, from `from`, the rest of `other` from `otherFrom`: a compare with no copy. */
function sameText(text: string, from: number, other: string, otherFrom: number): boolean {
  for (let k = otherFrom; k < other.length; k++) if (text.charCodeAt(from + k - otherFrom) !== other.charCodeAt(k)) return false;
  return true;
}

/** Where the value starting at `i` ends, in a text without backslashes. */
function valueEnd(text: string, i: number): number {
  const c = text.charCodeAt(i);
  if (c === QUOTE) return text.indexOf('"', i + 1) + 1;
  if (c !== 0x7b /* { */ && c !== 0x5b /* [ */) {
    let j = i;
    for (let d = text.charCodeAt(j); j < text.length && d !== 0x2c && d !== 0x7d && d !== 0x5d && d !== 0x20 && d !== 0x0a && d !== 0x0d && d !== 0x09; d = text.charCodeAt(++j));
    return j;
  }
  let depth = 0;
  for (let j = i; j < text.length; j++) {
    const d = text.charCodeAt(j);
    if (d === QUOTE) j = text.indexOf('"', j + 1);
    else if (d === 0x7b || d === 0x5b) depth++;
    else if ((d === 0x7d || d === 0x5d) && --depth === 0) return j + 1;
  }
  return text.length;
}

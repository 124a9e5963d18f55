import { mayHaveDuplicateKeys } from './duplicate-keys.js';
import validateSchema from './generated/schema-validator.js';
import { lineLocator, locatePointers, scanJson } from './json-scan.js';
import type { FileResult, Finding, Problem } from '../problem.js';
import { isPlainlyValid } from './plain-check.js';
import { placeKeyRuns } from './key-runs.js';
import { lastSegment } from './pointer.js';
import { mayHoldPlaceholder, ruleFindings } from './rules.js';
import { configurationKeys } from './schema-facts.js';
import { isJsonObject } from '../../util/json-object.js';
import { keysOf } from '../../util/keys-of.js';
import { schemaFindings } from './schema-problems.js';
import { locateSyntaxError, NOT_UTF8 } from '../reading/syntax-error.js';

const strictUtf8 = new TextDecoder('utf-8', { fatal: true });

/**
 * Every check of parsed instance data: the schema, then the rules it cannot express.
 * A value that is still a docs placeholder is reported once, as a placeholder, not again by the schema.
 */
export function checkData(data: unknown, text?: string): Finding[] {
  const rules = ruleFindings(data, text);
  if (validateSchema(text !== undefined && !mayHoldPlaceholder(text) ? withoutManyUnknownKeys(data) : data)) return rules;
  const schema = schemaFindings(validateSchema.errors ?? []);
  const placeholders = new Set(rules.filter((f) => f.rule === 'placeholder').map((f) => f.pointer));
  if (placeholders.size > 0) return [...schema.filter((f) => !placeholders.has(f.pointer)), ...rules];
  return rules.length === 0 ? schema : [...schema, ...rules];
}

/** Below this many configuration keys, the schema looks at them all: copying would cost more. */
const MANY_KEYS = 1000;
const KNOWN_CONFIGURATION_KEYS: ReadonlySet<string> = new Set(configurationKeys);

/**
 * The data as the schema sees it, for a text that cannot hold a placeholder: a configuration of
 * thousands of unknown keys (each a warning of the rules) is given to the schema with its known keys
 * and the first unknown one of each prefix only. Nothing else of the schema looks at an unknown key:
 * its value may be anything but a placeholder, and the authentication type asks only whether some
 * key starts with "ecwid." or "oauth.". So the schema's answer is the same, without three passes
 * over every key (one of them making an error object for each).
 */
function withoutManyUnknownKeys(data: unknown): unknown {
  if (!isJsonObject(data) || !isJsonObject(data.configuration)) return data;
  const configuration = data.configuration;
  const keys = keysOf(configuration);
  if (keys.length < MANY_KEYS) return data;
  const kept: Record<string, unknown> = {};
  let legacy = false;
  let oauth = false;
  for (const key of keys) {
    let keep = KNOWN_CONFIGURATION_KEYS.has(key);
    if (!keep && !legacy && key.startsWith('ecwid.')) keep = legacy = true;
    else if (!keep && !oauth && key.startsWith('oauth.')) keep = oauth = true;
    if (keep) kept[key] = configuration[key];
  }
  return { ...data, configuration: kept };
}

/** A file's result, and its parsed JSON (undefined when it did not parse), for commands that go on to use it. */
export interface Inspection {
  result: FileResult;
  data: unknown;
}

/** Checks one file's bytes. Never throws for bad input: every outcome is a result. */
export function checkBytes(file: string, bytes: Buffer, strict: boolean): FileResult {
  return inspectBytes(file, bytes, strict).result;
}

export function checkText(file: string, text: string, strict: boolean): FileResult {
  return inspectText(file, text, strict).result;
}

export function inspectBytes(file: string, bytes: Buffer, strict: boolean): Inspection {
  // Decoding without validation is the fast way, and toString() with no arguments is Node's shortest
  // path to it (UTF-8 is its default). It turns broken bytes into U+FFFD, so only a text holding that
  // character (broken, or a rare real one) is decoded again, strictly, to tell which.
  // Like a UTF-8 decoder, it drops a byte order mark (and inspectText, for any text, one more).
  let text = bytes.toString();
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  if (text.includes('\ufffd')) {
    try {
      strictUtf8.decode(bytes);
    } catch {
      const utf16 = bytes[0] === 0xff && bytes[1] === 0xfe ? ' (it looks like UTF-16: save it as UTF-8)' : '';
      return syntaxProblem(file, { line: 1, column: 1, message: `${NOT_UTF8}${utf16}` }, strict);
    }
  }
  return inspectText(file, text, strict);
}

function inspectText(file: string, text: string, strict: boolean): Inspection {
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  const data = parseJson(text);
  if (data instanceof NotJson) return notJson(file, text, data.error, strict);
  if (isPlainlyValid(text, data)) return { result: { file, valid: true, problems: [] }, data };
  return inspectData(file, text, data, strict);
}

/**
 * Checks one file's bytes for `validate`'s loop: undefined when the file is plainly valid, as nearly
 * every file is, so that nothing is made for it; else its result, as checkBytes gives it.
 */
export function resultUnlessPlainlyValid(file: string, bytes: Buffer, strict: boolean): FileResult | undefined {
  // The steps of inspectBytes and inspectText, for a file that passes them all; a file that does
  // not is handed to them, or to what they hand it to, so that the answers are theirs.
  const text = bytes.toString();
  // A byte order mark, or a character the lax decoding may have made up: the careful way.
  if (text.charCodeAt(0) === 0xfeff || text.includes('\ufffd')) return checkBytes(file, bytes, strict);
  const data = parseJson(text);
  if (data instanceof NotJson) return notJson(file, text, data.error, strict).result;
  return isPlainlyValid(text, data) ? undefined : inspectData(file, text, data, strict).result;
}

/** What parseJson gives for a text that is not JSON (JSON.parse never makes one of these). */
class NotJson {
  constructor(readonly error: unknown) {}
}

/** JSON.parse, or a NotJson holding its error. */
function parseJson(text: string): unknown {
  // A syntax error's stack is never shown, and capturing it is most of what a broken file costs.
  const stackTraceLimit = Error.stackTraceLimit;
  Error.stackTraceLimit = 0;
  try {
    return JSON.parse(text);
  } catch (error) {
    return new NotJson(error);
  } finally {
    Error.stackTraceLimit = stackTraceLimit;
  }
}

// The paths below run for the few files that are not plainly valid. They are functions of their
// own, and every inspection has one shape, so that they never disturb the code V8 has optimized
// for the common path: on thousands of files that costs more than the checks themselves.

function notJson(file: string, text: string, error: unknown, strict: boolean): Inspection {
  return syntaxProblem(file, locateSyntaxError(text, error), strict);
}

/** The inspection of a text that is not JSON (or not text): one syntax problem, and no data. */
function syntaxProblem(file: string, { line, column, message }: { line: number; column: number; message: string }, strict: boolean): Inspection {
  return { result: result(file, [{ file, line, column, pointer: '', severity: 'error', rule: 'syntax', message }], strict), data: undefined };
}

function inspectData(file: string, text: string, data: unknown, strict: boolean): Inspection {
  // Most files have no duplicate key, and a cheap count proves it; only the others get the full scan.
  const duplicates = mayHaveDuplicateKeys(text, data) ? scanJson(text).duplicates : [];
  const findings: Finding[] = duplicates.map(({ pointer }) => ({
    pointer,
    at: pointer,
    target: 'key',
    severity: 'error',
    rule: 'duplicate-key',
    message: `duplicate key ${JSON.stringify(lastSegment(pointer))}: JSON readers keep only the last one, so an earlier value is silently lost`,
  }));
  for (const finding of checkData(data, text)) findings.push(finding);
  if (findings.length === 0) return { result: { file, valid: true, problems: [] }, data };
  return { result: result(file, place(file, text, findings, duplicates), strict), data };
}

/** Gives each finding its line and column: only files with problems pay for this second pass. */
function place(file: string, text: string, findings: Finding[], duplicates: { pointer: string; offset: number }[]): Problem[] {
  const offsets = new Array<number | undefined>(findings.length);
  // Duplicate keys were placed by the scan that found them: each at the key's first repetition.
  if (duplicates.length > 0) {
    const duplicateAt = new Map<string, number>();
    for (const { pointer, offset } of duplicates) if (!duplicateAt.has(pointer)) duplicateAt.set(pointer, offset);
    findings.forEach((finding, i) => {
      if (finding.rule === 'duplicate-key') offsets[i] = duplicateAt.get(finding.pointer);
    });
  } else placeKeyRuns(text, findings, offsets);
  // The others by their pointers, in one pass over the text.
  const wanted = new Set<string>();
  const wantedValues = new Set<string>();
  findings.forEach((finding, i) => {
    if (offsets[i] !== undefined || finding.rule === 'duplicate-key') return;
    wanted.add(finding.at);
    if (finding.target !== 'key') wantedValues.add(finding.at);
  });
  if (wanted.size > 0) {
    const { keys, values } = locatePointers(text, wanted, duplicates.length === 0, wantedValues);
    findings.forEach((finding, i) => {
      if (offsets[i] !== undefined || finding.rule === 'duplicate-key') return;
      offsets[i] = finding.target === 'key' ? keys.get(finding.at) : (values.get(finding.at) ?? keys.get(finding.at));
    });
  }
  const locate = lineLocator(text);
  const problems = findings.map((finding, i): Problem => {
    const { line, column } = locate(offsets[i] ?? 0);
    return { file, line, column, pointer: finding.pointer, severity: finding.severity, rule: finding.rule, message: finding.message };
  });
  return problems.length < 2 ? problems : problems.sort((a, b) => (a.line ?? 0) - (b.line ?? 0) || (a.column ?? 0) - (b.column ?? 0));
}

function result(file: string, problems: Problem[], strict: boolean): FileResult {
  const valid = !problems.some((p) => p.severity === 'error' || strict);
  return { file, valid, problems };
}

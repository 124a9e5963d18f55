import { checkBytes, resultUnlessPlainlyValid } from './checking/check-instance.js';
import type { FileResult, Problem } from './problem.js';
import { readFileBytes, type ReadOutcome } from '../fs/read-file.js';
import { readListedBytes, regularFileSize } from './reading/read-target.js';
import { EMPTY_FILE, END_OF_FILE, NOT_UTF8 } from './reading/syntax-error.js';

/** The result for one input: its checks, or an `io` problem when it could not be read. */
export function resultOf(name: string, outcome: ReadOutcome, strict: boolean): FileResult {
  if (outcome.ok) return checkBytes(name, outcome.bytes, strict);
  return { file: name, valid: false, problems: [{ file: name, pointer: '', severity: 'error', rule: 'io', message: `cannot read ${name}: ${outcome.reason}` }] };
}

/** Reads and checks one file, the careful way. */
export function checkFile(name: string, path: string | Buffer, strict: boolean): FileResult {
  return resultOf(name, readFileBytes(path), strict);
}

/**
 * Reads and checks a file that a folder listing showed as regular, the fast way: one read (see
 * readListedBytes). Undefined when it is plainly valid: nothing to report, and nothing made for it.
 * A read cut short, which local disks never do, would leave the text ending too soon; a file with
 * such a problem is read again the careful way before it is reported, unless it is still a regular
 * file no longer than what was read. (A file that is no longer regular, a FIFO or a device put in
 * its place, reads as empty; the careful way says what it is. Only a file with more after its JSON
 * value, cut just there, would escape this; on a local disk it cannot happen.)
 */
export function checkListedFile(name: string, path: string | Buffer, strict: boolean): FileResult | undefined {
  const bytes = readListedBytes(path);
  if (bytes === undefined) return checkFile(name, path, strict);
  const result = resultUnlessPlainlyValid(name, bytes, strict);
  if (result === undefined || !result.problems.some(couldBeCutShort)) return result;
  return regularFileSize(path) === bytes.length ? result : checkFile(name, path, strict);
}

/** The syntax problems of a text cut short: empty, ending in the middle, or in a broken character. */
function couldBeCutShort(problem: Problem): boolean {
  return problem.rule === 'syntax' && (problem.message === END_OF_FILE || problem.message === EMPTY_FILE || problem.message.startsWith(NOT_UTF8));
}

/** Whether a result says that its input could not be read (exit 3). Checks never report `io`. */
export function isUnreadable(result: FileResult): boolean {
  return result.problems.some((problem) => problem.rule === 'io');
}

import { checkBytes } from './check-instance.js';
import type { FileResult, Problem } from './problem.js';
import { fileSize, readFileBytes, readListedFile, type ReadOutcome } from './read-target.js';
import { EMPTY_FILE, END_OF_FILE, NOT_UTF8 } from './syntax-error.js';

/** The result for one input: its checks, or an `io` problem when it could not be read. */
export function resultOf(name: string, outcome: ReadOutcome, strict: boolean): FileResult {
  if (outcome.ok) return checkBytes(name, outcome.bytes, strict);
  return { file: name, valid: false, problems: [{ file: name, pointer: '', severity: 'error', rule: 'io', message: `cannot read ${name}: ${outcome.reason}` }] };
}

/**
 * Reads and checks one file; `listed` when a folder listing showed it as a regular file, which is
 * read the fast way: one read (see readListedFile). A read cut short, which local disks never do,
 * would leave the text ending too soon; a file with such a problem is read again the careful way
 * before it is reported, unless it is no longer than what was read. (Only a file with more after
 * its JSON value, cut just there, would escape this; on a local disk it cannot happen.)
 */
export function checkFile(name: string, path: string, strict: boolean, listed = false): FileResult {
  if (!listed) return resultOf(name, readFileBytes(path), strict);
  const outcome = readListedFile(path);
  const result = resultOf(name, outcome, strict);
  if (result.valid || !outcome.ok || !result.problems.some(couldBeCutShort) || fileSize(path) === outcome.bytes.length) return result;
  return resultOf(name, readFileBytes(path), strict);
}

/** The syntax problems of a text cut short: empty, ending in the middle, or in a broken character. */
function couldBeCutShort(problem: Problem): boolean {
  return problem.rule === 'syntax' && (problem.message === END_OF_FILE || problem.message === EMPTY_FILE || problem.message.startsWith(NOT_UTF8));
}

/** Whether a result says that its input could not be read (exit 3). Checks never report `io`. */
export function isUnreadable(result: FileResult): boolean {
  return result.problems.some((problem) => problem.rule === 'io');
}

import { BufferedWriter } from '../util/buffered-writer.js';
import type { Context } from '../context.js';
import { ExitCode, fileError, type ExitCodeValue } from '../errors.js';
import { checkFile, checkListedFile, isUnreadable, resultOf } from './check-file.js';
import { expandPaths, unmatchedError, type Target } from './reading/expand-paths.js';
import type { FileResult, Summary } from './problem.js';
import { readStreamBytes } from '../fs/read-file.js';
import { reporters } from './reporting/index.js';
import type { Reporter } from './reporting/reporter.js';
import type { ValidateOptions } from './validate-options.js';
import { addPlainlyValid, addToSummary, emptySummary } from './reporting/summary.js';

/** What a run of checks adds to as it goes. */
interface Report {
  reporter: Reporter;
  out: BufferedWriter;
  summary: Summary;
  unreadable: boolean;
}

/**
 * Checks every target in order and streams the report: loader → checker → result → reporter.
 * Returns the exit code the results call for; folders and globs that matched nothing are a usage
 * error (exit 2, or 3 when a path could not be read) after every other file has been reported.
 */
export async function validateFiles(options: ValidateOptions, context: Pick<Context, 'io' | 'cwd'>): Promise<ExitCodeValue> {
  const { targets, unmatched } = expandPaths(options.paths, context.cwd);
  if (targets.length === 0) throw unmatchedError(unmatched);
  const report: Report = {
    reporter: reporters[options.format]({ quiet: options.quiet, color: context.io.colorStdout }),
    out: new BufferedWriter(context.io.stdout),
    summary: emptySummary(),
    unreadable: false,
  };
  let next = 0;
  while (next < targets.length) {
    const target = targets[next] as Target;
    if (target.kind === 'stdin') {
      next++;
      if (add(report, resultOf(target.name, await readStreamBytes(context.io.stdin), options.strict))) await report.out.flush();
    } else {
      next = checkFiles(targets, next, options.strict, report);
      await report.out.flush();
    }
  }
  const { out, summary, unreadable } = report;
  out.add(report.reporter.end(summary));
  await out.flush();
  if (unmatched.length > 0) throw unmatchedError(unmatched, unreadable ? fileError : undefined);
  if (unreadable) return ExitCode.fileSystem;
  return summary.invalid > 0 ? ExitCode.invalid : ExitCode.ok;
}

/**
 * Checks files from `start` on, until the output is due to be written or standard input is next;
 * returns where it stopped. Synchronous, with a loop of its own: V8 optimizes a loop while it runs,
 * but not one inside an async function, and on thousands of files that is much of the time. Files
 * are read synchronously too: awaiting each one would only add a turn of the event loop.
 *
 * The usual file (listed, plainly valid) takes as few calls as can be, and no result is made for
 * it. Each small function a file passes through is one more that V8 compiles on its own once it is
 * hot, on background threads that a 2-core machine has no core for, while this loop, which calls
 * them all, is optimized the sooner the more of the work is its own.
 */
function checkFiles(targets: readonly Target[], start: number, strict: boolean, report: Report): number {
  for (let index = start; index < targets.length; index++) {
    const target = targets[index] as Target;
    if (target.kind === 'stdin') return index;
    let result: FileResult | undefined;
    if (target.kind === 'unlisted') result = resultOf(target.name, { ok: false, reason: target.reason }, strict);
    else if (!target.listed) result = checkFile(target.name, target.path, strict);
    else {
      result = checkListedFile(target.name, target.path, strict);
      if (result === undefined) {
        addPlainlyValid(report.summary);
        if (report.reporter.listsCleanFiles && emit(report, { file: target.name, valid: true, problems: [] })) return index + 1;
        continue;
      }
    }
    if (add(report, result)) return index + 1;
  }
  return targets.length;
}

/** Adds a result to the report; true when enough output is pending that it should be written now. */
function add(report: Report, result: FileResult): boolean {
  if (isUnreadable(result)) report.unreadable = true;
  addToSummary(report.summary, result);
  return emit(report, result);
}

function emit(report: Report, result: FileResult): boolean {
  const text = report.reporter.file(result);
  return text !== '' && report.out.add(text);
}

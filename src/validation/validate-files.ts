import { BufferedWriter } from '../buffered-writer.js';
import type { Context } from '../context.js';
import { ExitCode, fileError, type ExitCodeValue } from '../errors.js';
import { checkFile, isUnreadable, resultOf } from './check-file.js';
import { expandPaths, unmatchedError } from './expand-paths.js';
import type { Summary } from './problem.js';
import { readStreamBytes } from './read-target.js';
import { reporters } from './reporters/index.js';
import type { ValidateOptions } from '../commands/validate-run.js';
import { addToSummary, emptySummary } from './summary.js';


/**
 * Checks every target in order and streams the report: loader → checker → result → reporter.
 * Returns the exit code the results call for; folders and globs that matched nothing are a usage
 * error (exit 2, or 3 when a path could not be read) after every other file has been reported.
 */
export async function validateFiles(options: ValidateOptions, context: Pick<Context, 'io' | 'cwd'>): Promise<ExitCodeValue> {
  const { targets, unmatched } = expandPaths(options.paths, context.cwd);
  if (targets.length === 0) throw unmatchedError(unmatched);
  const reporter = reporters[options.format]({ quiet: options.quiet, color: context.io.colorStdout });
  const out = new BufferedWriter(context.io.stdout);
  const summary: Summary = emptySummary();
  let unreadable = false;
  for (const target of targets) {
    // Files are read synchronously: awaiting each one would only add a turn of the event loop.
    const result =
      target.kind === 'file'
        ? checkFile(target.name, target.path, options.strict, target.listed)
        : target.kind === 'unlisted'
          ? resultOf(target.name, { ok: false, reason: target.reason }, options.strict)
          : resultOf(target.name, await readStreamBytes(context.io.stdin), options.strict);
    if (isUnreadable(result)) unreadable = true;
    addToSummary(summary, result);
    const text = reporter.file(result);
    if (text !== '' && out.add(text)) await out.flush();
  }
  out.add(reporter.end(summary));
  await out.flush();
  if (unmatched.length > 0) throw unmatchedError(unmatched, unreadable ? fileError : undefined);
  if (unreadable) return ExitCode.fileSystem;
  return summary.invalid > 0 ? ExitCode.invalid : ExitCode.ok;
}

import { BufferedWriter } from '../buffered-writer.js';
import type { Context } from '../context.js';
import { ExitCode, type ExitCodeValue } from '../errors.js';
import { checkBytes } from './check-instance.js';
import { expandPaths, type Target } from './expand-paths.js';
import type { FileResult, Summary } from './problem.js';
import { readFileBytes, readStreamBytes, type ReadOutcome } from './read-target.js';
import { reporters, type Format } from './reporters/index.js';
import { addToSummary, emptySummary } from './summary.js';

export interface ValidateFilesOptions {
  paths: string[];
  format: Format;
  strict: boolean;
  quiet: boolean;
}

/**
 * Checks every target in order and streams the report: loader → checker → result → reporter.
 * Returns the exit code the results call for.
 */
export async function validateFiles(options: ValidateFilesOptions, context: Pick<Context, 'io' | 'cwd'>): Promise<ExitCodeValue> {
  const targets = await expandPaths(options.paths, context.cwd);
  const reporter = reporters[options.format]({ quiet: options.quiet, color: context.io.colorStdout });
  const out = new BufferedWriter(context.io.stdout);
  const summary: Summary = emptySummary();
  let unreadable = false;
  for (const target of targets) {
    const outcome = await read(target, context);
    const result: FileResult = outcome.ok
      ? checkBytes(target.name, outcome.bytes, options.strict)
      : { file: target.name, valid: false, problems: [{ file: target.name, pointer: '', severity: 'error', rule: 'io', message: `cannot read ${target.name}: ${outcome.reason}` }] };
    if (!outcome.ok) unreadable = true;
    addToSummary(summary, result);
    await out.add(reporter.file(result));
  }
  await out.add(reporter.end(summary));
  await out.flush();
  if (unreadable) return ExitCode.fileSystem;
  return summary.invalid > 0 ? ExitCode.invalid : ExitCode.ok;
}

function read(target: Target, context: Pick<Context, 'io'>): ReadOutcome | Promise<ReadOutcome> {
  switch (target.kind) {
    case 'stdin':
      return readStreamBytes(context.io.stdin);
    case 'file':
      return readFileBytes(target.path);
  }
}

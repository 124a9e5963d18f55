import { BufferedWriter } from '../buffered-writer.js';
import type { Context } from '../context.js';
import { ExitCode, type ExitCodeValue } from '../errors.js';
import { checkBytes } from './check-instance.js';
import { expandPaths } from './expand-paths.js';
import type { FileResult, Summary } from './problem.js';
import { readFileBytes, readStreamBytes } from './read-target.js';
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
    // Files are read synchronously: awaiting each one would only add a turn of the event loop.
    const outcome = target.kind === 'file' ? readFileBytes(target.path) : await readStreamBytes(context.io.stdin);
    const result: FileResult = outcome.ok
      ? checkBytes(target.name, outcome.bytes, options.strict)
      : { file: target.name, valid: false, problems: [{ file: target.name, pointer: '', severity: 'error', rule: 'io', message: `cannot read ${target.name}: ${outcome.reason}` }] };
    if (!outcome.ok) unreadable = true;
    addToSummary(summary, result);
    const text = reporter.file(result);
    if (text !== '' && out.add(text)) await out.flush();
  }
  out.add(reporter.end(summary));
  await out.flush();
  if (unreadable) return ExitCode.fileSystem;
  return summary.invalid > 0 ? ExitCode.invalid : ExitCode.ok;
}

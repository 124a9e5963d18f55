import { escapeFileName, escapeForeign } from '../../text/escape.js';
import { LineBatches } from '../../text/line-batches.js';
import type { Problem, Severity } from '../problem.js';
import { summaryLine } from './summary.js';
import type { Reporter, ReporterOptions } from './reporter.js';

/**
 * `file:line:column: severity: message [rule]`, then a summary line. File names and messages quote
 * what others wrote, so both are escaped, and no line can start as a GitHub Actions command.
 */
export function textReporter({ quiet, color }: ReporterOptions): Reporter {
  const paint = (code: number, text: string): string => (color ? `\u001b[${code}m${text}\u001b[0m` : text);
  const severity = (value: Severity): string => paint(value === 'error' ? 31 : 33, value);
  return {
    listsCleanFiles: false,
    file(result) {
      const out = new LineBatches();
      // Every problem is of this file: its name is escaped once, not once a line (a file may have 250,000).
      const file = escapeFileName(result.file);
      for (const problem of result.problems) {
        const at = problem.file !== result.file ? where(problem) : problem.line === undefined ? file : `${file}:${problem.line}:${problem.column}`;
        out.add(`${at}: ${severity(problem.severity)}: ${escapeForeign(problem.message)} ${paint(2, `[${problem.rule}]`)}\n`);
      }
      return out.text();
    },
    end(summary) {
      return quiet ? '' : `${summaryLine(summary)}\n`;
    },
  };
}

/** `file:line:column` (or the file alone), the file name escaped: it begins a line of output. */
export function where(problem: Problem): string {
  const file = escapeFileName(problem.file);
  return problem.line === undefined ? file : `${file}:${problem.line}:${problem.column}`;
}

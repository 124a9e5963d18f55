import { escapeForeign } from '../../text/escape.js';
import { LineBatches } from '../../text/line-batches.js';
import type { Reporter } from './reporter.js';

// GitHub's own escaping of a workflow command (as @actions/core writes it), after `escapeForeign`
// has shown every control character: "%" first, so that an escape is never escaped again.
const escapeData = (text: string): string => escapeForeign(text).replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
const escapeProperty = (text: string): string => escapeData(text).replace(/:/g, '%3A').replace(/,/g, '%2C');

/** GitHub Actions workflow commands: one `::error` or `::warning` annotation per problem. */
export function githubReporter(): Reporter {
  return {
    listsCleanFiles: false,
    file(result) {
      const out = new LineBatches();
      for (const problem of result.problems) {
        const properties = [`file=${escapeProperty(problem.file)}`];
        if (problem.line !== undefined) properties.push(`line=${problem.line}`, `col=${problem.column}`);
        properties.push(`title=${escapeProperty(problem.rule)}`);
        out.add(`::${problem.severity} ${properties.join(',')}::${escapeData(problem.message)}\n`);
      }
      return out.text();
    },
    end() {
      return '';
    },
  };
}

import { jsonString, toJson } from '../../text/escape.js';
import type { FileResult, Summary } from '../problem.js';
import type { Reporter } from './reporter.js';

/** The `--format json` document. */
export interface JsonReport {
  valid: boolean;
  summary: Summary;
  files: FileResult[];
}

/** One JSON document; each file is serialized as it arrives so that only compact text is held. */
export function jsonReporter(): Reporter {
  const files: string[] = [];
  return {
    listsCleanFiles: true,
    file(result) {
      // Most files have nothing to report: their entry is written out directly, as JSON.stringify would.
      files.push(result.valid && result.problems.length === 0 ? `{"file":${jsonString(result.file)},"valid":true,"problems":[]}` : toJson(result));
      return '';
    },
    end(summary) {
      const valid = summary.invalid === 0;
      return `{"valid":${valid},"summary":${JSON.stringify(summary)},"files":[${files.join(',')}]}\n`;
    },
  };
}

import type { FileResult, Summary } from '../problem.js';

export function emptySummary(): Summary {
  return { files: 0, valid: 0, invalid: 0, errors: 0, warnings: 0 };
}

/** Counts a file with nothing to report, for which no result was made (see validate-files.ts). */
export function addPlainlyValid(summary: Summary): void {
  summary.files++;
  summary.valid++;
}

export function addToSummary(summary: Summary, result: FileResult): void {
  summary.files++;
  if (result.valid) summary.valid++;
  else summary.invalid++;
  for (const problem of result.problems) {
    if (problem.severity === 'error') summary.errors++;
    else summary.warnings++;
  }
}

export function plural(count: number, word: string): string {
  return `${count} ${word}${count === 1 ? '' : 's'}`;
}

/** `3 files checked: 2 valid, 1 invalid (2 errors, 1 warning)` */
export function summaryLine(summary: Summary): string {
  return `${plural(summary.files, 'file')} checked: ${summary.valid} valid, ${summary.invalid} invalid (${plural(summary.errors, 'error')}, ${plural(summary.warnings, 'warning')})`;
}

import type { FileResult, Summary } from '../problem.js';

export const FORMATS = ['text', 'json', 'github', 'junit'] as const;
export type Format = (typeof FORMATS)[number];

export interface ReporterOptions {
  quiet: boolean;
  color: boolean;
}

/**
 * Turns results into output text. `file` is called once per file in order and may return text to
 * write at once (streaming formats) or keep what it needs for `end` (formats with totals up front).
 * A format that says nothing of a file without problems sets `listsCleanFiles` to false, and is
 * then not called for one: on thousands of files, that is most of the calls.
 */
export interface Reporter {
  listsCleanFiles: boolean;
  file(result: FileResult): string;
  end(summary: Summary): string;
}

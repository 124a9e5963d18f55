import type { Format } from './reporting/reporter.js';

/** What `validate` was asked to check, and how to report it. */
export interface ValidateOptions {
  paths: string[];
  format: Format;
  strict: boolean;
  quiet: boolean;
}

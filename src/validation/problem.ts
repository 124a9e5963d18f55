/** The name of the check that found a problem. */
export type Rule =
  | 'syntax'
  | 'duplicate-key'
  | 'placeholder'
  | 'schema'
  | 'auth-type'
  | 'empty-value'
  | 'boolean-string'
  | 'insecure-url'
  | 'unused-callback'
  | 'unknown-key'
  | 'io';

export type Severity = 'error' | 'warning';

/** One problem found in one instance file, as reported by every output format. */
export interface Problem {
  file: string;
  /** 1-based; absent for `io` problems. */
  line?: number;
  column?: number;
  /** JSON Pointer of the offending key or value ("" for the whole document). */
  pointer: string;
  severity: Severity;
  rule: Rule;
  message: string;
}

/**
 * A problem before it is placed in a file: `at` is the pointer whose text it points at, and `target`
 * whether that is the key or the value (a missing key points at its enclosing object's value).
 */
export interface Finding {
  pointer: string;
  at: string;
  target: 'key' | 'value';
  severity: Severity;
  rule: Rule;
  message: string;
}

/** The outcome for one file: valid when it has no errors (and, under `--strict`, no warnings). */
export interface FileResult {
  file: string;
  valid: boolean;
  problems: Problem[];
}

/** Totals over every file checked. */
export interface Summary {
  files: number;
  valid: number;
  invalid: number;
  errors: number;
  warnings: number;
}

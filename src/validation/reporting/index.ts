import { githubReporter } from './github.js';
import { jsonReporter } from './json.js';
import { junitReporter } from './junit.js';
import type { Format, Reporter, ReporterOptions } from './reporter.js';
import { textReporter } from './text.js';

/** Reporters by format name: adding a format is adding a row. */
export const reporters: Record<Format, (options: ReporterOptions) => Reporter> = {
  text: textReporter,
  json: jsonReporter,
  github: githubReporter,
  junit: junitReporter,
};

export { FORMATS, type Format } from './reporter.js';

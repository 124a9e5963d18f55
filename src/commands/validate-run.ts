import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Context } from '../context.js';
import { usageError } from '../errors.js';
import type { ValidateOptions } from '../validation/validate-options.js';

export type { ValidateOptions };

const DEFAULT_PATH = 'instance.json';

/** The work of `validate`, apart from its registration so that running it never loads commander. */
export async function runValidate(options: ValidateOptions, context: Context): Promise<number> {
  if (options.paths.length === 0) {
    if (!existsSync(resolve(context.cwd, DEFAULT_PATH))) {
      throw usageError(`nothing to check: no path given and no ./${DEFAULT_PATH} here`, 'Name files, folders or quoted globs, e.g. ecwid-instance validate configs/ (or - for stdin).');
    }
    options = { ...options, paths: [DEFAULT_PATH] };
  }
  const { validateFiles } = await import('../validation/validate-files.js');
  return validateFiles(options, context);
}

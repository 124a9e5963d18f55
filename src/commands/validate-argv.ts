import { FORMATS, type Format } from '../validation/reporting/reporter.js';
import type { ValidateOptions } from '../validation/validate-options.js';

/**
 * Reads a plain `validate` command line without commander, so that the commonest command starts
 * without building the whole program. It accepts only what it can read exactly as commander would:
 * `validate` first, then paths, `-f`/`--format` with a known format, `--strict`, `-q`/`--quiet`,
 * `--no-color` and `--debug`. Anything else (help, an unknown, joined or malformed option, `--`)
 * returns undefined and goes to commander, which stays the one authority on usage and its errors.
 */
export function readValidateArgv(argv: readonly string[]): { options: ValidateOptions; noColor: boolean } | undefined {
  if (argv[0] !== 'validate') return undefined;
  const options: ValidateOptions = { paths: [], format: 'text', strict: false, quiet: false };
  let noColor = false;
  for (let i = 1; i < argv.length; i++) {
    const arg = argv[i] as string;
    if (arg === '-' || !arg.startsWith('-')) options.paths.push(arg);
    else if (arg === '--strict') options.strict = true;
    else if (arg === '-q' || arg === '--quiet') options.quiet = true;
    else if (arg === '--no-color') noColor = true;
    else if (arg === '--debug') continue;
    else if (arg === '-f' || arg === '--format' || arg.startsWith('--format=')) {
      const value = arg.startsWith('--format=') ? arg.slice('--format='.length) : argv[++i];
      if (!isFormat(value)) return undefined;
      options.format = value;
    } else return undefined;
  }
  return { options, noColor };
}

function isFormat(value: string | undefined): value is Format {
  return (FORMATS as readonly (string | undefined)[]).includes(value);
}

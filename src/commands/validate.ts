import { Option } from 'commander';
import { FORMATS, type Format } from '../validation/reporting/reporter.js';
import { runValidate, type ValidateOptions } from './validate-run.js';
import { helpFooter, type Register } from './shared.js';

export { runValidate, type ValidateOptions };

export const registerValidate: Register<ValidateOptions> = (program, context, outcome, run = runValidate) =>
  program
    .command('validate')
    .description('Check instance JSON files against the schema and the rules of the Ecwid element')
    .argument('[paths...]', 'files, folders (every *.json below), quoted globs, or - for stdin (default: ./instance.json)')
    .addOption(new Option('-f, --format <format>', 'output format').choices(FORMATS).default('text'))
    .option('--strict', 'count warnings as errors', false)
    .option('-q, --quiet', 'text format: print problems only, no summary', false)
    .addHelpText(
      'after',
      helpFooter(
        [
          'ecwid-instance validate',
          'ecwid-instance validate configs/',
          "ecwid-instance validate 'configs/**/*.json' --format github",
          'ecwid-instance validate --format junit configs/ > report.xml',
          'cat instance.json | ecwid-instance validate -',
        ],
        [
          ['NO_COLOR', 'turn colour off (also --no-color)'],
          ['FORCE_COLOR', 'turn colour on even when not printing to a terminal'],
        ],
      ) + '\nExit status: 0 all valid, 1 a file is invalid, 2 usage or nothing to check, 3 a path cannot be read.\n',
    )
    .action(async (paths: string[], flags: { format: Format; strict: boolean; quiet: boolean }) => {
      outcome.exitCode = await run({ paths, format: flags.format, strict: flags.strict, quiet: flags.quiet }, context);
    });

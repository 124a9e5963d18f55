import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import type { Context } from '../context.js';
import { write } from '../io.js';
import { helpFooter, type Register } from './shared.js';
import { escapeFileName } from '../text/escape.js';

export interface SchemaOptions {
  output?: string | undefined;
  force: boolean;
}

/** The schema file as shipped, byte for byte. */
export async function runSchema(options: SchemaOptions, context: Context): Promise<number> {
  const text = await readFile(new URL('../../schemas/ecwid-instance.schema.json', import.meta.url), 'utf8');
  if (options.output === undefined || options.output === '-') {
    await write(context.io.stdout, text);
    return 0;
  }
  const { writeFileAtomic } = await import('../fs/write-file-atomic.js');
  await writeFileAtomic(resolve(context.cwd, options.output), text, { mode: 0o644, overwrite: options.force });
  await write(context.io.stderr, `Wrote ${escapeFileName(options.output)}\n`);
  return 0;
}

export const registerSchema: Register<SchemaOptions> = (program, context, outcome, run = runSchema) =>
  program
    .command('schema')
    .description('Print the JSON Schema of instance files (draft-07), for editors and other tools')
    .option('-o, --output <file>', 'write it to a file instead of stdout')
    .option('--force', 'replace an existing --output file')
    .addHelpText(
      'after',
      helpFooter(['ecwid-instance schema > ecwid-instance.schema.json', 'ecwid-instance schema -o .vscode/ecwid-instance.schema.json'], []) +
        '\nIn an instance file, "$schema": "./ecwid-instance.schema.json" gives editors completion and help.\n',
    )
    .action(async (flags: { output?: string; force?: boolean }) => {
      outcome.exitCode = await run({ output: flags.output, force: flags.force === true }, context);
    });

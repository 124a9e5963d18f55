import { Command } from 'commander';
import type { Context } from './context.js';
import { turnColorOff, write } from './io.js';
import { registerCompletion } from './commands/completion.js';
import { registerConfig } from './commands/config.js';
import { registerDelete } from './commands/delete.js';
import { registerEvents } from './commands/events.js';
import { refuseEmptyArguments, refuseEmptyOptionValues } from './commands/empty-values.js';
import { registerInit } from './commands/init.js';
import { registerProvision } from './commands/provision.js';
import { registerSchema } from './commands/schema.js';
import { registerStatus } from './commands/status.js';
import type { Outcome } from './commands/shared.js';
import { registerUrls } from './commands/urls.js';
import { registerValidate } from './commands/validate.js';

/**
 * The commander program: global options and one registration per command. Registration only maps
 * flags into options; each command's `run` (loaded on use) does the work.
 */
export function buildProgram(context: Context, outcome: Outcome): Command {
  const { io } = context;
  const program = new Command('ecwid-instance')
    .description('Create, check and provision Ecwid element instances on Cloud Elements (SAP Open Connectors).')
    .version(context.version, '-V, --version', 'print the version')
    .helpOption('-h, --help', 'show help')
    .option('--no-color', 'turn colour off (also NO_COLOR=1)')
    .option('--debug', 'show stack traces of errors')
    .exitOverride()
    .showHelpAfterError('(add --help for usage)')
    .configureOutput({
      writeOut: (text) => {
        const written = write(io.stdout, text);
        // main awaits it; until then a failure must not count as unhandled.
        written.catch(() => undefined);
        outcome.writes?.push(written);
      },
      writeErr: (text) => io.stderr.write(text),
    })
    .addHelpText(
      'after',
      `
Examples:
  $ ecwid-instance init
  $ ecwid-instance validate configs/ --format github
  $ ecwid-instance urls --store-id 4870020
  $ ecwid-instance provision instance.json --update
  $ ecwid-instance status instance.json --check

Exit status: 0 success, 1 invalid instance data, 2 usage, 3 file system, 4 Cloud Elements rejected the
request, 5 Cloud Elements or the network failed, 130 cancelled.`,
    );
  program.hook('preAction', (_program, command) => {
    refuseEmptyArguments(command);
    if (command.optsWithGlobals().color === false) {
      turnColorOff(io);
    }
  });
  registerInit(program, context, outcome);
  registerValidate(program, context, outcome);
  registerUrls(program, context, outcome);
  registerSchema(program, context, outcome);
  registerConfig(program, context, outcome);
  registerProvision(program, context, outcome);
  registerEvents(program, context, outcome);
  registerStatus(program, context, outcome);
  registerDelete(program, context, outcome);
  // It reads the program when it runs, so it completes every command registered here.
  registerCompletion(program, context, outcome);
  refuseEmptyOptionValues(program);
  return program;
}

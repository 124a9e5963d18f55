// What a command's run() is given for a command line: commander's parsing, and nothing run.
import { Command } from 'commander';

/**
 * The options `register`'s command hands its run for `argv` (its first word is the command's name).
 * Commander's own output is silenced; a command line it refuses rejects with its error.
 */
export async function parsedOptions(register, argv) {
  let seen;
  const program = new Command().exitOverride().configureOutput({ writeErr: () => {}, writeOut: () => {} });
  register(program, {}, { exitCode: 0 }, async (options) => {
    seen = options;
    return 0;
  });
  await program.parseAsync(argv, { from: 'user' });
  return seen;
}

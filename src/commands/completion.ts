import { Argument } from 'commander';
import type { Context } from '../context.js';
import { write } from '../io.js';
import type { CompletionCommand } from '../completion/command-tree.js';
import { helpFooter, type Register } from './shared.js';

export const SHELLS = ['bash', 'zsh', 'fish'] as const;
export type Shell = (typeof SHELLS)[number];

export interface CompletionOptions {
  shell: Shell;
  /** The program's commands and options, read from the program itself. */
  program: CompletionCommand;
}

/** Prints the completion script for one shell. */
export async function runCompletion(options: CompletionOptions, context: Context): Promise<number> {
  const render = {
    bash: async () => (await import('../completion/bash.js')).bashCompletion,
    zsh: async () => (await import('../completion/zsh.js')).zshCompletion,
    fish: async () => (await import('../completion/fish.js')).fishCompletion,
  }[options.shell];
  await write(context.io.stdout, (await render())(options.program));
  return 0;
}

export const registerCompletion: Register<CompletionOptions> = (program, context, outcome, run = runCompletion) =>
  program
    .command('completion')
    .description('Print a shell completion script for bash, zsh or fish')
    .addArgument(new Argument('<shell>', 'the shell to complete in').choices(SHELLS))
    .addHelpText(
      'after',
      helpFooter(
        [
          'source <(ecwid-instance completion bash)',
          'ecwid-instance completion bash > ~/.local/share/bash-completion/completions/ecwid-instance',
          'ecwid-instance completion zsh > "${fpath[1]}/_ecwid-instance"',
          'ecwid-instance completion fish > ~/.config/fish/completions/ecwid-instance.fish',
        ],
        [],
      ) + '\nThe script is made from the commands and options this version has: make it again after an upgrade.\n',
    )
    .action(async (shell: Shell) => {
      const { describeCommand } = await import('../completion/command-tree.js');
      outcome.exitCode = await run({ shell, program: describeCommand(program) }, context);
    });

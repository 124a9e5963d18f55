import { Help, type Command } from 'commander';

/** An option as completion sees it: its spellings, and what may follow it. */
export interface CompletionOption {
  /** `-f`, `--format`: each spelling that names the option. */
  flags: string[];
  description: string;
  /** Whether the next word is the option's value. */
  takesValue: boolean;
  /** The values it accepts, when it names them. */
  choices: string[];
}

/** A command (or the program itself) as completion sees it. */
export interface CompletionCommand {
  name: string;
  description: string;
  options: CompletionOption[];
  commands: CompletionCommand[];
  /** The values the first argument accepts, when it names them (`completion <shell>`). */
  argumentChoices: string[];
}

/** Words that every shell reads as one plain word: names and flags are never quoted in the scripts. */
const PLAIN_WORD = /^[\w.:@+-]+$/;

/**
 * Reads the commander program into plain data, using what its help shows (hidden commands and
 * options stay hidden), so that a command or option registered anywhere completes by itself.
 */
export function describeCommand(command: Command, help: Help = new Help()): CompletionCommand {
  return {
    name: command.name(),
    description: command.description(),
    options: help.visibleOptions(command).map((option) => ({
      flags: [option.short, option.long].filter((flag): flag is string => flag !== undefined && PLAIN_WORD.test(flag)),
      description: option.description,
      takesValue: option.required || option.optional,
      choices: (option.argChoices ?? []).filter((choice) => PLAIN_WORD.test(choice)),
    })),
    commands: help
      .visibleCommands(command)
      .filter((child) => PLAIN_WORD.test(child.name()))
      .map((child) => describeCommand(child, help)),
    argumentChoices: (command.registeredArguments[0]?.argChoices ?? []).filter((choice) => PLAIN_WORD.test(choice)),
  };
}

/** Every command below `root` with the words that lead to it (`[]` for the program itself). */
export function listCommands(root: CompletionCommand, path: string[] = []): { path: string[]; command: CompletionCommand }[] {
  return [{ path, command: root }, ...root.commands.flatMap((child) => listCommands(child, [...path, child.name]))];
}

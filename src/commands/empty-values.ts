import type { Command } from 'commander';
import { usageError } from '../errors.js';

/**
 * Makes every option that takes a value, on every command of `program`, refuse an empty one:
 * `--store-id ''` would otherwise fall through to the environment or the config store, and
 * `--name ''` to the default. A shell variable that was never set is the usual cause, so the error
 * names the flag (exit 2). Checked as the value is parsed, before the option's own parser (choices,
 * numbers, environment names) sees it, so every option says the same.
 */
export function refuseEmptyOptionValues(program: Command): void {
  for (const command of [program, ...allCommands(program)]) {
    for (const option of command.options) {
      if (!option.required && !option.optional) continue; // a switch, such as --force
      const parse = option.parseArg;
      option.argParser((value: string, previous: unknown) => {
        if (value === '') throw usageError(`option '${option.flags}' was given an empty value`, `Give it a value, or leave ${option.long ?? option.flags} out.`);
        return parse ? parse(value, previous) : value;
      });
    }
  }
}

/** An empty argument is a usage error naming it: `provision ''` would otherwise read the current folder. */
export function refuseEmptyArguments(command: Command): void {
  const declared = command.registeredArguments;
  command.args.forEach((value, index) => {
    if (value !== '') return;
    const argument = declared[Math.min(index, declared.length - 1)];
    const name = argument ? `<${argument.name()}>` : 'an';
    const usage = `see ${commandPath(command)} --help`;
    throw usageError(`the ${name} argument is empty`, argument?.required === false ? `Give a value, or leave it out (${usage}).` : `Give a value (${usage}).`);
  });
}

function allCommands(command: Command): Command[] {
  return command.commands.flatMap((sub) => [sub, ...allCommands(sub)]);
}

/** `ecwid-instance config set`, as the user typed it. */
function commandPath(command: Command): string {
  const names: string[] = [];
  for (let current: Command | null = command; current; current = current.parent) names.unshift(current.name());
  return names.join(' ');
}

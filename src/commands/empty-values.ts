import type { Command } from 'commander';
import { usageError } from '../errors.js';

/**
 * Refuses an empty value given on the command line, for every option that takes one and every
 * argument, on every command: `--store-id ''` would otherwise fall through to the environment or
 * the config store, `--name ''` to the default, and `validate ''` would check the current folder.
 * A shell variable that was never set is the usual cause, so the error names the flag (exit 2).
 */
export function refuseEmptyValues(command: Command): void {
  for (let current: Command | null = command; current; current = current.parent) {
    for (const option of current.options) {
      if (!option.required && !option.optional) continue; // a switch, such as --force
      const key = option.attributeName();
      if (current.getOptionValueSource(key) !== 'cli') continue;
      const value: unknown = current.getOptionValue(key);
      if (value === '' || (Array.isArray(value) && value.includes(''))) {
        throw usageError(`option '${option.flags}' was given an empty value`, `Give it a value, or leave ${option.long ?? option.flags} out.`);
      }
    }
  }
  const declared = command.registeredArguments;
  command.args.forEach((value, index) => {
    if (value !== '') return;
    const argument = declared[Math.min(index, declared.length - 1)];
    const name = argument ? `<${argument.name()}>` : 'an';
    const usage = `see ${commandPath(command)} --help`;
    throw usageError(`the ${name} argument is empty`, argument?.required === false ? `Give a value, or leave it out (${usage}).` : `Give a value (${usage}).`);
  });
}

/** `ecwid-instance config set`, as the user typed it. */
function commandPath(command: Command): string {
  const names: string[] = [];
  for (let current: Command | null = command; current; current = current.parent) names.unshift(current.name());
  return names.join(' ');
}

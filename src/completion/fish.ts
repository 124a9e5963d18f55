import { listCommands, type CompletionCommand, type CompletionOption } from './command-tree.js';

/** A fish single-quoted string: only `\` and `'` need escaping there. */
const quote = (text: string): string => `'${text.replace(/[\\']/g, (c) => `\\${c}`)}'`;

/** One `complete` line for an option, under the condition that its command is being completed. */
function optionLine(name: string, condition: string, option: CompletionOption): string {
  const parts = [`complete -c ${name} -n ${quote(condition)}`];
  for (const flag of option.flags) parts.push(flag.startsWith('--') ? `-l ${flag.slice(2)}` : `-s ${flag.slice(1)}`);
  if (option.takesValue) parts.push(option.choices.length > 0 ? `-x -a ${quote(option.choices.join(' '))}` : '-r');
  if (option.description) parts.push(`-d ${quote(option.description)}`);
  return parts.join(' ');
}

/**
 * The fish completion script. A command is being completed when its own name has been typed and
 * none of its subcommands' names has (fish's `__fish_seen_subcommand_from`).
 */
export function fishCompletion(root: CompletionCommand): string {
  const name = root.name;
  const lines = [
    `# fish completion for ${name}: made by \`${name} completion fish\` from the commands it has.`,
    `# Load it in this shell:  ${name} completion fish | source`,
    `# Or for every shell:     ${name} completion fish > ~/.config/fish/completions/${name}.fish`,
    '',
    `complete -c ${name} -f`,
  ];
  for (const { path, command } of listCommands(root)) {
    const here = path.length === 0 ? '__fish_use_subcommand' : `__fish_seen_subcommand_from ${path[path.length - 1]}`;
    const below = command.commands.map((child) => child.name);
    const condition = below.length === 0 || path.length === 0 ? here : `${here}; and not __fish_seen_subcommand_from ${below.join(' ')}`;
    for (const child of command.commands) lines.push(`complete -c ${name} -n ${quote(condition)} -a ${child.name} -d ${quote(child.description)}`);
    if (command.argumentChoices.length > 0) lines.push(`complete -c ${name} -n ${quote(condition)} -a ${quote(command.argumentChoices.join(' '))}`);
    else if (below.length === 0 && path.length > 0) lines.push(`complete -c ${name} -n ${quote(condition)} -F`);
    for (const option of command.options) lines.push(optionLine(name, condition, option));
  }
  return `${lines.join('\n')}\n`;
}

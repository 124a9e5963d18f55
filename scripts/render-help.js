// Renders every command's --help text once, at build time, into dist/bundle/help.json: printing
// help otherwise means loading commander and building every command just to format text that
// never changes. bin/ serves it only when stdout is not a terminal, since on a terminal commander
// wraps help to the window's width. Each text is what the program itself prints into a pipe.
import { execFileSync } from 'node:child_process';
import { rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const target = join(root, 'dist/bundle/help.json');
rmSync(target, { force: true }); // so that what is rendered below is the program's own output
/** What the program prints for `<argv> --help` into a pipe. */
const render = (argv) =>
  execFileSync(process.execPath, [join(root, 'bin/ecwid-instance.js'), ...argv, '--help'], {
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'inherit'],
    env: { PATH: process.env.PATH ?? '' },
  });
const help = { '': render([]) };
// Every command the program's own help lists, so that a new command is rendered with no list to keep.
const listed = /\nCommands:\n([\s\S]*?)(\n\n|$)/.exec(help[''])?.[1] ?? '';
const commands = [...listed.matchAll(/^ {2}([a-z][\w-]*)/gm)].map(([, name]) => name).filter((name) => name !== 'help');
if (!commands.includes('validate')) throw new Error('render-help: no command list found in the program\'s --help');
for (const command of commands) help[command] = render([command]);
writeFileSync(target, `${JSON.stringify(help)}\n`);

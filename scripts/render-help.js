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
const COMMANDS = ['', 'validate', 'urls', 'schema', 'init', 'config', 'provision', 'status'];

rmSync(target, { force: true }); // so that what is rendered below is the program's own output
const help = {};
for (const command of COMMANDS) {
  const argv = command === '' ? ['--help'] : [command, '--help'];
  help[command] = execFileSync(process.execPath, [join(root, 'bin/ecwid-instance.js'), ...argv], {
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'inherit'],
    env: { PATH: process.env.PATH ?? '' },
  });
}
writeFileSync(target, `${JSON.stringify(help)}\n`);

// `completion <shell>`: scripts made from the program's own commands and options. The bash script
// is loaded into a real bash and asked what it completes, as bash asks when Tab is pressed.
import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, test } from 'node:test';
import { Command, Option } from 'commander';
import { bashCompletion } from '../dist/completion/bash.js';
import { describeCommand } from '../dist/completion/command-tree.js';
import { fishCompletion } from '../dist/completion/fish.js';
import { runCli } from './helpers/cli.js';
import { bin } from './helpers/paths.js';

const folder = mkdtempSync(join(tmpdir(), 'ecwid-instance-completion-'));
after(() => rmSync(folder, { recursive: true, force: true }));
let scripts = 0;

/** What bash offers for the last word of `words`, with `script` loaded. */
function completions(script, words) {
  const probe = `source "$1"; shift; COMP_WORDS=("$@"); COMP_CWORD=$(($# - 1)); ${/complete -o default -F (\S+)/.exec(script)[1]}; printf '%s\\n' "\${COMPREPLY[@]}"`;
  const file = join(folder, `script-${scripts++}.bash`);
  writeFileSync(file, script);
  const result = spawnSync('bash', ['--norc', '--noprofile', '-c', probe, 'bash', file, ...words], { encoding: 'utf8' });
  assert.equal(result.stderr, '');
  return result.stdout.split('\n').filter((line) => line !== '');
}

describe('completion bash', () => {
  test('the script registers itself for the command', async () => {
    const { code, stdout, stderr } = await runCli(['completion', 'bash']);
    assert.equal(code, 0);
    assert.equal(stderr, '');
    const file = join(folder, 'registered.bash');
    writeFileSync(file, stdout);
    assert.equal(execFileSync('bash', ['--norc', '-c', 'source "$1"; complete -p ecwid-instance', 'bash', file], { encoding: 'utf8' }), 'complete -o default -F _ecwid_instance ecwid-instance\n');
  });

  const cases = [
    ['a command name', ['val'], ['validate']],
    ['an option of the command typed', ['validate', '--st'], ['--strict']],
    ['an option after a path and an option with its value', ['validate', 'configs/', '-f', 'json', '--q'], ['--quiet']],
    ['the values of an option that names them', ['validate', '--format', ''], ['text', 'json', 'github', 'junit']],
    ['a subcommand', ['config', 's'], ['set']],
    ['an option of a subcommand, not of its parent', ['config', 'list', '--'], ['--json', '--help']],
    ['the global options', ['--'], ['--version', '--no-color', '--debug', '--help']],
    ['the shells', ['completion', ''], ['bash', 'zsh', 'fish']],
    ['nothing of its own where a file goes (bash then completes file names)', ['validate', 'con'], []],
    ['nothing for an option value it cannot know', ['urls', '--store-id', ''], []],
  ];
  for (const [what, words, expected] of cases) {
    test(`completes ${what}: ${JSON.stringify(words.join(' '))}`, async () => {
      const { stdout } = await runCli(['completion', 'bash']);
      assert.deepEqual(completions(stdout, ['ecwid-instance', ...words]), expected);
    });
  }

  test('completes every command, in the order help lists them', async () => {
    const { stdout } = await runCli(['completion', 'bash']);
    const offered = completions(stdout, ['ecwid-instance', '']);
    const listed = (await runCli(['--help'])).stdout.split('Commands:\n')[1].split('\n\n')[0].match(/^ {2}(\S+)/gm).map((line) => line.trim());
    assert.deepEqual(offered, listed);
    for (const name of ['init', 'validate', 'urls', 'schema', 'config', 'provision', 'completion', 'help']) assert.ok(offered.includes(name), name);
  });

  test('a command or option added to the program completes with no change to the script maker', () => {
    const program = new Command('tool');
    program.command('frobnicate').addOption(new Option('--widget <kind>', 'a widget').choices(['round', 'square']));
    const script = bashCompletion(describeCommand(program));
    assert.deepEqual(completions(script, ['tool', 'frob']), ['frobnicate']);
    assert.deepEqual(completions(script, ['tool', 'frobnicate', '--wid']), ['--widget']);
    assert.deepEqual(completions(script, ['tool', 'frobnicate', '--widget', 's']), ['square']);
  });

  test('the script from bin/ is the same as from the program', () => {
    const script = execFileSync(process.execPath, [bin, 'completion', 'bash'], { encoding: 'utf8' });
    assert.deepEqual(completions(script, ['ecwid-instance', 'sch']), ['schema']);
  });
});

describe('completion zsh and fish', () => {
  test('zsh loads the bash script through bashcompinit', async () => {
    const { code, stdout } = await runCli(['completion', 'zsh']);
    assert.equal(code, 0);
    assert.match(stdout, /^#compdef ecwid-instance\n/);
    assert.match(stdout, /\nautoload -U \+X bashcompinit && bashcompinit\n/);
    assert.match(stdout, /\ncomplete -o default -F _ecwid_instance ecwid-instance\n$/);
  });

  test('fish: commands at the start, options and their values under their command', async () => {
    const { code, stdout } = await runCli(['completion', 'fish']);
    assert.equal(code, 0);
    const lines = stdout.split('\n');
    for (const line of [
      "complete -c ecwid-instance -n '__fish_use_subcommand' -a validate -d 'Check instance JSON files against the schema and the rules of the Ecwid element'",
      "complete -c ecwid-instance -n '__fish_seen_subcommand_from validate' -s f -l format -x -a 'text json github junit' -d 'output format'",
      "complete -c ecwid-instance -n '__fish_seen_subcommand_from validate' -F",
      "complete -c ecwid-instance -n '__fish_seen_subcommand_from config; and not __fish_seen_subcommand_from list get set unset path help' -a set -d 'check and save a default'",
      "complete -c ecwid-instance -n '__fish_seen_subcommand_from completion' -a 'bash zsh fish'",
    ]) {
      assert.ok(lines.includes(line), line);
    }
  });

  test('fish quotes descriptions', () => {
    const program = new Command('tool');
    program.command('say').description("it's a \\ test");
    assert.match(fishCompletion(describeCommand(program)), / -a say -d 'it\\'s a \\\\ test'\n/);
  });
});

test('an unknown shell is a usage error', async () => {
  const { code, stderr } = await runCli(['completion', 'tcsh']);
  assert.equal(code, 2);
  assert.match(stderr, /tcsh/);
});

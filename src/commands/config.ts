import type { Command } from 'commander';
import { CONFIG_KEYS, CONFIG_KEYS_HELP } from '../config/key-names.js';
import type { Context } from '../context.js';
import { write } from '../io.js';
import { helpFooter, type Register } from './shared.js';
import { escapeForeign, toJson } from '../text/escape.js';

export type ConfigOptions =
  | { action: 'list'; json: boolean }
  | { action: 'get'; key: string }
  | { action: 'set'; key: string; value: string }
  | { action: 'unset'; key: string }
  | { action: 'path' };

/** Reads and changes the saved defaults. Secrets are refused: they never go into the store. */
export async function runConfig(options: ConfigOptions, context: Context): Promise<number> {
  const { stdout, stderr, stderrIsTTY } = context.io;
  if (options.action === 'path') {
    const { configFilePath } = await import('../config/config-path.js');
    await write(stdout, `${configFilePath(context.env)}\n`);
    return 0;
  }
  const { checkConfigKey, normalizeConfigValue } = await import('../config/keys.js');
  const { openConfigStore } = await import('../config/store.js');
  // A note for a person at a terminal; scripts see only the data.
  const note = (text: string): Promise<void> => (stderrIsTTY ? write(stderr, text) : Promise.resolve());

  if (options.action === 'list') {
    const values = (await openConfigStore(context.env)).all();
    if (options.json) await write(stdout, `${toJson(values, 2)}\n`);
    else if (Object.keys(values).length === 0) await note(`No defaults set. Keys: ${CONFIG_KEYS.join(', ')}.\n`);
    else await write(stdout, Object.entries(values).map(([name, text]) => `${name}=${escapeForeign(text)}\n`).join(''));
    return 0;
  }
  // An unknown or secret key, or a bad value, is refused before the file is even read.
  const key = checkConfigKey(options.key);
  const value = options.action === 'set' ? normalizeConfigValue(key, options.value) : undefined;
  const store = await openConfigStore(context.env);
  if (value !== undefined) {
    await store.set(key, value);
  } else if (options.action === 'unset') {
    await store.unset(key);
  } else {
    const found = store.get(key);
    if (found === undefined) await note(`${key} is not set\n`);
    else await write(stdout, `${escapeForeign(found)}\n`);
  }
  return 0;
}

const ENVIRONMENT: [string, string][] = [['ECWID_INSTANCE_CONFIG_DIR', 'folder of the config store (default: the per-user config folder)']];
const KEYS_HELP = `\nKeys: ${CONFIG_KEYS_HELP}.\n`;
const SECRETS_HELP = 'Secrets are never stored: they come from a masked prompt, an environment variable or a --...-file flag.\n';

export const registerConfig: Register<ConfigOptions> = (program, context, outcome, run = runConfig) => {
  const config = program
    .command('config')
    .description(`Keep non-secret defaults for init, urls and provision (${CONFIG_KEYS.join(', ')})`)
    .addHelpText(
      'after',
      helpFooter(
        [
          'ecwid-instance config set store-id 4870020',
          'ecwid-instance config set tags production,eu',
          'ecwid-instance config get environment',
          'ecwid-instance config list --json',
          'ecwid-instance config unset callback-url',
          'ecwid-instance config path',
        ],
        ENVIRONMENT,
      ) +
        KEYS_HELP +
        SECRETS_HELP,
    );
  const subcommand = (name: string, description: string, examples: string[], notes = ''): Command =>
    config
      .command(name)
      .description(description)
      .addHelpText('after', helpFooter(examples, ENVIRONMENT) + notes);
  subcommand('list', 'print every default that is set, as key=value lines', ['ecwid-instance config list', 'ecwid-instance config list --json'])
    .option('--json', 'print one JSON object', false)
    .action(async (flags: { json: boolean }) => {
      outcome.exitCode = await run({ action: 'list', json: flags.json }, context);
    });
  subcommand('get', 'print one default (nothing when it is not set)', ['ecwid-instance config get store-id', 'STORE=$(ecwid-instance config get store-id)'], KEYS_HELP)
    .argument('<key>')
    .action(async (key: string) => {
      outcome.exitCode = await run({ action: 'get', key }, context);
    });
  subcommand(
    'set',
    'check and save a default',
    ['ecwid-instance config set store-id 4870020', 'ecwid-instance config set callback-url https://example.com/ecwid/events', 'ecwid-instance config set environment eu', 'ecwid-instance config set tags production,eu'],
    `${KEYS_HELP}A value is checked by the rules validate applies to an instance; a bad one is exit 2 and nothing is saved.\n${SECRETS_HELP}`,
  )
    .argument('<key>')
    .argument('<value>')
    .action(async (key: string, value: string) => {
      outcome.exitCode = await run({ action: 'set', key, value }, context);
    });
  subcommand('unset', 'remove a default', ['ecwid-instance config unset callback-url'], KEYS_HELP)
    .argument('<key>')
    .action(async (key: string) => {
      outcome.exitCode = await run({ action: 'unset', key }, context);
    });
  subcommand('path', 'print the path of the config file (it may not exist yet)', ['ecwid-instance config path', 'ECWID_INSTANCE_CONFIG_DIR=./.ecwid ecwid-instance config path'])
    .action(async () => {
      outcome.exitCode = await run({ action: 'path' }, context);
    });
  return config;
};

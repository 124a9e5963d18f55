import type { Context } from '../context.js';
import { write } from '../io.js';
import { helpFooter, type Register } from './shared.js';

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
  const { CONFIG_KEYS, checkConfigKey, normalizeConfigValue } = await import('../config/keys.js');
  const { openConfigStore } = await import('../config/store.js');
  // A note for a person at a terminal; scripts see only the data.
  const note = (text: string): Promise<void> => (stderrIsTTY ? write(stderr, text) : Promise.resolve());

  if (options.action === 'list') {
    const values = (await openConfigStore(context.env)).all();
    if (options.json) await write(stdout, `${JSON.stringify(values, null, 2)}\n`);
    else if (Object.keys(values).length === 0) await note(`No defaults set. Keys: ${CONFIG_KEYS.join(', ')}.\n`);
    else await write(stdout, Object.entries(values).map(([name, text]) => `${name}=${text}\n`).join(''));
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
    else await write(stdout, `${found}\n`);
  }
  return 0;
}

export const registerConfig: Register<ConfigOptions> = (program, context, outcome, run = runConfig) => {
  const config = program
    .command('config')
    .description('Keep non-secret defaults for init and the other commands (store-id, callback-url, environment, base-url, name, tags)')
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
        [['ECWID_INSTANCE_CONFIG_DIR', 'folder of the config store (default: the per-user config folder)']],
      ) +
        '\nKeys: store-id, callback-url, environment, base-url, name, tags (comma-separated).\n' +
        'Secrets are never stored: they come from a masked prompt, an environment variable or a --...-file flag.\n',
    );
  config
    .command('list')
    .description('print every default that is set, as key=value lines')
    .option('--json', 'print one JSON object', false)
    .action(async (flags: { json: boolean }) => {
      outcome.exitCode = await run({ action: 'list', json: flags.json }, context);
    });
  config
    .command('get')
    .description('print one default (nothing when it is not set)')
    .argument('<key>')
    .action(async (key: string) => {
      outcome.exitCode = await run({ action: 'get', key }, context);
    });
  config
    .command('set')
    .description('check and save a default')
    .argument('<key>')
    .argument('<value>')
    .action(async (key: string, value: string) => {
      outcome.exitCode = await run({ action: 'set', key, value }, context);
    });
  config
    .command('unset')
    .description('remove a default')
    .argument('<key>')
    .action(async (key: string) => {
      outcome.exitCode = await run({ action: 'unset', key }, context);
    });
  config
    .command('path')
    .description('print the path of the config file')
    .action(async () => {
      outcome.exitCode = await run({ action: 'path' }, context);
    });
  return config;
};

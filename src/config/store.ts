import { readFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { describeFsError, fileError } from '../errors.js';
import type { Env } from '../io.js';
import { configFilePath } from './config-path.js';
import { CONFIG_KEYS, type ConfigKey, type ConfigValues } from './key-names.js';
import { isJsonObject } from '../util/json-object.js';
import { importEsm } from '../import-esm.js';

/** The store of non-secret defaults: a JSON file read here, written through `conf`. */
export interface ConfigStore {
  all(): ConfigValues;
  get(key: ConfigKey): string | undefined;
  set(key: ConfigKey, value: string): Promise<void>;
  unset(key: ConfigKey): Promise<void>;
}

const LEFT_AS_IS = 'Fix it by hand or delete it; it was left as it is.';

/**
 * Opens the store in `ECWID_INSTANCE_CONFIG_DIR` or the OS's per-user config folder. Reading needs no
 * `conf` and creates nothing. A corrupt file is an error naming the file (exit 3) and is never reset,
 * so the user's other settings are not lost.
 */
export async function openConfigStore(env: Env): Promise<ConfigStore> {
  const path = configFilePath(env);
  const values = readValues(path);
  return {
    all: () => ({ ...values }),
    get: (key) => values[key],
    async set(key, value) {
      const conf = await openConf(path);
      guard(path, () => conf.set(key, value));
      values[key] = value;
    },
    async unset(key) {
      if (values[key] === undefined) return;
      const conf = await openConf(path);
      guard(path, () => conf.delete(key));
      delete values[key];
    },
  };
}

/** The store's values, for a command that only reads them. */
export async function readConfigValues(env: Env): Promise<ConfigValues> {
  return (await openConfigStore(env)).all();
}

function readValues(path: string): ConfigValues {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return {};
    throw fileError(`cannot read the config file ${path}: ${describeFsError(error)}`);
  }
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch {
    throw fileError(`the config file ${path} is corrupt (not valid JSON)`, LEFT_AS_IS);
  }
  if (!isJsonObject(data)) throw fileError(`the config file ${path} is corrupt (not a JSON object)`, LEFT_AS_IS);
  const values: ConfigValues = {};
  for (const key of CONFIG_KEYS) {
    const value = data[key];
    if (value === undefined) continue;
    if (typeof value !== 'string') throw fileError(`the config file ${path} is corrupt (${key} is not a string)`, LEFT_AS_IS);
    values[key] = value;
  }
  return values;
}

/** `conf` writes atomically with mode 0600; loaded only when something is written. */
async function openConf(path: string) {
  const { default: Conf } = await importEsm<typeof import('conf')>('conf');
  return guard(
    path,
    () =>
      // `cwd` is the store's folder (config-path.ts): conf's own folder lookup is not used.
      new Conf<Record<string, unknown>>({
        cwd: dirname(path),
        configFileMode: 0o600,
        clearInvalidConfig: false,
        accessPropertiesByDotNotation: false,
        watch: false,
      }),
  );
}

function guard<T>(path: string, action: () => T): T {
  try {
    return action();
  } catch (error) {
    if ((error as Error | undefined)?.name === 'SyntaxError') throw fileError(`the config file ${path} is corrupt (not valid JSON)`, LEFT_AS_IS);
    throw fileError(`cannot write the config file ${path}: ${describeFsError(error)}`);
  }
}

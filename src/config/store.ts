import { chmod, mkdir } from 'node:fs/promises';
import { basename, dirname } from 'node:path';
import type Conf from 'conf';
import { CliError, describeFsError, fileError } from '../errors.js';
import { CONFIG_FILE_LIMIT, readFileBytes } from '../fs/read-file.js';
import { withLockFile } from '../fs/lock-file.js';
import { importEsm } from '../import-esm.js';
import type { Env } from '../io.js';
import { isJsonObject, type JsonObject } from '../util/json-object.js';
import { configFilePath } from './config-path.js';
import { CONFIG_KEYS, type ConfigKey, type ConfigValues } from './key-names.js';
import { escapeFileName } from '../text/escape.js';

/** The store of non-secret defaults: one small JSON file, kept with `conf` under a lock file. */
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
 * so the user's other settings are not lost. A change goes through `conf` while this run holds a lock
 * file, so that runs changing different keys at once lose none.
 */
export async function openConfigStore(env: Env): Promise<ConfigStore> {
  const path = configFilePath(env);
  const values = valuesOf(readData(path), path);
  return {
    all: () => ({ ...values }),
    get: (key) => values[key],
    async set(key, value) {
      await changeData(path, (conf) => {
        conf.set(key, value);
      });
      values[key] = value;
    },
    async unset(key) {
      if (values[key] === undefined) return;
      await changeData(path, (conf) => {
        if (conf.has(key)) conf.delete(key);
      });
      delete values[key];
    },
  };
}

/** The store's values, for a command that only reads them. */
export async function readConfigValues(env: Env): Promise<ConfigValues> {
  return (await openConfigStore(env)).all();
}

/**
 * The file's JSON object ({} when there is no file); keys this version does not know are kept. Read
 * bounded and only from a regular file: `conf` itself would read /dev/zero or a FIFO without end.
 */
function readData(path: string): JsonObject {
  const outcome = readFileBytes(path, CONFIG_FILE_LIMIT);
  if (!outcome.ok) {
    if (outcome.code === 'ENOENT') return {};
    throw fileError(`cannot read the config file ${escapeFileName(path)}: ${outcome.reason}`);
  }
  let data: unknown;
  try {
    data = parseConfig(outcome.bytes.toString('utf8'));
  } catch {
    throw corrupt(path, 'not valid JSON');
  }
  if (!isJsonObject(data)) throw corrupt(path, 'not a JSON object');
  return data;
}

/** An editor may have saved the file with a byte order mark: it is not part of the JSON. */
function parseConfig(text: string): unknown {
  return JSON.parse(text.replace(/^\uFEFF/, ''));
}

function corrupt(path: string, why: string): CliError {
  return fileError(`the config file ${escapeFileName(path)} is corrupt (${why})`, LEFT_AS_IS);
}

function valuesOf(data: JsonObject, path: string): ConfigValues {
  const values: ConfigValues = {};
  for (const key of CONFIG_KEYS) {
    const value = data[key];
    if (value === undefined) continue;
    if (typeof value !== 'string') throw corrupt(path, `${key} is not a string`);
    values[key] = value;
  }
  return values;
}

type Store = Conf<Record<string, unknown>>;

/**
 * Read, change and write the file as one step that no other run can interleave with: `conf` is
 * opened inside the lock, after the bounded read has checked the file, so it reads what is there now.
 */
async function changeData(path: string, change: (conf: Store) => void): Promise<void> {
  const shown = `the config file ${path}`;
  const { default: ConfClass } = await importEsm<typeof import('conf')>('conf');
  await makeFolder(dirname(path), shown);
  await withLockFile(`${path}.lock`, shown, async () => {
    valuesOf(readData(path), path);
    try {
      // conf writes through atomically: a temporary file in the same folder, flushed, chmod-ed to
      // exactly 0600, renamed over the target. A linked file is resolved first, so a config file
      // linked from elsewhere (dotfiles kept in a repository) stays a link and the file it leads to
      // is replaced; a link that leads nowhere is replaced itself.
      const conf: Store = new ConfClass({
        cwd: dirname(path),
        configName: basename(path, '.json'),
        configFileMode: 0o600,
        clearInvalidConfig: false,
        deserialize: parseConfig as (text: string) => Record<string, unknown>,
        serialize: (data) => `${JSON.stringify(data, null, 2)}\n`,
        watch: false,
        accessPropertiesByDotNotation: false, // keys such as store-id are flat
      });
      change(conf);
    } catch (error) {
      if ((error as Error | undefined)?.name === 'SyntaxError') throw corrupt(path, 'not valid JSON');
      throw fileError(`cannot write ${escapeFileName(shown)}: ${describeFsError(error)}`);
    }
  });
}

/** The store's folder, made private (0700) whatever the umask when this run creates it. */
async function makeFolder(folder: string, shown: string): Promise<void> {
  try {
    const created = await mkdir(folder, { recursive: true, mode: 0o700 });
    if (created !== undefined) await chmod(folder, 0o700);
  } catch (error) {
    throw fileError(`cannot write ${escapeFileName(shown)}: ${describeFsError(error)}`);
  }
}

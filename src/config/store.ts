import { chmod, mkdir, realpath } from 'node:fs/promises';
import { dirname } from 'node:path';
import { describeFsError, fileError } from '../errors.js';
import { CONFIG_FILE_LIMIT, readFileBytes } from '../fs/read-file.js';
import { withLockFile } from '../fs/lock-file.js';
import { writeFileAtomic } from '../fs/write-file-atomic.js';
import type { Env } from '../io.js';
import { isJsonObject, type JsonObject } from '../util/json-object.js';
import { configFilePath } from './config-path.js';
import { CONFIG_KEYS, type ConfigKey, type ConfigValues } from './key-names.js';
import { escapeFileName } from '../text/escape.js';

/** The store of non-secret defaults: one small JSON file. */
export interface ConfigStore {
  all(): ConfigValues;
  get(key: ConfigKey): string | undefined;
  set(key: ConfigKey, value: string): Promise<void>;
  unset(key: ConfigKey): Promise<void>;
}

const LEFT_AS_IS = 'Fix it by hand or delete it; it was left as it is.';

/**
 * Opens the store in `ECWID_INSTANCE_CONFIG_DIR` or the OS's per-user config folder. Reading creates
 * nothing. A corrupt file is an error naming the file (exit 3) and is never reset, so the user's
 * other settings are not lost. A change re-reads the file under a lock and writes it atomically
 * (mode 0600, in a folder made 0700), so that runs changing different keys at once lose none.
 */
export async function openConfigStore(env: Env): Promise<ConfigStore> {
  const path = configFilePath(env);
  const values = valuesOf(readData(path), path);
  return {
    all: () => ({ ...values }),
    get: (key) => values[key],
    async set(key, value) {
      await changeData(path, (data) => {
        data[key] = value;
        return true;
      });
      values[key] = value;
    },
    async unset(key) {
      if (values[key] === undefined) return;
      await changeData(path, (data) => key in data && delete data[key]);
      delete values[key];
    },
  };
}

/** The store's values, for a command that only reads them. */
export async function readConfigValues(env: Env): Promise<ConfigValues> {
  return (await openConfigStore(env)).all();
}

/** The file's JSON object ({} when there is no file); keys this version does not know are kept. */
function readData(path: string): JsonObject {
  const outcome = readFileBytes(path, CONFIG_FILE_LIMIT);
  if (!outcome.ok) {
    if (outcome.code === 'ENOENT') return {};
    throw fileError(`cannot read the config file ${escapeFileName(path)}: ${outcome.reason}`);
  }
  let data: unknown;
  try {
    // An editor may have saved it with a byte order mark: it is not part of the JSON.
    data = JSON.parse(outcome.bytes.toString('utf8').replace(/^\uFEFF/, ''));
  } catch {
    throw fileError(`the config file ${escapeFileName(path)} is corrupt (not valid JSON)`, LEFT_AS_IS);
  }
  if (!isJsonObject(data)) throw fileError(`the config file ${escapeFileName(path)} is corrupt (not a JSON object)`, LEFT_AS_IS);
  return data;
}

function valuesOf(data: JsonObject, path: string): ConfigValues {
  const values: ConfigValues = {};
  for (const key of CONFIG_KEYS) {
    const value = data[key];
    if (value === undefined) continue;
    if (typeof value !== 'string') throw fileError(`the config file ${escapeFileName(path)} is corrupt (${key} is not a string)`, LEFT_AS_IS);
    values[key] = value;
  }
  return values;
}

/** Read, change and write the file as one step that no other run can interleave with. */
async function changeData(path: string, change: (data: JsonObject) => boolean): Promise<void> {
  const shown = `the config file ${path}`;
  await makeFolder(dirname(path), shown);
  await withLockFile(`${path}.lock`, shown, async () => {
    const data = readData(path);
    valuesOf(data, path);
    if (!change(data)) return;
    // A config file linked from elsewhere (dotfiles kept in a repository) stays a link: the file it
    // leads to is the one replaced. A link that leads nowhere is replaced itself.
    const target = await realpath(path).catch(() => path);
    await writeFileAtomic(target, `${JSON.stringify(data, null, 2)}\n`, { mode: 0o600, overwrite: true, shown, flag: 'ECWID_INSTANCE_CONFIG_DIR' });
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

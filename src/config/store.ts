import { describeFsError, fileError } from '../errors.js';
import type { Env } from '../io.js';
import { CONFIG_KEYS, type ConfigKey, type ConfigValues } from './keys.js';

/** The conf-backed store of non-secret defaults. */
export interface ConfigStore {
  readonly path: string;
  all(): ConfigValues;
  get(key: ConfigKey): string | undefined;
  set(key: ConfigKey, value: string): void;
  unset(key: ConfigKey): void;
}

/**
 * Opens the store in `ECWID_INSTANCE_CONFIG_DIR` or the OS's per-user config folder. A corrupt file is
 * an error naming the file (exit 3) and is never reset: the user's other settings are not lost.
 */
export async function openConfigStore(env: Env): Promise<ConfigStore> {
  const { default: Conf } = await import('conf');
  const cwd = env.ECWID_INSTANCE_CONFIG_DIR || undefined;
  let conf: InstanceType<typeof Conf<Record<string, unknown>>>;
  try {
    conf = new Conf<Record<string, unknown>>({
      projectName: 'ecwid-instance',
      projectSuffix: '',
      ...(cwd ? { cwd } : {}),
      configFileMode: 0o600,
      clearInvalidConfig: false,
      accessPropertiesByDotNotation: false,
      watch: false,
    });
  } catch (error) {
    throw storeError(error, cwd);
  }
  const path = conf.path;
  const guard = <T>(action: () => T): T => {
    try {
      return action();
    } catch (error) {
      throw storeError(error, path);
    }
  };
  return {
    path,
    all() {
      const values: ConfigValues = {};
      for (const key of CONFIG_KEYS) {
        const value = conf.get(key);
        if (typeof value === 'string') values[key] = value;
      }
      return values;
    },
    get(key) {
      const value = conf.get(key);
      return typeof value === 'string' ? value : undefined;
    },
    set: (key, value) => guard(() => conf.set(key, value)),
    unset: (key) => guard(() => conf.delete(key)),
  };
}

function storeError(error: unknown, where: string | undefined) {
  const place = where ?? 'the config store';
  if (error instanceof SyntaxError || (error as Error | undefined)?.name === 'SyntaxError') {
    return fileError(`the config file ${place} is corrupt (not valid JSON)`, 'Fix it by hand or delete it; it was left as it is.');
  }
  return fileError(`cannot use the config file ${place}: ${describeFsError(error)}`);
}

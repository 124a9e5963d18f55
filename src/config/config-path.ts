import { homedir, platform } from 'node:os';
import { join, resolve } from 'node:path';
import type { Env } from '../io.js';

const NAME = 'ecwid-instance';

/**
 * The config store's folder: `ECWID_INSTANCE_CONFIG_DIR`, else the OS's per-user config folder (the
 * same one `conf` would pick). Worked out here so errors can name the file before `conf` is loaded.
 */
function configDirectory(env: Env): string {
  const os = platform();
  const home = homedir();
  if (env.ECWID_INSTANCE_CONFIG_DIR) return resolve(env.ECWID_INSTANCE_CONFIG_DIR);
  if (os === 'darwin') return join(home, 'Library', 'Preferences', NAME);
  if (os === 'win32') return join(env.APPDATA || join(home, 'AppData', 'Roaming'), NAME, 'Config');
  return join(env.XDG_CONFIG_HOME || join(home, '.config'), NAME);
}

export function configFilePath(env: Env): string {
  return join(configDirectory(env), 'config.json');
}

import { homedir, platform } from 'node:os';
import { isAbsolute, join, resolve } from 'node:path';
import { currentFolder } from '../fs/current-folder.js';
import type { Env } from '../io.js';

const NAME = 'ecwid-instance';

/**
 * The config store's folder: `ECWID_INSTANCE_CONFIG_DIR` (a relative one is taken from the working
 * folder), else the OS's per-user config folder.
 */
function configDirectory(env: Env): string {
  const os = platform();
  const home = homedir();
  const given = env.ECWID_INSTANCE_CONFIG_DIR;
  if (given) return isAbsolute(given) ? resolve(given) : resolve(currentFolder(), given);
  if (os === 'darwin') return join(home, 'Library', 'Preferences', NAME);
  if (os === 'win32') return join(env.APPDATA || join(home, 'AppData', 'Roaming'), NAME, 'Config');
  return join(env.XDG_CONFIG_HOME || join(home, '.config'), NAME);
}

export function configFilePath(env: Env): string {
  return join(configDirectory(env), 'config.json');
}

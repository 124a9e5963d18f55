import { randomBytes } from 'node:crypto';
import { link, open, readdir, rename, rm } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { describeFsError, fileError } from '../errors.js';
import { alreadyExists, checkWritablePath, type OutputPathOptions } from './check-output-path.js';

/** How checkWritablePath is told (an existing file stays untouched unless `overwrite`), and the file's mode. */
export interface WriteOptions extends OutputPathOptions {
  /** File mode, e.g. 0o600 for files holding secrets. */
  mode: number;
}

/** The two calls that publish the finished file; tests inject failures here. */
export interface PublishCalls {
  rename: (from: string, to: string) => Promise<void>;
  link: (from: string, to: string) => Promise<void>;
}

const realCalls: PublishCalls = { rename, link };

/**
 * Writes a file atomically: a temporary file in the same folder, flushed to disk, then renamed over
 * the target. An interrupted run leaves the old file or the new one, never half of one. Temporary
 * files carry the writer's process ID, so one left by a killed process is removed by the next write.
 */
export async function writeFileAtomic(path: string, text: string, options: WriteOptions, calls: PublishCalls = realCalls): Promise<void> {
  await checkWritablePath(path, options);
  await removeAbandonedTemporaries(path);
  const temporary = join(dirname(path), `${temporaryPrefix(path)}${process.pid}.${randomBytes(6).toString('hex')}.tmp`);
  try {
    const handle = await open(temporary, 'wx', options.mode);
    try {
      await handle.writeFile(text, 'utf8');
      await handle.chmod(options.mode); // the umask may have narrowed or widened the mode at creation
      await handle.sync();
    } finally {
      await handle.close();
    }
    if (options.overwrite) await calls.rename(temporary, path);
    else await calls.link(temporary, path); // unlike rename, fails if the file appeared meanwhile
  } catch (error) {
    const shown = options.shown ?? path;
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') throw alreadyExists(shown, options.flag);
    throw fileError(`cannot write ${shown}: ${describeFsError(error)}`);
  } finally {
    await rm(temporary, { force: true }).catch(() => undefined);
  }
}

function temporaryPrefix(path: string): string {
  return `.${basename(path)}.`;
}

/** Removes temporary files of this target whose writing process no longer runs. */
async function removeAbandonedTemporaries(path: string): Promise<void> {
  const prefix = temporaryPrefix(path);
  const names = await readdir(dirname(path)).catch(() => [] as string[]);
  for (const name of names) {
    if (!name.startsWith(prefix) || !name.endsWith('.tmp')) continue;
    const pid = Number(name.slice(prefix.length).split('.')[0]);
    if (Number.isInteger(pid) && pid > 0 && !isRunning(pid)) await rm(join(dirname(path), name), { force: true }).catch(() => undefined);
  }
}

function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

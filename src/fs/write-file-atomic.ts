import { randomBytes } from 'node:crypto';
import { link, lstat, open, readdir, rename, rm } from 'node:fs/promises';
import { rmSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { CliError, describeFsError, fileError } from '../errors.js';
import { isRunning } from './is-running.js';
import { alreadyExists, checkReplaceableKind, checkWritablePath, type OutputPathOptions } from './check-output-path.js';
import { escapeFileName } from '../text/escape.js';

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
 * A temporary file left behind is removed by a later write only when it is provably this tool's and
 * abandoned: its name carries the tool's mark, its writer's process ID and a random part; that
 * process no longer runs; and it has not been touched for this long (a writer in another process
 * namespace, whose ID means nothing here, is long done by then).
 */
export const ABANDONED_AFTER_MS = 10 * 60 * 1000;
const MARK = 'ecwid-instance';

/**
 * Writes a file atomically: a temporary file in the same folder, flushed to disk, then renamed over
 * the target. An interrupted run leaves the old file or the new one, never half of one. The mode is
 * set exactly, whatever the umask. Only a regular file or a symbolic link is ever replaced.
 */
export async function writeFileAtomic(path: string, text: string, options: WriteOptions, calls: PublishCalls = realCalls): Promise<void> {
  const shown = options.shown ?? path;
  await checkWritablePath(path, options);
  await removeAbandonedTemporaries(path);
  const temporary = temporaryPath(path);
  const stopRemovingOnSignal = removeOnSignal(temporary);
  try {
    const handle = await open(temporary, 'wx', options.mode);
    try {
      await handle.writeFile(text, 'utf8');
      await handle.chmod(options.mode); // the umask may have narrowed or widened the mode at creation
      await handle.sync();
    } finally {
      await handle.close();
    }
    if (options.overwrite) {
      // Again, just before: a device or FIFO put there since the first check is still not replaced.
      const existing = await lstat(path).catch(() => undefined);
      if (existing) checkReplaceableKind(existing, shown, options.flag);
      await calls.rename(temporary, path);
    } else {
      await calls.link(temporary, path); // unlike rename, fails if the file appeared meanwhile
    }
  } catch (error) {
    if (error instanceof CliError) throw error;
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') throw alreadyExists(shown, options.flag);
    throw fileError(`cannot write ${escapeFileName(shown)}: ${describeFsError(error)}`);
  } finally {
    stopRemovingOnSignal();
    await rm(temporary, { force: true }).catch(() => undefined);
  }
}

/** A new temporary file's path beside `path`: one a later write recognises, and sweeps if abandoned. */
export function temporaryPath(path: string): string {
  return join(dirname(path), `${temporaryPrefix(path)}${process.pid}-${randomBytes(8).toString('hex')}.tmp`);
}

const STOP_SIGNALS = ['SIGINT', 'SIGTERM', 'SIGHUP'] as const;

/**
 * While the temporary file exists, a stopping signal (Ctrl+C, kill, a closed terminal) removes it
 * before the process ends as the signal says: a half-written copy of a file of secrets is not left
 * behind for the sweep. Returns the function that ends this.
 */
function removeOnSignal(temporary: string): () => void {
  const onSignal = (signal: NodeJS.Signals): void => {
    stop();
    rmSync(temporary, { force: true });
    process.kill(process.pid, signal); // the signal's own ending, now that no listener of ours is left
  };
  const stop = (): void => {
    for (const signal of STOP_SIGNALS) process.off(signal, onSignal);
  };
  for (const signal of STOP_SIGNALS) process.on(signal, onSignal);
  return stop;
}

function temporaryPrefix(path: string): string {
  return `.${basename(path)}.${MARK}-`;
}

/** The writer's process ID, when `name` is a temporary file of `path` made by writeFileAtomic. */
function temporaryWriter(name: string, prefix: string): number | undefined {
  if (!name.startsWith(prefix)) return undefined;
  const match = /^(\d+)-[0-9a-f]{16}\.tmp$/.exec(name.slice(prefix.length));
  return match ? Number(match[1]) : undefined;
}

/**
 * Removes temporary files of this target that a killed writer left: only names this tool makes, of
 * a process that no longer runs, untouched for ABANDONED_AFTER_MS, regular files of this user.
 */
async function removeAbandonedTemporaries(path: string): Promise<void> {
  const prefix = temporaryPrefix(path);
  const folder = dirname(path);
  const names = await readdir(folder).catch(() => [] as string[]);
  for (const name of names) {
    const pid = temporaryWriter(name, prefix);
    if (pid === undefined || pid === process.pid || isRunning(pid)) continue;
    const found = join(folder, name);
    const info = await lstat(found).catch(() => undefined);
    if (!info?.isFile() || Date.now() - info.mtimeMs < ABANDONED_AFTER_MS) continue;
    if (process.getuid && info.uid !== process.getuid()) continue;
    await rm(found, { force: true }).catch(() => undefined);
  }
}

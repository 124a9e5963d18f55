import { randomBytes } from 'node:crypto';
import { hostname } from 'node:os';
import { link, lstat, open, rename, rm } from 'node:fs/promises';
import { setTimeout as sleep } from 'node:timers/promises';
import { isRunning } from './is-running.js';
import { describeFsError, fileError } from '../errors.js';
import { readFileBytes } from './read-file.js';
import { escapeFileName } from '../text/escape.js';

/** How long a run waits for a lock that another one holds, and when a held lock counts as abandoned. */
export interface LockTimes {
  /** Give up (exit 3) after waiting this long. */
  waitMs: number;
  /** A lock this old is abandoned whoever holds it: holders keep it for milliseconds. */
  staleMs: number;
}

export const LOCK_TIMES: LockTimes = { waitMs: 10_000, staleMs: 30_000 };

/** What a lock file holds: who took it, so that others can tell whether it was abandoned. */
interface Holder {
  pid: number;
  host: string;
  /** Random, so that a run releases only its own lock. */
  id: string;
}

const LIMIT = { bytes: 4096, what: 'a lock file' };

/**
 * Runs `action` while holding the lock file `lockPath` (created exclusively, mode 0600), so that
 * read-modify-write cycles of several processes follow one another instead of losing changes. A
 * lock held by a process of this host that no longer runs, or older than `staleMs`, is taken over;
 * a lock still held after `waitMs` is an error (exit 3) naming `shown` and the lock file.
 */
export async function withLockFile<T>(lockPath: string, shown: string, action: () => Promise<T>, times: LockTimes = LOCK_TIMES): Promise<T> {
  const me: Holder = { pid: process.pid, host: hostname(), id: randomBytes(8).toString('hex') };
  await acquire(lockPath, shown, me, times);
  try {
    return await action();
  } finally {
    // Only our own: a lock taken over as abandoned now belongs to someone else.
    if (readHolder(lockPath)?.id === me.id) await rm(lockPath, { force: true }).catch(() => undefined);
  }
}

async function acquire(lockPath: string, shown: string, me: Holder, times: LockTimes): Promise<void> {
  const deadline = Date.now() + times.waitMs;
  for (let attempt = 0; ; attempt++) {
    try {
      const handle = await open(lockPath, 'wx', 0o600);
      try {
        await handle.writeFile(`${JSON.stringify(me)}\n`);
      } finally {
        await handle.close();
      }
      return;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw fileError(`cannot write ${escapeFileName(shown)}: ${describeFsError(error)}`);
    }
    const holder = readHolder(lockPath);
    if (await isAbandoned(lockPath, holder, times)) {
      await takeOver(lockPath, holder);
      continue;
    }
    if (Date.now() >= deadline) {
      const who = holder ? `process ${holder.pid}${holder.host === me.host ? '' : ` on ${holder.host}`}` : 'another process';
      throw fileError(
        `cannot change ${shown}: it is locked by ${who} (waited ${times.waitMs / 1000} s)`,
        `Try again. If no ecwid-instance is running, delete ${lockPath}.`,
      );
    }
    // Short, growing, jittered waits: holders keep the lock for milliseconds.
    await sleep(Math.min(200, 5 + attempt * 5) * (0.5 + Math.random()));
  }
}

function readHolder(lockPath: string): Holder | undefined {
  const outcome = readFileBytes(lockPath, LIMIT);
  if (!outcome.ok) return undefined;
  try {
    const data = JSON.parse(outcome.bytes.toString('utf8')) as Partial<Holder>;
    return typeof data.pid === 'number' && typeof data.host === 'string' && typeof data.id === 'string' ? { pid: data.pid, host: data.host, id: data.id } : undefined;
  } catch {
    return undefined;
  }
}

async function isAbandoned(lockPath: string, holder: Holder | undefined, times: LockTimes): Promise<boolean> {
  const info = await lstat(lockPath).catch(() => undefined);
  if (!info) return false; // released meanwhile: just try again
  if (Date.now() - info.mtimeMs > times.staleMs) return true;
  // A lock being written has no holder yet; only one of this host can be checked by its process.
  return holder !== undefined && holder.host === hostname() && !isRunning(holder.pid);
}

/**
 * Removes an abandoned lock. Renamed first, then checked: if another run took it over and a new
 * holder locked it between our look and the rename, the lock we moved away is that holder's, and it
 * is put back.
 */
async function takeOver(lockPath: string, seen: Holder | undefined): Promise<void> {
  const aside = `${lockPath}.${randomBytes(8).toString('hex')}.abandoned`;
  try {
    await rename(lockPath, aside);
  } catch {
    return; // someone else took it over first
  }
  const moved = readHolder(aside);
  if (seen !== undefined && moved !== undefined && moved.id !== seen.id) await link(aside, lockPath).catch(() => undefined);
  await rm(aside, { force: true }).catch(() => undefined);
}

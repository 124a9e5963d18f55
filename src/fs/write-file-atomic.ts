import { randomBytes } from 'node:crypto';
import { link, open, rename, rm, stat } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { describeFsError, fileError } from '../errors.js';

export interface WriteOptions {
  /** File mode, e.g. 0o600 for files holding secrets. */
  mode: number;
  /** Replace an existing file; otherwise an existing file is an error (exit 3) and stays untouched. */
  overwrite: boolean;
}

/**
 * Writes a file atomically: a temporary file in the same folder, flushed to disk, then renamed over
 * the target. An interrupted run leaves the old file or the new one, never half of one.
 */
export async function writeFileAtomic(path: string, text: string, options: WriteOptions): Promise<void> {
  const existing = await stat(path).catch(() => undefined);
  if (existing?.isDirectory()) throw fileError(`cannot write ${path}: it is a directory`, 'Give a file name with --output.');
  if (existing && !options.overwrite) throw fileError(`${path} already exists`, 'Use --force to replace it, or choose another --output.');
  const temporary = join(dirname(path), `.${basename(path)}.${randomBytes(6).toString('hex')}.tmp`);
  try {
    const handle = await open(temporary, 'wx', options.mode);
    try {
      await handle.writeFile(text, 'utf8');
      await handle.chmod(options.mode); // the umask may have narrowed or widened the mode at creation
      await handle.sync();
    } finally {
      await handle.close();
    }
    if (options.overwrite) await rename(temporary, path);
    else await link(temporary, path).finally(() => rm(temporary, { force: true })); // fails if the file appeared meanwhile
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') throw fileError(`${path} already exists`, 'Use --force to replace it, or choose another --output.');
    await rm(temporary, { force: true }).catch(() => undefined);
    throw fileError(`cannot write ${path}: ${describeFsError(error)}`);
  }
}

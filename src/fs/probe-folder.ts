import { open, rm } from 'node:fs/promises';
import { describeFsError, fileError } from '../errors.js';
import { temporaryPath } from './write-file-atomic.js';

/**
 * Proves that a file can be written beside `path` (absolute) by really creating one of our own in
 * its folder, then removing it. Permission bits alone do not tell (root ignores them; a read-only
 * mount, `/proc` or an ACL refuse anyway), and a write that can only fail after an irreversible step
 * (an instance created) must be known to work before it. The probe is one of writeFileAtomic's
 * temporary files, so that one left by a killed run is swept by a later write.
 */
export async function probeFolderWritable(path: string, options: { flag: string; shown: string }): Promise<void> {
  const probe = temporaryPath(path);
  try {
    const handle = await open(probe, 'wx', 0o600);
    await handle.close();
  } catch (error) {
    // The folder exists (checked before): ENOENT here means it takes no new files, as in /proc.
    const reason = (error as NodeJS.ErrnoException).code === 'ENOENT' ? 'its folder does not accept new files' : describeFsError(error);
    throw fileError(`cannot write ${options.shown}: ${reason}`, `Choose another ${options.flag}, in a folder you can write to.`);
  } finally {
    await rm(probe, { force: true }).catch(() => undefined);
  }
}

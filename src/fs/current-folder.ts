import { describeFsError, fileError } from '../errors.js';

/**
 * The working folder, asked for only by what needs it: when it has been deleted, Node cannot tell
 * it, and a command that reads or writes relative paths fails with a clear error (exit 3) while the
 * others (`--help`, `schema`, `urls --store-id ...`) still work.
 */
export function currentFolder(): string {
  try {
    return process.cwd();
  } catch (error) {
    const reason = (error as NodeJS.ErrnoException).code === 'ENOENT' ? 'it no longer exists (deleted or moved)' : describeFsError(error);
    throw fileError(`cannot use the current folder: ${reason}`, 'Change to an existing folder (cd) and run the command again.');
  }
}

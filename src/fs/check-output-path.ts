import { lstat, stat } from 'node:fs/promises';
import { dirname } from 'node:path';
import { describeFsError, fileError, type CliError } from '../errors.js';
import { describeKind } from './read-file.js';
import { escapeFileName } from '../text/escape.js';

export interface OutputPathOptions {
  /** An existing file may be replaced; otherwise it is an error (exit 3). */
  overwrite: boolean;
  /** The flag that names the path, for the hints: `--output` unless told. */
  flag?: string | undefined;
  /** The path as messages show it: the path itself unless told. */
  shown?: string | undefined;
}

/**
 * Checks that a file can be written at `path` (absolute) before anything is asked, gathered or sent:
 * a folder, a missing parent folder, or (without `overwrite`) an existing file is an error (exit 3).
 * Only a regular file or a symbolic link (the link itself, not what it points to) is ever replaced:
 * a device, FIFO or socket is refused even with `overwrite`, so that `--force` cannot turn /dev/null
 * into a file of secrets.
 */
export async function checkWritablePath(path: string, options: OutputPathOptions): Promise<void> {
  const { flag = '--output', shown = path } = options;
  const existing = await lstat(path).catch(() => undefined);
  if (existing) {
    checkReplaceableKind(existing, shown, flag);
    if (!options.overwrite) throw alreadyExists(shown, flag);
    return;
  }
  const folderProblem = await stat(dirname(path)).then(
    (found) => (found.isDirectory() ? undefined : 'ENOTDIR'),
    (error: NodeJS.ErrnoException) => error.code ?? 'ENOENT',
  );
  if (folderProblem === undefined) return;
  const hint = folderProblem === 'ENOENT' ? `Create the folder first, or choose another ${flag}.` : `Choose another ${flag}.`;
  throw fileError(`cannot write ${escapeFileName(shown)}: ${describeFsError({ code: folderProblem })}`, hint);
}

/**
 * Refuses (exit 3, naming the kind) what may never be replaced by a file: anything but a regular
 * file or a symbolic link. Checked before anything is asked and again just before the rename.
 */
export function checkReplaceableKind(found: Awaited<ReturnType<typeof lstat>>, shown: string, flag = '--output'): void {
  if (found.isFile() || found.isSymbolicLink()) return;
  if (found.isDirectory()) throw fileError(`cannot write ${escapeFileName(shown)}: it is a directory`, `Give a file name with ${flag}.`);
  throw fileError(`cannot write ${escapeFileName(shown)}: it is ${describeKind(found)}, and only a regular file or a symbolic link is ever replaced`, `Choose another ${flag}.`);
}

/** An existing file that may not be replaced. */
export function alreadyExists(shown: string, flag = '--output'): CliError {
  return fileError(`${escapeFileName(shown)} already exists`, `Use --force to replace it, or choose another ${flag}.`);
}

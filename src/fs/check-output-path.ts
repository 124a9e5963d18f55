import { stat } from 'node:fs/promises';
import { dirname } from 'node:path';
import { describeFsError, fileError, type CliError } from '../errors.js';

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
 */
export async function checkWritablePath(path: string, options: OutputPathOptions): Promise<void> {
  const { flag = '--output', shown = path } = options;
  const existing = await stat(path).catch(() => undefined);
  if (existing?.isDirectory()) throw fileError(`cannot write ${shown}: it is a directory`, `Give a file name with ${flag}.`);
  if (existing) {
    if (!options.overwrite) throw alreadyExists(shown, flag);
    return;
  }
  const folderProblem = await stat(dirname(path)).then(
    (found) => (found.isDirectory() ? undefined : 'ENOTDIR'),
    (error: NodeJS.ErrnoException) => error.code ?? 'ENOENT',
  );
  if (folderProblem === undefined) return;
  const hint = folderProblem === 'ENOENT' ? `Create the folder first, or choose another ${flag}.` : `Choose another ${flag}.`;
  throw fileError(`cannot write ${shown}: ${describeFsError({ code: folderProblem })}`, hint);
}

/** An existing file that may not be replaced. */
export function alreadyExists(shown: string, flag = '--output'): CliError {
  return fileError(`${shown} already exists`, `Use --force to replace it, or choose another ${flag}.`);
}

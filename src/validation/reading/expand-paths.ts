import { readdirSync, statSync, type Dirent, type Stats } from 'node:fs';
import { join, resolve, sep } from 'node:path';
import { describeFsError, usageError, type CliError } from '../../errors.js';
import { compileGlob, isGlob } from './glob.js';
import { decodeForeignBytes, escapeFileName } from '../../text/escape.js';

/** One thing to check: a file (by the name shown in reports) or standard input. */
export type Target =
  /** `path` is bytes for a name found in a folder that is not UTF-8. */
  | { kind: 'file'; name: string; path: string | Buffer; listed?: boolean }
  | { kind: 'stdin'; name: '<stdin>' }
  /** A folder below a named one that could not be listed: reported, so that nothing is skipped silently. */
  | { kind: 'unlisted'; name: string; reason: string };

const SKIPPED_FOLDER = (name: string): boolean => name === 'node_modules' || name.startsWith('.');

export interface Expansion {
  targets: Target[];
  /** Folders and globs that matched no file: a usage error once every other file is checked. */
  unmatched: string[];
}

/**
 * Turns path arguments into the files to check, in a stable order. A path that does not exist stays a
 * target, so that reading it reports why and every other file is still checked. Arguments that cannot
 * mean anything (an empty path, stdin named twice) are a usage error before anything is read.
 */
export function expandPaths(paths: readonly string[], cwd: string): Expansion {
  if (paths.includes('')) throw usageError('an empty path was given', 'Name files, folders or quoted globs (or - for stdin).');
  if (paths.filter((path) => path === '-').length > 1) throw usageError('- (stdin) is named more than once', 'Standard input can be read only once.');
  const expansion: Expansion = { targets: [], unmatched: [] };
  const { targets } = expansion;
  for (const path of paths) {
    if (path === '-') {
      targets.push({ kind: 'stdin', name: '<stdin>' });
      continue;
    }
    const absolute = resolve(cwd, path);
    const info = statOrUndefined(absolute);
    if (!info && isGlob(path)) {
      const found = expandGlob(path, cwd);
      if (found.length === 0) expansion.unmatched.push(`no files match ${escapeFileName(path)}`);
      targets.push(...found);
    } else if (info?.isDirectory()) {
      const found = walk(absolute, path, (file) => file.endsWith('.json'));
      if (found.length === 0) expansion.unmatched.push(`no *.json files in ${escapeFileName(path)}`);
      for (const target of found) targets.push(target);
    } else {
      targets.push(fileTarget(path, absolute));
    }
  }
  return expansion;
}

/** The error for folders and globs that matched nothing (exit 2, or `code` when it must be another). */
export function unmatchedError(unmatched: string[], make: (message: string, hint: string) => CliError = usageError): CliError {
  return make(unmatched.join('\n'), 'Check the folder or the pattern (quote a glob so that the shell passes it on unexpanded).');
}

function fileTarget(name: string, path: string): Target {
  return { kind: 'file', name: toSlashes(name), path };
}

/** A path's status, or undefined when there is none to be had (missing, not permitted). */
function statOrUndefined(path: string | Buffer): Stats | undefined {
  try {
    return statSync(path, { throwIfNoEntry: false });
  } catch {
    return undefined;
  }
}

function expandGlob(pattern: string, cwd: string): Target[] {
  const { base, matches } = compileGlob(pattern);
  return walk(resolve(cwd, base), base, matches);
}

/**
 * Every file below `root` whose path relative to it (with `/`) `keep` accepts, sorted, each named by
 * `join(shownAs, relative path)`. Skips `node_modules` and dot-folders, and does not follow symbolic
 * links to folders (so a link loop cannot trap it). Links to files count as files; a matching link
 * that leads nowhere is kept, so that the report says why it cannot be read.
 *
 * Paths are built by concatenation rather than `join`/`relative` per file: on 100,000 files those
 * calls cost more than the walk itself. Synchronous on purpose: the walk is all the command does
 * meanwhile, and awaiting each listing only adds turns of the event loop.
 */
function walk(root: string, shownAs: string, keep: (relative: string) => boolean): Target[] {
  const found: string[] = []; // relative to root, with the platform's separator
  const links = new Set<string>(); // found through a symbolic link, so not known to be regular
  const unlisted = new Map<string, string>(); // folders that could not be listed, and why
  const raw = new Map<string, Buffer>(); // names that are not UTF-8: their bytes, by the key in `found`
  const folders = [''];
  const folderBytes: (Buffer | undefined)[] = [undefined]; // a folder's bytes when its path is not UTF-8
  const rootPrefix = root.endsWith(sep) ? root : root + sep;
  while (folders.length > 0) {
    const folder = folders.pop() as string;
    let bytes = folderBytes.pop();
    let entries: Dirent[] | Dirent<Buffer>[];
    try {
      entries = bytes === undefined ? readdirSync(rootPrefix + folder, { withFileTypes: true }) : [];
      // A name that is not UTF-8 reads as U+FFFD, and that name leads nowhere: list again by bytes.
      if (bytes === undefined && entries.some((entry) => entry.name.includes('\ufffd'))) bytes = Buffer.from(rootPrefix + folder);
      if (bytes !== undefined) entries = readdirSync(bytes, { withFileTypes: true, encoding: 'buffer' });
    } catch (error) {
      // Gone since it was seen is nothing to check; anything else must not pass as an empty folder.
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') {
        const path = keyFor(folder.slice(0, -1), bytes, raw);
        found.push(path);
        unlisted.set(path, describeFsError(error));
      }
      continue;
    }
    for (const entry of entries) {
      let path: string;
      let full: Buffer | undefined;
      if (bytes === undefined) path = folder + (entry.name as string);
      else {
        const name = entry.name as Buffer;
        path = folder + decodeForeignBytes(name);
        full = Buffer.concat([bytes, name]);
      }
      if (entry.isDirectory()) {
        if (!SKIPPED_FOLDER(path.slice(folder.length))) {
          folders.push(path + sep);
          folderBytes.push(full && Buffer.concat([full, Buffer.from(sep)]));
        }
      } else if (entry.isFile()) {
        if (keep(toSlashes(path))) found.push(keyFor(path, full, raw));
      } else if (entry.isSymbolicLink() && keep(toSlashes(path))) {
        const target = statOrUndefined(full ?? rootPrefix + path);
        if (!target || target.isFile()) {
          const key = keyFor(path, full, raw);
          found.push(key);
          links.add(key);
        }
      }
    }
  }
  // Sorting the relative paths orders the files as sorting their full paths would.
  found.sort();
  // join(shownAs, x) for a clean relative x is this prefix followed by x ("" when shownAs is ".").
  const shownPrefix = join(shownAs, '_').slice(0, -1);
  // The usual case (every folder listed, no links, UTF-8 names, the folder named by its full path)
  // makes one string per file: this runs for every file found.
  const plain = unlisted.size === 0 && links.size === 0 && raw.size === 0;
  const sameName = sep === '/' && shownPrefix === rootPrefix;
  return found.map((key): Target => {
    if (plain) return { kind: 'file', name: sameName ? rootPrefix + key : toSlashes(shownPrefix + key), path: rootPrefix + key, listed: true };
    const path = shownPath(key);
    const name = toSlashes(shownPrefix + path);
    const reason = unlisted.get(key);
    if (reason !== undefined) return { kind: 'unlisted', name: path === '' ? toSlashes(shownAs) : name, reason };
    return { kind: 'file', name, path: raw.get(key) ?? rootPrefix + path, listed: !links.has(key) };
  });
}

/**
 * The key of a path in a walk: the path itself, or, for one whose bytes are not UTF-8, the path as
 * shown followed by a NUL and a count, which no real name holds: two names cannot then share a key,
 * even when one is shown as the other is spelt (`\xff` written out).
 */
function keyFor(path: string, bytes: Buffer | undefined, raw: Map<string, Buffer>): string {
  if (bytes === undefined) return path;
  const key = `${path}\u0000${raw.size}`;
  raw.set(key, bytes);
  return key;
}

/** A walk's key as the path is shown. */
function shownPath(key: string): string {
  const end = key.indexOf('\u0000');
  return end === -1 ? key : key.slice(0, end);
}

const toSlashes = sep === '/' ? (path: string): string => path : (path: string): string => path.split(sep).join('/');

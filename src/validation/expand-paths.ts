import { readdir, stat } from 'node:fs/promises';
import { join, relative, resolve, sep } from 'node:path';
import { usageError } from '../errors.js';
import { compileGlob, isGlob } from './glob.js';

/** One thing to check: a file (by the name shown in reports) or standard input. */
export type Target = { kind: 'file'; name: string; path: string } | { kind: 'stdin'; name: '<stdin>' };

const SKIPPED_FOLDER = (name: string): boolean => name === 'node_modules' || name.startsWith('.');

/**
 * Turns path arguments into the files to check, in a stable order. A directory or glob that matches
 * nothing is a usage error; a path that does not exist stays a target, so that reading it reports why
 * and every other file is still checked.
 */
export async function expandPaths(paths: readonly string[], cwd: string): Promise<Target[]> {
  const targets: Target[] = [];
  for (const path of paths) {
    if (path === '-') {
      targets.push({ kind: 'stdin', name: '<stdin>' });
      continue;
    }
    const absolute = resolve(cwd, path);
    const info = await stat(absolute).catch(() => undefined);
    if (!info && isGlob(path)) {
      const found = await expandGlob(path, cwd);
      if (found.length === 0) throw usageError(`no files match ${path}`, 'Check the pattern; quote it so that the shell passes it on unexpanded.');
      targets.push(...found);
    } else if (info?.isDirectory()) {
      const found = (await walkJsonFiles(absolute)).map((file) => fileTarget(join(path, relative(absolute, file)), file));
      if (found.length === 0) throw usageError(`no *.json files in ${path}`, 'Name a folder that holds instance files, or the files themselves.');
      targets.push(...found);
    } else {
      targets.push(fileTarget(path, absolute));
    }
  }
  return targets;
}

function fileTarget(name: string, path: string): Target {
  return { kind: 'file', name: name.split(sep).join('/'), path };
}

async function expandGlob(pattern: string, cwd: string): Promise<Target[]> {
  const { base, matches } = compileGlob(pattern);
  const root = resolve(cwd, base);
  const files = await walk(root, (file) => matches(relative(root, file).split(sep).join('/')));
  return files.map((file) => fileTarget(base === '.' ? relative(root, file) : join(base, relative(root, file)), file));
}

export function walkJsonFiles(root: string): Promise<string[]> {
  return walk(root, (file) => file.endsWith('.json'));
}

/**
 * Every file below `root` that `keep` accepts, sorted. Skips `node_modules` and dot-folders, and does
 * not follow symbolic links to folders (so a link loop cannot trap it). Links to files count as files;
 * a matching link that leads nowhere is kept, so that the report says why it cannot be read.
 */
async function walk(root: string, keep: (file: string) => boolean): Promise<string[]> {
  const found: string[] = [];
  const folders = [root];
  while (folders.length > 0) {
    const folder = folders.pop() as string;
    const entries = await readdir(folder, { withFileTypes: true }).catch(() => []);
    for (const entry of entries) {
      const path = join(folder, entry.name);
      if (entry.isDirectory()) {
        if (!SKIPPED_FOLDER(entry.name)) folders.push(path);
      } else if (entry.isFile()) {
        if (keep(path)) found.push(path);
      } else if (entry.isSymbolicLink() && keep(path)) {
        const target = await stat(path).catch(() => undefined);
        if (!target || target.isFile()) found.push(path);
      }
    }
  }
  return found.sort();
}

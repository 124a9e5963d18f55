import { resolve } from 'node:path';
import type { Context } from '../context.js';
import { fileError, usageError } from '../errors.js';
import { readFileBytes, readStreamBytes, SECRET_LIMIT } from '../fs/read-file.js';
import { stripOneTrailingNewline } from './secret-list.js';
import { escapeFileName } from '../text/escape.js';

/**
 * Names that hold a secret, whatever the spelling convention: configuration keys (`oauth.api.secret`,
 * `ecwid.order.key`) and config-store keys (`order-key`, `user-secret`, `signature-key-file`, `oauth-code`).
 */
export const SECRET_LIKE_NAME = /secret|passw(or)?d|token|signature|key$|key-file|(^|[.-])code$/i;

/**
 * Inputs that read stdin: it can be read only once, so at most one may be `-`.
 * Each entry is a label (a flag, or "the instance file") and the path it was given.
 */
export function checkOneStdinReader(inputs: readonly (readonly [label: string, path: string | undefined])[], hint = 'Give the others a file path.'): void {
  const readers = inputs.filter(([, path]) => path === '-').map(([label]) => label);
  if (readers.length < 2) return;
  const named = readers.length === 2 ? `${readers.join(' and ')} both read it` : `${readers.slice(0, -1).join(', ')} and ${readers.at(-1)} all read it`;
  throw usageError(`stdin can be read only once, but ${named}`, hint);
}

/**
 * Reads a secret from a `--…-file` flag: a path, or `-` for stdin. One trailing newline is stripped
 * (files written by `echo`); an empty secret is a usage error naming the flag, never the value. Only
 * a regular file (or stdin) of at most 64 KiB is read: a FIFO, a device such as /dev/zero, or a huge
 * file is refused (exit 3) without waiting or filling memory.
 */
export async function readSecretFile(path: string, flag: string, context: Pick<Context, 'io' | 'cwd' | 'secrets'>): Promise<string> {
  const outcome = path === '-' ? await readStreamBytes(context.io.stdin, SECRET_LIMIT) : readFileBytes(resolve(context.cwd, path), SECRET_LIMIT);
  if (!outcome.ok) throw fileError(`${flag}: cannot read ${path === '-' ? 'stdin' : escapeFileName(path)}: ${outcome.reason}`);
  const secret = stripOneTrailingNewline(outcome.bytes.toString('utf8'));
  context.secrets.add(secret);
  if (secret === '') throw usageError(`${flag}: ${path === '-' ? 'stdin' : escapeFileName(path)} is empty`);
  return secret;
}

import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import type { Context } from './context.js';
import { describeFsError, fileError, usageError } from './errors.js';
import { readStreamBytes } from './validation/read-target.js';

/** Shows at most the last 4 characters of a secret, and only of one long enough to stay secret. */
export function maskSecret(value: string): string {
  return value.length >= 12 ? `****${value.slice(-4)}` : '****';
}

/**
 * Reads a secret from a `--…-file` flag: a path, or `-` for stdin. One trailing newline is stripped
 * (files written by `echo`); an empty secret is a usage error naming the flag, never the value.
 */
export async function readSecretFile(path: string, flag: string, context: Pick<Context, 'io' | 'cwd' | 'secrets'>): Promise<string> {
  let text: string;
  if (path === '-') {
    const outcome = await readStreamBytes(context.io.stdin);
    if (!outcome.ok) throw fileError(`${flag}: cannot read stdin: ${outcome.reason}`);
    text = Buffer.from(outcome.bytes).toString('utf8');
  } else {
    try {
      text = await readFile(resolve(context.cwd, path), 'utf8');
    } catch (error) {
      throw fileError(`${flag}: cannot read ${path}: ${describeFsError(error)}`);
    }
  }
  const secret = text.replace(/\r?\n$/, '');
  context.secrets?.add(secret);
  if (secret === '') throw usageError(`${flag}: ${path === '-' ? 'stdin' : path} is empty`);
  return secret;
}

import { resolve } from 'node:path';
import type { Context } from '../context.js';
import { fileError } from '../errors.js';
import { inspectBytes } from '../validation/checking/check-instance.js';
import type { FileResult } from '../validation/problem.js';
import { readFileBytes, readStreamBytes } from '../fs/read-file.js';
import { instanceSecrets } from './configuration-secrets.js';
import { escapeFileName } from '../text/escape.js';

export interface InstanceFile {
  /** The name shown in messages: the path as given, or `<stdin>`. */
  name: string;
  /** The parsed JSON, when it parsed. */
  data: unknown;
  /** Every `validate` problem of the file. */
  result: FileResult;
}

/** Reads and checks an instance file (`-` for stdin). An unreadable path is a file-system error (exit 3). */
export async function readInstanceFile(path: string, context: Pick<Context, 'io' | 'cwd' | 'secrets'>): Promise<InstanceFile> {
  const name = path === '-' ? '<stdin>' : path;
  const outcome = path === '-' ? await readStreamBytes(context.io.stdin) : readFileBytes(resolve(context.cwd, path));
  if (!outcome.ok) throw fileError(`cannot read ${escapeFileName(name)}: ${outcome.reason}`);
  const { result, data } = inspectBytes(name, outcome.bytes, false);
  for (const secret of instanceSecrets(data)) context.secrets.add(secret);
  return { name, data, result };
}

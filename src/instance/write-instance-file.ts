import { resolve } from 'node:path';
import type { Context } from '../context.js';
import { CliError, ExitCode } from '../errors.js';
import { writeFileAtomic } from '../fs/write-file-atomic.js';
import { write } from '../io.js';
import { checkData } from '../validation/checking/check-instance.js';
import type { Finding } from '../validation/problem.js';
import { serializeInstance, type EcwidInstance } from './build-instance.js';

/**
 * Applies the `validate` rules to an instance before it is written: an error stops the write (exit 1),
 * warnings are returned for the caller to show. Messages never quote a secret.
 */
export function checkBuiltInstance(instance: EcwidInstance): Finding[] {
  const findings = checkData(instance);
  const errors = findings.filter((f) => f.severity === 'error');
  if (errors.length > 0) {
    throw new CliError(ExitCode.invalid, `the instance would not be valid: ${errors.map((f) => f.message).join('; ')}`, 'Nothing was written.');
  }
  return findings;
}

/**
 * Writes the instance file with mode 0600, atomically; `-` writes it to stdout. Without `overwrite`
 * an existing file is an error (exit 3) and stays untouched.
 */
export async function writeInstanceFile(
  instance: EcwidInstance,
  target: { output: string; overwrite: boolean },
  context: Pick<Context, 'io' | 'cwd'>,
): Promise<void> {
  const text = serializeInstance(instance);
  if (target.output === '-') {
    await write(context.io.stdout, text);
    return;
  }
  await writeFileAtomic(resolve(context.cwd, target.output), text, { mode: 0o600, overwrite: target.overwrite });
}

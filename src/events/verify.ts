import { resolve } from 'node:path';
import type { Context } from '../context.js';
import { ExitCode, fileError, usageError } from '../errors.js';
import { write } from '../io.js';
import { escapeForeign } from '../text/escape.js';
import { checkOneStdinReader } from '../secrets/secret-input.js';
import { readFileBytes, readStreamBytes, type ReadLimit } from '../fs/read-file.js';
import { checkWebhookSignature, type SignatureProblem } from '../webhooks/signature.js';
import type { VerifyOptions } from './events-options.js';
import { findSignatureKey, instanceOnce } from './signature-key.js';
import { SIGNATURE_PROBLEM_TEXT } from './signature-problems.js';

/** A callback body is checked whole; Cloud Elements' are far smaller than this. */
const BODY_LIMIT: ReadLimit = { bytes: 8 * 1024 * 1024, what: 'a callback body' };

/** `events verify`: prints `valid` (exit 0), or `invalid: <why>` (exit 1). */
export async function runVerify(options: VerifyOptions, context: Context): Promise<number> {
  checkOneStdinReader([
    ['the body', options.bodyFile],
    ['--signature-key-file', options.signatureKeyFile],
    ['--instance', options.instance],
  ]);
  const known = await findSignatureKey(options, context, instanceOnce(options, context));
  if (known === undefined) {
    throw usageError(
      'no signature key to verify with',
      `Give it with --signature-key-file <file> or ECWID_SIGNATURE_KEY, or name an instance file holding event.notification.signature.key with --instance.`,
    );
  }
  const name = options.bodyFile === '-' ? 'stdin' : escapeForeign(options.bodyFile);
  const outcome = options.bodyFile === '-' ? await readStreamBytes(context.io.stdin, BODY_LIMIT) : readFileBytes(resolve(context.cwd, options.bodyFile), BODY_LIMIT);
  if (!outcome.ok) throw fileError(`cannot read ${name}: ${outcome.reason}`);
  const check = checkWebhookSignature(outcome.bytes, options.signature, known.key);
  const why = (problem: SignatureProblem): string => (problem === 'missing' ? 'the signature is empty' : SIGNATURE_PROBLEM_TEXT[problem]);
  await write(context.io.stdout, check.valid ? 'valid\n' : `invalid: ${why(check.problem)}\n`);
  return check.valid ? ExitCode.ok : ExitCode.invalid;
}

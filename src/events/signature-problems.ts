import type { SignatureProblem } from '../webhooks/signature.js';

/** Why a signature was refused, in the words `events verify` and `events listen` print. */
export const SIGNATURE_PROBLEM_TEXT: Record<SignatureProblem, string> = {
  missing: 'no Elements-Webhook-Signature header',
  sha1: 'sha1 is no longer used',
  'no-prefix': 'missing sha256= prefix',
  malformed: 'sha256= is not followed by the base64 of 32 bytes',
  mismatch: 'does not match',
};

import { randomBytes } from 'node:crypto';

/**
 * A new webhook signature key: 32 bytes from the system's CSPRNG, as base64url (43 characters,
 * nothing to escape in JSON, a shell or a URL).
 */
export function generateSignatureKey(): string {
  return randomBytes(32).toString('base64url');
}

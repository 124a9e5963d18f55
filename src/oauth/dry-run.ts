import type { InstanceBody } from '../cloud-elements/request.js';
import type { Context } from '../context.js';
import { decideAuthType } from '../instance/auth-type.js';
import { fileGrantCode, givenGrantCode } from './grant-code.js';

/** What a dry run shows for a code that only a real run obtains. */
export const PENDING_GRANT_CODE = '<obtained at run time>';

/**
 * The create body as a dry run shows it for an OAuth2 file: the code a real run would send (masked
 * later, as every secret), or a note that it is obtained at run time. Nothing is asked or fetched.
 */
export async function dryRunGrantCode(
  body: InstanceBody,
  options: { codeFile?: string | undefined },
  context: Pick<Context, 'io' | 'cwd' | 'env' | 'secrets'>,
): Promise<{ body: InstanceBody; pendingGrantCode: boolean }> {
  if (decideAuthType(body).type !== 'oauth2') return { body, pendingGrantCode: false };
  const code = (await givenGrantCode(options, context)) ?? fileGrantCode(body);
  if (code === undefined) return { body, pendingGrantCode: true };
  return { body: withCode(body, code), pendingGrantCode: false };
}

/** The body with `providerData.code` set. */
export function withCode(body: InstanceBody, code: string): InstanceBody {
  const providerData = typeof body.providerData === 'object' && body.providerData !== null ? body.providerData : {};
  return { ...body, providerData: { ...providerData, code } };
}

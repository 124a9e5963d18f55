import { PlatformHttpError } from '../cloud-elements/api-error.js';
import type { AuthTypeDecision } from '../instance/auth-type.js';

/**
 * A legacy file that does not state its type may be taken for OAuth2 by the platform, which then asks
 * for a grant code: the 400 says so, and the remedy is to state `"authentication.type": "custom"`.
 */
export async function withOAuthCodeHint<T>(create: Promise<T>, auth: AuthTypeDecision): Promise<T> {
  try {
    return await create;
  } catch (error) {
    if (error instanceof PlatformHttpError && error.status === 400 && auth.type === 'custom' && auth.source !== 'declared' && /oauth code/i.test(error.message)) {
      const hint = 'This is a legacy-key file: set "authentication.type": "custom" in its configuration, so Cloud Elements does not take it for OAuth2.';
      throw new PlatformHttpError(error.status, error.exitCode, error.message, error.hint === undefined ? hint : `${error.hint}\n${hint}`);
    }
    throw error;
  }
}

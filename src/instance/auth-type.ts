import { asJsonObject } from '../util/json-object.js';

/** How an instance authenticates to Ecwid: the legacy keys (`custom`) or an Ecwid app (`oauth2`). */
export type AuthType = 'custom' | 'oauth2';

export const AUTH_TYPES: readonly AuthType[] = ['custom', 'oauth2'];

/**
 * Which type a file is, decided once for the schema, the rules, the wizard and provisioning:
 * - `declared`: `configuration["authentication.type"]` is `"custom"` or `"oauth2"`;
 * - `keys`: no valid declaration, and the keys say (`ecwid.*` → custom; `oauth.*` or `providerData` → oauth2);
 * - `default`: no valid declaration and no key of either kind: treated as legacy;
 * - `mixed`: no valid declaration and keys of both kinds (`type` is undefined: rule `auth-type`).
 */
export type AuthTypeDecision =
  | { type: AuthType; source: 'declared' | 'keys' | 'default' }
  | { type: undefined; source: 'mixed' };

export function isAuthType(value: unknown): value is AuthType {
  return value === 'custom' || value === 'oauth2';
}

/** Decides the authentication type of a parsed instance file (any JSON value). */
export function decideAuthType(instance: unknown): AuthTypeDecision {
  const data = asJsonObject(instance);
  const configuration = asJsonObject(data?.configuration) ?? {};
  const declared = configuration['authentication.type'];
  if (isAuthType(declared)) return { type: declared, source: 'declared' };
  let legacy = false;
  let oauth = data !== undefined && Object.hasOwn(data, 'providerData');
  for (const key of Object.keys(configuration)) {
    if (key.startsWith('ecwid.')) legacy = true;
    else if (key.startsWith('oauth.')) oauth = true;
  }
  if (legacy && oauth) return { type: undefined, source: 'mixed' };
  if (oauth) return { type: 'oauth2', source: 'keys' };
  return { type: 'custom', source: legacy ? 'keys' : 'default' };
}

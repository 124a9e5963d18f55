import type { ConfigValues } from '../config/key-names.js';
import { usageError } from '../errors.js';
import { isAuthType, type AuthType } from '../instance/auth-type.js';
import type { Env } from '../io.js';
import type { InitOptions } from './init-options.js';

/** A config or environment value of the authentication type, checked. */
export function checkAuthType(value: string, source: string): AuthType {
  const type = value.trim();
  if (isAuthType(type)) return type;
  throw usageError(`${source}: unknown authentication type ${JSON.stringify(value)}`, 'Use custom (legacy API keys: store ID, Order and Product API secrets) or oauth2 (an Ecwid app: client ID and secret).');
}

/** The type a flag, `ECWID_AUTH_TYPE` or the config store names, in that order; undefined when none does. */
export function chosenAuthType(options: Pick<InitOptions, 'auth'>, env: Env, config: ConfigValues): AuthType | undefined {
  if (options.auth !== undefined) return options.auth;
  if (env.ECWID_AUTH_TYPE) return checkAuthType(env.ECWID_AUTH_TYPE, 'ECWID_AUTH_TYPE');
  if (config.auth !== undefined) return checkAuthType(config.auth, 'config auth');
  return undefined;
}

/**
 * The type the values given say, when nothing names one: an OAuth2 value given as a flag or in the
 * environment (`--client-id`, `--client-secret-file`, `--redirect-url`, `--scope` and their variables)
 * means oauth2; else custom. Config values do not count: they are standing defaults, not this run's
 * intent.
 */
export function inferredAuthType(options: InitOptions, env: Env): AuthType {
  const oauth = [options.clientId, options.clientSecretFile, options.redirectUrl, options.scope, env.ECWID_CLIENT_ID, env.ECWID_CLIENT_SECRET, env.ECWID_REDIRECT_URL];
  return oauth.some((value) => value !== undefined && value !== '') ? 'oauth2' : 'custom';
}

/** Flags of the other type than the one chosen: they are not used, and that is said. */
export function unusedFlags(options: InitOptions, type: AuthType): string[] {
  const legacy: [string, unknown][] = [['--store-id', options.storeId], ['--order-key-file', options.orderKeyFile], ['--product-key-file', options.productKeyFile]];
  const oauth: [string, unknown][] = [['--client-id', options.clientId], ['--client-secret-file', options.clientSecretFile], ['--redirect-url', options.redirectUrl], ['--scope', options.scope]];
  return (type === 'oauth2' ? legacy : oauth).filter(([, value]) => value !== undefined).map(([flag]) => flag);
}

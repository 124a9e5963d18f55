import { decideAuthType, isAuthType } from '../../instance/auth-type.js';
import { isJsonObject } from '../../util/json-object.js';
import { escapePointerSegment } from './pointer.js';
import type { Finding } from '../problem.js';
import { AUTH_TYPE_KEY, LEGACY_KEYS, configurationKeys } from './schema-facts.js';

/** The known keys that only one authentication type uses. */
const OAUTH_KEYS: readonly string[] = configurationKeys.filter((key) => key.startsWith('oauth.'));
const OTHER_TYPE_KEYS = { custom: OAUTH_KEYS, oauth2: LEGACY_KEYS } as const;
const OTHER_TYPE = { custom: 'oauth2', oauth2: 'custom' } as const;

/**
 * Keys of the type that `authentication.type` does not name: the platform ignores them, so each is
 * a warning (rule `auth-type`). Keys of both kinds without a declaration are the schema's error; the
 * keys alone never contradict a type they decided.
 */
export function authTypeRules(data: unknown, findings: Finding[]): void {
  if (!isJsonObject(data) || !isJsonObject(data.configuration)) return;
  // Without a declared type there is nothing to contradict, and no need to look through the keys.
  if (!isAuthType(data.configuration[AUTH_TYPE_KEY])) return;
  const decision = decideAuthType(data);
  if (decision.source !== 'declared') return;
  const type = decision.type;
  const configuration = data.configuration;
  const message = (key: string): string =>
    `${key} is ignored for ${type} authentication: remove it, or set ${AUTH_TYPE_KEY} to "${OTHER_TYPE[type]}" if that is what this instance uses`;
  for (const key of OTHER_TYPE_KEYS[type]) {
    if (!Object.hasOwn(configuration, key)) continue;
    findings.push({ pointer: `/configuration/${escapePointerSegment(key)}`, at: `/configuration/${escapePointerSegment(key)}`, target: 'key', severity: 'warning', rule: 'auth-type', message: message(key) });
  }
  if (type === 'custom' && Object.hasOwn(data, 'providerData')) {
    findings.push({ pointer: '/providerData', at: '/providerData', target: 'key', severity: 'warning', rule: 'auth-type', message: message('providerData') });
  }
}

/**
 * A quick test, for every file, that `authTypeRules` can find nothing: no declared type, or no key of
 * the other type. False only means "not sure".
 */
export function plainlyPassesAuthTypeRules(configuration: Record<string, unknown>, data: Record<string, unknown>): boolean {
  const declared = configuration[AUTH_TYPE_KEY];
  if (declared === undefined) return true;
  const others = declared === 'custom' || declared === 'oauth2' ? OTHER_TYPE_KEYS[declared] : undefined;
  if (others === undefined || (declared === 'custom' && Object.hasOwn(data, 'providerData'))) return false;
  for (let i = 0; i < others.length; i++) if (Object.hasOwn(configuration, others[i] as string)) return false;
  return true;
}

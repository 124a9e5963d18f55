import { asJsonObject } from '../util/json-object.js';
import { SECRET_LIKE_NAME } from '../secrets/secret-input.js';
import { configurationKeys, providerDataKeys, providerDataSecretKeys, secretKeys } from '../validation/checking/schema-facts.js';
import { closest } from '../validation/checking/suggest.js';

const knownConfigurationKeys = new Set(configurationKeys);
const secretKeyList = [...secretKeys];
const knownProviderDataKeys = new Set(providerDataKeys);

/**
 * The one definition of a secret configuration value: the schema's `writeOnly` keys, and, to be safe,
 * unknown keys that look like a secret's: a misspelling of one (`ecwid.product.kye` still holds the
 * secret) or a name such as `…secret`, `…password`, `…token`, `…signature…`, `…key`.
 */
export function isSecretConfigurationKey(key: string): boolean {
  if (secretKeys.has(key)) return true;
  if (knownConfigurationKeys.has(key)) return false;
  return SECRET_LIKE_NAME.test(key) || closest(key, secretKeyList) !== undefined;
}

/**
 * Whether a key of `providerData` holds a secret: the OAuth2 grant code (`writeOnly` in the schema),
 * and any key the schema does not know, since provider data is credentials by nature.
 */
export function isSecretProviderDataKey(key: string): boolean {
  return providerDataSecretKeys.has(key) || !knownProviderDataKeys.has(key);
}

/**
 * Every secret value of an instance's configuration (any parsed JSON: nothing when it has no
 * configuration object), so that no output can quote one.
 */
export function configurationSecrets(instance: unknown): string[] {
  return Object.entries(asJsonObject(asJsonObject(instance)?.configuration) ?? {})
    .filter(([key, value]) => isSecretConfigurationKey(key) && typeof value === 'string' && value !== '')
    .map(([, value]) => value as string);
}

/** Every secret value of an instance: its configuration's, and `providerData`'s (the grant code). */
export function instanceSecrets(instance: unknown): string[] {
  const providerData = Object.entries(asJsonObject(asJsonObject(instance)?.providerData) ?? {})
    .filter(([key, value]) => isSecretProviderDataKey(key) && typeof value === 'string' && value !== '')
    .map(([, value]) => value as string);
  return [...configurationSecrets(instance), ...providerData];
}

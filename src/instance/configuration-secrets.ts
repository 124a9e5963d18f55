import { asJsonObject } from '../util/json-object.js';
import { SECRET_LIKE_NAME } from '../secrets/secret-input.js';
import { configurationKeys, secretKeys } from '../validation/checking/schema-facts.js';
import { closest } from '../validation/checking/suggest.js';

const knownConfigurationKeys = new Set(configurationKeys);
const secretKeyList = [...secretKeys];

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
 * Every secret value of an instance's configuration (any parsed JSON: nothing when it has no
 * configuration object), so that no output can quote one.
 */
export function configurationSecrets(instance: unknown): string[] {
  return Object.entries(asJsonObject(asJsonObject(instance)?.configuration) ?? {})
    .filter(([key, value]) => isSecretConfigurationKey(key) && typeof value === 'string' && value !== '')
    .map(([, value]) => value as string);
}

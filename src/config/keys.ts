import { checkBaseUrl, checkEnvironmentName } from '../cloud-elements/environments.js';
import { usageError } from '../errors.js';
import { STORE_ID_PATTERN } from '../instance/urls.js';

/** The non-secret defaults the config store may hold. */
export const CONFIG_KEYS = ['store-id', 'callback-url', 'environment', 'base-url', 'name', 'tags'] as const;
export type ConfigKey = (typeof CONFIG_KEYS)[number];
export type ConfigValues = Partial<Record<ConfigKey, string>>;

export function isConfigKey(key: string): key is ConfigKey {
  return (CONFIG_KEYS as readonly string[]).includes(key);
}

const SECRET_LIKE = /order-key|product-key|secret|key-file|token|password|signature/i;

/** Refuses unknown and secret keys with a usage error that says what to do instead. */
export function checkConfigKey(key: string): ConfigKey {
  if (SECRET_LIKE.test(key)) {
    throw usageError(
      `${key} is a secret, and secrets are never kept in the config store`,
      'Secrets come from a masked prompt, an environment variable (ECWID_ORDER_KEY, ECWID_PRODUCT_KEY, ECWID_SIGNATURE_KEY, CLOUD_ELEMENTS_USER_SECRET, CLOUD_ELEMENTS_ORG_SECRET) or a --...-file flag.',
    );
  }
  if (!isConfigKey(key)) throw usageError(`unknown config key ${JSON.stringify(key)}`, `Keys: ${CONFIG_KEYS.join(', ')}.`);
  return key;
}

/** Checks and normalizes a value for a key; a bad value is a usage error. */
export function normalizeConfigValue(key: ConfigKey, value: string): string {
  const source = `config ${key}`;
  switch (key) {
    case 'store-id':
      if (!STORE_ID_PATTERN.test(value)) throw usageError(`${source}: the store ID is a number, such as 4870020`);
      return value;
    case 'callback-url':
      if (!/^https?:\/\/[^/?#\s]+/i.test(value) || !URL.canParse(value)) throw usageError(`${source}: expected an absolute http(s) URL, such as https://example.com/ecwid/events`);
      return value;
    case 'environment':
      return checkEnvironmentName(value, source);
    case 'base-url':
      return checkBaseUrl(value, source);
    case 'name':
      if (value.trim() === '') throw usageError(`${source}: the name must not be empty`);
      return value;
    case 'tags': {
      const tags = splitTags(value);
      if (tags.length === 0 || new Set(tags).size !== tags.length) throw usageError(`${source}: expected distinct comma-separated tags, such as production,eu`);
      return tags.join(',');
    }
  }
}

export function splitTags(value: string): string[] {
  return value
    .split(',')
    .map((tag) => tag.trim())
    .filter((tag) => tag !== '');
}

import { checkBaseUrl, checkEnvironmentName } from '../cloud-elements/environments.js';
import { usageError } from '../errors.js';
import { checkAuthType } from '../init/auth-choice.js';
import { checkCallbackUrl, checkClientId, checkName, checkRedirectUrl, checkStoreId, checkTags, requireValid, splitTags } from '../instance/field-checks.js';
import { SECRET_VARIABLES } from '../secrets/secret-list.js';
import { SECRET_LIKE_NAME } from '../secrets/secret-input.js';
import { CONFIG_KEYS, isConfigKey, type ConfigKey } from './key-names.js';
import { escapeForeign, quoteForeign } from '../text/escape.js';

const SECRET_SOURCES = `Secrets come from a masked prompt, an environment variable (${SECRET_VARIABLES.join(', ')}) or a --...-file flag (a path, or - for stdin).`;

/** Refuses unknown and secret keys with a usage error that says what to do instead. */
export function checkConfigKey(key: string): ConfigKey {
  if (SECRET_LIKE_NAME.test(key)) {
    throw usageError(`${escapeForeign(key)} is a secret, and secrets are never kept in the config store`, SECRET_SOURCES);
  }
  if (!isConfigKey(key)) throw usageError(`unknown config key ${quoteForeign(key)}`, `Keys: ${CONFIG_KEYS.join(', ')}.`);
  return key;
}

/** Checks and normalizes a value for a key; a bad value is a usage error naming the key. */
export function normalizeConfigValue(key: ConfigKey, value: string): string {
  const source = `config ${key}`;
  switch (key) {
    case 'auth':
      return checkAuthType(value, source);
    case 'client-id':
      return requireValid(source, value.trim(), checkClientId);
    case 'redirect-url':
      return requireValid(source, value.trim(), checkRedirectUrl);
    case 'store-id':
      return requireValid(source, value.trim(), checkStoreId);
    case 'callback-url':
      return requireValid(source, value.trim(), checkCallbackUrl);
    case 'environment':
      return checkEnvironmentName(value.trim(), source);
    case 'base-url':
      return checkBaseUrl(value.trim(), source);
    case 'name':
      return requireValid(source, value, checkName);
    case 'tags': {
      const tags = splitTags(value);
      if (tags.length === 0) throw usageError(`${source}: expected comma-separated tags, such as production,eu`);
      return requireValid(source, tags, checkTags).join(',');
    }
  }
}

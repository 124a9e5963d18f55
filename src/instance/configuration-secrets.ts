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
 * A secret's name anywhere else in an instance (a top-level `token`, `providerData.code`, a nested
 * `password`): a name that looks like a secret's, or `code` (the OAuth grant code). A bare `key` is
 * not one: it names things (`element.key` is `ecwid`).
 */
export function isSecretFieldName(key: string): boolean {
  if (key === 'code') return true;
  return key !== 'key' && isSecretConfigurationKey(key);
}

interface Pending {
  from: object;
  to: Record<string, unknown> | unknown[];
  /** Everything below sits under a secret's name. */
  secret: boolean;
  where: 'top' | 'configuration' | 'elsewhere';
}

/**
 * A copy of an instance (any parsed JSON) with every value that is not an object or array replaced
 * by `visit(value, secret)`, where `secret` says whether it sits under a secret's name at any depth
 * (an object or array under one is secret throughout). Configuration keys are judged by
 * isSecretConfigurationKey, other names by isSecretFieldName. Iterative: a file nested 100,000
 * levels deep cannot exhaust the stack.
 */
export function mapInstanceValues(instance: unknown, visit: (value: unknown, secret: boolean) => unknown): unknown {
  const stack: Pending[] = [];
  const copy = (value: unknown, secret: boolean, where: Pending['where']): unknown => {
    if (value === null || typeof value !== 'object') return visit(value, secret);
    const to: Pending['to'] = Array.isArray(value) ? [] : {};
    stack.push({ from: value, to, secret, where });
    return to;
  };
  const root = copy(instance, false, 'top');
  for (let next = stack.pop(); next !== undefined; next = stack.pop()) {
    const { from, to, secret, where } = next;
    const isArray = Array.isArray(from);
    for (const [key, value] of Object.entries(from)) {
      const named = !isArray && (where === 'configuration' ? isSecretConfigurationKey(key) : isSecretFieldName(key));
      const below = where === 'top' && key === 'configuration' && !isArray ? 'configuration' : 'elsewhere';
      // Defined, not assigned: a `__proto__` key stays a plain property and touches no prototype.
      Object.defineProperty(to, key, { value: copy(value, secret || named, below), enumerable: true, writable: true, configurable: true });
    }
  }
  return root;
}

/**
 * Every secret value of an instance (any parsed JSON), at any depth (see mapInstanceValues), so that
 * no output can quote one. A number where a secret is expected counts as its text.
 */
export function instanceSecrets(instance: unknown): string[] {
  const found: string[] = [];
  mapInstanceValues(instance, (value, secret) => {
    if (secret && ((typeof value === 'string' && value !== '') || typeof value === 'number')) found.push(String(value));
    return value;
  });
  return found;
}

import type { ErrorObject } from 'ajv';
import validateSchema from '../validation/checking/generated/schema-validator.js';
import { usageError } from '../errors.js';
import { ruleFindings } from '../validation/checking/rules.js';
import { isLoopbackHost } from '../util/url-safety.js';
import { quoteForeign } from '../text/escape.js';

/** `true` when a value is acceptable, or the reason it is not (never quoting a secret). */
export type FieldCheck = (value: string) => true | string;

/** The value when its check accepts it; else a usage error naming where it came from, never the value. */
export function requireValid<T>(source: string, value: T, check: (value: T) => true | string): T {
  const verdict = check(value);
  if (verdict !== true) throw usageError(`${source}: ${verdict}`);
  return value;
}

/** What `validate` finds at one place of an instance. */
interface Verdict {
  placeholder: boolean;
  /** Schema errors at that place or below it. */
  errors: ErrorObject[];
}

/**
 * The value is put into an instance that is otherwise valid, and checked with the compiled schema and
 * the placeholder rule, as `validate` checks a file. So flags, the environment, the config store and
 * prompts accept exactly what `validate` accepts; only the wording of the reason is chosen here.
 */
function verdictAt(pointer: string, place: (instance: Sample) => void, configuration: Record<string, string> = LEGACY_SAMPLE): Verdict | undefined {
  const instance: Sample = { element: { key: 'ecwid' }, configuration: { ...configuration }, name: 'instance' };
  place(instance);
  const here = (path: string): boolean => path === pointer || path.startsWith(`${pointer}/`);
  const ruleErrors = ruleFindings(instance).filter((f) => f.severity === 'error' && here(f.pointer));
  const placeholder = ruleErrors.some((f) => f.rule === 'placeholder');
  const errors = validateSchema(instance) ? [] : (validateSchema.errors ?? []).filter((e) => here(e.instancePath));
  return ruleErrors.length > 0 || errors.length > 0 ? { placeholder, errors } : undefined;
}

/** Otherwise valid files of each type, for a value to be checked in. */
const LEGACY_SAMPLE = { 'ecwid.store.id': '1', 'ecwid.order.key': 'order', 'ecwid.product.key': 'product' };
const OAUTH_SAMPLE = { 'authentication.type': 'oauth2', 'oauth.api.key': 'app', 'oauth.api.secret': 'secret', 'oauth.callback.url': 'https://example.com/callback' };

interface Sample {
  element: { key: string };
  configuration: Record<string, string>;
  name: string;
  tags?: string[];
}

const configurationVerdict = (key: string, value: string): Verdict | undefined =>
  verdictAt(`/configuration/${key}`, (instance) => (instance.configuration[key] = value), key.startsWith('oauth.') ? OAUTH_SAMPLE : LEGACY_SAMPLE);

const has = (verdict: Verdict, keyword: string): ErrorObject | undefined => verdict.errors.find((e) => e.keyword === keyword);

export const checkStoreId: FieldCheck = (value) => {
  const verdict = configurationVerdict('ecwid.store.id', value);
  if (verdict === undefined) return true;
  const tooLong = has(verdict, 'maxLength');
  if (tooLong && has(verdict, 'pattern') === undefined) {
    return `the store ID is too long: ${value.length} digits, at most ${String((tooLong.params as { limit: number }).limit)}`;
  }
  return 'the store ID must be digits, such as 4870020';
};

/** The rules the schema sets for a secret; the reason names the secret, never its value. */
function secretCheck(key: string, label: string): FieldCheck {
  return (value) => {
    const verdict = configurationVerdict(key, value);
    if (verdict === undefined) return true;
    if (verdict.placeholder) return `the ${label} is still a docs placeholder: paste the real one`;
    if (has(verdict, 'minLength')) return `the ${label} must not be empty`;
    const tooLong = has(verdict, 'maxLength');
    if (tooLong) return `the ${label} must be at most ${String((tooLong.params as { limit: number }).limit)} characters`;
    if (has(verdict, 'pattern')) return `the ${label} must not contain spaces or line breaks`;
    return `the ${label} is not valid`;
  };
}

export const checkOrderKey = secretCheck('ecwid.order.key', 'Order API secret');
export const checkProductKey = secretCheck('ecwid.product.key', 'Product API secret');
export const checkSignatureKey = secretCheck('event.notification.signature.key', 'signature key');

export const checkCallbackUrl: FieldCheck = (value) => {
  const verdict = configurationVerdict('event.notification.callback.url', value);
  if (verdict === undefined) return true;
  if (verdict.placeholder) return 'the callback URL is still a docs placeholder';
  if (has(verdict, 'pattern') === undefined && has(verdict, 'format')) {
    // It starts as an http(s) URL should, but holds characters a URL cannot carry as they are.
    return 'the callback URL is not a valid URL: percent-encode spaces and other special characters (a space is %20)';
  }
  return 'the callback URL must be an absolute http(s) URL, such as https://example.com/ecwid/events';
};

export const checkName: FieldCheck = (value) => {
  const verdict = verdictAt('/name', (instance) => (instance.name = value));
  if (verdict === undefined) return true;
  return verdict.placeholder ? 'the name is still a docs placeholder' : 'the name must not be empty';
};

/** Splits a comma-separated list of tags, dropping blanks. */
export function splitTags(value: string): string[] {
  return value
    .split(',')
    .map((tag) => tag.trim())
    .filter((tag) => tag !== '');
}

/** Tags are distinct, not blank and not docs placeholders. */
export function checkTags(tags: readonly string[]): true | string {
  const verdict = verdictAt('/tags', (instance) => (instance.tags = [...tags]));
  if (verdict === undefined) return true;
  const blank = tags.find((tag) => tag.trim() === '');
  if (blank !== undefined) return 'a tag must not be empty';
  const repeated = has(verdict, 'uniqueItems');
  if (repeated) return `the tag ${quoteForeign(tags[(repeated.params as { i: number }).i] ?? '')} is given twice`;
  const placeholder = tags.find((tag) => verdictAt('/tags', (instance) => (instance.tags = [tag]))?.placeholder);
  if (placeholder !== undefined) return `the tag ${quoteForeign(placeholder)} is still a docs placeholder`;
  return 'the tags are not valid';
}

export const checkClientSecret = secretCheck('oauth.api.secret', 'client secret');

export const checkClientId: FieldCheck = (value) => {
  const verdict = configurationVerdict('oauth.api.key', value);
  if (verdict === undefined && !/\s/.test(value)) return true;
  if (verdict?.placeholder) return 'the client ID is still a docs placeholder';
  return value === '' ? 'the client ID must not be empty' : "the client ID must be your Ecwid app's client ID, without spaces";
};

/**
 * The redirect URL registered for the Ecwid app: absolute https, or plain http only for this machine,
 * since the grant code travels in it.
 */
export const checkRedirectUrl: FieldCheck = (value) => {
  const verdict = configurationVerdict('oauth.callback.url', value);
  const example = 'such as https://example.com/oauth/callback or http://localhost:8787/callback';
  if (verdict?.placeholder) return 'the redirect URL is still a docs placeholder';
  let url: URL | undefined;
  try {
    url = new URL(value);
  } catch {
    url = undefined;
  }
  if (url?.protocol === 'http:' && !isLoopbackHost(url.hostname)) return `the redirect URL may use plain http:// only for localhost (the grant code travels in it): use https, ${example}`;
  if (verdict !== undefined || url === undefined || (url.protocol !== 'https:' && url.protocol !== 'http:')) return `the redirect URL must be an absolute https URL, ${example}`;
  if (url.hash !== '') return 'the redirect URL must not hold a #fragment';
  return true;
};

/** Ecwid scope names, separated by spaces, such as "read_store_profile read_orders". */
export const checkScope: FieldCheck = (value) => {
  const verdict = configurationVerdict('oauth.scope', value);
  if (verdict?.placeholder) return 'the scope is still a docs placeholder';
  if (verdict !== undefined || !/^[\x21-\x7e]+( [\x21-\x7e]+)*$/.test(value)) return 'the scope must be scope names separated by single spaces, such as "read_store_profile read_orders"';
  return true;
};

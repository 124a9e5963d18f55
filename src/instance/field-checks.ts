import { STORE_ID_PATTERN } from './urls.js';

/** `true` when a value is acceptable, or the reason it is not (never quoting a secret). */
export type FieldCheck = (value: string) => true | string;

/** A whole string that is still one of the docs' placeholders, such as `<INSERT_STORE_ID>`. */
const PLACEHOLDER = /^<[A-Za-z][A-Za-z0-9_ .-]*>$/;

export const checkStoreId: FieldCheck = (value) =>
  STORE_ID_PATTERN.test(value) || 'the store ID must be digits, such as 4870020';

/** The rules the schema sets for a secret; the reason names the secret, never its value. */
export function secretCheck(label: string): FieldCheck {
  return (value) => {
    if (value === '') return `the ${label} must not be empty`;
    if (PLACEHOLDER.test(value)) return `the ${label} is still a docs placeholder: paste the real one`;
    if (value.length > 128) return `the ${label} must be at most 128 characters`;
    if (/\s/.test(value)) return `the ${label} must not contain spaces or line breaks`;
    return true;
  };
}

export const checkOrderKey = secretCheck('Order API secret');
export const checkProductKey = secretCheck('Product API secret');
export const checkSignatureKey = secretCheck('signature key');

export const checkCallbackUrl: FieldCheck = (value) =>
  (/^https?:\/\/[^/?#\s]+/i.test(value) && URL.canParse(value)) ||
  'the callback URL must be an absolute http(s) URL, such as https://example.com/ecwid/events';

export const checkName: FieldCheck = (value) => {
  if (value.trim() === '') return 'the name must not be empty';
  if (PLACEHOLDER.test(value)) return 'the name is still a docs placeholder';
  return true;
};

/** Splits a comma-separated list of tags, dropping blanks. */
export function splitTags(value: string): string[] {
  return value
    .split(',')
    .map((tag) => tag.trim())
    .filter((tag) => tag !== '');
}

/** Tags are distinct and not blank. */
export function checkTags(tags: readonly string[]): true | string {
  if (tags.some((tag) => tag.trim() === '')) return 'a tag must not be empty';
  const seen = new Set<string>();
  for (const tag of tags) {
    if (seen.has(tag)) return `the tag ${JSON.stringify(tag)} is given twice`;
    seen.add(tag);
  }
  return true;
}

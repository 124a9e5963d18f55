import { isJsonObject, type JsonObject } from '../../util/json-object.js';
import { escapePointerSegment } from './pointer.js';
import type { Finding } from '../problem.js';
import {
  CALLBACK_URL_KEY,
  EVENTS_ENABLED_KEY,
  PLACEHOLDER,
  booleanStringKeys,
  configurationKeys,
  displayKey,
  mayBeUnsetKeys,
  topLevelKeys,
} from './schema-facts.js';
import { closest } from './suggest.js';
import { authTypeRules, plainlyPassesAuthTypeRules } from './auth-type-rules.js';
import { isLoopbackHost } from '../../util/url-safety.js';
import { remembered } from '../../util/remembered.js';
import { keysOf } from '../../util/keys-of.js';
import { isSecretConfigurationKey } from '../../instance/configuration-secrets.js';

/**
 * The checks a schema cannot express, run on parsed data. Each returns findings; none throws.
 * `text`, when given, is the data's JSON: most texts cannot hold a placeholder, and skip that walk.
 */
export function ruleFindings(data: unknown, text?: string): Finding[] {
  // One array for every rule: this runs for every file, so it allocates as little as it can.
  const findings: Finding[] = [];
  if (text === undefined || mayHoldPlaceholder(text)) placeholders(data, [], findings);
  unknownKeys(data, findings);
  eventRules(data, findings);
  emptyValues(data, findings);
  authTypeRules(data, findings);
  return findings;
}

/** Whether a JSON text may hold a placeholder: one needs a "<", written as it is or escaped. */
export function mayHoldPlaceholder(text: string): boolean {
  return text.includes('<') || text.includes('\\u');
}

/**
 * A quick test, for every file, that `eventRules` below can find nothing (no boolean where a string
 * is expected, and a callback URL only with events on and over https), nor `authTypeRules` (no key
 * of the type not declared). The plain check has ruled out values that are not set (null or "").
 * False only means "not sure".
 */
export function plainlyPassesEventRules(data: unknown): boolean {
  if (!isJsonObject(data) || !isJsonObject(data.configuration)) return false;
  const configuration = data.configuration;
  for (let i = 0; i < booleanStringKeys.length; i++) if (typeof configuration[booleanStringKeys[i] as string] === 'boolean') return false;
  const callback = configuration[CALLBACK_URL_KEY];
  if (callback !== undefined && !(configuration[EVENTS_ENABLED_KEY] === 'true' && typeof callback === 'string' && callback.startsWith('https://'))) return false;
  return plainlyPassesAuthTypeRules(configuration, data);
}

/** Whether a value at this path is a secret: below a secret configuration key, or `providerData`. */
function holdsSecret(path: readonly string[]): boolean {
  return path[0] === 'providerData' || (path[0] === 'configuration' && path.length >= 2 && isSecretConfigurationKey(path[1] as string));
}

/** Instance files are shallow; placeholders are not looked for deeper than this. */
const MAX_PLACEHOLDER_DEPTH = 16;

/**
 * Every string value, down to a sane depth, that is still a docs placeholder, in document order.
 * `path` holds the keys down to `value`; a pointer is built only for a value that is reported.
 */
function placeholders(value: unknown, path: string[], findings: Finding[]): void {
  if (typeof value === 'string') {
    // Cheap first test: a placeholder starts with "<".
    if (value.charCodeAt(0) === 0x3c && PLACEHOLDER.test(value)) {
      const pointer = path.map((segment) => `/${escapePointerSegment(segment)}`).join('');
      findings.push({
        pointer,
        at: pointer,
        target: 'value',
        severity: 'error',
        rule: 'placeholder',
        // A secret's value is never quoted, even one that looks like a placeholder: it may be real.
        message: `${displayKey(pointer)} still holds ${holdsSecret(path) ? 'a docs placeholder' : `the docs placeholder ${value}`}: replace it with the real value`,
      });
    }
    return;
  }
  if (typeof value !== 'object' || value === null || path.length >= MAX_PLACEHOLDER_DEPTH) return;
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      path.push(String(i));
      placeholders(value[i], path, findings);
      path.pop();
    }
  } else {
    for (const key of Object.keys(value)) {
      path.push(key);
      placeholders((value as JsonObject)[key], path, findings);
      path.pop();
    }
  }
}

/** The known keys of one object, and the likeliest one meant by a key that is not among them. */
interface KnownKeys {
  keys: ReadonlySet<string>;
  /** Typos repeat across files made from one template, so each is looked up once per run. */
  suggest: (key: string) => string | undefined;
  where: string;
}

const knownKeys = (keys: readonly string[], where: string): KnownKeys => ({ keys: new Set(keys), suggest: remembered((key) => closest(key, keys)), where });
const topLevel = knownKeys(topLevelKeys, 'top-level key');
const configurationLevel = knownKeys(configurationKeys, 'configuration key');

function unknownKeys(data: unknown, findings: Finding[]): void {
  if (!isJsonObject(data)) return;
  keysNotIn(data, topLevel, '', findings);
  const configuration = data.configuration;
  if (isJsonObject(configuration)) keysNotIn(configuration, configurationLevel, '/configuration', findings);
}

function keysNotIn(object: JsonObject, known: KnownKeys, base: string, findings: Finding[]): void {
  for (const key of keysOf(object)) {
    if (known.keys.has(key)) continue;
    const pointer = `${base}/${escapePointerSegment(key)}`;
    const suggestion = known.suggest(key);
    findings.push({
      pointer,
      at: pointer,
      target: 'key',
      severity: 'warning',
      rule: 'unknown-key',
      message: `unknown ${known.where} ${JSON.stringify(shorten(key))}${suggestion ? `: did you mean ${JSON.stringify(suggestion)}?` : ''}`,
    });
  }
}

/** Keys are quoted in messages; a pathological one is cut short. */
function shorten(text: string): string {
  return text.length > 80 ? `${text.slice(0, 77)}...` : text;
}

function eventRules(data: unknown, findings: Finding[]): void {
  if (!isJsonObject(data) || !isJsonObject(data.configuration)) return;
  const configuration = data.configuration;
  for (const key of booleanStringKeys) {
    const value = configuration[key];
    if (typeof value !== 'boolean') continue;
    const pointer = `/configuration/${escapePointerSegment(key)}`;
    findings.push(warning(pointer, 'boolean-string', `${key} is the JSON boolean ${value}; Cloud Elements stores configuration values as strings: write "${value}"`));
  }
  const callback = configuration[CALLBACK_URL_KEY];
  if (typeof callback === 'string' && callback !== '') {
    const pointer = `/configuration/${CALLBACK_URL_KEY}`;
    const enabled = configuration[EVENTS_ENABLED_KEY];
    if (enabled !== 'true' && enabled !== true) {
      findings.push(warning(pointer, 'unused-callback', `${CALLBACK_URL_KEY} is set but events are not enabled: set ${EVENTS_ENABLED_KEY} to "true", or remove the URL`));
    }
    if (isInsecureUrl(callback)) {
      findings.push(warning(pointer, 'insecure-url', `${displayKey(pointer)} uses plain http:// for a host that is not loopback; events would travel unencrypted: use https://`));
    }
  }
}

/**
 * An optional key that is null or "", as the platform writes a value that is not set: allowed by the
 * schema, and worth a word, since it may be a value someone meant to fill in. A callback URL that
 * events need is the schema's error instead.
 */
function emptyValues(data: unknown, findings: Finding[]): void {
  if (!isJsonObject(data) || !isJsonObject(data.configuration)) return;
  const configuration = data.configuration;
  const enabled = configuration[EVENTS_ENABLED_KEY];
  for (const key of mayBeUnsetKeys) {
    const value = configuration[key];
    if (value !== null && value !== '') continue;
    if (key === CALLBACK_URL_KEY && (enabled === 'true' || enabled === true)) continue;
    const written = value === null ? 'null' : 'an empty string';
    findings.push(warning(`/configuration/${escapePointerSegment(key)}`, 'empty-value', `${key} is ${written}, which Cloud Elements reads as not set: remove the key, or give it a value`));
  }
}

function warning(pointer: string, rule: Finding['rule'], message: string): Finding {
  return { pointer, at: pointer, target: 'value', severity: 'warning', rule, message };
}

function isInsecureUrl(text: string): boolean {
  if (!/^http:\/\//i.test(text)) return false;
  try {
    return !isLoopbackHost(new URL(text).hostname);
  } catch {
    return false; // not a URL at all: the schema reports that
  }
}

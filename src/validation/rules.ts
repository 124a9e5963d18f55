import { escapePointerSegment } from './json-scan.js';
import type { Finding } from './problem.js';
import {
  CALLBACK_URL_KEY,
  EVENTS_ENABLED_KEY,
  booleanStringKeys,
  configurationKeys,
  displayKey,
  topLevelKeys,
} from './schema-facts.js';
import { closest } from './suggest.js';
import { isLoopbackHost } from '../url-safety.js';

/** A whole string that is one of the docs' placeholders, such as `<INSERT_STORE_ID>`. */
const PLACEHOLDER = /^<[A-Za-z][A-Za-z0-9_ .-]*>$/;

type Json = Record<string, unknown>;

const isObject = (value: unknown): value is Json =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** The checks a schema cannot express, run on parsed data. Each returns findings; none throws. */
export function ruleFindings(data: unknown): Finding[] {
  return [...placeholders(data), ...unknownKeys(data), ...eventRules(data)];
}

/** Instance files are shallow; placeholders are not looked for deeper than this. */
const MAX_PLACEHOLDER_DEPTH = 16;

/** Every string value, down to a sane depth, that is still a docs placeholder. */
function placeholders(data: unknown): Finding[] {
  const findings: Finding[] = [];
  const stack: [unknown, string, number][] = [[data, '', 0]];
  while (stack.length > 0) {
    const [value, pointer, depth] = stack.pop() as [unknown, string, number];
    if (depth > MAX_PLACEHOLDER_DEPTH) continue;
    if (typeof value === 'string') {
      if (PLACEHOLDER.test(value)) {
        findings.push({
          pointer,
          at: pointer,
          target: 'value',
          severity: 'error',
          rule: 'placeholder',
          message: `${displayKey(pointer)} still holds the docs placeholder ${value}: replace it with the real value`,
        });
      }
    } else if (Array.isArray(value)) {
      for (let i = value.length - 1; i >= 0; i--) stack.push([value[i], `${pointer}/${i}`, depth + 1]);
    } else if (isObject(value)) {
      const keys = Object.keys(value);
      for (let i = keys.length - 1; i >= 0; i--) {
        const key = keys[i] as string;
        stack.push([value[key], `${pointer}/${escapePointerSegment(key)}`, depth + 1]);
      }
    }
  }
  return findings;
}

function unknownKeys(data: unknown): Finding[] {
  if (!isObject(data)) return [];
  const findings = keysNotIn(data, topLevelKeys, '');
  const configuration = data.configuration;
  if (isObject(configuration)) findings.push(...keysNotIn(configuration, configurationKeys, '/configuration'));
  return findings;
}

function keysNotIn(object: Json, known: readonly string[], base: string): Finding[] {
  const findings: Finding[] = [];
  for (const key of Object.keys(object)) {
    if (known.includes(key)) continue;
    const pointer = `${base}/${escapePointerSegment(key)}`;
    const suggestion = closest(key, known);
    const where = base === '' ? 'top-level key' : 'configuration key';
    findings.push({
      pointer,
      at: pointer,
      target: 'key',
      severity: 'warning',
      rule: 'unknown-key',
      message: `unknown ${where} ${JSON.stringify(shorten(key))}${suggestion ? `: did you mean ${JSON.stringify(suggestion)}?` : ''}`,
    });
  }
  return findings;
}

/** Keys are quoted in messages; a pathological one is cut short. */
function shorten(text: string): string {
  return text.length > 80 ? `${text.slice(0, 77)}...` : text;
}

function eventRules(data: unknown): Finding[] {
  if (!isObject(data) || !isObject(data.configuration)) return [];
  const configuration = data.configuration;
  const findings: Finding[] = [];
  for (const key of booleanStringKeys) {
    const value = configuration[key];
    if (typeof value !== 'boolean') continue;
    const pointer = `/configuration/${escapePointerSegment(key)}`;
    findings.push(warning(pointer, 'boolean-string', `${key} is the JSON boolean ${value}; Cloud Elements stores configuration values as strings: write "${value}"`));
  }
  const callback = configuration[CALLBACK_URL_KEY];
  if (typeof callback === 'string') {
    const pointer = `/configuration/${CALLBACK_URL_KEY}`;
    const enabled = configuration[EVENTS_ENABLED_KEY];
    if (enabled !== 'true' && enabled !== true) {
      findings.push(warning(pointer, 'unused-callback', `${CALLBACK_URL_KEY} is set but events are not enabled: set ${EVENTS_ENABLED_KEY} to "true", or remove the URL`));
    }
    if (isInsecureUrl(callback)) {
      findings.push(warning(pointer, 'insecure-url', `${displayKey(pointer)} uses plain http:// for a host that is not loopback; events would travel unencrypted: use https://`));
    }
  }
  return findings;
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

import type { ErrorObject } from 'ajv';
import type { Finding } from '../problem.js';
import { escapePointerSegment } from './pointer.js';
import { AUTH_TYPE_KEY, CALLBACK_URL_KEY, displayKey, expectedAt, schemaAt } from './schema-facts.js';

/**
 * Turns ajv's errors into one clear finding per offending key. Messages come from the schema's titles
 * and the texts of expected-texts.ts and never quote the value, so a secret can never end up in a message.
 */
export function schemaFindings(errors: readonly ErrorObject[]): Finding[] {
  const findings = new Map<string, Finding>();
  for (const error of errors) {
    const finding = toFinding(error);
    if (finding && !findings.has(finding.pointer)) findings.set(finding.pointer, finding);
  }
  return [...findings.values()];
}

/** A keyword below a `then` or an `else`: required only because of what the file holds. */
const CONDITIONAL = /\/(?:then|else)\//;

function toFinding(error: ErrorObject): Finding | undefined {
  const path = error.instancePath;
  switch (error.keyword) {
    case 'if':
      return undefined; // its `then` branch reports the actual problem
    case 'required': {
      const missing = String((error.params as { missingProperty: string }).missingProperty);
      const pointer = `${path}/${escapePointerSegment(missing)}`;
      const conditional = CONDITIONAL.test(error.schemaPath);
      // Only keys of both authentication types, and no authentication.type, make the schema ask for it.
      if (conditional && missing === AUTH_TYPE_KEY) return authTypeFinding(pointer, path);
      const message =
        conditional && missing === CALLBACK_URL_KEY
          ? `missing ${CALLBACK_URL_KEY}: events are enabled, so Cloud Elements needs a callback URL to send them to`
          : `missing required key ${displayKey(pointer)}${titleOf(pointer)}`;
      return schemaFinding(pointer, path, message);
    }
    case 'uniqueItems': {
      const { i, j } = error.params as { i: number; j: number };
      const [first, later] = i < j ? [i, j] : [j, i];
      const pointer = `${path}/${later}`;
      return schemaFinding(pointer, pointer, `${displayKey(pointer)} repeats ${displayKey(`${path}/${first}`)}; tags must be distinct`);
    }
    default:
      if (path.endsWith(`/${CALLBACK_URL_KEY}`) && CONDITIONAL.test(error.schemaPath)) {
        // null or "" means "not set" elsewhere; with events on, the URL is needed.
        return schemaFinding(path, path, `${CALLBACK_URL_KEY} is empty: events are enabled, so Cloud Elements needs a callback URL to send them to`);
      }
      return schemaFinding(path, path, `${displayKey(path)} must be ${expected(path, error)}`);
  }
}

function authTypeFinding(pointer: string, at: string): Finding {
  return {
    pointer,
    at,
    target: 'value',
    severity: 'error',
    rule: 'auth-type',
    message: `${AUTH_TYPE_KEY} is missing, and the file holds both legacy keys (ecwid.*) and OAuth2 keys (oauth.*, providerData): set it to "custom" or "oauth2"`,
  };
}

function schemaFinding(pointer: string, at: string, message: string): Finding {
  return { pointer, at, target: 'value', severity: 'error', rule: 'schema', message };
}

function titleOf(pointer: string): string {
  const title = schemaAt(pointer)?.title;
  return title && title.toLowerCase() !== displayKey(pointer).toLowerCase() ? ` (${title})` : '';
}

function expected(pointer: string, error: ErrorObject): string {
  const text = expectedAt(pointer);
  if (text) return text;
  switch (error.keyword) {
    case 'type':
      return `of type ${String((error.params as { type: string }).type)}`;
    default:
      // Every key of the schema has its text (a test holds it to that), so this is only a
      // last resort; the validator is compiled without ajv's own messages, which cost time to build.
      return `valid (${error.keyword})`;
  }
}

import type { ErrorObject } from 'ajv';
import type { Finding } from '../problem.js';
import { escapePointerSegment } from './pointer.js';
import { CALLBACK_URL_KEY, displayKey, schemaAt } from './schema-facts.js';

/**
 * Turns ajv's errors into one clear finding per offending key. Messages come from the schema's titles
 * and `x-expected` texts and never quote the value, so a secret can never end up in a message.
 */
export function schemaFindings(errors: readonly ErrorObject[]): Finding[] {
  const findings = new Map<string, Finding>();
  for (const error of errors) {
    const finding = toFinding(error);
    if (finding && !findings.has(finding.pointer)) findings.set(finding.pointer, finding);
  }
  return [...findings.values()];
}

function toFinding(error: ErrorObject): Finding | undefined {
  const path = error.instancePath;
  switch (error.keyword) {
    case 'if':
      return undefined; // its `then` branch reports the actual problem
    case 'required': {
      const missing = String((error.params as { missingProperty: string }).missingProperty);
      const pointer = `${path}/${escapePointerSegment(missing)}`;
      const conditional = error.schemaPath.includes('/then/');
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
      return schemaFinding(path, path, `${displayKey(path)} must be ${expected(path, error)}`);
  }
}

function schemaFinding(pointer: string, at: string, message: string): Finding {
  return { pointer, at, target: 'value', severity: 'error', rule: 'schema', message };
}

function titleOf(pointer: string): string {
  const title = schemaAt(pointer)?.title;
  return title && title.toLowerCase() !== displayKey(pointer).toLowerCase() ? ` (${title})` : '';
}

function expected(pointer: string, error: ErrorObject): string {
  const text = schemaAt(pointer)?.['x-expected'];
  if (text) return text;
  switch (error.keyword) {
    case 'type':
      return `of type ${String((error.params as { type: string }).type)}`;
    default:
      // Every key of the schema says what it expects (a test holds it to that), so this is only a
      // last resort; the validator is compiled without ajv's own messages, which cost time to build.
      return `valid (${error.keyword})`;
  }
}

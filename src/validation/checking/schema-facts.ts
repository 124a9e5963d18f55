import { remembered } from '../../util/remembered.js';
import { EXPECTED_TEXTS } from './expected-texts.js';
import { schema } from './generated/schema-validator.js';
import { splitPointer } from './pointer.js';

/** The parts of a JSON Schema this project reads. */
export interface PropertySchema {
  title?: string;
  description?: string;
  enum?: unknown[];
  writeOnly?: boolean;
  pattern?: string;
  properties?: Record<string, PropertySchema>;
  items?: PropertySchema;
  required?: string[];
  anyOf?: PropertySchema[];
  $ref?: string;
  definitions?: Record<string, PropertySchema>;
}

/**
 * Facts read from the bundled schema, so that it stays the single source of truth: which keys exist,
 * which hold secrets, which are booleans written as strings, and how to say what a key expects.
 */
export const rootSchema = schema as PropertySchema;
const topProperties = rootSchema.properties ?? {};
const configurationProperties = topProperties.configuration?.properties ?? {};

export const topLevelKeys: readonly string[] = Object.keys(topProperties);
export const configurationKeys: readonly string[] = Object.keys(configurationProperties);

/** Configuration keys whose values are secrets (`writeOnly` in the schema). */
export const secretKeys: ReadonlySet<string> = new Set(
  configurationKeys.filter((key) => configurationProperties[key]?.writeOnly === true),
);

/** Configuration keys that hold a boolean written as the string "true" or "false". */
export const booleanStringKeys: readonly string[] = configurationKeys.filter((key) => {
  const values = configurationProperties[key]?.enum;
  return values?.includes('true') === true && values.includes('false');
});

const NOT_SET = '#/definitions/notSet';
/** Optional configuration keys whose value may be null or "" for "not set", as the platform writes them. */
export const mayBeUnsetKeys: readonly string[] = configurationKeys.filter((key) =>
  configurationProperties[key]?.anyOf?.some((branch) => branch.$ref === NOT_SET),
);

/** A whole string that is still a docs placeholder: `<INSERT_STORE_ID>`, `<{{page.apiKey}}>`. */
export const PLACEHOLDER = new RegExp(rootSchema.definitions?.placeholder?.pattern ?? '(?!)', 'u');

/** The legacy keys (`custom`) and the OAuth2 keys, as the schema's if/then require them. */
export const LEGACY_KEYS: readonly string[] = ['ecwid.store.id', 'ecwid.order.key', 'ecwid.product.key'];
export const AUTH_TYPE_KEY = 'authentication.type';
export const CALLBACK_URL_KEY = 'event.notification.callback.url';
export const EVENTS_ENABLED_KEY = 'event.notification.enabled';

/** The schema of the value at a JSON Pointer, when the schema describes it. */
export const schemaAt = remembered((pointer: string): PropertySchema | undefined => {
  let node: PropertySchema | undefined = rootSchema;
  for (const segment of splitPointer(pointer)) {
    if (!node) return undefined;
    node = /^\d+$/.test(segment) && node.items ? node.items : node.properties?.[segment];
  }
  return node;
});

/** What the key at a JSON Pointer expects, in words (see expected-texts.ts). */
export const expectedAt = remembered((pointer: string): string | undefined => {
  let node: PropertySchema | undefined = rootSchema;
  let key = '';
  for (const segment of splitPointer(pointer)) {
    if (!node) return undefined;
    const item: boolean = /^\d+$/.test(segment) && node.items !== undefined;
    node = item ? node.items : node.properties?.[segment];
    key += item ? '/*' : `/${segment}`;
  }
  return node && Object.hasOwn(EXPECTED_TEXTS, key) ? EXPECTED_TEXTS[key] : undefined;
});

/** How a pointer is named in messages: `ecwid.store.id`, `element.key`, `tags[1]`, `name`. */
export const displayKey = remembered((pointer: string): string => {
  const segments = splitPointer(pointer);
  if (segments.length === 0) return 'the instance';
  if (segments[0] === 'configuration' && segments.length > 1) return describePath(segments.slice(1));
  return describePath(segments);
});

function describePath(segments: string[]): string {
  let out = '';
  for (const segment of segments) {
    if (/^\d+$/.test(segment) && out !== '') out += `[${segment}]`;
    else out += out === '' ? segment : `.${segment}`;
  }
  return out;
}

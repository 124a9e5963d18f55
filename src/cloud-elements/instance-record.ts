import { asJsonObject } from '../util/json-object.js';

/**
 * An instance as the Platform API describes it (`GET /instances`, `GET /instances/{id}`), reduced to
 * what this tool reads. Every field but the id may be missing from an older or odd answer. Its text is
 * foreign: escape it before printing.
 */
export interface InstanceRecord {
  id: string | number;
  name: string;
  /** `element.key`: `ecwid` for the instances this tool manages. */
  elementKey: string | undefined;
  createdDate: string | undefined;
  disabled: boolean | undefined;
  valid: boolean | undefined;
  eventsEnabled: boolean | undefined;
  tags: string[] | undefined;
}

/** The record of one answer item, or `undefined` when it has no usable id. */
export function readInstanceRecord(value: unknown): InstanceRecord | undefined {
  const item = asJsonObject(value);
  const id = item?.id;
  if (item === undefined || (typeof id !== 'number' && typeof id !== 'string') || id === '') return undefined;
  const key = asJsonObject(item.element)?.key;
  return {
    id,
    name: typeof item.name === 'string' ? item.name : '',
    elementKey: typeof key === 'string' ? key : undefined,
    createdDate: readDate(item.createdDate),
    disabled: typeof item.disabled === 'boolean' ? item.disabled : undefined,
    valid: typeof item.valid === 'boolean' ? item.valid : undefined,
    eventsEnabled: typeof item.eventsEnabled === 'boolean' ? item.eventsEnabled : undefined,
    tags: Array.isArray(item.tags) ? item.tags.filter((tag): tag is string => typeof tag === 'string') : undefined,
  };
}

/** A date as the platform gives it: ISO text, or milliseconds since 1970 (shown as ISO). */
function readDate(value: unknown): string | undefined {
  if (typeof value === 'string' && value !== '') return value;
  if (typeof value === 'number' && Number.isFinite(value)) {
    const date = new Date(value);
    return Number.isNaN(date.getTime()) ? String(value) : date.toISOString();
  }
  return undefined;
}

/**
 * The entries of `GET /instances/{id}/configuration` (`[{ key, propertyValue, … }]`) as one map of
 * key → value. Secrets come back masked (`********`). Also reads a plain `{ key: value }` object.
 */
export function readConfigurationEntries(value: unknown): Map<string, string> | undefined {
  const entries = new Map<string, string>();
  if (Array.isArray(value)) {
    for (const item of value) {
      const entry = asJsonObject(item);
      if (typeof entry?.key !== 'string') continue;
      const shown = entry.propertyValue;
      if (typeof shown === 'string' || typeof shown === 'number' || typeof shown === 'boolean') entries.set(entry.key, String(shown));
    }
    return entries;
  }
  const object = asJsonObject(value);
  if (object === undefined) return undefined;
  for (const [key, shown] of Object.entries(object)) {
    if (typeof shown === 'string' || typeof shown === 'number' || typeof shown === 'boolean') entries.set(key, String(shown));
  }
  return entries;
}

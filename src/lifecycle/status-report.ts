import type { InstanceRecord } from '../cloud-elements/instance-record.js';
import type { SecretList } from '../secrets/secret-list.js';
import { escapeForeign, toJson } from '../text/escape.js';
import type { Comparison, Difference } from './compare.js';
import type { InstanceLookup } from './find-instance.js';

/** The `status --json` document. Every text in it that came from the platform is escaped. */
export type StatusReport =
  | { found: false; inStep: false; environment: string; lookup: { name: string } | { id: string } }
  | {
      found: true;
      inStep: boolean;
      environment: string;
      id: string | number;
      name: string;
      createdDate: string | null;
      enabled: boolean | null;
      valid: boolean | null;
      eventsEnabled: boolean | null;
      callbackUrl: string | null;
      tags: string[];
      differences: Difference[];
      notCompared: string[];
    };

/** The report when no instance was found: the lookup it made, escaped. */
export function missingReport(lookup: InstanceLookup, environment: string): StatusReport {
  return { found: false, inStep: false, environment, lookup: lookup.by === 'id' ? { id: lookup.id } : { name: lookup.name } };
}

/** What was read from the platform about the found instance. */
export interface PlatformFacts {
  record: InstanceRecord;
  configuration: ReadonlyMap<string, string>;
}

/**
 * The report of a found instance, any known secret masked. Its text is foreign: the JSON form is
 * written with `toJson`, the text form escapes each value as it prints it.
 */
export function foundReport(facts: PlatformFacts, comparison: Comparison, environment: string, secrets: SecretList): StatusReport {
  const safe = (text: string): string => secrets.redact(text);
  const safeValue = (value: string | string[] | null): string | string[] | null => (value === null ? null : Array.isArray(value) ? value.map(safe) : safe(value));
  const { record, configuration } = facts;
  const eventsSetting = configuration.get('event.notification.enabled');
  const callbackUrl = configuration.get('event.notification.callback.url');
  return {
    found: true,
    inStep: comparison.differences.length === 0,
    environment,
    id: typeof record.id === 'string' ? safe(record.id) : record.id,
    name: safe(record.name),
    createdDate: record.createdDate === undefined ? null : safe(record.createdDate),
    enabled: record.disabled === undefined ? null : !record.disabled,
    valid: record.valid ?? null,
    eventsEnabled: record.eventsEnabled ?? (eventsSetting === undefined ? null : eventsSetting === 'true'),
    callbackUrl: callbackUrl === undefined || callbackUrl === '' ? null : safe(callbackUrl),
    tags: (record.tags ?? []).map(safe),
    differences: comparison.differences.map((difference) => ({ key: safe(difference.key), platform: safeValue(difference.platform), file: safeValue(difference.file) })),
    notCompared: comparison.notCompared.map(safe),
  };
}

const yesNo = (value: boolean | null, yes: string, no: string): string => (value === null ? 'unknown' : value ? yes : no);

/** One side of a difference, escaped: tags as a JSON list, so that a tag holding a comma stays one tag. */
function shown(value: string | string[] | null): string {
  if (value === null) return '(not set)';
  return Array.isArray(value) ? toJson(value) : escapeForeign(value);
}

/**
 * The text form: the instance's facts, one line per secret not compared, one per difference, and
 * last `in step` or how many differences there are. Every foreign value is escaped here.
 */
export function formatStatus(report: StatusReport, missing: string): string {
  if (!report.found) return `${missing}\n`;
  const e = escapeForeign;
  let text =
    `id: ${e(String(report.id))}\nname: ${e(report.name)}\ncreated: ${report.createdDate === null ? 'unknown' : e(report.createdDate)}\n` +
    `enabled: ${yesNo(report.enabled, 'yes', 'no')}\nvalid: ${yesNo(report.valid, 'yes', 'no')}\n` +
    `events: ${yesNo(report.eventsEnabled, 'on', 'off')}\ncallback URL: ${report.callbackUrl === null ? '(none)' : e(report.callbackUrl)}\n` +
    `tags: ${report.tags.length === 0 ? '(none)' : report.tags.map((tag) => e(tag)).join(', ')}\n`;
  for (const key of report.notCompared) text += `${e(key)}: not compared\n`;
  for (const { key, platform, file } of report.differences) text += `${e(key)}: platform ${shown(platform)}, file ${shown(file)}\n`;
  const count = report.differences.length;
  text += count === 0 ? 'in step\n' : `out of step with the file: ${count} ${count === 1 ? 'difference' : 'differences'}\n`;
  return text;
}

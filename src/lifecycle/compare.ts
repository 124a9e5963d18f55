import type { InstanceBody } from '../cloud-elements/request.js';
import { isSecretConfigurationKey } from '../instance/configuration-secrets.js';
import { asJsonObject } from '../util/json-object.js';

/** How the platform shows a secret it holds: never the value. */
export const MASKED_BY_PLATFORM = '********';

/** One value the platform and the file disagree on; `null` where one side has none. */
export interface Difference {
  /** `name`, `tags`, or a configuration key such as `event.notification.callback.url`. */
  key: string;
  platform: string | string[] | null;
  file: string | string[] | null;
}

/** What `status` found when it held the instance against its file. */
export interface Comparison {
  differences: Difference[];
  /** Configuration keys whose values cannot be compared: secrets, which the platform never shows. */
  notCompared: string[];
}

/** What the platform holds of an instance, as far as it is compared. */
export interface PlatformSide {
  name: string;
  tags: readonly string[] | undefined;
  configuration: ReadonlyMap<string, string>;
}

/**
 * Compares the file with the platform: the name, the tags (as a set; no tags in the file means
 * none), and every configuration key the file sets. Keys the platform holds and the file does not
 * mention are not compared (the platform fills in defaults of its own). Secrets, and any value the
 * platform masks, are listed as not compared. JSON booleans and numbers in the file compare as the
 * text the platform stores.
 */
export function compareWithFile(file: InstanceBody, platform: PlatformSide): Comparison {
  const differences: Difference[] = [];
  const notCompared: string[] = [];
  const fileName = typeof file.name === 'string' ? file.name : null;
  if (fileName !== platform.name) differences.push({ key: 'name', platform: platform.name, file: fileName });
  for (const [key, value] of Object.entries(asJsonObject(file.configuration) ?? {})) {
    const held = platform.configuration.get(key);
    if (isSecretConfigurationKey(key) || held === MASKED_BY_PLATFORM) {
      notCompared.push(key);
      continue;
    }
    const wanted = asText(value);
    if (wanted !== (held ?? null)) differences.push({ key, platform: held ?? null, file: wanted });
  }
  const fileTags = tagsOf(file.tags);
  const platformTags = [...(platform.tags ?? [])];
  if (!sameSet(fileTags, platformTags)) differences.push({ key: 'tags', platform: platformTags, file: fileTags });
  return { differences, notCompared };
}

function asText(value: unknown): string | null {
  if (typeof value === 'string') return value;
  if (typeof value === 'boolean' || typeof value === 'number') return String(value);
  return value === null || value === undefined ? null : JSON.stringify(value);
}

function tagsOf(value: unknown): string[] {
  return Array.isArray(value) ? value.filter((tag): tag is string => typeof tag === 'string') : [];
}

function sameSet(a: readonly string[], b: readonly string[]): boolean {
  const left = new Set(a);
  const right = new Set(b);
  return left.size === right.size && [...left].every((item) => right.has(item));
}

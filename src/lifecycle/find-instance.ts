import type { InstanceRecord } from '../cloud-elements/instance-record.js';
import { usageError } from '../errors.js';
import { escapeForeign } from '../text/escape.js';
import type { PlatformSession } from './platform-session.js';

/** How the instance is named: by the file's `name`, or directly by `--id`. */
export type InstanceLookup = { by: 'name'; name: string } | { by: 'id'; id: string };

/** The lookup as the file and `--id` decide it. */
export function lookupOf(name: unknown, id: string | undefined): InstanceLookup {
  return id === undefined ? { by: 'name', name: typeof name === 'string' ? name : '' } : { by: 'id', id };
}

/** `No instance named "shop"` / `No instance 12345`: the words for a lookup that found nothing. */
export function describeMissing(lookup: InstanceLookup): string {
  return lookup.by === 'id' ? `No instance ${lookup.id}` : `No instance named "${escapeForeign(lookup.name)}"`;
}

/**
 * The one Ecwid instance the lookup names, or `undefined` when there is none. Several instances with
 * the name are never guessed between: that is a usage error listing their ids (pick one with `--id`).
 * An id that names another element's instance is refused, so that nothing but Ecwid is touched.
 */
export async function findOneInstance(session: PlatformSession, lookup: InstanceLookup): Promise<InstanceRecord | undefined> {
  if (lookup.by === 'id') {
    const { getInstance } = await import('../cloud-elements/instance-calls.js');
    const found = await getInstance(session.platform, lookup.id, session.client);
    if (found?.elementKey !== undefined && found.elementKey !== 'ecwid') {
      throw usageError(`instance ${lookup.id} is not an Ecwid instance (its element is "${escapeForeign(found.elementKey)}")`, 'Check the id: this tool manages Ecwid instances only.');
    }
    return found;
  }
  const { findInstances } = await import('../cloud-elements/instances.js');
  const found = await findInstances(session.platform, lookup.name, session.client);
  if (found.length > 1) {
    const ids = found.map((instance) => escapeForeign(String(instance.id))).join(', ');
    throw usageError(`${found.length} Ecwid instances are named "${escapeForeign(lookup.name)}": ${ids}`, 'Pick one with --id <id>.');
  }
  return found[0];
}

import type { ApiTarget } from '../cloud-elements/environments.js';
import type { InstanceRecord } from '../cloud-elements/instance-record.js';
import { missingSecretWarnings } from '../cloud-elements/platform-secrets.js';
import {
  formatRequest,
  INSTANCES_PATH,
  instanceRequest,
  listInstancesRequest,
  maskInstanceBody,
  type InstanceBody,
  type PlatformRequest,
  type PlatformSecrets,
} from '../cloud-elements/request.js';
import { PAGE_SIZE } from '../cloud-elements/instances.js';
import type { Context } from '../context.js';
import { CliError, ExitCode } from '../errors.js';
import { write } from '../io.js';
import type { InstanceLookup } from '../lifecycle/find-instance.js';
import type { PlatformSession } from '../lifecycle/platform-session.js';
import { maskSecret } from '../secrets/secret-list.js';
import { escapeForeign, toJson } from '../text/escape.js';

/**
 * What `--update` sends: the file's name, tags and configuration. Tags the file leaves out mean none,
 * so that the platform ends up as the file says. Secrets are always sent: the platform never shows
 * them, so whether they changed cannot be known.
 */
export function updateBody(body: InstanceBody): InstanceBody {
  return { name: body.name, tags: Array.isArray(body.tags) ? body.tags : [], configuration: body.configuration };
}

/**
 * With `--id`, the instance must exist: creating a new one would give it another id, and the next run
 * with the same `--id` would create yet another.
 */
export function missingById(lookup: Extract<InstanceLookup, { by: 'id' }>, target: ApiTarget): CliError {
  return new CliError(ExitCode.rejected, `No Ecwid instance ${lookup.id} on ${target.host}: nothing was sent`, 'Check the id, or drop --id to look the instance up by name (and create it when there is none).');
}

/** `--update`: the PATCH, once. The instance's id is the one the lookup found. */
export async function sendUpdate(session: PlatformSession, found: InstanceRecord, body: InstanceBody): Promise<{ id: string | number; name: string }> {
  const { updateInstance } = await import('../cloud-elements/instance-calls.js');
  const updated = await updateInstance(session.platform, found.id, updateBody(body), session.client);
  return { id: found.id, name: updated?.name || (typeof body.name === 'string' ? body.name : found.name) };
}

/** `--dry-run --update`: the lookup that would be made, then the PATCH; every secret masked. Sends nothing. */
export async function printUpdateDryRun(
  target: ApiTarget,
  body: InstanceBody,
  lookup: InstanceLookup,
  secrets: Partial<PlatformSecrets>,
  options: { json: boolean },
  context: Pick<Context, 'io' | 'version' | 'secrets'>,
): Promise<number> {
  const show = (value: string | undefined): string => (value === undefined ? '<not set>' : maskSecret(value));
  const masked = { user: show(secrets.user), organization: show(secrets.organization) };
  const find: PlatformRequest =
    lookup.by === 'id'
      ? instanceRequest(target.host, { method: 'GET', id: lookup.id }, masked, context.version)
      : listInstancesRequest(target.host, masked, context.version, PAGE_SIZE);
  const patch = instanceRequest(target.host, { method: 'PATCH', id: lookup.by === 'id' ? lookup.id : 0, json: maskInstanceBody(updateBody(body), context.secrets) }, masked, context.version);
  // Before the lookup the id is not known: the URL shows where it goes.
  if (lookup.by === 'name') patch.url = `${target.host}${INSTANCES_PATH}/{id}`;
  const text = options.json
    ? `${toJson({ lookup: { method: find.method, url: find.url, headers: find.headers }, update: { method: patch.method, url: patch.url, headers: patch.headers, body: patch.json } }, 2)}\n`
    : `${formatRequest(find)}\n${formatRequest(patch)}`;
  await write(context.io.stdout, text);
  const notes =
    lookup.by === 'id'
      ? `note: --update would send the PATCH only if instance ${lookup.id} exists\n`
      : `note: --update would send the PATCH to the instance named "${escapeForeign(String(body.name ?? ''))}", or create it (POST ${INSTANCES_PATH}) when there is none\n`;
  await write(context.io.stderr, `${missingSecretWarnings(secrets)}${notes}Dry run: nothing was sent.\n`);
  return 0;
}

import type { InstanceRecord } from '../cloud-elements/instance-record.js';
import { canPrompt, promptBlockers, type Context } from '../context.js';
import { CliError, ExitCode, usageError } from '../errors.js';
import { readInstanceFile } from '../instance/read-instance-file.js';
import { write } from '../io.js';
import { escapeForeign, toJson } from '../text/escape.js';
import { asJsonObject } from '../util/json-object.js';
import { describeMissing, type InstanceLookup } from './find-instance.js';
import type { DeleteOptions } from './lifecycle-options.js';

/**
 * Without `--yes` a person must confirm: when nothing may be asked (no terminal, `--no-input`,
 * `--json`, `CI`) the run stops before anything is read or sent.
 */
export function checkCanConfirm(options: Pick<DeleteOptions, 'yes' | 'input' | 'json'>, context: Pick<Context, 'io' | 'env'>): void {
  if (options.yes || canPrompt(context, { input: options.input, json: options.json })) return;
  const { reasons, notTerminals } = promptBlockers(context, { input: options.input, json: options.json });
  const why = [...reasons, ...notTerminals.map((stream) => `${stream} is not a terminal`)].join(', ');
  throw usageError(`nothing was deleted: deleting needs a confirmation, and none can be asked (${why})`, 'Add --yes to delete without asking.');
}

/**
 * The instance's name from its file. Only the name is needed, so the file need not pass every
 * `validate` check: an outdated file still names what to delete.
 */
export async function readInstanceName(path: string, context: Pick<Context, 'io' | 'cwd' | 'secrets'>): Promise<string> {
  const file = await readInstanceFile(path, context);
  const name = asJsonObject(file.data)?.name;
  if (typeof name === 'string' && name !== '') return name;
  throw new CliError(ExitCode.invalid, `${escapeForeign(file.name)} holds no instance name: nothing was deleted`, 'Give the file with the instance\'s "name", or name the instance with --id <id>.');
}

/** `Delete instance <id> "<name>"? (y/N)`: anything but yes cancels (exit 130), nothing deleted. */
export async function confirmDelete(found: InstanceRecord, context: Pick<Context, 'prompter' | 'secrets'>): Promise<void> {
  const prompter = await context.prompter();
  const message = `Delete instance ${shownId(found, context)} "${shownName(found, context)}"?`;
  if (!(await prompter.confirm({ message, default: false }))) throw new CliError(ExitCode.cancelled, 'Cancelled: nothing was deleted');
}

const shownId = (found: InstanceRecord, context: Pick<Context, 'secrets'>): string => escapeForeign(context.secrets.redact(String(found.id)));
const shownName = (found: InstanceRecord, context: Pick<Context, 'secrets'>): string => escapeForeign(context.secrets.redact(found.name));

type Outcome = { deleted: true; instance: InstanceRecord; environment: string } | { deleted: false; lookup: InstanceLookup; environment: string };

/** `Deleted instance <id> "<name>"`, or that there was nothing to delete; `--json` as one object. */
export async function printOutcome(outcome: Outcome, options: Pick<DeleteOptions, 'json'>, context: Pick<Context, 'io' | 'secrets'>): Promise<number> {
  let text: string;
  if (outcome.deleted) {
    const { instance } = outcome;
    const id = typeof instance.id === 'number' ? instance.id : context.secrets.redact(instance.id);
    text = options.json
      ? `${toJson({ deleted: true, id, name: context.secrets.redact(instance.name), environment: outcome.environment }, 2)}\n`
      : `Deleted instance ${shownId(instance, context)} "${shownName(instance, context)}"\n`;
  } else {
    const { lookup } = outcome;
    const named = lookup.by === 'id' ? { id: lookup.id } : { name: lookup.name };
    text = options.json ? `${toJson({ deleted: false, lookup: named, environment: outcome.environment }, 2)}\n` : `${describeMissing(lookup)}: nothing deleted\n`;
  }
  await write(context.io.stdout, text);
  return 0;
}

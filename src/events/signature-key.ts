import { stat } from 'node:fs/promises';
import { resolve } from 'node:path';
import type { Context } from '../context.js';
import { CliError, ExitCode } from '../errors.js';
import { readInstanceFile } from '../instance/read-instance-file.js';
import { asJsonObject } from '../util/json-object.js';
import { stripOneTrailingNewline } from '../secrets/secret-list.js';
import { readSecretFile } from '../secrets/secret-input.js';
import type { KeyOptions } from './events-options.js';

export const DEFAULT_INSTANCE_FILE = 'instance.json';
const KEY = 'event.notification.signature.key';

/** The parts of an instance file the events commands use. */
export interface EventsInstance {
  /** The name shown in messages: the path as given. */
  name: string;
  signatureKey: string | undefined;
  callbackUrl: string | undefined;
}

/** A signature key and where it came from, for messages (never the key itself). */
export interface KnownKey {
  key: string;
  from: string;
}

type KeyContext = Pick<Context, 'io' | 'cwd' | 'env' | 'secrets'>;

/**
 * The instance file named by `--instance`, or ./instance.json when it exists; undefined when neither.
 * A named file that cannot be read is exit 3; one that is not a JSON object, exit 1. Only the two
 * event values are taken from it: whether the rest is valid is `validate`'s business.
 */
export async function readEventsInstance(path: string | undefined, context: KeyContext): Promise<EventsInstance | undefined> {
  if (path === undefined) {
    const exists = await stat(resolve(context.cwd, DEFAULT_INSTANCE_FILE)).then((found) => found.isFile(), () => false);
    if (!exists) return undefined;
  }
  const file = await readInstanceFile(path ?? DEFAULT_INSTANCE_FILE, context);
  const data = asJsonObject(file.data);
  if (data === undefined) {
    throw new CliError(ExitCode.invalid, `${file.name} is not an instance file: expected a JSON object`, `\`ecwid-instance validate ${file.name}\` shows the problems.`);
  }
  const configuration = asJsonObject(data.configuration) ?? {};
  // Files copied from platform answers hold "" for a value that is not set.
  const text = (value: unknown): string | undefined => (typeof value === 'string' && value !== '' ? value : undefined);
  return { name: file.name, signatureKey: text(configuration[KEY]), callbackUrl: text(configuration['event.notification.callback.url']) };
}

/**
 * The signature key: `--signature-key-file`, else `ECWID_SIGNATURE_KEY`, else the instance file's
 * `event.notification.signature.key` (read only when needed). Undefined when none is known.
 */
export async function findSignatureKey(options: KeyOptions, context: KeyContext, instance: () => Promise<EventsInstance | undefined>): Promise<KnownKey | undefined> {
  if (options.signatureKeyFile !== undefined) {
    return { key: await readSecretFile(options.signatureKeyFile, '--signature-key-file', context), from: '--signature-key-file' };
  }
  const variable = context.env.ECWID_SIGNATURE_KEY;
  if (variable !== undefined && variable !== '') return { key: stripOneTrailingNewline(variable), from: 'ECWID_SIGNATURE_KEY' };
  const file = await instance();
  return file?.signatureKey === undefined ? undefined : { key: file.signatureKey, from: file.name };
}

/** Reads the instance file at most once, on first use. */
export function instanceOnce(options: KeyOptions, context: KeyContext): () => Promise<EventsInstance | undefined> {
  let read: Promise<EventsInstance | undefined> | undefined;
  return () => (read ??= readEventsInstance(options.instance, context));
}

import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Context } from '../context.js';
import { CliError, ExitCode, usageError } from '../errors.js';
import { readInstanceFile } from './read-instance-file.js';
import { checkStoreId } from './field-checks.js';

/**
 * The store ID for `urls`: `--store-id`, else the named instance file, else `ECWID_STORE_ID`, else the
 * config store, else `./instance.json`. A bad one from a file is invalid instance data (exit 1); from
 * anywhere else it is a usage error (exit 2).
 */
export async function findStoreId(options: { storeId?: string | undefined; file?: string | undefined }, context: Context): Promise<string> {
  const { storeId, source, fromFile } = await locateStoreId(options, context);
  const verdict = checkStoreId(storeId);
  if (verdict !== true) {
    const message = `${source}: ${verdict}`;
    throw fromFile ? new CliError(ExitCode.invalid, message, `Check it with: ecwid-instance validate ${source}`) : usageError(message);
  }
  return storeId;
}

interface Found {
  storeId: string;
  source: string;
  fromFile?: boolean;
}

async function locateStoreId(options: { storeId?: string | undefined; file?: string | undefined }, context: Context): Promise<Found> {
  if (options.storeId !== undefined) return { storeId: options.storeId, source: '--store-id' };
  if (options.file !== undefined) return fromFile(options.file, context);
  if (context.env.ECWID_STORE_ID) return { storeId: context.env.ECWID_STORE_ID, source: 'ECWID_STORE_ID' };
  const { openConfigStore } = await import('../config/store.js');
  const configured = (await openConfigStore(context.env)).get('store-id');
  if (configured !== undefined) return { storeId: configured, source: 'config store-id' };
  if (existsSync(resolve(context.cwd, 'instance.json'))) return fromFile('instance.json', context);
  throw usageError('no store ID: give --store-id, an instance file, or ECWID_STORE_ID', 'e.g. ecwid-instance urls --store-id 4870020');
}

async function fromFile(path: string, context: Context): Promise<Found> {
  const { name, data } = await readInstanceFile(path, context);
  const storeId = (data as { configuration?: Record<string, unknown> } | undefined)?.configuration?.['ecwid.store.id'];
  if (typeof storeId !== 'string') {
    throw new CliError(ExitCode.invalid, `${name} has no ecwid.store.id`, `Check it with: ecwid-instance validate ${path}`);
  }
  return { storeId, source: name, fromFile: true };
}

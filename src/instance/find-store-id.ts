import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Context } from '../context.js';
import { CliError, ExitCode, usageError } from '../errors.js';
import type { ConfigValues } from '../config/key-names.js';
import { asJsonObject } from '../util/json-object.js';
import { where } from '../validation/reporting/text.js';
import { decideAuthType } from './auth-type.js';
import { readInstanceFile } from './read-instance-file.js';
import { checkStoreId } from './field-checks.js';
import { escapeFileName, escapeForeign } from '../text/escape.js';

/**
 * The store ID for `urls`: `--store-id`, else the named instance file, else `ECWID_STORE_ID`, else the
 * config store, else `./instance.json`. A bad one from a file is invalid instance data (exit 1); from
 * anywhere else it is a usage error (exit 2). `null` when the file is an OAuth2 one: it has no store
 * ID, and needs no Legacy API Key page.
 */
export async function findStoreId(
  options: { storeId?: string | undefined; file?: string | undefined },
  context: Context,
  readConfig: () => Promise<ConfigValues>,
): Promise<string | null> {
  const { storeId, source, fromFile } = await locateStoreId(options, context, readConfig);
  if (storeId === null) return null;
  const verdict = checkStoreId(storeId);
  if (verdict !== true) {
    const message = `${source}: ${verdict}`;
    throw fromFile ? new CliError(ExitCode.invalid, message, `Check it with: ecwid-instance validate ${source}`) : usageError(message);
  }
  return storeId;
}

interface Found {
  storeId: string | null;
  source: string;
  fromFile?: boolean;
}

async function locateStoreId(
  options: { storeId?: string | undefined; file?: string | undefined },
  context: Context,
  readConfig: () => Promise<ConfigValues>,
): Promise<Found> {
  // Typed values are trimmed, as init and config set trim them; a file's value is taken as it is.
  if (options.storeId !== undefined) return { storeId: options.storeId.trim(), source: '--store-id' };
  if (options.file !== undefined) return fromFile(options.file, context);
  if (context.env.ECWID_STORE_ID) return { storeId: context.env.ECWID_STORE_ID.trim(), source: 'ECWID_STORE_ID' };
  const configured = (await readConfig())['store-id'];
  if (configured !== undefined) return { storeId: configured, source: 'config store-id' };
  if (existsSync(resolve(context.cwd, 'instance.json'))) return fromFile('instance.json', context);
  throw usageError('no store ID: give --store-id, an instance file, or ECWID_STORE_ID', 'e.g. ecwid-instance urls --store-id 4870020');
}

async function fromFile(path: string, context: Context): Promise<Found> {
  const { data, result, name: fileName } = await readInstanceFile(path, context);
  // Shown in messages: escaped where it enters them.
  const name = escapeFileName(fileName);
  const shownPath = escapeFileName(path);
  const syntax = result.problems.find((problem) => problem.rule === 'syntax');
  if (syntax) throw new CliError(ExitCode.invalid, `${where(syntax)}: ${escapeForeign(syntax.message)}`, `Check it with: ecwid-instance validate ${shownPath}`);
  const auth = decideAuthType(data);
  if (auth.type === undefined) {
    throw new CliError(ExitCode.invalid, `${name} holds both legacy (ecwid.*) and OAuth2 (oauth.*) keys`, 'Set "authentication.type" to "custom" or "oauth2" in its configuration.');
  }
  if (auth.type === 'oauth2') return { storeId: null, source: name, fromFile: true };
  const storeId = asJsonObject(asJsonObject(data)?.configuration)?.['ecwid.store.id'];
  if (typeof storeId !== 'string') {
    throw new CliError(ExitCode.invalid, `${name} has no ecwid.store.id`, `Check it with: ecwid-instance validate ${shownPath}`);
  }
  return { storeId, source: name, fromFile: true };
}

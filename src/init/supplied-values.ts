import type { Context } from '../context.js';
import type { ConfigKey, ConfigValues } from '../config/key-names.js';
import type { AuthType } from '../instance/auth-type.js';
import {
  checkCallbackUrl,
  checkClientId,
  checkClientSecret,
  checkRedirectUrl,
  checkScope,
  checkName,
  checkOrderKey,
  checkProductKey,
  checkSignatureKey,
  checkStoreId,
  checkTags,
  requireValid,
  splitTags,
  type FieldCheck,
} from '../instance/field-checks.js';
import { stripOneTrailingNewline } from '../secrets/secret-list.js';
import { readSecretFile } from '../secrets/secret-input.js';
import type { Draft, InitOptions } from './init-options.js';

type Candidate = [source: string, value: string | undefined];

/** The first candidate with a value, in precedence order (flag > environment > config). */
function pick(candidates: Candidate[]): { source: string; value: string } | undefined {
  for (const [source, value] of candidates) if (value !== undefined && value !== '') return { source, value };
  return undefined;
}

/** The value found, checked (see requireValid), if any. */
function accept(found: { source: string; value: string } | undefined, check: FieldCheck): string | undefined {
  return found === undefined ? undefined : requireValid(found.source, found.value, check);
}

const trimmed = (value: string | undefined): string | undefined => value?.trim();

/** A secret from the environment loses one trailing newline, as one from a `--…-file` does. */
const secretVariable = (value: string | undefined): string | undefined => (value === undefined ? undefined : stripOneTrailingNewline(value));

/**
 * Everything flags, environment variables and the config store supply, each checked. Secrets come
 * only from a `--…-file` flag (a path or `-` for stdin) or an environment variable. Only the values of
 * the authentication types that may be used (`types`) are read.
 */
export async function suppliedValues(
  options: InitOptions,
  context: Pick<Context, 'io' | 'cwd' | 'env' | 'secrets'>,
  config: ConfigValues,
  types: readonly AuthType[],
): Promise<Draft> {
  const { env } = context;
  const secret = async (file: string | undefined, flag: string, variable: string, check: FieldCheck): Promise<string | undefined> => {
    if (file !== undefined) return accept({ source: flag, value: await readSecretFile(file, flag, context) }, check);
    return accept(pick([[variable, secretVariable(env[variable])]]), check);
  };
  /** The precedence of a plain value: flag > environment variable > config store. */
  const layered = (flag: string, flagValue: string | undefined, variable: string, key: ConfigKey) =>
    pick([
      [flag, trimmed(flagValue)],
      [variable, trimmed(env[variable])],
      [`config ${key}`, config[key]],
    ]);
  const draft: Draft = {};
  if (types.includes('custom')) {
    draft.storeId = accept(layered('--store-id', options.storeId, 'ECWID_STORE_ID', 'store-id'), checkStoreId);
    draft.orderKey = await secret(options.orderKeyFile, '--order-key-file', 'ECWID_ORDER_KEY', checkOrderKey);
    draft.productKey = await secret(options.productKeyFile, '--product-key-file', 'ECWID_PRODUCT_KEY', checkProductKey);
  }
  if (types.includes('oauth2')) {
    draft.clientId = accept(layered('--client-id', options.clientId, 'ECWID_CLIENT_ID', 'client-id'), checkClientId);
    draft.clientSecret = await secret(options.clientSecretFile, '--client-secret-file', 'ECWID_CLIENT_SECRET', checkClientSecret);
    draft.redirectUrl = accept(layered('--redirect-url', options.redirectUrl, 'ECWID_REDIRECT_URL', 'redirect-url'), checkRedirectUrl);
    draft.scope = accept(pick([['--scope', trimmed(options.scope)]]), checkScope);
  }
  return {
    ...draft,
    signatureKey: await secret(options.signatureKeyFile, '--signature-key-file', 'ECWID_SIGNATURE_KEY', checkSignatureKey),
    generateSignatureKey: options.generateSignatureKey ? true : undefined,
    events: options.events,
    callbackUrl: accept(layered('--callback-url', options.callbackUrl, 'ECWID_CALLBACK_URL', 'callback-url'), checkCallbackUrl),
    name: accept(pick([['--name', options.name], ['config name', config.name]]), checkName),
    tags: suppliedTags(options.tags, config.tags),
  };
}

/** `--tag` (repeated; a tag given twice counts once) replaces the config's tags rather than adding to them. */
function suppliedTags(flags: string[], configured: string | undefined): string[] | undefined {
  if (flags.length > 0) return requireValid('--tag', [...new Set(flags)], checkTags);
  return configured === undefined ? undefined : requireValid('config tags', splitTags(configured), checkTags);
}

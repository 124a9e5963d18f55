import { lstat } from 'node:fs/promises';
import { resolve } from 'node:path';
import { findChosenApiTarget, namedTarget, DEFAULT_ENVIRONMENT } from '../cloud-elements/environments.js';
import { readConfigValues } from '../config/store.js';
import { canPrompt, promptBlockers, type Context } from '../context.js';
import { usageError } from '../errors.js';
import { checkWritablePath } from '../fs/check-output-path.js';
import type { InstanceSettings } from '../instance/build-instance.js';
import { write } from '../io.js';
import { generateSignatureKey } from '../instance/signature-key.js';
import { checkOneStdinReader } from '../secrets/secret-input.js';
import { AUTH_TYPES } from '../instance/auth-type.js';
import { chosenAuthType, inferredAuthType, unusedFlags } from './auth-choice.js';
import type { Draft, InitOptions, InitPlan } from './init-options.js';
import { suppliedValues } from './supplied-values.js';
import { runWizard } from './wizard.js';

/**
 * Resolves flags, environment, config and (on a terminal) answers into one finished plan. No file is
 * written here, and nothing is asked after it returns.
 */
export async function gatherOptions(options: InitOptions, context: Context): Promise<InitPlan> {
  checkConflicts(options, context);
  // A secret read from stdin uses up the keyboard: nothing more can be asked.
  const interactive = canPrompt(context, options) && !readsStdin(options);
  // A path that cannot take the file is refused before anything is asked; the wizard's last step
  // confirms replacing an existing file.
  if (options.output !== '-') await checkWritablePath(resolve(context.cwd, options.output), { overwrite: options.force || interactive });
  const config = await readConfigValues(context.env);
  let target = findChosenApiTarget(options, context.env, config);
  // Named by a flag, ECWID_AUTH_TYPE or config; else asked, or else what the values given say.
  const chosen = chosenAuthType(options, context.env, config);
  const suggested = inferredAuthType(options, context.env);
  const draft = await suppliedValues(options, context, config, chosen !== undefined ? [chosen] : interactive ? AUTH_TYPES : [suggested]);
  let values: Draft = { ...draft, authType: chosen ?? (interactive ? undefined : suggested) };
  let overwrite = options.force;
  if (interactive) {
    const answered = await runWizard({
      ...values,
      suggestedAuthType: suggested,
      prompt: await context.prompter(),
      say: (text) => write(context.io.stderr, text),
      target,
      output: options.output,
      overwrite,
      // lstat: a symbolic link that leads nowhere is still there to be replaced, so it is asked about.
      outputExists: () => lstat(resolve(context.cwd, options.output)).then(() => true, () => false),
    });
    values = answered;
    overwrite = answered.overwrite;
    target = answered.target;
  }
  const settings = finishSettings(values, () => whyNotAsked(context, options));
  const signatureKeyGenerated = settings.eventsEnabled && settings.signatureKey === undefined && values.generateSignatureKey === true;
  if (signatureKeyGenerated) {
    settings.signatureKey = generateSignatureKey();
    context.secrets.add(settings.signatureKey);
  }
  for (const flag of unusedFlags(options, settings.authType ?? 'custom')) {
    await write(context.io.stderr, `warning: ${flag} is not used: the instance authenticates with ${settings.authType === 'oauth2' ? 'OAuth2' : 'the legacy API keys'}\n`);
  }
  target ??= namedTarget(DEFAULT_ENVIRONMENT);
  await warnUnusedSignatureKey(settings, options, context);
  return { settings, output: options.output, overwrite, target, json: options.json, signatureKeyGenerated };
}

function checkConflicts(options: InitOptions, context: Pick<Context, 'io' | 'env'>): void {
  if (options.json && options.output === '-') {
    throw usageError('--json and --output - both write to stdout', 'Write the file with --output <file>, or drop --json.');
  }
  // The file holds both secrets: on a terminal they would be shown in full.
  if (options.output === '-' && context.io.stdoutIsTTY) {
    throw usageError('--output - would show the secrets on the terminal', 'Pipe it into another command (e.g. | ecwid-instance provision -), or write a file with --output <file>.');
  }
  if (options.generateSignatureKey) {
    const given = options.signatureKeyFile !== undefined ? '--signature-key-file' : context.env.ECWID_SIGNATURE_KEY ? 'ECWID_SIGNATURE_KEY' : undefined;
    if (given) throw usageError(`--generate-signature-key and ${given} both give the signature key`, `Drop one of them${given === 'ECWID_SIGNATURE_KEY' ? ' (unset ECWID_SIGNATURE_KEY to generate a key)' : ''}.`);
  }
  checkOneStdinReader(
    [
      ['--order-key-file', options.orderKeyFile],
      ['--product-key-file', options.productKeyFile],
      ['--signature-key-file', options.signatureKeyFile],
      ['--client-secret-file', options.clientSecretFile],
    ],
    'Give the others as files or environment variables.',
  );
}

function readsStdin(options: InitOptions): boolean {
  return [options.orderKeyFile, options.productKeyFile, options.signatureKeyFile, options.clientSecretFile].includes('-');
}

/**
 * Why nothing could be asked, for the missing-values error: every reason that applies, so the hint never
 * suggests a terminal to someone who is at one.
 */
function whyNotAsked(context: Pick<Context, 'io' | 'env'>, options: InitOptions): string {
  const { reasons, notTerminals } = promptBlockers(context, options);
  if (notTerminals.length > 0) {
    const terminalOnly = reasons.length === 0;
    reasons.push(`${notTerminals.join(' and ')} ${notTerminals.length === 1 ? 'is not a terminal' : 'are not terminals'}`);
    if (terminalOnly) return `Nothing is asked: ${reasons.join(', ')}. Give them as above, or run init in a terminal to be asked.`;
  } else if (readsStdin(options)) {
    reasons.push('a secret is read from stdin');
  }
  return `Nothing is asked: ${reasons.join(', ')}. Give them as above.`;
}

/** Required values of each type with where each can come from, in the order the wizard asks for them. */
type Required = [key: keyof Draft, label: string, flag: string, otherwise: string];
const CALLBACK: Required = ['callbackUrl', 'callback URL (events are on)', '--callback-url <url>', 'ECWID_CALLBACK_URL'];
const REQUIRED: Record<'custom' | 'oauth2', Required[]> = {
  custom: [
    ['storeId', 'store ID', '--store-id <id>', 'ECWID_STORE_ID'],
    ['orderKey', 'Order API secret', '--order-key-file <file>', 'ECWID_ORDER_KEY'],
    ['productKey', 'Product API secret', '--product-key-file <file>', 'ECWID_PRODUCT_KEY'],
    CALLBACK,
  ],
  oauth2: [
    ['clientId', 'client ID', '--client-id <id>', 'ECWID_CLIENT_ID'],
    ['clientSecret', 'client secret', '--client-secret-file <file>', 'ECWID_CLIENT_SECRET'],
    ['redirectUrl', 'redirect URL', '--redirect-url <url>', 'ECWID_REDIRECT_URL'],
    CALLBACK,
    // No store ID to name it after: two stores of one app must not share a name (--if-absent).
    ['name', 'instance name', '--name <name>', 'config name'],
  ],
};

/** Applies the defaults; every missing required value is listed in one usage error. */
function finishSettings(draft: Draft, hint: () => string): InstanceSettings {
  const authType = draft.authType ?? 'custom';
  const eventsEnabled = draft.events ?? draft.callbackUrl !== undefined;
  const missing = REQUIRED[authType].filter(([key]) => draft[key] === undefined && (key !== 'callbackUrl' || eventsEnabled));
  if (missing.length > 0) {
    const width = Math.max(...missing.map(([, label]) => label.length));
    const lines = missing.map(([, label, flag, otherwise]) => `  ${label.padEnd(width)}  ${flag} or ${otherwise}`);
    throw usageError(
      `missing ${missing.length === 1 ? 'a required value' : `${missing.length} required values`}:\n${lines.join('\n')}`,
      `${hint()} Secrets come from a file (- for stdin) or the environment, never from a flag's value.`,
    );
  }
  const common = { eventsEnabled, callbackUrl: draft.callbackUrl, signatureKey: draft.signatureKey, tags: draft.tags ?? [] };
  const { storeId, orderKey, productKey, clientId, clientSecret, redirectUrl, name } = draft;
  if (authType === 'oauth2' && clientId !== undefined && clientSecret !== undefined && redirectUrl !== undefined && name !== undefined) {
    return { ...common, authType, clientId, clientSecret, redirectUrl, scope: draft.scope, name };
  }
  if (authType === 'custom' && storeId !== undefined && orderKey !== undefined && productKey !== undefined) {
    return { ...common, authType, storeId, orderKey, productKey, name: name ?? `ecwid-${storeId}` };
  }
  throw new Error('finishSettings: a required value passed the check unset');
}

/** A signature key only signs event callbacks: with events off it is dropped, and that is said. */
async function warnUnusedSignatureKey(settings: InstanceSettings, options: InitOptions, context: Context): Promise<void> {
  if (!settings.eventsEnabled && options.generateSignatureKey) {
    await write(context.io.stderr, 'warning: --generate-signature-key is not used: events are off, and the signature key only signs event callbacks\n');
    return;
  }
  if (settings.eventsEnabled || settings.signatureKey === undefined) return;
  const source = options.signatureKeyFile !== undefined ? '--signature-key-file' : 'ECWID_SIGNATURE_KEY';
  await write(context.io.stderr, `warning: ${source} is not used: events are off, and the signature key only signs event callbacks\n`);
}

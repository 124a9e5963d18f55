import { lstat } from 'node:fs/promises';
import { resolve } from 'node:path';
import { findApiTarget } from '../cloud-elements/environments.js';
import { readConfigValues } from '../config/store.js';
import { canPrompt, promptBlockers, type Context } from '../context.js';
import { usageError } from '../errors.js';
import { checkWritablePath } from '../fs/check-output-path.js';
import type { InstanceSettings } from '../instance/build-instance.js';
import { write } from '../io.js';
import { generateSignatureKey } from '../instance/signature-key.js';
import { checkOneStdinReader } from '../secrets/secret-input.js';
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
  const target = await findApiTarget(options, context.env, () => config);
  const draft = await suppliedValues(options, context, config);
  let values: Draft = draft;
  let overwrite = options.force;
  if (interactive) {
    const answered = await runWizard({
      ...draft,
      prompt: await context.prompter(),
      say: (text) => write(context.io.stderr, text),
      apiHost: target.host,
      output: options.output,
      overwrite,
      // lstat: a symbolic link that leads nowhere is still there to be replaced, so it is asked about.
      outputExists: () => lstat(resolve(context.cwd, options.output)).then(() => true, () => false),
    });
    values = answered;
    overwrite = answered.overwrite;
  }
  const settings = finishSettings(values, () => whyNotAsked(context, options));
  const signatureKeyGenerated = settings.eventsEnabled && settings.signatureKey === undefined && values.generateSignatureKey === true;
  if (signatureKeyGenerated) {
    settings.signatureKey = generateSignatureKey();
    context.secrets.add(settings.signatureKey);
  }
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
    ],
    'Give the others as files or environment variables.',
  );
}

function readsStdin(options: InitOptions): boolean {
  return [options.orderKeyFile, options.productKeyFile, options.signatureKeyFile].includes('-');
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

/** Required values with where each can come from, in the order the wizard asks for them. */
const REQUIRED: [key: keyof Draft, label: string, flag: string, variable: string][] = [
  ['storeId', 'store ID', '--store-id <id>', 'ECWID_STORE_ID'],
  ['orderKey', 'Order API secret', '--order-key-file <file>', 'ECWID_ORDER_KEY'],
  ['productKey', 'Product API secret', '--product-key-file <file>', 'ECWID_PRODUCT_KEY'],
  ['callbackUrl', 'callback URL (events are on)', '--callback-url <url>', 'ECWID_CALLBACK_URL'],
];

/** Applies the defaults; every missing required value is listed in one usage error. */
function finishSettings(draft: Draft, hint: () => string): InstanceSettings {
  const eventsEnabled = draft.events ?? draft.callbackUrl !== undefined;
  const missing = REQUIRED.filter(([key]) => draft[key] === undefined && (key !== 'callbackUrl' || eventsEnabled));
  const { storeId, orderKey, productKey } = draft;
  if (missing.length > 0 || storeId === undefined || orderKey === undefined || productKey === undefined) {
    const width = Math.max(...missing.map(([, label]) => label.length));
    const lines = missing.map(([, label, flag, variable]) => `  ${label.padEnd(width)}  ${flag} or ${variable}`);
    throw usageError(
      `missing ${missing.length === 1 ? 'a required value' : `${missing.length} required values`}:\n${lines.join('\n')}`,
      `${hint()} Secrets come from a file (- for stdin) or the environment, never from a flag's value.`,
    );
  }
  return {
    storeId,
    orderKey,
    productKey,
    eventsEnabled,
    callbackUrl: draft.callbackUrl,
    signatureKey: draft.signatureKey,
    name: draft.name ?? `ecwid-${storeId}`,
    tags: draft.tags ?? [],
  };
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

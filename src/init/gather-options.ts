import { stat } from 'node:fs/promises';
import { resolve } from 'node:path';
import { resolveApiTarget } from '../cloud-elements/environments.js';
import { openConfigStore } from '../config/store.js';
import { canPrompt, type Context } from '../context.js';
import { usageError } from '../errors.js';
import type { InstanceSettings } from '../instance/build-instance.js';
import { write } from '../io.js';
import type { Draft, InitOptions, InitPlan } from './init-options.js';
import { suppliedValues } from './supplied-values.js';
import { runWizard } from './wizard.js';

/**
 * Resolves flags, environment, config and (on a terminal) answers into one finished plan. Nothing is
 * written here, and nothing is asked after it returns.
 */
export async function gatherOptions(options: InitOptions, context: Context): Promise<InitPlan> {
  checkConflicts(options, context);
  const config = (await openConfigStore(context.env)).all();
  const target = resolveApiTarget(options, context.env, { environment: config.environment, baseUrl: config['base-url'] });
  const draft = await suppliedValues(options, context, config);
  // A secret read from stdin uses up the keyboard: nothing more can be asked.
  const interactive = canPrompt(context, options) && !readsStdin(options);
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
      outputExists: () => stat(resolve(context.cwd, options.output)).then(() => true, () => false),
    });
    values = answered;
    overwrite = answered.overwrite;
  }
  return { settings: finishSettings(values, stdinHint(context, options)), output: options.output, overwrite, target, json: options.json };
}

function checkConflicts(options: InitOptions, context: Pick<Context, 'io'>): void {
  if (options.json && options.output === '-') {
    throw usageError('--json and --output - both write to stdout', 'Write the file with --output <file>, or drop --json.');
  }
  // The file holds both secrets: on a terminal they would be shown in full.
  if (options.output === '-' && context.io.stdoutIsTTY) {
    throw usageError('--output - would show the secrets on the terminal', 'Pipe it into another command (e.g. | ecwid-instance provision -), or write a file with --output <file>.');
  }
  const fromStdin = (
    [
      ['--order-key-file', options.orderKeyFile],
      ['--product-key-file', options.productKeyFile],
      ['--signature-key-file', options.signatureKeyFile],
    ] as const
  ).filter(([, file]) => file === '-');
  if (fromStdin.length > 1) {
    throw usageError(`only one secret can come from stdin, but ${fromStdin.map(([flag]) => flag).join(' and ')} all read -`, 'Give the others as files or environment variables.');
  }
}

function readsStdin(options: InitOptions): boolean {
  return [options.orderKeyFile, options.productKeyFile, options.signatureKeyFile].includes('-');
}

function stdinHint(context: Context, options: InitOptions): string {
  if (readsStdin(options) && canPrompt(context, options)) return 'Nothing is asked when a secret comes from stdin. ';
  return '';
}

/** Required values with where each can come from, in the order the wizard asks for them. */
const REQUIRED: [key: keyof Draft, label: string, flag: string, variable: string][] = [
  ['storeId', 'store ID', '--store-id <id>', 'ECWID_STORE_ID'],
  ['orderKey', 'Order API secret', '--order-key-file <file>', 'ECWID_ORDER_KEY'],
  ['productKey', 'Product API secret', '--product-key-file <file>', 'ECWID_PRODUCT_KEY'],
  ['callbackUrl', 'callback URL (events are on)', '--callback-url <url>', 'ECWID_CALLBACK_URL'],
];

/** Applies the defaults; every missing required value is listed in one usage error. */
function finishSettings(draft: Draft, hint: string): InstanceSettings {
  const eventsEnabled = draft.events ?? draft.callbackUrl !== undefined;
  const missing = REQUIRED.filter(([key]) => draft[key] === undefined && (key !== 'callbackUrl' || eventsEnabled));
  const { storeId, orderKey, productKey } = draft;
  if (missing.length > 0 || storeId === undefined || orderKey === undefined || productKey === undefined) {
    const width = Math.max(...missing.map(([, label]) => label.length));
    const lines = missing.map(([, label, flag, variable]) => `  ${label.padEnd(width)}  ${flag} or ${variable}`);
    throw usageError(
      `missing ${missing.length === 1 ? 'a required value' : `${missing.length} required values`}:\n${lines.join('\n')}`,
      `${hint}Give them as above, or run init in a terminal to be asked. Secrets come from a file (- for stdin) or the environment, never from a flag's value.`,
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

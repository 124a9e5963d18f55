import { InvalidArgumentError } from 'commander';
import type { Context } from '../context.js';
import { isAuthType, type AuthType } from '../instance/auth-type.js';
import type { InitOptions } from '../init/init-options.js';
import { write } from '../io.js';
import { ENVIRONMENT_HELP, environmentOptions, helpFooter, type Register } from './shared.js';
import { escapeForeign, toJson } from '../text/escape.js';

export type { InitOptions };

/** Gather every value, build the instance, check it, write it, then say what to do next. */
export async function runInit(options: InitOptions, context: Context): Promise<number> {
  const { gatherOptions } = await import('../init/gather-options.js');
  const { buildInstance } = await import('../instance/build-instance.js');
  const { checkBuiltInstance, writeInstanceFile } = await import('../instance/write-instance-file.js');
  const { initReport, summaryText } = await import('../init/summary.js');
  const { stdout, stderr } = context.io;

  const plan = await gatherOptions(options, context);
  const instance = buildInstance(plan.settings);
  for (const warning of checkBuiltInstance(instance)) await write(stderr, `warning: ${escapeForeign(warning.message)} [${warning.rule}]\n`);
  await writeInstanceFile(instance, plan, context);

  const report = initReport(plan);
  if (plan.json) await write(stdout, `${toJson(report, 2)}\n`);
  else await write(plan.output === '-' ? stderr : stdout, summaryText(report, plan));
  return 0;
}

const collect = (value: string, previous: string[] | undefined): string[] => [...(previous ?? []), value];

/** `--auth`: checked as it is parsed. */
export function parseAuthFlag(value: string): AuthType {
  if (isAuthType(value)) return value;
  throw new InvalidArgumentError('use custom (legacy API keys) or oauth2 (an Ecwid app).');
}

export const registerInit: Register<InitOptions> = (program, context, outcome, run = runInit) =>
  environmentOptions(
    program
      .command('init')
      .description('Create an instance file, interactively or from flags and environment variables')
      .option('-o, --output <file>', 'the file to write; - writes the JSON to stdout', 'instance.json')
      .option('--auth <type>', 'how the instance authenticates: custom (legacy API keys) or oauth2 (an Ecwid app)', parseAuthFlag)
      .option('--store-id <id>', 'the Ecwid store ID')
      .option('--order-key-file <file>', 'read the Order API secret from a file (- for stdin)')
      .option('--product-key-file <file>', 'read the Product API secret from a file (- for stdin)')
      .option('--client-id <id>', "OAuth2: your Ecwid app's client ID")
      .option('--client-secret-file <file>', "OAuth2: read your Ecwid app's client secret from a file (- for stdin)")
      .option('--redirect-url <url>', "OAuth2: your Ecwid app's registered redirect URL, e.g. http://localhost:8787/callback")
      .option('--scope <scopes>', 'OAuth2: Ecwid scopes to ask for, space-separated (default: the platform\'s)')
      .option('--events', 'send Ecwid order events to your app (default: on when a callback URL is given)')
      .option('--no-events', 'do not send events')
      .option('--callback-url <url>', "your app's URL that receives the events")
      .option('--signature-key-file <file>', 'read an optional webhook signature key from a file (- for stdin)')
      .option('--generate-signature-key', 'generate a random webhook signature key and write it to the file')
      .option('--name <name>', 'the instance name (default: ecwid-<store id>)')
      .option('--tag <tag>', 'a tag for the instance; repeat for more', collect),
  )
    .option('--force', 'replace an existing output file')
    .option('--no-input', 'never prompt; a missing value is an error')
    .option('--json', 'print a JSON summary on stdout (implies --no-input)')
    .addHelpText(
      'after',
      helpFooter(
        [
          'ecwid-instance init',
          'ECWID_ORDER_KEY=… ECWID_PRODUCT_KEY=… ecwid-instance init --no-input --store-id 4870020 --callback-url https://example.com/ecwid/events',
          'ecwid-instance init --store-id 4870020 --order-key-file order.key --product-key-file product.key --no-events -o store.json',
          'pass show ecwid/order | ecwid-instance init --order-key-file - --product-key-file product.key --store-id 4870020 --no-input',
          'ECWID_CLIENT_SECRET=… ecwid-instance init --auth oauth2 --client-id my-app --redirect-url http://localhost:8787/callback --name shop-eu --no-events --no-input',
          'ecwid-instance init --client-id my-app --client-secret-file client.secret --redirect-url https://example.com/oauth --name shop --environment sap-us10',
        ],
        [
          ['ECWID_AUTH_TYPE', 'custom (legacy API keys) or oauth2 (an Ecwid app)'],
          ['ECWID_STORE_ID', 'store ID'],
          ['ECWID_ORDER_KEY', 'Order API secret'],
          ['ECWID_PRODUCT_KEY', 'Product API secret'],
          ['ECWID_CLIENT_ID', "OAuth2: your Ecwid app's client ID"],
          ['ECWID_CLIENT_SECRET', "OAuth2: your Ecwid app's client secret"],
          ['ECWID_REDIRECT_URL', "OAuth2: your Ecwid app's redirect URL"],
          ['ECWID_CALLBACK_URL', "your app's callback URL for events"],
          ['ECWID_SIGNATURE_KEY', 'optional webhook signature key'],
          ...ENVIRONMENT_HELP,
          ['ECWID_INSTANCE_CONFIG_DIR', 'folder of the config store (defaults for store-id, callback-url, name, tags, ...)'],
          ['CI', 'when set, nothing is asked'],
          ['NO_COLOR', 'prompts without colour (also --no-color, or TERM=dumb)'],
        ],
      ) +
        '\nA value comes from its flag, else its environment variable, else the config store, else the default.\n' +
        'Without --auth, ECWID_AUTH_TYPE or config auth, the wizard asks; with no prompt, an OAuth2 value given\n' +
        '(--client-id, --client-secret-file, --redirect-url, --scope or their variables) means oauth2, else custom.\n' +
        'Secrets are never flag values: they come from a masked prompt, an environment variable or a --...-file.\n',
    )
    .action(async (flags: Omit<InitOptions, 'tags' | 'force' | 'json' | 'generateSignatureKey'> & { tag?: string[]; force?: boolean; json?: boolean; generateSignatureKey?: boolean }) => {
      outcome.exitCode = await run(
        {
          output: flags.output,
          auth: flags.auth,
          clientId: flags.clientId,
          clientSecretFile: flags.clientSecretFile,
          redirectUrl: flags.redirectUrl,
          scope: flags.scope,
          storeId: flags.storeId,
          orderKeyFile: flags.orderKeyFile,
          productKeyFile: flags.productKeyFile,
          signatureKeyFile: flags.signatureKeyFile,
          generateSignatureKey: flags.generateSignatureKey === true,
          events: flags.events,
          callbackUrl: flags.callbackUrl,
          name: flags.name,
          tags: flags.tag ?? [],
          environment: flags.environment,
          baseUrl: flags.baseUrl,
          force: flags.force === true,
          input: flags.input,
          json: flags.json === true,
        },
        context,
      );
    });

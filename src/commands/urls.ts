import type { ConfigValues } from '../config/key-names.js';
import type { Context } from '../context.js';
import { write } from '../io.js';
import { ENVIRONMENT_HELP, environmentOptions, helpFooter, type Register } from './shared.js';
import { escapeForeign, toJson } from '../text/escape.js';

export interface UrlsOptions {
  file?: string | undefined;
  storeId?: string | undefined;
  environment?: string | undefined;
  baseUrl?: string | undefined;
  json: boolean;
}

/** The `urls --json` document. An OAuth2 file has no store ID and no Legacy API Key page: both are null. */
export interface UrlsReport {
  storeId: string | null;
  environment: string;
  legacyApiKeyUrl: string | null;
  ionCannonUrl: string;
}

export async function runUrls(options: UrlsOptions, context: Context): Promise<number> {
  const { findApiTarget } = await import('../cloud-elements/environments.js');
  const { ionCannonUrl, legacyApiKeyUrl } = await import('../instance/urls.js');
  const { findStoreId } = await import('../instance/find-store-id.js');
  // Read once, and only if a value is left to the config store.
  let config: Promise<ConfigValues> | undefined;
  const readConfig = (): Promise<ConfigValues> => (config ??= import('../config/store.js').then(({ readConfigValues }) => readConfigValues(context.env)));
  const storeId = await findStoreId(options, context, readConfig);
  const target = await findApiTarget(options, context.env, readConfig);
  const report: UrlsReport = {
    storeId: storeId,
    environment: target.environment,
    legacyApiKeyUrl: storeId === null ? null : legacyApiKeyUrl(storeId),
    ionCannonUrl: ionCannonUrl(target.host),
  };
  if (options.json) {
    await write(context.io.stdout, `${toJson(report, 2)}\n`);
  } else {
    const label = (text: string): string => (context.io.stderrIsTTY ? text : '');
    if (report.legacyApiKeyUrl !== null) {
      await write(context.io.stderr, label(`Legacy API Key URL (open it while logged in to Ecwid store ${escapeForeign(storeId ?? '')}):\n`));
      await write(context.io.stdout, `${report.legacyApiKeyUrl}\n`);
    }
    await write(context.io.stderr, label('ION Cannon URL (paste it into Ecwid\'s "ION Cannon endpoint URL" field):\n'));
    await write(context.io.stdout, `${report.ionCannonUrl}\n`);
  }
  return 0;
}

export const registerUrls: Register<UrlsOptions> = (program, context, outcome, run = runUrls) =>
  environmentOptions(
    program
      .command('urls')
      .description('Print the Legacy API Key URL of a store and the ION Cannon URL to paste into Ecwid (only the latter for an OAuth2 file)')
      .argument('[file]', 'an instance file to take the store ID from')
      .option('--store-id <id>', 'the Ecwid store ID'),
  )
    .option('--json', 'print one JSON object', false)
    .addHelpText(
      'after',
      helpFooter(
        ['ecwid-instance urls --store-id 4870020', 'ecwid-instance urls instance.json --environment eu', 'ecwid-instance urls --store-id 4870020 --json'],
        [['ECWID_STORE_ID', 'store ID, when no --store-id or file is given'], ...ENVIRONMENT_HELP, ['ECWID_INSTANCE_CONFIG_DIR', 'folder of the config store']],
      ) +
        '\nThe store ID comes from --store-id, the named file, ECWID_STORE_ID, the config store, then ./instance.json.\n' +
        'An OAuth2 instance file has no store ID and no Legacy API Key page: only the ION Cannon URL is printed.\n',
    )
    .action(async (file: string | undefined, flags: { storeId?: string; environment?: string; baseUrl?: string; json: boolean }) => {
      outcome.exitCode = await run({ file, storeId: flags.storeId, environment: flags.environment, baseUrl: flags.baseUrl, json: flags.json }, context);
    });

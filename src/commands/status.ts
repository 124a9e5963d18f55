import type { Context } from '../context.js';
import { checkOneStdinReader } from '../secrets/secret-input.js';
import { PLATFORM_ENVIRONMENT_HELP, platformOptions } from './platform-options.js';
import { helpFooter, type Register } from './shared.js';
import type { StatusOptions } from '../lifecycle/lifecycle-options.js';
import { toJson } from '../text/escape.js';

export type { StatusOptions };

/**
 * Finds the instance (by the file's name, or `--id`), shows what the platform holds and compares it
 * with the file. Reads only: nothing on the platform changes.
 */
export async function runStatus(options: StatusOptions, context: Context): Promise<number> {
  checkOneStdinReader(
    [
      ['the instance file', options.file],
      ['--user-secret-file', options.userSecretFile],
      ['--org-secret-file', options.orgSecretFile],
    ],
    'Give one of them a file path.',
  );
  const { findApiTarget } = await import('../cloud-elements/environments.js');
  const { readCheckedInstance } = await import('../provision/steps.js');
  const { openPlatformSession } = await import('../lifecycle/platform-session.js');
  const { describeMissing, findOneInstance, lookupOf } = await import('../lifecycle/find-instance.js');
  const { foundReport, formatStatus, missingReport } = await import('../lifecycle/status-report.js');
  const { write } = await import('../io.js');

  const target = await findApiTarget(options, context.env);
  const body = await readCheckedInstance(options.file, context);
  const session = await openPlatformSession(target, options, context);
  const lookup = lookupOf(body.name, options.id);
  const record = await findOneInstance(session, lookup);
  let report;
  if (record === undefined) {
    report = missingReport(lookup, target.environment);
  } else {
    const { getConfiguration } = await import('../cloud-elements/instance-calls.js');
    const { compareWithFile } = await import('../lifecycle/compare.js');
    const configuration = await getConfiguration(session.platform, record.id, session.client);
    const comparison = compareWithFile(body, { name: record.name, tags: record.tags, configuration });
    report = foundReport({ record, configuration }, comparison, target.environment, context.secrets);
  }
  await write(context.io.stdout, options.json ? `${toJson(report, 2)}\n` : formatStatus(report, describeMissing(lookup)));
  return options.check && !report.inStep ? 1 : 0;
}

export const registerStatus: Register<StatusOptions> = (program, context, outcome, run = runStatus) =>
  platformOptions(
    program
      .command('status')
      .description('Show the instance on Cloud Elements and whether it is in step with its file')
      .argument('[file]', 'the instance file, or - for stdin', 'instance.json'),
  )
    .option('--check', 'exit 1 when the instance is missing or differs from the file (for CI)', false)
    .option('--json', 'print one JSON object', false)
    .option('--no-input', 'never prompt; fail when a secret is missing')
    .addHelpText(
      'after',
      helpFooter(
        ['ecwid-instance status', 'ecwid-instance status instance.json --check', 'ecwid-instance status instance.json --id 12345 --json', 'ecwid-instance status --environment eu'],
        PLATFORM_ENVIRONMENT_HELP,
      ) +
        '\nThe instance is found by the file\'s name (all pages of GET /instances) or by --id; several with the name\n' +
        'need --id. Every configuration value the file sets is compared, and the tags; secrets are never shown\n' +
        'by the platform, so they are listed as not compared. Nothing on the platform changes.\n' +
        'Exit status: 0 (with --check: 0 in step, 1 missing or different), 1 invalid file, 2 usage, missing secrets\n' +
        'or several instances with the name, 3 file system, 4 rejected (HTTP 4xx), 5 failed (5xx, network, timeout).\n',
    )
    .action(async (file: string, flags: Omit<StatusOptions, 'file'>) => {
      outcome.exitCode = await run(
        {
          file,
          id: flags.id,
          environment: flags.environment,
          baseUrl: flags.baseUrl,
          userSecretFile: flags.userSecretFile,
          orgSecretFile: flags.orgSecretFile,
          timeout: flags.timeout,
          json: flags.json,
          check: flags.check,
          input: flags.input,
        },
        context,
      );
    });

import { InvalidArgumentError } from 'commander';
import type { Context } from '../context.js';
import { usageError } from '../errors.js';
import { checkOneStdinReader } from '../secrets/secret-input.js';
import type { ProvisionOptions, ProvisionReport } from '../provision/provision-options.js';
import { ENVIRONMENT_HELP, environmentOptions, helpFooter, type Register } from './shared.js';

export type { ProvisionOptions, ProvisionReport };

export const DEFAULT_TIMEOUT_SECONDS = 30;
const MAX_TIMEOUT_SECONDS = 3600;

/** Gathers everything first (target, checked file, token file, secrets), then sends at most one create. */
export async function runProvision(options: ProvisionOptions, context: Context): Promise<number> {
  checkOneStdinReader(
    [
      ['the instance file', options.file],
      ['--user-secret-file', options.userSecretFile],
      ['--org-secret-file', options.orgSecretFile],
    ],
    'Give one of them a file path.',
  );
  if (options.tokenFile === '-') throw usageError('--token-file needs a file path: the instance token is never printed');
  const { canPrompt } = await import('../context.js');
  const { findApiTarget } = await import('../cloud-elements/environments.js');
  const { gatherPlatformSecrets } = await import('../cloud-elements/platform-secrets.js');
  const steps = await import('../provision/steps.js');

  const target = await findApiTarget(options, context.env);
  const body = await steps.readCheckedInstance(options.file, context);
  // Needs neither secrets nor the network: a path that cannot take the token stops the run before anything is asked.
  const tokenPath = options.tokenFile === undefined ? undefined : await steps.checkTokenFile(options.tokenFile, context.cwd, options.force);
  if (options.dryRun) return steps.printDryRun(target, body, await gatherPlatformSecrets(options, context, { prompt: false, required: false }), options, context);
  const prompt = canPrompt(context, { input: options.input, json: options.json });
  const { user, organization } = await gatherPlatformSecrets(options, context, { prompt, required: true });

  const { createInstance, findInstance } = await import('../cloud-elements/instances.js');
  const platform = { host: target.host, secrets: { user, organization }, version: context.version };
  // The run's list (main starts it): it already holds every secret read so far, and takes the token.
  const known = context.secrets;
  const client = { fetch: context.fetch, timeoutSeconds: options.timeout, secrets: known };
  const name = typeof body.name === 'string' ? body.name : '';
  const report = (id: string | number, reportedName: string, tokenFile: string | null): ProvisionReport => ({ id, name: reportedName, element: 'ecwid', environment: target.environment, tokenFile });

  if (options.ifAbsent) {
    const existing = await findInstance(platform, name, client);
    if (existing) {
      await steps.printResult({ ...report(existing.id, existing.name, null), alreadyExists: true }, options, context, known);
      return 0;
    }
  }
  await steps.progress(context, options, `Creating instance "${name}" on ${target.host}…`);
  const created = await createInstance(platform, body, client);
  known.add(created.token);
  const tokenProblem = await steps.saveToken(created.token, { fullPath: tokenPath, shownPath: options.tokenFile, force: options.force }, known);
  const tokenFile = tokenProblem === undefined && options.tokenFile !== undefined ? options.tokenFile : null;
  await steps.printResult(report(created.id, created.name, tokenFile), options, context, known);
  if (tokenProblem) throw tokenProblem;
  return 0;
}

/** `--timeout`: a positive number of seconds, at most an hour. */
export function parseSeconds(value: string): number {
  const seconds = /^\d+(\.\d+)?$/.test(value) ? Number(value) : Number.NaN;
  if (!(seconds > 0 && seconds <= MAX_TIMEOUT_SECONDS)) throw new InvalidArgumentError(`give a positive number of seconds, at most ${MAX_TIMEOUT_SECONDS}.`);
  return seconds;
}

export const registerProvision: Register<ProvisionOptions> = (program, context, outcome, run = runProvision) =>
  environmentOptions(
    program
      .command('provision')
      .description('Create the instance on Cloud Elements (POST /instances) after checking it with the validate rules')
      .argument('[file]', 'the instance file, or - for stdin', 'instance.json'),
  )
    .option('--user-secret-file <file>', 'read the Cloud Elements user secret from a file (- for stdin)')
    .option('--org-secret-file <file>', 'read the Cloud Elements organization secret from a file (- for stdin)')
    .option('--dry-run', 'check the file and print the request, secrets masked; send nothing', false)
    .option('--if-absent', 'create nothing when an Ecwid instance with the same name exists', false)
    .option('--token-file <file>', 'write the new instance token to this file (mode 0600)')
    .option('--force', 'replace an existing --token-file', false)
    .option('--timeout <seconds>', 'seconds each request to Cloud Elements may take', parseSeconds, DEFAULT_TIMEOUT_SECONDS)
    .option('--json', 'print one JSON object', false)
    .option('--no-input', 'never prompt; fail when a secret is missing')
    .addHelpText(
      'after',
      helpFooter(
        [
          'ecwid-instance provision',
          'ecwid-instance provision instance.json --dry-run',
          'ecwid-instance provision instance.json --if-absent --token-file instance.token',
          'ecwid-instance provision instance.json --token-file instance.token --force',
          'ecwid-instance provision instance.json --user-secret-file user.secret --org-secret-file org.secret --environment eu',
        ],
        [
          ['CLOUD_ELEMENTS_USER_SECRET', 'the Cloud Elements user secret (or --user-secret-file)'],
          ['CLOUD_ELEMENTS_ORG_SECRET', 'the Cloud Elements organization secret (or --org-secret-file)'],
          ...ENVIRONMENT_HELP,
          ['ECWID_INSTANCE_CONFIG_DIR', 'folder of the config store (environment, base-url defaults)'],
          ['CI', 'when set, nothing prompts'],
        ],
      ) +
        '\nSecrets come from the environment, a --…-file flag, or a masked prompt on a terminal; never from a flag value.\n' +
        'A create is sent once and never retried. Exit status: 0 created (or already there with --if-absent),\n' +
        '1 invalid file, 2 usage or missing secrets, 3 file system (or an existing --token-file without --force),\n' +
        '4 rejected (HTTP 4xx), 5 failed (5xx, network, timeout).\n',
    )
    .action(async (file: string, flags: Omit<ProvisionOptions, 'file'>) => {
      outcome.exitCode = await run(
        {
          file,
          environment: flags.environment,
          baseUrl: flags.baseUrl,
          userSecretFile: flags.userSecretFile,
          orgSecretFile: flags.orgSecretFile,
          dryRun: flags.dryRun,
          ifAbsent: flags.ifAbsent,
          tokenFile: flags.tokenFile,
          force: flags.force,
          timeout: flags.timeout,
          json: flags.json,
          input: flags.input,
        },
        context,
      );
    });

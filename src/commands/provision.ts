import { InvalidArgumentError } from 'commander';
import type { Context } from '../context.js';
import { usageError } from '../errors.js';
import { checkOneStdinReader } from '../secrets/secret-input.js';
import type { InstanceBody } from '../cloud-elements/request.js';
import type { PlatformSession } from '../lifecycle/platform-session.js';
import type { ProvisionOptions, ProvisionReport } from '../provision/provision-options.js';
import { ENVIRONMENT_HELP, environmentOptions, helpFooter, parseInstanceId, type Register } from './shared.js';

export type { ProvisionOptions, ProvisionReport };

export const DEFAULT_TIMEOUT_SECONDS = 30;
export const DEFAULT_AUTH_WAIT_SECONDS = 300;
const MAX_TIMEOUT_SECONDS = 3600;

function checkFlags(options: ProvisionOptions): void {
  checkOneStdinReader(
    [
      ['the instance file', options.file],
      ['--user-secret-file', options.userSecretFile],
      ['--org-secret-file', options.orgSecretFile],
      ['--code-file', options.codeFile],
    ],
    'Give one of them a file path.',
  );
  if (options.tokenFile === '-') throw usageError('--token-file needs a file path: the instance token is never printed');
  if (options.ifAbsent && options.update) {
    throw usageError('--if-absent and --update cannot be used together', 'Pick one: --if-absent leaves an existing instance as it is; --update brings it in step with the file.');
  }
  if (options.id !== undefined && !options.ifAbsent && !options.update) {
    throw usageError('--id needs --update or --if-absent', 'A create gets a new id from Cloud Elements; --id names an instance that exists.');
  }
}

/**
 * Gathers everything first (target, checked file, token file, secrets). With `--if-absent` or
 * `--update` it looks the instance up before anything else is sent; only when there is none does the
 * create path run, so an update never reaches what a create needs.
 */
export async function runProvision(options: ProvisionOptions, context: Context): Promise<number> {
  checkFlags(options);
  const { findApiTarget } = await import('../cloud-elements/environments.js');
  const { lookupOf } = await import('../lifecycle/find-instance.js');
  const steps = await import('../provision/steps.js');

  const target = await findApiTarget(options, context.env);
  const body = await steps.readCheckedInstance(options.file, context);
  // Needs neither secrets nor the network: a path that cannot take the token stops the run before anything is asked.
  // With --update an earlier token file is expected (a re-run); it is only written if the instance is created.
  const tokenPath = options.tokenFile === undefined ? undefined : await steps.checkTokenFile(options.tokenFile, context.cwd, options.force || options.update);
  const lookup = lookupOf(body.name, options.id);
  if (options.dryRun) {
    const { gatherPlatformSecrets } = await import('../cloud-elements/platform-secrets.js');
    const secrets = await gatherPlatformSecrets(options, context, { prompt: false, required: false });
    if (options.update) return (await import('../provision/update.js')).printUpdateDryRun(target, body, lookup, secrets, options, context);
    const { dryRunGrantCode } = await import('../oauth/dry-run.js');
    const shown = await dryRunGrantCode(body, options, context);
    return steps.printDryRun(target, shown.body, secrets, { ...options, pendingGrantCode: shown.pendingGrantCode }, context);
  }
  const { openPlatformSession } = await import('../lifecycle/platform-session.js');
  const session = await openPlatformSession(target, options, context);
  const known = context.secrets;
  const report = (id: string | number, reportedName: string, tokenFile: string | null): ProvisionReport => ({ id, name: reportedName, element: 'ecwid', environment: target.environment, tokenFile });

  if (options.ifAbsent || options.update) {
    const { findOneInstance } = await import('../lifecycle/find-instance.js');
    const update = await import('../provision/update.js');
    const existing = await findOneInstance(session, lookup);
    if (existing === undefined && lookup.by === 'id') throw update.missingById(lookup, target);
    if (existing !== undefined && options.update) {
      await steps.progress(context, options, `Updating instance ${existing.id} on ${target.host}…`);
      const updated = await update.sendUpdate(session, existing, body);
      await steps.printResult({ ...report(updated.id, updated.name, null), updated: true }, options, context, known);
      return 0;
    }
    if (existing !== undefined) {
      await steps.printResult({ ...report(existing.id, existing.name, null), alreadyExists: true }, options, context, known);
      return 0;
    }
  }
  return createInstance(session, body, { ...options, tokenPath }, context, report);
}

/** The create path: one POST, then the token to its file and the result. */
async function createInstance(
  session: PlatformSession,
  body: InstanceBody,
  options: ProvisionOptions & { tokenPath: string | undefined },
  context: Context,
  report: (id: string | number, name: string, tokenFile: string | null) => ProvisionReport,
): Promise<number> {
  const steps = await import('../provision/steps.js');
  const { createInstance: sendCreate } = await import('../cloud-elements/instances.js');
  const known = context.secrets;
  const name = typeof body.name === 'string' ? body.name : '';
  if (options.update && !options.force && options.tokenPath !== undefined) await steps.checkTokenFileAbsent(options.tokenPath, options.tokenFile);
  const { decideAuthType } = await import('../instance/auth-type.js');
  const auth = decideAuthType(body);
  // Only a create needs the store owner's grant code: asked for here, after every lookup.
  const sent = auth.type === 'oauth2' ? await withGrantCode(body, options, session, context) : body;
  await steps.progress(context, options, `Creating instance "${name}" on ${session.target.host}…`);
  const { withOAuthCodeHint } = await import('../oauth/code-hint.js');
  const created = await withOAuthCodeHint(sendCreate(session.platform, sent, session.client), auth);
  known.add(created.token);
  const tokenProblem = await steps.saveToken(created.token, { fullPath: options.tokenPath, shownPath: options.tokenFile, force: options.force }, known);
  const tokenFile = tokenProblem === undefined && options.tokenFile !== undefined ? options.tokenFile : null;
  await steps.printResult(report(created.id, created.name, tokenFile), options, context, known);
  if (tokenProblem) throw tokenProblem;
  return 0;
}

/** The body with `providerData.code`: the code lives only in the request, never in a file. */
async function withGrantCode(body: InstanceBody, options: ProvisionOptions, session: PlatformSession, context: Context): Promise<InstanceBody> {
  const { obtainGrantCode } = await import('../oauth/grant-code.js');
  const { withCode } = await import('../oauth/dry-run.js');
  return withCode(body, await obtainGrantCode(body, options.file === '-' ? '<stdin>' : options.file, session, options, context));
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
    .option('--update', 'change the Ecwid instance with the same name to match the file; create it when there is none', false)
    .option('--id <id>', 'with --update or --if-absent: the instance with this id, instead of looking it up by name', parseInstanceId)
    .option('--token-file <file>', 'write the new instance token to this file (mode 0600)')
    .option('--force', 'replace an existing --token-file', false)
    .option('--timeout <seconds>', 'seconds each request to Cloud Elements may take', parseSeconds, DEFAULT_TIMEOUT_SECONDS)
    .option('--code-file <file>', 'OAuth2: read the store owner\'s grant code from a file (- for stdin)')
    .option('--open', 'OAuth2: open the Ecwid authorization page in the default browser', false)
    .option('--auth-wait <seconds>', 'OAuth2: seconds to wait for the browser to come back, or for a pasted answer', parseSeconds, DEFAULT_AUTH_WAIT_SECONDS)
    .option('--json', 'print one JSON object', false)
    .option('--no-input', 'never prompt; fail when a secret is missing')
    .addHelpText(
      'after',
      helpFooter(
        [
          'ecwid-instance provision',
          'ecwid-instance provision instance.json --dry-run',
          'ecwid-instance provision instance.json --if-absent --token-file instance.token',
          'ecwid-instance provision instance.json --update',
          'ecwid-instance provision instance.json --update --id 12345 --dry-run',
          'ecwid-instance provision instance.json --token-file instance.token --force',
          'ecwid-instance provision instance.json --user-secret-file user.secret --org-secret-file org.secret --environment eu',
          'ecwid-instance provision oauth.json --open                  # OAuth2: the store owner allows the app in a browser',
          'ecwid-instance provision oauth.json --code-file code.txt    # OAuth2: a grant code obtained elsewhere',
        ],
        [
          ['CLOUD_ELEMENTS_USER_SECRET', 'the Cloud Elements user secret (or --user-secret-file)'],
          ['CLOUD_ELEMENTS_ORG_SECRET', 'the Cloud Elements organization secret (or --org-secret-file)'],
          ['ECWID_OAUTH_CODE', 'OAuth2: the store owner\'s grant code (or --code-file)'],
          ...ENVIRONMENT_HELP,
          ['ECWID_INSTANCE_CONFIG_DIR', 'folder of the config store (environment, base-url defaults)'],
          ['CI', 'when set, nothing prompts'],
        ],
      ) +
        '\nSecrets come from the environment, a --…-file flag, or a masked prompt on a terminal; never from a flag value.\n' +
        'A create or an update is sent once and never retried. With --if-absent or --update, several instances\n' +
        'with the file\'s name need --id. Exit status: 0 created, updated, or already there with --if-absent,\n' +
        '1 invalid file, 2 usage or missing secrets, 3 file system (or an existing --token-file without --force),\n' +
        '4 rejected (HTTP 4xx), 5 failed (5xx, network, timeout).\n' +
        'OAuth2 files: the grant code comes from --code-file, ECWID_OAUTH_CODE or providerData.code; else, on a\n' +
        'terminal, the store owner allows the app in a browser. A loopback redirect URL with a port (such as\n' +
        'http://localhost:8787/callback) is caught on that address; otherwise paste the address the browser was\n' +
        'sent to. Refused: exit 4; no answer within --auth-wait: exit 5; the port cannot be listened on: exit 3.\n',
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
          update: flags.update,
          id: flags.id,
          tokenFile: flags.tokenFile,
          force: flags.force,
          timeout: flags.timeout,
          codeFile: flags.codeFile,
          open: flags.open,
          authWait: flags.authWait,
          json: flags.json,
          input: flags.input,
        },
        context,
      );
    });

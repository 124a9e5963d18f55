import type { Context } from '../context.js';
import type { DeleteOptions } from '../lifecycle/lifecycle-options.js';
import { checkOneStdinReader } from '../secrets/secret-input.js';
import { PLATFORM_ENVIRONMENT_HELP, platformOptions } from './platform-options.js';
import { helpFooter, type Register } from './shared.js';

export type { DeleteOptions };

/**
 * Finds the instance (by the file's name, or `--id`), asks before deleting it (or takes `--yes`),
 * and sends one DELETE. Whether it may ask is decided before anything is sent.
 */
export async function runDelete(options: DeleteOptions, context: Context): Promise<number> {
  checkOneStdinReader(
    [
      ['the instance file', options.id === undefined ? options.file : undefined],
      ['--user-secret-file', options.userSecretFile],
      ['--org-secret-file', options.orgSecretFile],
    ],
    'Give one of them a file path.',
  );
  const steps = await import('../lifecycle/delete-steps.js');
  steps.checkCanConfirm(options, context);
  const { findApiTarget } = await import('../cloud-elements/environments.js');
  const { openPlatformSession } = await import('../lifecycle/platform-session.js');
  const { findOneInstance, lookupOf } = await import('../lifecycle/find-instance.js');

  const target = await findApiTarget(options, context.env);
  const name = options.id === undefined ? await steps.readInstanceName(options.file, context) : undefined;
  const session = await openPlatformSession(target, options, context);
  const lookup = lookupOf(name, options.id);
  const found = await findOneInstance(session, lookup);
  if (found === undefined) return steps.printOutcome({ deleted: false, lookup, environment: target.environment }, options, context);
  if (!options.yes) await steps.confirmDelete(found, context);
  const { deleteInstance } = await import('../cloud-elements/instance-calls.js');
  await deleteInstance(session.platform, found.id, session.client);
  return steps.printOutcome({ deleted: true, instance: found, environment: target.environment }, options, context);
}

export const registerDelete: Register<DeleteOptions> = (program, context, outcome, run = runDelete) =>
  platformOptions(
    program
      .command('delete')
      .description('Delete the instance of the file\'s name (or --id) from Cloud Elements, after asking')
      .argument('[file]', 'the instance file, or - for stdin: read for its name (not read with --id)', 'instance.json'),
  )
    .option('-y, --yes', 'delete without asking (needed when no terminal can be asked)', false)
    .option('--json', 'print one JSON object (needs --yes)', false)
    .option('--no-input', 'never prompt; fail when a secret or the confirmation is missing')
    .addHelpText(
      'after',
      helpFooter(
        ['ecwid-instance delete', 'ecwid-instance delete instance.json --yes', 'ecwid-instance delete --id 12345', 'ecwid-instance delete instance.json --environment eu --yes --json'],
        PLATFORM_ENVIRONMENT_HELP,
      ) +
        '\nAsks "Delete instance <id> "<name>"? (y/N)" on a terminal; without one, --yes is required. Several\n' +
        'instances with the name need --id. No such instance is not an error: nothing is deleted.\n' +
        'Exit status: 0 deleted or nothing to delete, 1 the file holds no name, 2 usage (no --yes without a\n' +
        'terminal, several instances with the name, missing secrets), 3 file system, 4 rejected (HTTP 4xx),\n' +
        '5 failed (5xx, network, timeout), 130 cancelled (answered no, or Ctrl+C).\n',
    )
    .action(async (file: string, flags: Omit<DeleteOptions, 'file'>) => {
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
          yes: flags.yes,
          input: flags.input,
        },
        context,
      );
    });

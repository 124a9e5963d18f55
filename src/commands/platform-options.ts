import type { Command } from 'commander';
import { DEFAULT_TIMEOUT_SECONDS, parseSeconds } from './provision.js';
import { ENVIRONMENT_HELP, environmentOptions, parseInstanceId } from './shared.js';

/** The options of a command that finds an instance on Cloud Elements: host, secrets, time, --id. */
export function platformOptions(command: Command): Command {
  return environmentOptions(command)
    .option('--id <id>', 'the instance with this id, instead of looking it up by the file\'s name', parseInstanceId)
    .option('--user-secret-file <file>', 'read the Cloud Elements user secret from a file (- for stdin)')
    .option('--org-secret-file <file>', 'read the Cloud Elements organization secret from a file (- for stdin)')
    .option('--timeout <seconds>', 'seconds each request to Cloud Elements may take', parseSeconds, DEFAULT_TIMEOUT_SECONDS);
}

/** The environment variables such a command reads, for its help. */
export const PLATFORM_ENVIRONMENT_HELP: [string, string][] = [
  ['CLOUD_ELEMENTS_USER_SECRET', 'the Cloud Elements user secret (or --user-secret-file)'],
  ['CLOUD_ELEMENTS_ORG_SECRET', 'the Cloud Elements organization secret (or --org-secret-file)'],
  ...ENVIRONMENT_HELP,
  ['ECWID_INSTANCE_CONFIG_DIR', 'folder of the config store (environment, base-url defaults)'],
  ['CI', 'when set, nothing prompts'],
];

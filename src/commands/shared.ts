import { InvalidArgumentError, type Command } from 'commander';
import type { Context } from '../context.js';
import { checkEnvironmentName } from '../cloud-elements/environments.js';

/** Where a command's `run` puts the exit code it decided on; `main` returns it. */
export interface Outcome {
  exitCode: number;
  /** Writes of commander's own output (help, version), for `main` to await: one may fail. */
  writes?: Promise<void>[];
}

/** Registers one command on the program. `run` is injectable so tests can check argv → options. */
export type Register<Options> = (
  program: Command,
  context: Context,
  outcome: Outcome,
  run?: (options: Options, context: Context) => Promise<number>,
) => Command;

/** The "Examples" and "Environment" blocks every command's help ends with. */
export function helpFooter(examples: string[], environment: [string, string][]): string {
  const width = Math.max(0, ...environment.map(([name]) => name.length));
  let text = `\nExamples:\n${examples.map((line) => `  $ ${line}`).join('\n')}\n`;
  if (environment.length > 0) {
    text += `\nEnvironment:\n${environment.map(([name, meaning]) => `  ${name.padEnd(width)}  ${meaning}`).join('\n')}\n`;
  }
  return text;
}

export const ENVIRONMENT_HELP: [string, string][] = [
  ['CLOUD_ELEMENTS_ENVIRONMENT', 'Cloud Elements environment: us (default), eu, staging, sap-us2, sap-eu10, sap-<region>, sap-trial-<region>'],
  ['CLOUD_ELEMENTS_BASE_URL', 'API host; overrides the environment (plain http only for localhost)'],
];

/**
 * `--environment` is checked as it is parsed, with the message its variable and config key get: the
 * names are a list plus two patterns, which commander's `.choices()` cannot say.
 */
export function environmentOptions(command: Command): Command {
  return command
    // An empty value is left to refuseEmptyValues, which names the flag as it does for every option.
    .option('--environment <name>', 'Cloud Elements environment: us, eu, staging, sap-<region>, sap-trial-<region>', (value: string) => (value === '' ? value : checkEnvironmentName(value, '--environment')))
    .option('--base-url <url>', 'API host, instead of an environment (e.g. a private deployment)');
}

/** `--id`: an instance's numeric id, as the Platform API gives it. */
export function parseInstanceId(value: string): string {
  if (!/^\d{1,19}$/.test(value)) throw new InvalidArgumentError('give the numeric id of an instance, such as 12345.');
  return value;
}

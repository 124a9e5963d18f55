import type { IO, Env } from './io.js';
import type { Prompter, PrompterOptions } from './prompter.js';
import type { SecretList } from './secrets/secret-list.js';

/** Everything a command may touch of the outside world. Only `main` builds the real one. */
export interface Context {
  io: IO;
  env: Env;
  cwd: string;
  version: string;
  fetch: typeof fetch;
  /**
   * Built on first use, so commands that never prompt never load inquirer. Commands call it without
   * options; `main` passes what it decided for stderr (`io.colorStderr`) to the real one.
   */
  prompter: (options?: PrompterOptions) => Promise<Prompter>;
  /**
   * Secrets seen so far, one list per run: `main` adds the environment's and every masked answer,
   * commands add what they read, and every error `main` prints is redacted with it.
   */
  secrets: SecretList;
  /**
   * Calls `listener` when the user asks the run to stop (Ctrl+C, SIGTERM), instead of the process
   * ending there; returns the function that stops listening. Commands that run until stopped
   * (`events listen`) use it to finish their work and return; only `main` touches the real signals.
   */
  onStopRequest: (listener: (signal: StopSignal) => void) => () => void;
}

/** The signals that ask a run to stop. */
export type StopSignal = 'SIGINT' | 'SIGTERM';

/** What keeps a command from asking: its flags and `CI`, and the streams that are not terminals. */
export interface PromptBlockers {
  reasons: string[];
  notTerminals: ('stdin' | 'stdout')[];
}

/**
 * Prompts happen only when a person is there to answer: stdin and stdout are terminals, the command
 * was not asked to run unattended (`--no-input`, `--json`) and `CI` is not set. Each that fails is
 * listed, for errors that say why nothing was asked.
 */
export function promptBlockers(context: Pick<Context, 'io' | 'env'>, flags: { input?: boolean; json?: boolean } = {}): PromptBlockers {
  const reasons: string[] = [];
  if (flags.json === true) reasons.push('--json was given');
  if (flags.input === false) reasons.push('--no-input was given');
  if (context.env.CI) reasons.push('CI is set');
  const notTerminals: PromptBlockers['notTerminals'] = [];
  if (!context.io.stdinIsTTY) notTerminals.push('stdin');
  if (!context.io.stdoutIsTTY) notTerminals.push('stdout');
  return { reasons, notTerminals };
}

export function canPrompt(context: Pick<Context, 'io' | 'env'>, flags: { input?: boolean; json?: boolean } = {}): boolean {
  const { reasons, notTerminals } = promptBlockers(context, flags);
  return reasons.length === 0 && notTerminals.length === 0;
}

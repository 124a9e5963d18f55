import type { IO, Env } from './io.js';
import type { Prompter, PrompterOptions } from './prompter.js';
import type { SecretList } from './secret-list.js';

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
  /** Secrets seen so far; `main` provides one per run and redacts every error it prints with it. */
  secrets?: SecretList;
}

/**
 * Prompts happen only when a person is there to answer: stdin and stdout are terminals, the command
 * was not asked to run unattended (`--no-input`, `--json`) and `CI` is not set.
 */
export function canPrompt(context: Pick<Context, 'io' | 'env'>, flags: { input?: boolean; json?: boolean } = {}): boolean {
  return (
    context.io.stdinIsTTY &&
    context.io.stdoutIsTTY &&
    flags.input !== false &&
    flags.json !== true &&
    !context.env.CI
  );
}

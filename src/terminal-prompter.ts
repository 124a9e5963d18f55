import { confirm, input, password } from '@inquirer/prompts';
import { cancelled } from './errors.js';
import type { Prompter } from './prompter.js';

/**
 * Runs one prompt; Ctrl+C or end of input becomes a cancellation (exit 130). End of input (Ctrl+D)
 * closes inquirer's line reader without settling the prompt, so the process would just run out of
 * work and exit 0: once nothing else is left to run, the pending prompt is aborted instead.
 */
async function ask<T>(start: (signal: AbortSignal) => Promise<T>): Promise<T> {
  const controller = new AbortController();
  const abort = (): void => controller.abort();
  process.once('beforeExit', abort);
  try {
    return await start(controller.signal);
  } catch (error) {
    const name = (error as Error | undefined)?.name;
    if (name === 'ExitPromptError' || name === 'AbortPromptError' || name === 'CancelPromptError') throw cancelled();
    throw error;
  } finally {
    process.off('beforeExit', abort);
  }
}

/** The real prompts, on stdin with questions on stderr (stdout stays for data). */
export function terminalPrompter(): Prompter {
  const streams = (signal: AbortSignal) => ({ input: process.stdin, output: process.stderr, signal });
  return {
    input: (q) => ask((signal) => input({ message: q.message, ...(q.default !== undefined ? { default: q.default } : {}), ...(q.validate ? { validate: q.validate } : {}) }, streams(signal))),
    password: (q) => ask((signal) => password({ message: q.message, mask: '*', ...(q.validate ? { validate: q.validate } : {}) }, streams(signal))),
    confirm: (q) => ask((signal) => confirm({ message: q.message, default: q.default ?? false }, streams(signal))),
  };
}

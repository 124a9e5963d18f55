import { confirm, input, password } from '@inquirer/prompts';
import { cancelled } from './errors.js';
import type { Prompter } from './prompter.js';

/** Ctrl+C or end of input at any prompt becomes a cancellation (exit 130). */
async function orCancel<T>(answer: Promise<T>): Promise<T> {
  try {
    return await answer;
  } catch (error) {
    const name = (error as Error | undefined)?.name;
    if (name === 'ExitPromptError' || name === 'AbortPromptError' || name === 'CancelPromptError') throw cancelled();
    throw error;
  }
}

/** The real prompts, on stdin with questions on stderr (stdout stays for data). */
export function terminalPrompter(): Prompter {
  const streams = { input: process.stdin, output: process.stderr };
  return {
    input: (q) => orCancel(input({ message: q.message, ...(q.default !== undefined ? { default: q.default } : {}), ...(q.validate ? { validate: q.validate } : {}) }, streams)),
    password: (q) => orCancel(password({ message: q.message, mask: '*', ...(q.validate ? { validate: q.validate } : {}) }, streams)),
    confirm: (q) => orCancel(confirm({ message: q.message, default: q.default ?? false }, streams)),
  };
}

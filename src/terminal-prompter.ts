import type * as Inquirer from '@inquirer/prompts';
import { cancelled, stoppedBy } from './errors.js';
import type { Prompter, PrompterOptions } from './prompter.js';
import { importEsm } from './import-esm.js';

const STOP_SIGNALS = ['SIGTERM', 'SIGHUP'] as const;

/**
 * Runs one prompt; Ctrl+C or end of input becomes a cancellation (exit 130). End of input (Ctrl+D)
 * closes inquirer's line reader without settling the prompt, so the process would just run out of
 * work and exit 0: once nothing else is left to run, the pending prompt is aborted instead.
 * SIGTERM and SIGHUP abort the prompt too, so that inquirer puts the terminal back (echo on, line
 * mode) before the process ends (exit 143 or 129); left to its default, the signal would end the
 * process at once, leaving the terminal of a masked prompt without echo.
 */
async function ask<T>(start: (signal: AbortSignal) => Promise<T>, deadline?: AbortSignal): Promise<T> {
  const controller = new AbortController();
  const abort = (): void => controller.abort();
  deadline?.addEventListener('abort', abort, { once: true });
  let stoppedWith: (typeof STOP_SIGNALS)[number] | undefined;
  const onSignal = (signal: (typeof STOP_SIGNALS)[number]): void => {
    stoppedWith ??= signal;
    controller.abort();
  };
  process.once('beforeExit', abort);
  for (const signal of STOP_SIGNALS) process.on(signal, onSignal);
  try {
    return await start(controller.signal);
  } catch (error) {
    const name = (error as Error | undefined)?.name;
    if (stoppedWith) throw stoppedBy(stoppedWith);
    if (name === 'ExitPromptError' || name === 'AbortPromptError' || name === 'CancelPromptError') throw cancelled();
    throw error;
  } finally {
    deadline?.removeEventListener('abort', abort);
    process.off('beforeExit', abort);
    for (const signal of STOP_SIGNALS) process.off(signal, onSignal);
  }
}

// Loaded at the first prompt: inquirer is published only as ES modules, which the CommonJS bundle
// that bin/ runs can import but, on every Node 20, not require.
let inquirer: Promise<typeof Inquirer> | undefined;
const prompts = (): Promise<typeof Inquirer> => (inquirer ??= importEsm<typeof Inquirer>('@inquirer/prompts'));

/**
 * inquirer's look without colour or bold: the same marks and wording, only the styling functions
 * return their text unchanged.
 */
const plain = (text: string): string => text;
const PLAIN_THEME = {
  prefix: { idle: '?', done: '✔' },
  spinner: { interval: 80, frames: ['-', '\\', '|', '/'] },
  style: {
    answer: plain,
    message: plain,
    error: (text: string) => `> ${text}`,
    defaultAnswer: (text: string) => `(${text})`,
    help: plain,
    highlight: plain,
    key: (text: string) => `<${text}>`,
    // confirm's "y/N": the default is the capital; password's key tips: none (the mask cannot be toggled).
    confirmDefault: (text: string) => text.charAt(0).toUpperCase() + text.slice(1),
    keysHelpTip: () => undefined,
  },
};

/**
 * The real prompts, on stdin with questions on stderr (stdout stays for data). `color` is the
 * caller's decision for stderr; without it every prompt is plain text.
 */
export function terminalPrompter({ color }: PrompterOptions): Prompter {
  const streams = (signal: AbortSignal) => ({ input: process.stdin, output: process.stderr, signal });
  const theme = color ? {} : { theme: PLAIN_THEME };
  const { input, password, confirm, select } = {
    input: async (...args: Parameters<typeof Inquirer.input>) => (await prompts()).input(...args),
    password: async (...args: Parameters<typeof Inquirer.password>) => (await prompts()).password(...args),
    confirm: async (...args: Parameters<typeof Inquirer.confirm>) => (await prompts()).confirm(...args),
    select: async <T>(...args: Parameters<typeof Inquirer.select<T>>) => (await prompts()).select<T>(...args),
  };
  return {
    input: (q) =>
      ask((signal) => input({ message: q.message, ...theme, ...(q.default !== undefined ? { default: q.default } : {}), ...(q.validate ? { validate: q.validate } : {}) }, streams(signal))),
    // The mask cannot be turned off (inquirer's Ctrl+T would show the secret in full).
    password: (q) => ask((signal) => password({ message: q.message, mask: '*', toggleMask: false, ...theme, ...(q.validate ? { validate: q.validate } : {}) }, streams(signal)), q.signal),
    confirm: (q) => ask((signal) => confirm({ message: q.message, ...theme, default: q.default ?? false }, streams(signal))),
    select: (q) => ask((signal) => select({ message: q.message, ...theme, choices: [...q.choices], ...(q.default !== undefined ? { default: q.default } : {}) }, streams(signal))),
  };
}

import type { CommanderError } from 'commander';
import { readValidateArgv } from './commands/validate-argv.js';
import { runValidate } from './commands/validate-run.js';
import type { Context } from './context.js';
import { CliError, ExitCode } from './errors.js';
import { currentFolder } from './fs/current-folder.js';
import { isClosedReader, turnColorOff, wantsColor, write, writeFailure, type Env, type IO } from './io.js';
import type { PasswordQuestion } from './prompter.js';
import { SECRET_VARIABLES, SecretList, stripOneTrailingNewline } from './secrets/secret-list.js';
import { escapeForeign } from './text/escape.js';
import { VERSION } from './version.js';

/** Runs one command line and returns its exit code. The only place that decides exit codes. */
export async function main(argv: readonly string[], given: Context): Promise<number> {
  const debug = argv.includes('--debug');
  const outcome = { exitCode: ExitCode.ok as number, writes: [] as Promise<void>[] };
  const context = withSecretList(given);
  try {
    // A plain `validate` line runs without commander: building the program costs more than
    // checking a file (see validate-argv.ts). Everything else goes through commander.
    const quick = readValidateArgv(argv);
    if (quick) {
      if (quick.noColor) turnColorOff(context.io);
      return await runValidate(quick.options, context);
    }
    const { buildProgram } = await import('./program.js');
    const program = buildProgram(context, outcome);
    await program.parseAsync([...argv], { from: 'user' });
    await Promise.all(outcome.writes);
    return outcome.exitCode;
  } catch (error) {
    // commander's own output (help, version) is written as it goes: a failure to write it comes first.
    const failedWrite = await Promise.all(outcome.writes).then(
      () => undefined,
      (failure: unknown) => failure,
    );
    return reportError(failedWrite ?? error, context, debug);
  }
}

/** For bin/'s own writes (`--version`, pre-rendered help): a failed one is reported as main reports one. */
export function reportWriteFailure(error: unknown): Promise<number> {
  const context = processContext();
  return reportError(writeFailure(context.io.stdout, error), context, false);
}

/**
 * Starts the run's list of known secrets: those in the environment (as commands read them, without
 * a trailing newline), and every masked answer. Files the run reads add theirs as they are read.
 */
function withSecretList(context: Context): Context {
  const { secrets } = context;
  for (const name of SECRET_VARIABLES) {
    const value = context.env[name];
    if (value !== undefined) secrets.add(stripOneTrailingNewline(value));
  }
  const prompter = async () => {
    // Read when a command asks for prompts, after --no-color has been applied to io.
    const inner = await context.prompter({ color: context.io.colorStderr });
    return { ...inner, password: async (question: PasswordQuestion) => {
      const answer = await inner.password(question);
      secrets.add(answer);
      return answer;
    } };
  };
  // Copied with its getters, not spread: the real context works out `cwd` only when a command asks.
  return Object.defineProperties({} as Context, { ...Object.getOwnPropertyDescriptors(context), secrets: { value: secrets, enumerable: true }, prompter: { value: prompter, enumerable: true } });
}

async function reportError(error: unknown, context: Context, debug: boolean): Promise<number> {
  const { colorStderr } = context.io;
  const stderr = {
    write: async (text: string): Promise<void> => {
      try {
        await write(context.io.stderr, context.secrets.redact(text));
      } catch {
        // stderr cannot be written either: the exit code is all that is left to say it.
      }
    },
  };
  const red = (text: string): string => (colorStderr ? `\u001b[31m${text}\u001b[39m` : text);
  const commanderError = error instanceof CliError ? undefined : await asCommanderError(error);
  if (commanderError) {
    // commander has already printed its message (or the help / version text).
    if (commanderError.exitCode === 0 || commanderError.code === 'commander.version') return ExitCode.ok;
    return ExitCode.usage;
  }
  if (error instanceof CliError) {
    if (error.exitCode === ExitCode.cancelled || error.exitCode === ExitCode.terminated || error.exitCode === ExitCode.hangUp) {
      await stderr.write(`${error.message}\n`);
      return error.exitCode;
    }
    let text = `${red('error:')} ${escapeLines(error.message)}\n`;
    if (error.hint) text += `${escapeLines(error.hint)}\n`;
    if (debug && error.stack) text += `${escapeLines(error.stack)}\n`;
    await stderr.write(text);
    return error.exitCode;
  }
  const message = error instanceof Error ? error.message : String(error);
  let text = `${red('error:')} unexpected failure: ${escapeLines(message)}\n`;
  text += debug && error instanceof Error && error.stack ? `${escapeLines(error.stack)}\n` : 'Run again with --debug for details.\n';
  await stderr.write(text);
  return ExitCode.internal;
}

/**
 * Messages escape what they quote where it enters them (a quoted line break must not start a line of
 * its own); this is the last line of defence, for text no command built, such as a crash's message.
 * Line by line, so that the lines a message is made of stay lines; escaping twice changes nothing.
 */
function escapeLines(text: string): string {
  return text.split('\n').map((line) => escapeForeign(line)).join('\n');
}

/** commander is loaded only by the command lines that need it, so it is asked only then. */
async function asCommanderError(error: unknown): Promise<CommanderError | undefined> {
  if (!(error instanceof Error)) return undefined;
  const { CommanderError } = await import('commander');
  return error instanceof CommanderError ? error : undefined;
}

/** The process's streams, with what is known about them decided once. */
function processIO(env: Env): IO {
  for (const stream of [process.stdout, process.stderr]) {
    // Without a listener a closed pipe would crash the process; `write` reports any other error.
    stream.on('error', (error) => {
      if (isClosedReader(error)) stream.destroy();
    });
  }
  const stdoutIsTTY = process.stdout.isTTY === true;
  const stderrIsTTY = process.stderr.isTTY === true;
  return {
    // Made only when asked for: creating the stdin stream costs a millisecond that most runs never use.
    get stdin() {
      return process.stdin;
    },
    get stdinIsTTY() {
      return process.stdin.isTTY === true;
    },
    stdout: process.stdout,
    stderr: process.stderr,
    stdoutIsTTY,
    stderrIsTTY,
    colorStdout: wantsColor(stdoutIsTTY, env),
    colorStderr: wantsColor(stderrIsTTY, env),
  };
}

/** The real world: process streams, environment and working folder. Used by `bin/` only. */
export function processContext(): Context {
  const env = process.env;
  return {
    io: processIO(env),
    env,
    get cwd() {
      return currentFolder();
    },
    version: VERSION,
    fetch: globalThis.fetch,
    prompter: async (options) => (await import('./terminal-prompter.js')).terminalPrompter({ color: options?.color ?? false }),
    secrets: new SecretList(),
    onStopRequest: (listener) => {
      const signals = ['SIGINT', 'SIGTERM'] as const;
      const handlers = signals.map((signal) => [signal, () => listener(signal)] as const);
      for (const [signal, handler] of handlers) process.on(signal, handler);
      return () => {
        for (const [signal, handler] of handlers) process.off(signal, handler);
      };
    },
  };
}

export function runFromProcess(): Promise<number> {
  return main(process.argv.slice(2), processContext());
}

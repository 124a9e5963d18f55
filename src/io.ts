import type { Readable, Writable } from 'node:stream';

export type Env = Readonly<Record<string, string | undefined>>;

/** The terminal streams a command talks through, with what is known about them decided once. */
export interface IO {
  stdin: Readable;
  stdout: Writable;
  stderr: Writable;
  stdinIsTTY: boolean;
  stdoutIsTTY: boolean;
  stderrIsTTY: boolean;
  /** Whether stdout / stderr may carry colour (terminal, and not turned off). */
  colorStdout: boolean;
  colorStderr: boolean;
}

/**
 * Colour rules of the contract: `--no-color`, `NO_COLOR` (non-empty) and `TERM=dumb` turn it off;
 * `FORCE_COLOR` (other than "0"/"false") turns it on; otherwise only on a terminal.
 */
export function wantsColor(isTTY: boolean, env: Env, noColorFlag = false): boolean {
  if (noColorFlag) return false;
  if (env.NO_COLOR) return false;
  const force = env.FORCE_COLOR;
  if (force !== undefined && force !== '0' && force !== 'false') return true;
  if (env.TERM === 'dumb') return false;
  return isTTY;
}

export function processIO(env: Env): IO {
  const stdoutIsTTY = process.stdout.isTTY === true;
  const stderrIsTTY = process.stderr.isTTY === true;
  return {
    stdin: process.stdin,
    stdout: process.stdout,
    stderr: process.stderr,
    stdinIsTTY: process.stdin.isTTY === true,
    stdoutIsTTY,
    stderrIsTTY,
    colorStdout: wantsColor(stdoutIsTTY, env),
    colorStderr: wantsColor(stderrIsTTY, env),
  };
}

/** Writes a string and resolves once the stream has taken it (honours back-pressure). */
export function write(stream: Writable, text: string): Promise<void> {
  if (text === '') return Promise.resolve();
  return new Promise((resolve, reject) => {
    stream.write(text, (error) => (error ? reject(error) : resolve()));
  });
}

import type { Readable, Writable } from 'node:stream';
import { describeFsError, fileError, type CliError } from './errors.js';

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
 * Colour rules: `NO_COLOR` (non-empty) and `TERM=dumb` always turn it off (and
 * `--no-color`, through `turnColorOff`); otherwise `FORCE_COLOR` decides when set ("0" and "false" mean off, as chalk reads it), and
 * else colour is on only for a terminal.
 */
export function wantsColor(isTTY: boolean, env: Env): boolean {
  if (env.NO_COLOR || env.TERM === 'dumb') return false;
  const force = env.FORCE_COLOR;
  if (force !== undefined) return force !== '0' && force !== 'false';
  return isTTY;
}

/** `--no-color`: no colour on either stream, whatever the environment says. */
export function turnColorOff(io: IO): void {
  io.colorStdout = false;
  io.colorStderr = false;
}

/**
 * Writes a string and resolves once the stream has taken it (honours back-pressure). A reader that
 * went away (`… | head`) is not a failure: the rest of the output is dropped and the exit code stays.
 * Any other failure (a full disk, an I/O error) is a file-system error (exit 3) saying why.
 */
export function write(stream: Writable, text: string): Promise<void> {
  if (text === '' || stream.destroyed) return Promise.resolve();
  return new Promise((resolve, reject) => {
    stream.write(text, (error) => (error && !isClosedReader(error) ? reject(writeFailure(stream, error)) : resolve()));
  });
}

/** The error for a write that failed for another reason than a reader that went away. */
export function writeFailure(stream: Writable, error: unknown): CliError {
  const name = (stream as { fd?: unknown }).fd === 2 ? 'standard error' : 'standard output';
  return fileError(`cannot write to ${name}: ${describeFsError(error)}`, 'The output is incomplete.');
}

export function isClosedReader(error: unknown): boolean {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  return code === 'EPIPE' || code === 'ERR_STREAM_DESTROYED';
}

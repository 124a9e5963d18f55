// Runs the CLI in-process through `main`, with fake streams and a chosen environment.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable, Writable } from 'node:stream';
import { main } from '../../dist/main.js';
import { SecretList } from '../../dist/secrets/secret-list.js';

export class Capture extends Writable {
  text = '';
  _write(chunk, _encoding, callback) {
    this.text += chunk.toString();
    callback();
  }
}

/** A temporary folder, removed when the test ends. */
export function tempDir(t, prefix = 'ecwid-instance-') {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
}

/**
 * @param {string[]} argv
 * `tty` makes all three streams terminals; `stdinTTY` / `stdoutTTY` / `stderrTTY` override one each.
 * `color` turns colour on for stdout and stderr (off by default).
 * @param {{ env?: Record<string,string>, cwd?: string, stdin?: string | Buffer, tty?: boolean, stdinTTY?: boolean, stdoutTTY?: boolean, stderrTTY?: boolean, color?: boolean, fetch?: typeof fetch, prompter?: object, stdout?: Capture, stderr?: Capture, stopRequests?: Function[] }} [options]
 * `stdout` / `stderr`: captures to use, for a test that reads what is printed while the command runs.
 */
export async function runCli(argv, options = {}) {
  const stdout = options.stdout ?? new Capture();
  const stderr = options.stderr ?? new Capture();
  const tty = options.tty ?? false;
  const stdin = Readable.from(options.stdin === undefined ? [] : [Buffer.from(options.stdin)]);
  const context = {
    io: {
      stdin,
      stdout,
      stderr,
      stdinIsTTY: options.stdinTTY ?? tty,
      stdoutIsTTY: options.stdoutTTY ?? tty,
      stderrIsTTY: options.stderrTTY ?? tty,
      colorStdout: options.color ?? false,
      colorStderr: options.color ?? false,
    },
    env: { ECWID_INSTANCE_CONFIG_DIR: join(tmpdir(), 'ecwid-instance-test-no-config'), ...options.env },
    cwd: options.cwd ?? process.cwd(),
    version: '0.0.0-test',
    fetch: options.fetch ?? (() => Promise.reject(new Error('no network in tests'))),
    prompter: async () => {
      if (!options.prompter) throw new Error('this test does not expect a prompt');
      return options.prompter;
    },
    secrets: new SecretList(),
    // A test asks the run to stop by calling the `stop` it passed: stop(signal).
    onStopRequest: (listener) => {
      options.stopRequests?.push(listener);
      return () => options.stopRequests?.splice(options.stopRequests.indexOf(listener) >>> 0, 1);
    },
  };
  const code = await main(argv, context);
  return { code, stdout: stdout.text, stderr: stderr.text };
}

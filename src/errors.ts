/** Exit codes of the command-line contract; each means one thing. */
export const ExitCode = {
  ok: 0,
  invalid: 1,
  usage: 2,
  fileSystem: 3,
  rejected: 4,
  unavailable: 5,
  internal: 70,
  cancelled: 130,
  /** Stopped by SIGHUP (the terminal went away) or SIGTERM at a prompt: 128 + the signal's number. */
  hangUp: 129,
  terminated: 143,
} as const;

export type ExitCodeValue = (typeof ExitCode)[keyof typeof ExitCode];

/**
 * An error meant for the user: a one-line message, an optional remedy, and the exit code it maps to.
 * Commands throw these; only `main` turns them into output and an exit code.
 */
export class CliError extends Error {
  constructor(
    readonly exitCode: ExitCodeValue,
    message: string,
    readonly hint?: string,
  ) {
    super(message);
    this.name = 'CliError';
  }
}

export const usageError = (message: string, hint?: string): CliError => new CliError(ExitCode.usage, message, hint);

export const fileError = (message: string, hint?: string): CliError => new CliError(ExitCode.fileSystem, message, hint);

/** The user stopped a prompt (Ctrl+C or end of input). */
export const cancelled = (): CliError => new CliError(ExitCode.cancelled, 'Cancelled');

/** A signal stopped a prompt; the terminal has been put back as it was. */
export const stoppedBy = (signal: 'SIGTERM' | 'SIGHUP'): CliError =>
  new CliError(signal === 'SIGHUP' ? ExitCode.hangUp : ExitCode.terminated, `Cancelled (${signal})`);

/** A readable reason for a failed file-system call, without the stack or the syscall noise. */
export function describeFsError(error: unknown): string {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  switch (code) {
    case 'ENOENT':
      return 'no such file or directory';
    case 'EACCES':
    case 'EPERM':
      return 'permission denied';
    case 'EISDIR':
      return 'is a directory';
    case 'ENOTDIR':
      return 'a parent of the path is not a directory';
    case 'EEXIST':
      return 'already exists';
    case 'ELOOP':
      return 'too many levels of symbolic links';
    case 'EMFILE':
    case 'ENFILE':
      return 'too many open files';
    case 'ENOSPC':
      return 'no space left on the device';
    case 'EROFS':
      return 'read-only file system';
    case 'EIO':
      return 'input/output error';
    case 'EFBIG':
      return 'file too large';
    case 'EDQUOT':
      return 'disk quota exceeded';
    default:
      return code ?? (error instanceof Error ? error.message : String(error));
  }
}

import { closeSync, constants, fstatSync, openSync, readSync, type Stats } from 'node:fs';
import type { Readable } from 'node:stream';
import { describeFsError } from '../errors.js';

/**
 * How much of a kind of input the tool reads at most, and what it is called in the refusal
 * ("larger than 64 KiB: not a secret"). Every read of a file or of stdin has one.
 */
export interface ReadLimit {
  bytes: number;
  /** What the input was expected to be, with its article: "an instance file", "a secret". */
  what: string;
}

/** Instance files are small; anything larger is refused rather than read into memory. */
export const INSTANCE_FILE_LIMIT: ReadLimit = { bytes: 8 * 1024 * 1024, what: 'an instance file' };
/** A secret, a grant code or a token: a line of text. */
export const SECRET_LIMIT: ReadLimit = { bytes: 64 * 1024, what: 'a secret' };
/** The config store holds a handful of short values. */
export const CONFIG_FILE_LIMIT: ReadLimit = { bytes: 1024 * 1024, what: 'a config file' };

/** The bytes read, or why nothing was: `code` is the system's error code when there is one (`ENOENT`). */
export type ReadOutcome = { ok: true; bytes: Buffer } | { ok: false; reason: string; code?: string };

function tooLarge(limit: ReadLimit): ReadOutcome {
  const size = limit.bytes >= 1024 * 1024 ? `${limit.bytes / 1024 / 1024} MiB` : `${limit.bytes / 1024} KiB`;
  return { ok: false, reason: `larger than ${size}: not ${limit.what}` };
}

/** What a path is, for messages: "a directory", "a FIFO", "a character device"... */
export function describeKind(info: Pick<Stats, 'isDirectory' | 'isFIFO' | 'isSocket' | 'isCharacterDevice' | 'isBlockDevice' | 'isSymbolicLink'>): string {
  if (info.isDirectory()) return 'a directory';
  if (info.isFIFO()) return 'a FIFO (named pipe)';
  if (info.isSocket()) return 'a socket';
  if (info.isCharacterDevice()) return 'a character device';
  if (info.isBlockDevice()) return 'a block device';
  if (info.isSymbolicLink()) return 'a symbolic link';
  return 'not a regular file';
}

/** Opens a file for reading, or says why it cannot be. */
export function openForReading(path: string | Buffer): number | ReadOutcome {
  try {
    // Non-blocking, so that a FIFO named as a file is refused instead of waiting for a writer forever.
    return openSync(path, constants.O_RDONLY | constants.O_NONBLOCK);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    return { ok: false, reason: describeFsError(error), ...(code === undefined ? {} : { code }) };
  }
}

/** Reads from `fd` into `buffer` until the end of the file or of the buffer; returns the count. */
function fill(fd: number, buffer: Buffer): number {
  let filled = 0;
  while (filled < buffer.length) {
    const read = readSync(fd, buffer, filled, buffer.length - filled, null);
    if (read === 0) break;
    filled += read;
  }
  return filled;
}

/**
 * Reads one regular file whole, at most `limit` bytes: a directory, FIFO, device or socket is refused
 * unread (never waited on), and so is a larger file. Synchronous on purpose: for many small files it
 * is the fastest way Node has, and it holds one descriptor at a time, so no count of files can run
 * out of them. A file that grows while it is read is read up to the size it had when opened.
 */
export function readFileBytes(path: string | Buffer, limit: ReadLimit = INSTANCE_FILE_LIMIT): ReadOutcome {
  const fd = openForReading(path);
  if (typeof fd !== 'number') return fd;
  try {
    const info = fstatSync(fd);
    if (info.isDirectory()) return { ok: false, reason: 'is a directory' };
    if (!info.isFile()) return { ok: false, reason: 'not a regular file' };
    if (info.size > limit.bytes) return tooLarge(limit);
    const bytes = Buffer.allocUnsafe(info.size);
    return { ok: true, bytes: bytes.subarray(0, fill(fd, bytes)) };
  } catch (error) {
    return { ok: false, reason: describeFsError(error) };
  } finally {
    closeSync(fd);
  }
}

/** Reads a stream (stdin) to its end, refusing more than `limit` bytes: what is beyond is not read. */
export async function readStreamBytes(stream: Readable, limit: ReadLimit = INSTANCE_FILE_LIMIT): Promise<ReadOutcome> {
  const chunks: Buffer[] = [];
  let size = 0;
  try {
    for await (const chunk of stream) {
      const buffer = typeof chunk === 'string' ? Buffer.from(chunk) : (chunk as Buffer);
      size += buffer.length;
      if (size > limit.bytes) return tooLarge(limit);
      chunks.push(buffer);
    }
  } catch (error) {
    return { ok: false, reason: describeFsError(error) };
  }
  return { ok: true, bytes: Buffer.concat(chunks) };
}

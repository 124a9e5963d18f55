import { closeSync, constants, fstatSync, openSync, readSync, statSync } from 'node:fs';
import type { Readable } from 'node:stream';
import { describeFsError } from '../../errors.js';

/** Instance files are small; anything larger than this is refused rather than read into memory. */
export const MAX_FILE_BYTES = 8 * 1024 * 1024;

export type ReadOutcome = { ok: true; bytes: Buffer } | { ok: false; reason: string };

const TOO_LARGE: ReadOutcome = { ok: false, reason: `larger than ${MAX_FILE_BYTES / 1024 / 1024} MiB: not an instance file` };

/** Opens a file for reading, or says why it cannot be. */
function openForReading(path: string): number | ReadOutcome {
  try {
    // Non-blocking, so that a FIFO named as a file is refused instead of waiting for a writer forever.
    return openSync(path, constants.O_RDONLY | constants.O_NONBLOCK);
  } catch (error) {
    return { ok: false, reason: describeFsError(error) };
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
 * Reads one file whole. Synchronous on purpose: for many small files it is the fastest way Node has,
 * and it holds one descriptor at a time, so no count of files can run out of them.
 */
export function readFileBytes(path: string): ReadOutcome {
  const fd = openForReading(path);
  if (typeof fd !== 'number') return fd;
  try {
    const info = fstatSync(fd);
    if (info.isDirectory()) return { ok: false, reason: 'is a directory' };
    if (!info.isFile()) return { ok: false, reason: 'not a regular file' };
    if (info.size > MAX_FILE_BYTES) return TOO_LARGE;
    const bytes = Buffer.allocUnsafe(info.size);
    return { ok: true, bytes: bytes.subarray(0, fill(fd, bytes)) };
  } catch (error) {
    return { ok: false, reason: describeFsError(error) };
  } finally {
    closeSync(fd);
  }
}

const listed = Buffer.allocUnsafe(64 * 1024);
/** One view of `listed` per length: made once, not for every file read. */
const listedViews: Buffer[] = [];

/**
 * Reads a file that a folder listing said is regular, into one reused buffer, without fstat and with
 * a single read: on many small files those calls and buffers are a good part of the time. On a local
 * disk a read of a regular file returns everything up to its end, so a buffer left partly empty
 * holds the whole file; where that may not hold, a reader reads again with `readFileBytes`
 * (`checkListedFile` does, for a text that ends too soon). The bytes are valid until the next call.
 * Undefined when the file must be read the careful way, `readFileBytes`, which also says what went
 * wrong: it could not be opened or read (it changed since the listing), or it filled the buffer.
 */
export function readListedBytes(path: string): Buffer | undefined {
  const fd = openForReading(path);
  if (typeof fd !== 'number') return undefined;
  let filled = listed.length;
  try {
    filled = readSync(fd, listed, 0, listed.length, null);
  } catch {
    // Read the careful way, below.
  } finally {
    closeSync(fd);
  }
  // A full buffer may mean more to come.
  return filled < listed.length ? (listedViews[filled] ??= listed.subarray(0, filled)) : undefined;
}

/** The size in bytes of a regular file now; undefined for anything else, or when it cannot be had. */
export function regularFileSize(path: string): number | undefined {
  try {
    const info = statSync(path, { throwIfNoEntry: false });
    return info?.isFile() ? info.size : undefined;
  } catch {
    return undefined;
  }
}

/** Reads a stream to its end, refusing more than the size limit. */
export async function readStreamBytes(stream: Readable): Promise<ReadOutcome> {
  const chunks: Buffer[] = [];
  let size = 0;
  try {
    for await (const chunk of stream) {
      const buffer = typeof chunk === 'string' ? Buffer.from(chunk) : (chunk as Buffer);
      size += buffer.length;
      if (size > MAX_FILE_BYTES) return TOO_LARGE;
      chunks.push(buffer);
    }
  } catch (error) {
    return { ok: false, reason: describeFsError(error) };
  }
  return { ok: true, bytes: Buffer.concat(chunks) };
}

import { closeSync, readSync, statSync } from 'node:fs';
import { openForReading } from '../../fs/read-file.js';

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
export function readListedBytes(path: string | Buffer): Buffer | undefined {
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
export function regularFileSize(path: string | Buffer): number | undefined {
  try {
    const info = statSync(path, { throwIfNoEntry: false });
    return info?.isFile() ? info.size : undefined;
  } catch {
    return undefined;
  }
}

import type { Writable } from 'node:stream';
import { write } from '../io.js';

/**
 * Collects output and writes it in large chunks: one write per line is slow on pipes. A chunk is
 * about a million characters because `validate` checks files in a synchronous loop that it leaves to
 * await each write (see validate-files.ts), and each time it is left and entered again V8 may
 * compile it once more. So text and GitHub output, which stream, rarely leave it; JSON and JUnit
 * write everything at the end anyway. Output still streams a chunk at a time, in bounded memory.
 */
export class BufferedWriter {
  private pending = '';

  constructor(
    private readonly stream: Writable,
    private readonly limit = 1024 * 1024,
  ) {}

  /** Adds text; true when enough is pending that the caller should `flush` (and await it) now. */
  add(text: string): boolean {
    this.pending += text;
    return this.pending.length >= this.limit;
  }

  async flush(): Promise<void> {
    const text = this.pending;
    this.pending = '';
    await write(this.stream, text);
  }
}

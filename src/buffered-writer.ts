import type { Writable } from 'node:stream';
import { write } from './io.js';

/**
 * Collects output and writes it in large chunks: one write per line is slow on pipes. The chunk is
 * large (1 MiB) because `validate` checks files in a synchronous loop that it leaves to await each
 * write (see validate-files.ts), and V8 compiles a hot loop that is left and entered again twice:
 * once while it runs, once more for the next call. Output still streams, a chunk at a time, and the
 * memory it holds stays bounded.
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

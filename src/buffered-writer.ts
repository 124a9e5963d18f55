import type { Writable } from 'node:stream';
import { write } from './io.js';

/** Collects output and writes it in large chunks: one write per line is slow on pipes. */
export class BufferedWriter {
  private pending = '';

  constructor(
    private readonly stream: Writable,
    private readonly limit = 64 * 1024,
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

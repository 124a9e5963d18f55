import type { Writable } from 'node:stream';
import { write } from './io.js';

/** Collects output and writes it in large chunks: one write per line is slow on pipes. */
export class BufferedWriter {
  private pending = '';

  constructor(
    private readonly stream: Writable,
    private readonly limit = 64 * 1024,
  ) {}

  async add(text: string): Promise<void> {
    this.pending += text;
    if (this.pending.length >= this.limit) await this.flush();
  }

  async flush(): Promise<void> {
    const text = this.pending;
    this.pending = '';
    await write(this.stream, text);
  }
}

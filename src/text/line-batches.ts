/** Lines per batch: enough that the batches are few, few enough that a batch is still young. */
const BATCH = 1000;

/**
 * Text of many lines, joined a batch at a time. A report of 250,000 lines built with `+=` is a rope
 * of millions of pieces that outlives every young-generation collection and is only flattened when
 * written; joined a thousand lines at a time, each batch is one flat string while it is still young.
 */
export class LineBatches {
  private readonly batches: string[] = [];
  private lines: string[] = [];

  add(line: string): void {
    this.lines.push(line);
    if (this.lines.length === BATCH) {
      this.batches.push(this.lines.join(''));
      this.lines = [];
    }
  }

  /** All the lines added so far, as one text. */
  text(): string {
    const last = this.lines.join('');
    return this.batches.length === 0 ? last : this.batches.join('') + last;
  }
}

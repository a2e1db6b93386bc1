/**
 * Text appended as UTF-8 into one growing buffer: thousands of output lines held until they can be
 * printed cost the garbage collector nothing (a string per line would be copied from young to old
 * space), and printing them is one write with no join.
 */
export class TextBytes {
  private buffer = Buffer.allocUnsafe(64 * 1024);
  private used = 0;

  get length(): number {
    return this.used;
  }

  append(text: string): void {
    // A UTF-8 character takes at most 3 bytes per UTF-16 unit.
    const most = text.length * 3;
    if (this.used + most > this.buffer.length) {
      const grown = Buffer.allocUnsafe(Math.max(this.buffer.length * 2, this.used + most));
      this.buffer.copy(grown, 0, 0, this.used);
      this.buffer = grown;
    }
    this.used += this.buffer.write(text, this.used, "utf8");
  }

  bytes(): Buffer {
    return this.buffer.subarray(0, this.used);
  }
}

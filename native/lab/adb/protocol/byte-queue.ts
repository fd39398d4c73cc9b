// A FIFO of bytes kept as a list of the chunks that arrived, so appending is O(1) and
// taking n bytes copies at most n bytes. Parsers that must not care where TCP or ADB
// packet boundaries fall (the packet reader, the sync and shell_v2 parsers) read from it;
// concatenating the whole backlog on every arrival made 50 MB pushes quadratic.

export class ByteQueue {
  #chunks: Buffer[] = [];
  /** Read offset into #chunks[0]. */
  #head = 0;
  #length = 0;

  get length(): number {
    return this.#length;
  }

  push(chunk: Buffer): void {
    if (chunk.length === 0) return;
    this.#chunks.push(chunk);
    this.#length += chunk.length;
  }

  /** The uint32 (LE) starting `offset` bytes into the queue; the caller checks length first. */
  peekUInt32LE(offset: number): number {
    const first = this.#chunks[0];
    if (first !== undefined && this.#head + offset + 4 <= first.length)
      return first.readUInt32LE(this.#head + offset);
    return this.peek(offset, 4).readUInt32LE(0);
  }

  peekUInt8(offset: number): number {
    return this.peek(offset, 1)[0] ?? 0;
  }

  /**
   * Removes and returns the next n bytes. When they sit inside one chunk the result is a
   * view of it (no copy), which is what makes 1 MiB WRTE payloads cheap to take.
   */
  take(n: number): Buffer {
    if (n > this.#length) throw new RangeError(`take(${n}) with only ${this.#length} bytes queued`);
    if (n === 0) return Buffer.alloc(0);
    const first = this.#chunks[0];
    if (first !== undefined && this.#head + n <= first.length) {
      const view = first.subarray(this.#head, this.#head + n);
      this.#advance(n);
      return view;
    }
    const out = Buffer.allocUnsafe(n);
    let written = 0;
    while (written < n) {
      const chunk = this.#chunks[0];
      if (chunk === undefined) break;
      const count = Math.min(n - written, chunk.length - this.#head);
      chunk.copy(out, written, this.#head, this.#head + count);
      written += count;
      this.#advance(count);
    }
    return out;
  }

  /**
   * Removes the next n bytes as views of the chunks they sit in, copying nothing: the
   * receive path hands 1 MiB WRTE payloads on this way, and a push is copied once, at DONE.
   */
  takeViews(n: number): Buffer[] {
    if (n > this.#length) throw new RangeError(`takeViews(${n}) with only ${this.#length} bytes queued`);
    const views: Buffer[] = [];
    let remaining = n;
    while (remaining > 0) {
      const chunk = this.#chunks[0];
      if (chunk === undefined) break;
      const count = Math.min(remaining, chunk.length - this.#head);
      views.push(chunk.subarray(this.#head, this.#head + count));
      remaining -= count;
      this.#advance(count);
    }
    return views;
  }

  skip(n: number): void {
    if (n > this.#length) throw new RangeError(`skip(${n}) with only ${this.#length} bytes queued`);
    this.#advance(n);
  }

  #advance(n: number): void {
    let remaining = n;
    this.#length -= n;
    while (remaining > 0) {
      const chunk = this.#chunks[0];
      if (chunk === undefined) break;
      const available = chunk.length - this.#head;
      if (remaining < available) {
        this.#head += remaining;
        return;
      }
      remaining -= available;
      this.#chunks.shift();
      this.#head = 0;
    }
  }

  /** A copy of n bytes starting at offset, leaving the queue as it is. */
  peek(offset: number, n: number): Buffer {
    if (offset + n > this.#length) throw new RangeError(`peek past the end of the queue`);
    const out = Buffer.allocUnsafe(n);
    let skip = this.#head + offset;
    let written = 0;
    for (const chunk of this.#chunks) {
      if (skip >= chunk.length) {
        skip -= chunk.length;
        continue;
      }
      const count = Math.min(n - written, chunk.length - skip);
      chunk.copy(out, written, skip, skip + count);
      written += count;
      skip = 0;
      if (written === n) break;
    }
    return out;
  }
}

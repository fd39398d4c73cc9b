// A command's stdin as the AsyncIterable<Buffer> the device model reads. push() resolves
// when the command has taken the chunk, and the stream holds its OKAY until then: the
// host cannot send the next WRTE, so an APK streamed to a slow (or hung) install waits
// in the host instead of piling up in the lab's memory.

interface Pending {
  data: Buffer;
  taken: () => void;
}

export class StdinQueue implements AsyncIterable<Buffer> {
  #pending: Pending[] = [];
  #ended = false;
  #wake: (() => void) | undefined;

  push(data: Buffer): Promise<void> {
    if (this.#ended) return Promise.resolve();
    return new Promise<void>((taken) => {
      this.#pending.push({ data, taken });
      this.#wake?.();
    });
  }

  /** No more input (stdin closed, stream closed, or the command finished). */
  end(): void {
    this.#ended = true;
    this.#wake?.();
  }

  async *[Symbol.asyncIterator](): AsyncIterator<Buffer> {
    for (;;) {
      const next = this.#pending.shift();
      if (next !== undefined) {
        next.taken();
        yield next.data;
        continue;
      }
      if (this.#ended) break;
      await new Promise<void>((resolve) => (this.#wake = resolve));
      this.#wake = undefined;
    }
    // Release a producer still waiting if the reader stopped early.
    for (const pending of this.#pending.splice(0)) pending.taken();
  }

  /** Drops queued input and releases the host (the command is over). */
  discard(): void {
    this.end();
    for (const pending of this.#pending.splice(0)) pending.taken();
  }
}

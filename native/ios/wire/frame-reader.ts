// Splits a byte stream into the frames of a length-prefixed protocol. TCP and UNIX sockets
// deliver arbitrary chunks: a header may arrive in two pieces, or ten frames in one chunk.

export class FrameTooLargeError extends Error {
  constructor(length: number, limit: number) {
    super(`a message of ${length} bytes is larger than the ${limit}-byte limit`);
    this.name = 'FrameTooLargeError';
  }
}

export interface FrameLayout {
  headerBytes: number;
  /** Total frame length (header included) read from a complete header. */
  frameLength(header: Buffer): number;
  maxFrameBytes: number;
}

/** Collects chunks and returns each complete frame once; keeps what is left over for the next push. */
export class FrameReader {
  readonly #layout: FrameLayout;
  #chunks: Buffer[] = [];
  #buffered = 0;

  constructor(layout: FrameLayout) {
    this.#layout = layout;
  }

  get buffered(): number {
    return this.#buffered;
  }

  /** Adds a chunk and returns every frame it completed. Throws FrameTooLargeError on a hostile length. */
  push(chunk: Buffer): Buffer[] {
    this.#chunks.push(chunk);
    this.#buffered += chunk.length;
    const frames: Buffer[] = [];
    for (;;) {
      if (this.#buffered < this.#layout.headerBytes) break;
      const header = this.#peek(this.#layout.headerBytes);
      const length = this.#layout.frameLength(header);
      if (length > this.#layout.maxFrameBytes || length < this.#layout.headerBytes)
        throw new FrameTooLargeError(length, this.#layout.maxFrameBytes);
      if (this.#buffered < length) break;
      frames.push(this.#take(length));
    }
    return frames;
  }

  /** Everything buffered and not yet framed (e.g. the first TLS bytes after a plist handshake). */
  drain(): Buffer {
    const rest = Buffer.concat(this.#chunks, this.#buffered);
    this.#chunks = [];
    this.#buffered = 0;
    return rest;
  }

  #peek(bytes: number): Buffer {
    if (this.#chunks[0]!.length < bytes) this.#chunks = [Buffer.concat(this.#chunks, this.#buffered)];
    return this.#chunks[0]!.subarray(0, bytes);
  }

  #take(bytes: number): Buffer {
    if (this.#chunks[0]!.length < bytes) this.#chunks = [Buffer.concat(this.#chunks, this.#buffered)];
    const first = this.#chunks[0]!;
    const frame = first.subarray(0, bytes);
    if (first.length === bytes) this.#chunks.shift();
    else this.#chunks[0] = first.subarray(bytes);
    this.#buffered -= bytes;
    return frame;
  }
}

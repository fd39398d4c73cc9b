// Reads a service connection as a sequence of exact-length pieces (`await read(40)`), so
// each service is a plain loop over its requests instead of a hand-written state machine.
// Large payloads (an AFC upload of a 100 MB IPA in one packet, as pymobiledevice3 sends)
// can be taken chunk by chunk as they arrive (`pipe`), so nothing is buffered twice, and
// the socket is paused while the service is behind (TCP backpressure reaches the client).
import type { Duplex } from 'node:stream';

/** Bytes buffered before the connection is paused; a service takes them well before that. */
const HIGH_WATER_MARK = 4 * 1024 * 1024;

export class StreamReader {
  readonly #stream: Duplex;
  #chunks: Buffer[] = [];
  #buffered = 0;
  #ended = false;
  #wake: (() => void) | undefined;

  constructor(stream: Duplex) {
    this.#stream = stream;
    stream.on('data', (chunk: Buffer) => {
      this.#chunks.push(chunk);
      this.#buffered += chunk.length;
      if (this.#buffered > HIGH_WATER_MARK) stream.pause();
      this.#notify();
    });
    const end = () => {
      this.#ended = true;
      this.#notify();
    };
    stream.on('end', end);
    stream.on('close', end);
    // A reset by the peer must end this connection's loop, never the lab.
    stream.on('error', end);
  }

  /** True once the peer closed and every buffered byte was taken. */
  get done(): boolean {
    return this.#ended && this.#buffered === 0;
  }

  /** Exactly `length` bytes, or undefined when the connection ends first. */
  async read(length: number): Promise<Buffer | undefined> {
    while (this.#buffered < length) {
      if (this.#ended) return undefined;
      await this.#wait();
    }
    return this.#take(length);
  }

  /**
   * Hands `length` bytes to `sink` as they arrive (in pieces of any size). Resolves false
   * when the connection ends before all of them came.
   */
  async pipe(length: number, sink: (piece: Buffer) => void): Promise<boolean> {
    let left = length;
    while (left > 0) {
      if (this.#buffered === 0) {
        if (this.#ended) return false;
        await this.#wait();
        continue;
      }
      const piece = this.#take(Math.min(left, this.#chunks[0]!.length));
      left -= piece.length;
      sink(piece);
    }
    return true;
  }

  #take(length: number): Buffer {
    let out: Buffer;
    const first = this.#chunks[0];
    if (first && first.length >= length) {
      out = first.subarray(0, length);
      if (first.length === length) this.#chunks.shift();
      else this.#chunks[0] = first.subarray(length);
    } else {
      const all = Buffer.concat(this.#chunks, this.#buffered);
      out = all.subarray(0, length);
      this.#chunks = all.length > length ? [all.subarray(length)] : [];
    }
    this.#buffered -= length;
    if (this.#buffered < HIGH_WATER_MARK / 2 && this.#stream.isPaused()) this.#stream.resume();
    return out;
  }

  #wait(): Promise<void> {
    return new Promise((resolve) => {
      this.#wake = resolve;
    });
  }

  #notify(): void {
    const wake = this.#wake;
    this.#wake = undefined;
    wake?.();
  }
}

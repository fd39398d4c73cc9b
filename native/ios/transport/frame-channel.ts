// A request/reply channel over one byte stream (a usbmuxd tunnel, possibly wrapped in TLS).
// lockdownd and its services answer strictly in order and have no request ids, so exchanges
// run one at a time through a promise queue; a reply that never comes, or bytes that cannot
// be framed, leave the stream out of step for good, so the channel fails and closes.
//
// Errors are already in the staging engine's words:
//   the stream ended or was reset          → DeviceGoneError
//   a frame that cannot be framed/decoded  → DeviceUnreadableError
//   no reply in time                       → DeviceCommandError (transient)
import type { Duplex } from 'node:stream';
import { DeviceCommandError, DeviceGoneError, DeviceUnreadableError } from '../../device-errors.ts';
import { FrameReader, FrameTooLargeError, type FrameLayout } from '../wire/frame-reader.ts';

export interface FrameChannelOptions {
  /** The device's UDID: DeviceGoneError names it. */
  device: string;
  /** What answers on this stream ("lockdownd", "com.apple.afc"), for messages. */
  peer: string;
  layout: FrameLayout;
}

interface Waiter {
  resolve(frame: Buffer): void;
  reject(error: Error): void;
}

/** Thrown by a channel Depotline closed itself (never reaches the engine from a working driver). */
export class ChannelClosedError extends Error {
  constructor(peer: string) {
    super(`the ${peer} connection was closed`);
    this.name = 'ChannelClosedError';
  }
}

export class FrameChannel {
  readonly device: string;
  readonly peer: string;
  #stream: Duplex;
  readonly #reader: FrameReader;
  readonly #frames: Buffer[] = [];
  #waiter: Waiter | undefined;
  #failure: Error | undefined;
  #queue: Promise<unknown> = Promise.resolve();
  #drainWaiters: (() => void)[] = [];
  readonly #onData = (chunk: Buffer) => this.#receive(chunk);
  readonly #onEnd = () => this.fail(new DeviceGoneError(this.device, `${this.peer} closed the connection`));
  readonly #onError = (error: Error) => this.fail(this.#streamError(error));
  readonly #onDrain = () => this.#releaseDrainWaiters();

  constructor(stream: Duplex, options: FrameChannelOptions) {
    this.device = options.device;
    this.peer = options.peer;
    this.#stream = stream;
    this.#reader = new FrameReader(options.layout);
    this.#listen(stream);
  }

  get failure(): Error | undefined {
    return this.#failure;
  }

  /** Runs `exchange` after every earlier one has finished: one conversation at a time. */
  exclusive<T>(exchange: () => Promise<T>): Promise<T> {
    const run = this.#queue.then(exchange, exchange);
    this.#queue = run.catch(() => undefined);
    return run;
  }

  /**
   * Writes one frame; waits only when the stream asks the writer to (backpressure). A frame
   * given in parts (an AFC header and the file bytes after it) goes out as one corked write,
   * so a megabyte of payload is never copied just to put 48 header bytes in front of it.
   */
  async write(frame: Buffer | readonly Buffer[]): Promise<void> {
    if (this.#failure) throw this.#failure;
    if (this.#writeNow(frame)) return;
    await new Promise<void>((resolve) => this.#drainWaiters.push(resolve));
    // Released by 'drain', or by fail(): then the write did not go through.
    const failure = this.failure;
    if (failure) throw failure;
  }

  /** The next whole frame; fails the channel when none arrives within `timeoutMs`. */
  read(timeoutMs: number): Promise<Buffer> {
    const ready = this.#frames.shift();
    if (ready) return Promise.resolve(ready);
    if (this.#failure) return Promise.reject(this.#failure);
    return new Promise<Buffer>((resolve, reject) => {
      const timer = setTimeout(() => {
        this.fail(
          new DeviceCommandError(
            `${this.peer} did not answer within ${timeoutMs >= 1000 ? `${Math.round(timeoutMs / 1000)} s` : `${timeoutMs} ms`}`,
            {
              transient: true,
            },
          ),
        );
      }, timeoutMs);
      this.#waiter = {
        resolve: (frame) => {
          clearTimeout(timer);
          resolve(frame);
        },
        reject: (error) => {
          clearTimeout(timer);
          reject(error);
        },
      };
    });
  }

  /**
   * Swaps the stream for one layered on it (TLS on the same socket). Only between exchanges:
   * the peer must have nothing in flight, so bytes already buffered mean it is out of step.
   */
  async upgrade(wrap: (raw: Duplex) => Promise<Duplex>): Promise<void> {
    if (this.#failure) throw this.#failure;
    const raw = this.#stream;
    this.#unlisten(raw);
    const leftover = this.#reader.drain();
    if (leftover.length > 0) {
      this.fail(
        new DeviceUnreadableError(`${this.peer} sent ${leftover.length} unexpected bytes before TLS`),
      );
      throw this.#failure!;
    }
    let secured: Duplex;
    try {
      secured = await wrap(raw);
    } catch (error) {
      this.#failure = error instanceof Error ? error : new Error(String(error));
      raw.destroy();
      throw this.#failure;
    }
    this.#stream = secured;
    this.#listen(secured);
  }

  /** Fails every pending and later exchange with `error` and destroys the stream. */
  fail(error: Error): void {
    if (this.#failure) return;
    this.#failure = error;
    const waiter = this.#waiter;
    this.#waiter = undefined;
    waiter?.reject(error);
    this.#releaseDrainWaiters();
    this.#stream.destroy();
  }

  close(): void {
    this.fail(new ChannelClosedError(this.peer));
  }

  /**
   * Whether this connection keeps the process alive: a connection kept open between calls
   * is let go (unref) while idle, so a finished CLI run exits without waiting for it.
   */
  hold(held: boolean): void {
    const stream = this.#stream as Duplex & { ref?: () => void; unref?: () => void };
    if (held) stream.ref?.();
    else stream.unref?.();
  }

  /** The stream's own answer: false when its buffer is full and the writer should wait for drain. */
  #writeNow(frame: Buffer | readonly Buffer[]): boolean {
    if (Buffer.isBuffer(frame)) return this.#stream.write(frame);
    const stream = this.#stream;
    stream.cork();
    let room = true;
    for (const part of frame) room = stream.write(part);
    stream.uncork();
    return room;
  }

  #listen(stream: Duplex): void {
    stream.on('data', this.#onData);
    stream.on('end', this.#onEnd);
    stream.on('close', this.#onEnd);
    stream.on('error', this.#onError);
    stream.on('drain', this.#onDrain);
    // A usbmuxd tunnel is handed over paused (see UsbmuxConnection.takeTunnel).
    stream.resume();
  }

  #unlisten(stream: Duplex): void {
    stream.off('data', this.#onData);
    stream.off('end', this.#onEnd);
    stream.off('close', this.#onEnd);
    stream.off('error', this.#onError);
    stream.off('drain', this.#onDrain);
  }

  #receive(chunk: Buffer): void {
    if (this.#failure) return;
    let frames: Buffer[];
    try {
      frames = this.#reader.push(chunk);
    } catch (error) {
      const reason = error instanceof FrameTooLargeError ? error.message : String(error);
      this.fail(new DeviceUnreadableError(`${this.peer} sent a frame that cannot be read: ${reason}`));
      return;
    }
    for (const frame of frames) {
      const waiter = this.#waiter;
      if (waiter) {
        this.#waiter = undefined;
        waiter.resolve(frame);
      } else {
        this.#frames.push(frame);
      }
    }
  }

  #releaseDrainWaiters(): void {
    for (const resolve of this.#drainWaiters.splice(0)) resolve();
  }

  #streamError(error: Error): Error {
    const code = (error as NodeJS.ErrnoException).code;
    // A TLS record the stack cannot decrypt or parse after the handshake: the peer broke the session.
    if (code?.startsWith('ERR_SSL_') || code === 'EPROTO')
      return new DeviceGoneError(this.device, `${this.peer} dropped the TLS session (${error.message})`);
    return new DeviceGoneError(this.device, `${this.peer} connection failed (${code ?? error.message})`);
  }
}

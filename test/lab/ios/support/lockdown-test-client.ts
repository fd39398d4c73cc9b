// A host's lockdownd client for the lab's tests: 4-byte framed plists in XML or binary, TLS
// after StartSession with the host's certificate (as libimobiledevice presents its root
// certificate), and back to clear text after StopSession by sending close_notify, exactly
// as libimobiledevice's SSL_shutdown does.
import type { Socket } from 'node:net';
import { Duplex } from 'node:stream';
import { connect as tlsConnect, type TLSSocket } from 'node:tls';
import {
  decodeLockdownFrame,
  encodeLockdownMessage,
  lockdownFrameReader,
} from '../../../../native/ios/wire/lockdown-frame.ts';
import type { PlistDict, PlistFormat } from '../../../../native/ios/wire/plist-codec.ts';

export class LockdownTestClient {
  readonly raw: Socket;
  readonly #plain = lockdownFrameReader();
  #tls: { secure: TLSSocket; inner: Duplex; reader: ReturnType<typeof lockdownFrameReader> } | undefined;
  readonly #replies: Array<{ body: PlistDict; format: PlistFormat }> = [];
  readonly #waiters: Array<() => void> = [];
  readonly closed: Promise<void>;

  constructor(raw: Socket) {
    this.raw = raw;
    raw.on('data', (chunk: Buffer) => {
      if (this.#tls !== undefined) this.#tls.inner.push(chunk);
      else {
        try {
          this.#collect(this.#plain.push(chunk));
        } catch {
          // Not lockdown framing (e.g. a TLS alert answering garbage): the test sees the close.
          raw.destroy();
        }
      }
    });
    raw.on('error', () => undefined);
    this.closed = new Promise((resolve) => raw.once('close', () => resolve()));
    raw.on('close', () => this.#wake());
    raw.resume();
  }

  #collect(frames: Buffer[]): void {
    for (const frame of frames) this.#replies.push(decodeLockdownFrame(frame));
    this.#wake();
  }

  #wake(): void {
    for (const waiter of this.#waiters.splice(0)) waiter();
  }

  send(body: PlistDict, format: PlistFormat = 'xml'): void {
    const bytes = encodeLockdownMessage(body, format);
    if (this.#tls !== undefined) this.#tls.secure.write(bytes);
    else this.raw.write(bytes);
  }

  async reply(timeoutMs = 5_000): Promise<{ body: PlistDict; format: PlistFormat }> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const reply = this.#replies.shift();
      if (reply !== undefined) return reply;
      if (this.raw.destroyed) throw new Error('lockdownd closed the connection');
      const left = deadline - Date.now();
      if (left <= 0) throw new Error('no lockdownd reply in time');
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, left);
        this.#waiters.push(() => {
          clearTimeout(timer);
          resolve();
        });
      });
    }
  }

  async request(body: PlistDict, format: PlistFormat = 'xml'): Promise<PlistDict> {
    this.send(body, format);
    return (await this.reply()).body;
  }

  /** After a successful StartSession: TLS on the same socket, presenting `cert`/`key`. */
  async startTls(certPem: string, keyPem: string): Promise<TLSSocket> {
    const raw = this.raw;
    const inner = new Duplex({
      read() {},
      write(chunk: Buffer, _encoding, callback) {
        raw.write(chunk, () => callback());
      },
      final(callback) {
        callback();
      },
    });
    const secure = tlsConnect({
      socket: inner,
      rejectUnauthorized: false,
      cert: certPem,
      key: keyPem,
      ciphers: 'DEFAULT:@SECLEVEL=0',
    });
    const reader = lockdownFrameReader();
    this.#tls = { secure, inner, reader };
    const leftover = this.#plain.drain();
    if (leftover.length > 0) inner.push(leftover);
    secure.on('data', (chunk: Buffer) => this.#collect(reader.push(chunk)));
    secure.on('error', () => undefined);
    await new Promise<void>((resolve, reject) => {
      secure.once('secureConnect', resolve);
      secure.once('error', reject);
    });
    return secure;
  }

  /** After StopSession's reply: send close_notify, then speak clear text again. */
  async stopTls(): Promise<void> {
    const tls = this.#tls;
    if (tls === undefined) return;
    const flushed = new Promise<void>((resolve) => tls.inner.once('finish', () => resolve()));
    tls.secure.end();
    await flushed;
    this.#tls = undefined;
    tls.secure.destroy();
  }

  close(): void {
    this.raw.destroy();
  }
}

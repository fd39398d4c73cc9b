// One host connection to lockdownd (port 62078 through usbmuxd): 4-byte big-endian framed
// plists, answered one at a time in order, each in the format it came in (XML or binary).
// After StartSession the same socket carries TLS; after StopSession the host sends its TLS
// close_notify and may go on in clear text, which the connection follows. Anything a host
// sends that is not a framed plist dictionary ends this connection only.
import type { Duplex } from 'node:stream';
import type { FrameReader } from '../../../ios/wire/frame-reader.ts';
import {
  decodeLockdownFrame,
  encodeLockdownMessage,
  lockdownFrameReader,
} from '../../../ios/wire/lockdown-frame.ts';
import type { LockdownDevice } from './lockdown-device.ts';
import { handleLockdownRequest, type Followup, type LockdownSession } from './lockdown-requests.ts';
import { ServerTlsChannel } from './tls-channel.ts';

/** TLS record content types (alert, application data) a close_notify can arrive as. */
const TLS_ALERT = 0x15;
const TLS_APPLICATION_DATA = 0x17;
const TLS_RECORD_HEADER = 5;

type Mode = 'plain' | 'tls' | 'closing-tls';

export class LockdownConnection {
  readonly #raw: Duplex;
  readonly #device: LockdownDevice;
  readonly #log: (message: string) => void;
  readonly #session: LockdownSession = { id: undefined, pairing: undefined };
  #mode: Mode = 'plain';
  #plain: FrameReader = lockdownFrameReader();
  #tls: { channel: ServerTlsChannel; reader: FrameReader } | undefined;
  /** Bytes after StopSession, while the host's close_notify record is skipped. */
  #closing = Buffer.alloc(0);
  #chain: Promise<void> = Promise.resolve();
  #closed = false;

  constructor(raw: Duplex, device: LockdownDevice, log: (message: string) => void = () => undefined) {
    this.#raw = raw;
    this.#device = device;
    this.#log = log;
    raw.on('data', (chunk: Buffer) => this.#onRaw(chunk));
    raw.on('end', () => {
      this.#tls?.channel.end();
      raw.end();
    });
    raw.on('error', () => undefined);
    raw.on('close', () => this.#close());
  }

  #onRaw(chunk: Buffer): void {
    if (this.#closed) return;
    try {
      if (this.#mode === 'plain') {
        for (const frame of this.#plain.push(chunk)) this.#enqueue(frame);
      } else if (this.#mode === 'tls') {
        this.#tls?.channel.feed(chunk);
      } else {
        this.#skipCloseNotify(chunk);
      }
    } catch (error) {
      this.#abort(error);
    }
  }

  #enqueue(frame: Buffer): void {
    this.#chain = this.#chain.then(() => this.#process(frame)).catch((error: unknown) => this.#abort(error));
  }

  async #process(frame: Buffer): Promise<void> {
    if (this.#closed) return;
    const { body, format } = decodeLockdownFrame(frame);
    const outcome = await handleLockdownRequest(this.#device, this.#session, body);
    if (this.#closed) return;
    this.#send(encodeLockdownMessage(outcome.reply, format), outcome.followup);
  }

  #send(bytes: Buffer, followup: Followup): void {
    switch (followup.kind) {
      case 'none':
        this.#write(bytes);
        return;
      case 'close':
        this.#write(bytes);
        this.#raw.end();
        return;
      case 'start-tls': {
        this.#write(bytes);
        const channel = new ServerTlsChannel(this.#raw, followup.context, { endRawOnFinish: false });
        const reader = lockdownFrameReader();
        this.#tls = { channel, reader };
        this.#mode = 'tls';
        channel.secure.on('data', (chunk: Buffer) => {
          try {
            for (const frame of reader.push(chunk)) this.#enqueue(frame);
          } catch (error) {
            this.#abort(error);
          }
        });
        channel.secure.on('error', (error: Error) => this.#abort(error));
        // A host never sends before the reply it waits for, but keep anything already read.
        channel.feed(this.#plain.drain());
        return;
      }
      case 'stop-tls': {
        const tls = this.#tls;
        // From now on raw bytes are the host's close_notify, then clear text again.
        this.#mode = 'closing-tls';
        this.#plain = lockdownFrameReader();
        if (tls === undefined) return;
        tls.channel.secure.write(bytes, () => {
          tls.channel.detach();
          if (this.#tls === tls) this.#tls = undefined;
        });
        return;
      }
    }
  }

  #write(bytes: Buffer): void {
    if (this.#mode === 'tls' && this.#tls !== undefined) this.#tls.channel.secure.write(bytes);
    else if (!this.#raw.destroyed) this.#raw.write(bytes);
  }

  /** Drops the host's TLS close_notify (one alert or encrypted record), then reads clear text. */
  #skipCloseNotify(chunk: Buffer): void {
    this.#closing = Buffer.concat([this.#closing, chunk]);
    const first = this.#closing[0];
    if (first === undefined) return;
    let rest = this.#closing;
    if (first === TLS_ALERT || first === TLS_APPLICATION_DATA) {
      if (rest.length < TLS_RECORD_HEADER) return;
      const recordBytes = TLS_RECORD_HEADER + rest.readUInt16BE(3);
      if (rest.length < recordBytes) return;
      rest = rest.subarray(recordBytes);
    }
    this.#closing = Buffer.alloc(0);
    this.#mode = 'plain';
    if (rest.length > 0) this.#onRaw(rest);
  }

  #abort(error: unknown): void {
    if (this.#closed) return;
    this.#log(
      `lockdownd ${this.#device.udid}: ${error instanceof Error ? error.message : String(error)}; closing the connection`,
    );
    this.#close();
    this.#raw.destroy();
  }

  #close(): void {
    if (this.#closed) return;
    this.#closed = true;
    this.#tls?.channel.detach();
    this.#tls = undefined;
  }
}

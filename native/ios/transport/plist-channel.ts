// Plists over a FrameChannel with lockdownd's framing (4-byte big-endian length): lockdownd
// itself, installation_proxy, MCInstall and diagnostics_relay all speak this way.
// Depotline sends XML as libimobiledevice does; replies are read in either format.
import type { Duplex } from 'node:stream';
import { DeviceUnreadableError } from '../../device-errors.ts';
import {
  decodeLockdownFrame,
  encodeLockdownMessage,
  LOCKDOWN_HEADER_BYTES,
  LOCKDOWN_MAX_FRAME_BYTES,
} from '../wire/lockdown-frame.ts';
import { PlistError, type PlistDict, type PlistFormat, type PlistValue } from '../wire/plist-codec.ts';
import { FrameChannel } from './frame-channel.ts';

/** How long one reply may take unless a request says otherwise. */
export const DEFAULT_REPLY_TIMEOUT_MS = 30_000;

export interface PlistChannelOptions {
  device: string;
  peer: string;
  format?: PlistFormat;
}

export class PlistChannel {
  readonly frames: FrameChannel;
  readonly #format: PlistFormat;

  constructor(stream: Duplex, options: PlistChannelOptions) {
    this.#format = options.format ?? 'xml';
    this.frames = new FrameChannel(stream, {
      device: options.device,
      peer: options.peer,
      layout: {
        headerBytes: LOCKDOWN_HEADER_BYTES,
        frameLength: (header) => LOCKDOWN_HEADER_BYTES + header.readUInt32BE(0),
        maxFrameBytes: LOCKDOWN_MAX_FRAME_BYTES,
      },
    });
  }

  get device(): string {
    return this.frames.device;
  }

  get peer(): string {
    return this.frames.peer;
  }

  /** One request, one reply, after every earlier exchange. */
  request(body: PlistDict, timeoutMs = DEFAULT_REPLY_TIMEOUT_MS): Promise<PlistDict> {
    return this.exchange(async () => {
      await this.send(body);
      return this.receive(timeoutMs);
    });
  }

  /** A conversation of several messages (Install and its progress replies) that nothing may interleave. */
  exchange<T>(conversation: () => Promise<T>): Promise<T> {
    return this.frames.exclusive(conversation);
  }

  /** Only inside exchange(). */
  send(body: PlistDict): Promise<void> {
    return this.frames.write(encodeLockdownMessage(body, this.#format));
  }

  /** Only inside exchange(). A reply that is not a plist dictionary fails the channel. */
  async receive(timeoutMs = DEFAULT_REPLY_TIMEOUT_MS): Promise<PlistDict> {
    const frame = await this.frames.read(timeoutMs);
    try {
      return decodeLockdownFrame(frame).body;
    } catch (error) {
      const reason = error instanceof PlistError ? error.message : String(error);
      const failure = new DeviceUnreadableError(`${this.peer} sent a reply that cannot be read: ${reason}`);
      this.frames.fail(failure);
      throw failure;
    }
  }

  upgrade(wrap: (raw: Duplex) => Promise<Duplex>): Promise<void> {
    return this.frames.upgrade(wrap);
  }

  /** Still usable: nothing failed or closed it (the peer may have closed it while it idled). */
  get usable(): boolean {
    return this.frames.failure === undefined;
  }

  /** See FrameChannel.hold. */
  hold(held: boolean): void {
    this.frames.hold(held);
  }

  close(): void {
    this.frames.close();
  }
}

/** A reply field in an error message: strings and numbers as they are, anything else by its kind. */
export function plistText(value: PlistValue | undefined): string {
  if (
    typeof value === 'string' ||
    typeof value === 'number' ||
    typeof value === 'boolean' ||
    typeof value === 'bigint'
  )
    return String(value);
  if (value === undefined || value === null) return 'nothing';
  if (Array.isArray(value)) return 'a list';
  if (value instanceof Date) return value.toISOString();
  if (value instanceof Uint8Array) return `${value.length} bytes`;
  return 'a dictionary';
}

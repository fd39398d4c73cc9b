// Listen: usbmuxd's attach/detach feed.
//   → { MessageType: 'Listen' }   ← Result 0, then tag-0 messages:
//     { MessageType: 'Attached', DeviceID, Properties } · { MessageType: 'Detached', DeviceID }
//     · { MessageType: 'Paired', DeviceID } (a pairing was saved)
// usbmuxd sends Attached for every device already present right after Result 0.
// When usbmuxd goes away (restart, crash) every device it knew is reported Detached (their
// tunnels died with it), and the listener keeps reconnecting until stop().
import { EventEmitter } from 'node:events';
import type { PlistDict } from '../wire/plist-codec.ts';
import type { UsbmuxAddress } from './usbmux-address.ts';
import { deviceFromAttached, type UsbmuxDevice } from './list-devices.ts';
import { UsbmuxConnection } from './usbmux-connection.ts';

export type UsbmuxEvent =
  | { type: 'attached'; device: UsbmuxDevice }
  | { type: 'detached'; deviceId: number; udid: string | undefined }
  | { type: 'paired'; deviceId: number; udid: string | undefined };

export interface UsbmuxListenerOptions {
  /** First wait before reconnecting; doubles up to maxRetryMs. */
  retryMs?: number;
  maxRetryMs?: number;
}

/**
 * Emits 'attached' (UsbmuxDevice), 'detached' and 'paired' ({ deviceId, udid }), 'event'
 * (every UsbmuxEvent), 'connected', 'disconnected' (Error), 'stopped' and 'error' (an unreadable
 * message, emitted only when listened for). Also an async iterator of UsbmuxEvent, ending at stop().
 */
export class UsbmuxListener extends EventEmitter {
  readonly #address: UsbmuxAddress;
  readonly #retryMs: number;
  readonly #maxRetryMs: number;
  readonly #devices = new Map<number, UsbmuxDevice>();
  #connection: UsbmuxConnection | undefined;
  #stopped = true;
  #retryTimer: NodeJS.Timeout | undefined;
  #delay: number;

  constructor(address: UsbmuxAddress, options: UsbmuxListenerOptions = {}) {
    super();
    this.#address = address;
    this.#retryMs = options.retryMs ?? 250;
    this.#maxRetryMs = options.maxRetryMs ?? 5_000;
    this.#delay = this.#retryMs;
  }

  /** The devices attached now, as far as the feed has said. */
  get devices(): UsbmuxDevice[] {
    return [...this.#devices.values()];
  }

  start(): this {
    if (!this.#stopped) return this;
    this.#stopped = false;
    void this.#connect();
    return this;
  }

  stop(): void {
    this.#stopped = true;
    clearTimeout(this.#retryTimer);
    this.#connection?.close();
    this.#connection = undefined;
    this.emit('stopped');
  }

  async *[Symbol.asyncIterator](): AsyncGenerator<UsbmuxEvent> {
    const queue: UsbmuxEvent[] = [];
    let wake: (() => void) | undefined;
    const onEvent = (event: UsbmuxEvent) => {
      queue.push(event);
      wake?.();
    };
    const onStopped = () => wake?.();
    this.on('event', onEvent);
    this.on('stopped', onStopped);
    this.start();
    try {
      for (;;) {
        while (queue.length > 0) yield queue.shift()!;
        if (this.#stopped) return;
        await new Promise<void>((resolve) => (wake = resolve));
        wake = undefined;
      }
    } finally {
      this.off('event', onEvent);
      this.off('stopped', onStopped);
    }
  }

  async #connect(): Promise<void> {
    if (this.#stopped) return;
    let connection: UsbmuxConnection;
    try {
      connection = await UsbmuxConnection.open(this.#address);
    } catch {
      this.#scheduleRetry();
      return;
    }
    if (this.#stopped) {
      connection.close();
      return;
    }
    this.#connection = connection;
    connection.on('event', (body: PlistDict) => this.#handle(body));
    connection.once('close', (error: Error) => this.#lost(connection, error));
    try {
      await connection.request('Listen');
      this.#delay = this.#retryMs;
      this.emit('connected');
    } catch (error) {
      connection.close();
      if (!(error instanceof Error && error.name === 'DeviceGoneError')) this.#report(error);
    }
  }

  #handle(body: PlistDict): void {
    try {
      const deviceId = typeof body.DeviceID === 'number' ? body.DeviceID : undefined;
      if (body.MessageType === 'Attached') {
        const device = deviceFromAttached(body);
        this.#devices.set(device.deviceId, device);
        this.#publish({ type: 'attached', device });
      } else if (body.MessageType === 'Detached' && deviceId !== undefined) {
        const udid = this.#devices.get(deviceId)?.udid;
        this.#devices.delete(deviceId);
        this.#publish({ type: 'detached', deviceId, udid });
      } else if (body.MessageType === 'Paired' && deviceId !== undefined) {
        this.#publish({ type: 'paired', deviceId, udid: this.#devices.get(deviceId)?.udid });
      }
    } catch (error) {
      // One malformed event says nothing about the next: report it and keep listening.
      this.#report(error);
    }
  }

  #lost(connection: UsbmuxConnection, error: Error): void {
    if (this.#connection !== connection) return;
    this.#connection = undefined;
    for (const [deviceId, device] of this.#devices) {
      this.#devices.delete(deviceId);
      this.#publish({ type: 'detached', deviceId, udid: device.udid });
    }
    if (this.#stopped) return;
    this.emit('disconnected', error);
    this.#scheduleRetry();
  }

  #scheduleRetry(): void {
    if (this.#stopped) return;
    this.#retryTimer = setTimeout(() => void this.#connect(), this.#delay);
    this.#delay = Math.min(this.#delay * 2, this.#maxRetryMs);
  }

  /** 'error' only when someone listens: an unheard EventEmitter error would throw. */
  #report(error: unknown): void {
    if (this.listenerCount('error') > 0) this.emit('error', error);
  }

  #publish(event: UsbmuxEvent): void {
    if (event.type === 'attached') this.emit('attached', event.device);
    else this.emit(event.type, { deviceId: event.deviceId, udid: event.udid });
    this.emit('event', event);
  }
}

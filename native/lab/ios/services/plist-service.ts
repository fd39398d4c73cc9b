// The small base of every plist-speaking lockdown service (installation_proxy, MCInstall,
// diagnostics_relay, notification_proxy): frames are a 4-byte big-endian length and a
// plist, XML or binary; a reply goes out in the format the client's request came in.
// Anything that is not a well-formed plist dictionary closes that one connection: the
// lab must survive any bytes a client sends.
import type { Duplex } from 'node:stream';
import { LOCKDOWN_HEADER_BYTES } from '../../../ios/wire/lockdown-frame.ts';
import {
  decodePlistDict,
  encodePlist,
  type PlistDict,
  type PlistFormat,
} from '../../../ios/wire/plist-codec.ts';
import type { LabIosDeviceApi, LabIosService } from './service-api.ts';
import { StreamReader } from './stream-reader.ts';

/** Requests are commands and small profiles; a bigger length is a broken or hostile client. */
const DEFAULT_MAX_REQUEST_BYTES = 4 * 1024 * 1024;

/** One client connection to a plist service, as a handler sees it. */
export class PlistConversation {
  readonly device: LabIosDeviceApi;
  readonly #connection: Duplex;
  readonly #reader: StreamReader;
  readonly #maxRequestBytes: number;
  #format: PlistFormat = 'xml';
  #closed = false;

  constructor(connection: Duplex, device: LabIosDeviceApi, maxRequestBytes: number) {
    this.device = device;
    this.#connection = connection;
    this.#reader = new StreamReader(connection);
    this.#maxRequestBytes = maxRequestBytes;
  }

  get closed(): boolean {
    return this.#closed || this.#connection.destroyed;
  }

  /** The next request; undefined when the client closed. Throws for a malformed frame. */
  async receive(): Promise<PlistDict | undefined> {
    const header = await this.#reader.read(LOCKDOWN_HEADER_BYTES);
    if (!header) return undefined;
    const length = header.readUInt32BE(0);
    if (length === 0 || length > this.#maxRequestBytes)
      throw new Error(`a request of ${length} bytes (limit ${this.#maxRequestBytes})`);
    const body = await this.#reader.read(length);
    if (!body) return undefined;
    const { value, format } = decodePlistDict(body);
    this.#format = format;
    return value;
  }

  /** Sends one plist, in the format of the client's last request; resolves once written. */
  send(body: PlistDict): Promise<void> {
    if (this.closed) return Promise.resolve();
    const payload = encodePlist(body, this.#format);
    const header = Buffer.alloc(LOCKDOWN_HEADER_BYTES);
    header.writeUInt32BE(payload.length, 0);
    return new Promise((resolve) => {
      this.#connection.write(Buffer.concat([header, payload]), () => resolve());
    });
  }

  /** Ends the connection (after what was sent); `abort` drops it at once. */
  close(abort = false): void {
    if (this.#closed) return;
    this.#closed = true;
    if (abort) this.#connection.destroy();
    else this.#connection.end();
  }
}

/**
 * A plist service: `handle` answers one request. Returning 'close' ends the connection
 * after the reply (Goodbye, Shutdown of notification_proxy); a thrown error drops it.
 */
export abstract class PlistService implements LabIosService {
  abstract readonly name: string;
  abstract readonly ssl: boolean;
  /** The key naming the request: "Command", "RequestType" or "Request". */
  protected abstract readonly requestKey: string;
  protected readonly maxRequestBytes: number = DEFAULT_MAX_REQUEST_BYTES;

  protected abstract handle(request: PlistDict, conversation: PlistConversation): Promise<'close' | void>;

  /** Called once the connection is over (for work that waits for the client to go). */
  protected finish(_conversation: PlistConversation): void {}

  serve(connection: Duplex, device: LabIosDeviceApi): void {
    const conversation = new PlistConversation(connection, device, this.maxRequestBytes);
    void this.#run(conversation).finally(() => this.finish(conversation));
  }

  /** The request's name, for the device's request log and for dispatch. */
  protected requestName(request: PlistDict): string | undefined {
    const name = request[this.requestKey];
    return typeof name === 'string' ? name : undefined;
  }

  async #run(conversation: PlistConversation): Promise<void> {
    try {
      for (;;) {
        const request = await conversation.receive();
        if (!request) break;
        conversation.device.record(this.name, this.requestName(request) ?? '(no request name)');
        if ((await this.handle(request, conversation)) === 'close') break;
      }
      conversation.close();
    } catch {
      // Malformed input or a reset: this connection ends, the device and the lab carry on.
      conversation.close(true);
    }
  }
}

// The device end of one ADB stream (an OPENed service). Outgoing bytes queue here and
// leave as WRTE packets of at most maxdata bytes, one at a time: the next WRTE goes only
// after the host's OKAY for the previous one, as adbd does. Incoming WRTEs are handed to
// the service; the OKAY that lets the host send more is held until the service has
// taken the data, which is how a slow consumer (an install reading stdin) pushes back.
import { ByteQueue } from '../protocol/byte-queue.ts';

/** What a stream needs from its connection: the means to put packets on the wire. */
export interface StreamWire {
  readonly maxData: number;
  sendWrite(localId: number, remoteId: number, data: Buffer): void;
  sendOkay(localId: number, remoteId: number): void;
  sendClose(localId: number, remoteId: number): void;
}

/**
 * Receives a WRTE payload as the pieces it arrived in (views, never copied); a returned
 * promise delays the OKAY until it settles.
 */
export type DataHandler = (parts: readonly Buffer[]) => void | Promise<void>;

export class AdbStream {
  readonly localId: number;
  readonly remoteId: number;
  readonly #wire: StreamWire;
  readonly #outgoing = new ByteQueue();
  readonly #abort = new AbortController();
  #awaitingOkay = false;
  /** True while a service handles a WRTE: our OKAY for it must leave before its output or CLSE. */
  #inHandler = false;
  #closeAfterHandler = false;
  #ending = false;
  #closed = false;
  #onData: DataHandler = () => undefined;
  readonly #closeListeners: (() => void)[] = [];

  constructor(wire: StreamWire, localId: number, remoteId: number) {
    this.#wire = wire;
    this.localId = localId;
    this.remoteId = remoteId;
  }

  /** Aborted when the stream closes for any reason (host CLSE, device gone, lab stop). */
  get signal(): AbortSignal {
    return this.#abort.signal;
  }

  onData(handler: DataHandler): void {
    this.#onData = handler;
  }

  onClose(listener: () => void): void {
    if (this.#closed) listener();
    else this.#closeListeners.push(listener);
  }

  write(data: Buffer | string): void {
    if (this.#closed || this.#ending) return;
    this.#outgoing.push(typeof data === 'string' ? Buffer.from(data, 'utf8') : data);
    this.#flush();
  }

  /** Closes once everything written so far has been delivered and acknowledged. */
  end(): void {
    if (this.#closed) return;
    this.#ending = true;
    this.#flush();
  }

  /** Closes now, dropping unsent output (an error, or a service refusing bad input). */
  close(): void {
    if (this.#closed) return;
    if (this.#inHandler) {
      this.#closeAfterHandler = true;
      return;
    }
    this.#wire.sendClose(this.localId, this.remoteId);
    this.#finish();
  }

  // ---- called by the connection ----

  handleOkay(): void {
    this.#awaitingOkay = false;
    this.#flush();
  }

  handleWrite(parts: readonly Buffer[]): void {
    if (this.#closed) return;
    let result: void | Promise<void> = undefined;
    let failed = false;
    this.#inHandler = true;
    try {
      result = this.#onData(parts);
    } catch {
      failed = true;
    } finally {
      this.#inHandler = false;
    }
    if (result === undefined) this.#ackWrite();
    else
      result.then(
        () => this.#ackWrite(),
        () => this.close(),
      );
    if (failed || this.#closeAfterHandler) this.close();
    else this.#flush();
  }

  /** The host closed the stream (CLSE) or the connection is gone: no packets go out. */
  handleRemoteClose(): void {
    this.#finish();
  }

  #ackWrite(): void {
    if (!this.#closed) this.#wire.sendOkay(this.localId, this.remoteId);
  }

  #flush(): void {
    if (this.#closed || this.#awaitingOkay || this.#inHandler) return;
    if (this.#outgoing.length > 0) {
      const data = this.#outgoing.take(Math.min(this.#outgoing.length, this.#wire.maxData));
      this.#awaitingOkay = true;
      this.#wire.sendWrite(this.localId, this.remoteId, data);
      return;
    }
    if (this.#ending) this.close();
  }

  #finish(): void {
    if (this.#closed) return;
    this.#closed = true;
    this.#abort.abort();
    for (const listener of this.#closeListeners.splice(0)) listener();
  }
}

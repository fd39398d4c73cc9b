// `sync:` — the file transfer service behind adb push/pull/ls. The request stream is
// parsed from a ByteQueue, independent of WRTE boundaries (adb bundles many 64 KiB DATA
// chunks into each 1 MiB WRTE, and a chunk may straddle two). Pushed data is kept as a
// list of chunks and joined once at DONE, so receiving is O(n) in the file size.
// Anything malformed gets a FAIL and ends this stream only.
import { ByteQueue } from '../protocol/byte-queue.ts';
import type { AdbStream } from '../transport/stream.ts';
import { DeviceFsError, type FileStat } from '../virtual-device-api.ts';
import type { ServiceContext, ServiceHandler } from './service.ts';
import { checkSyncPath } from './sync-path.ts';
import { UploadBuffer } from './upload-buffer.ts';
import {
  DENT_V1_SIZE,
  DENT_V2_SIZE,
  Errno,
  ErrnoText,
  S_IFLNK,
  S_IFMT,
  S_IFREG,
  SYNC_DATA_MAX,
  SYNC_PATH_MAX,
  SYNC_REQUEST_HEADER,
  SyncId,
  dentV1,
  dentV2,
  failMessage,
  listDone,
  statV1,
  statV2,
  syncMessage,
} from './sync-protocol.ts';

/** The lab keeps pushed files in memory; a bigger push is refused rather than exhausting it. */
export const MAX_PUSH_BYTES = 1024 * 1024 * 1024;

const REQUESTS = new Set<string>([
  SyncId.STAT,
  SyncId.STA2,
  SyncId.LST2,
  SyncId.LIST,
  SyncId.LIS2,
  SyncId.SEND,
  SyncId.RECV,
  SyncId.QUIT,
]);

interface PendingSend {
  path: string;
  mode: number;
  data: UploadBuffer;
  /** Set once a FAIL went out: the rest of the upload is read and thrown away, as adbd does. */
  failed: boolean;
}

export function syncService(): ServiceHandler {
  return (stream, context) => {
    const session = new SyncSession(stream, context);
    stream.onData((parts) => session.feed(parts));
    // A client that vanishes mid-push must not leave its upload's memory reserved.
    stream.onClose(() => session.abandon());
  };
}

class SyncSession {
  readonly #stream: AdbStream;
  readonly #context: ServiceContext;
  readonly #queue = new ByteQueue();
  #send: PendingSend | undefined;
  #done = false;

  constructor(stream: AdbStream, context: ServiceContext) {
    this.#stream = stream;
    this.#context = context;
  }

  abandon(): void {
    this.#done = true;
    this.#send?.data.discard();
    this.#send = undefined;
  }

  feed(parts: readonly Buffer[]): void {
    if (this.#done) return;
    for (const part of parts) this.#queue.push(part);
    while (!this.#done && this.#queue.length >= SYNC_REQUEST_HEADER) {
      const id = this.#queue.peek(0, 4).toString('latin1');
      const length = this.#queue.peekUInt32LE(4);
      const consumed =
        this.#send === undefined ? this.#request(id, length) : this.#sendData(this.#send, id, length);
      if (!consumed) return;
    }
  }

  /** Handles one request if it is complete; false when more bytes are needed. */
  #request(id: string, length: number): boolean {
    if (!REQUESTS.has(id) || !this.#offered(id))
      return this.#fail(`unknown sync command ${JSON.stringify(id)}`);
    if (id === SyncId.QUIT) {
      this.#done = true;
      this.#stream.end();
      return false;
    }
    if (length > SYNC_PATH_MAX + (id === SyncId.SEND ? 16 : 0)) return this.#fail('path too long');
    if (this.#queue.length < SYNC_REQUEST_HEADER + length) return false;
    this.#queue.skip(SYNC_REQUEST_HEADER);
    const argument = this.#queue.take(length).toString('utf8');
    if (id === SyncId.SEND) return this.#startSend(argument);
    const checked = checkSyncPath(argument);
    if (!checked.ok) return this.#fail(checked.reason);
    const path = checked.path;
    switch (id) {
      case SyncId.STAT:
        this.#stream.write(statV1(this.#stat(path).stat));
        break;
      case SyncId.STA2:
      case SyncId.LST2: {
        const { stat, errno } = this.#stat(path);
        this.#stream.write(statV2(id, stat, errno));
        break;
      }
      case SyncId.LIST:
      case SyncId.LIS2:
        this.#list(path, id === SyncId.LIS2);
        break;
      case SyncId.RECV:
        return this.#recv(path);
    }
    return true;
  }

  #offered(id: string): boolean {
    const { features } = this.#context;
    if (id === SyncId.STA2 || id === SyncId.LST2) return features.has('stat_v2');
    if (id === SyncId.LIS2) return features.has('ls_v2');
    return true;
  }

  #stat(path: string): { stat: FileStat | undefined; errno: number } {
    try {
      const stat = this.#context.device.fs.stat(path);
      return { stat, errno: stat === undefined ? Errno.ENOENT : 0 };
    } catch (error) {
      return { stat: undefined, errno: error instanceof DeviceFsError ? Errno[error.code] : Errno.EINVAL };
    }
  }

  #list(path: string, v2: boolean): void {
    try {
      for (const entry of this.#context.device.fs.list(path))
        this.#stream.write(v2 ? dentV2(entry) : dentV1(entry));
    } catch (error) {
      // adbd ends an unreadable directory's listing with DONE and no entries.
      if (!(error instanceof DeviceFsError)) throw error;
    }
    this.#stream.write(listDone(v2 ? DENT_V2_SIZE : DENT_V1_SIZE));
  }

  #recv(path: string): boolean {
    let data: Buffer;
    try {
      data = this.#context.device.fs.read(path);
    } catch (error) {
      return this.#fail(`open failed: ${describe(error)}`);
    }
    for (let offset = 0; offset < data.length; offset += SYNC_DATA_MAX) {
      const chunk = data.subarray(offset, offset + SYNC_DATA_MAX);
      this.#stream.write(syncMessage(SyncId.DATA, chunk.length));
      this.#stream.write(chunk);
    }
    this.#stream.write(syncMessage(SyncId.DONE, 0));
    return true;
  }

  #startSend(argument: string): boolean {
    const comma = argument.lastIndexOf(',');
    const mode = comma < 0 ? NaN : Number(argument.slice(comma + 1));
    const checked = checkSyncPath(comma < 0 ? argument : argument.slice(0, comma));
    const send: PendingSend = {
      path: checked.ok ? checked.path : '',
      mode,
      data: new UploadBuffer(),
      failed: false,
    };
    this.#send = send;
    if (!Number.isInteger(mode) || mode < 0) this.#sendFail(send, 'missing or invalid file mode');
    else if (!checked.ok) this.#sendFail(send, checked.reason);
    else if ((mode & S_IFMT) === S_IFLNK)
      this.#sendFail(send, `couldn't create symlink: ${ErrnoText.EINVAL}`);
    return true;
  }

  #sendData(send: PendingSend, id: string, length: number): boolean {
    if (id === SyncId.DATA) {
      if (length > SYNC_DATA_MAX) return this.#fail(`data chunk of ${length} bytes exceeds ${SYNC_DATA_MAX}`);
      if (this.#queue.length < SYNC_REQUEST_HEADER + length) return false;
      this.#queue.skip(SYNC_REQUEST_HEADER);
      const views = this.#queue.takeViews(length);
      if (send.failed) return true;
      if (send.data.size + length > MAX_PUSH_BYTES)
        this.#sendFail(send, `file too large for the lab (over ${MAX_PUSH_BYTES} bytes)`);
      else for (const view of views) send.data.append(view);
      return true;
    }
    if (id !== SyncId.DONE) return this.#fail(`unexpected ${JSON.stringify(id)} during SEND`);
    this.#queue.skip(SYNC_REQUEST_HEADER);
    this.#send = undefined;
    if (send.failed) {
      this.#done = true;
      this.#stream.end();
      return false;
    }
    try {
      const mode = (send.mode & S_IFMT) === 0 ? send.mode | S_IFREG : send.mode;
      this.#context.device.fs.write(send.path, send.data.finish(), mode, length);
    } catch (error) {
      const what =
        error instanceof DeviceFsError && error.code === 'ENOSPC' ? 'write failed' : "couldn't create file";
      return this.#fail(`${what}: ${describe(error)}`);
    }
    this.#stream.write(syncMessage(SyncId.OKAY, 0));
    return true;
  }

  /** FAIL now, then keep reading the upload until DONE so the client sees the reason. */
  #sendFail(send: PendingSend, reason: string): void {
    send.failed = true;
    send.data.discard();
    this.#stream.write(failMessage(reason));
  }

  /** FAIL and end the stream: the request stream cannot be trusted past this point. */
  #fail(reason: string): false {
    this.#done = true;
    this.#stream.write(failMessage(reason));
    this.#stream.end();
    return false;
  }
}

function describe(error: unknown): string {
  if (error instanceof DeviceFsError) return ErrnoText[error.code];
  return error instanceof Error ? error.message : String(error);
}

// com.apple.afc: the device's media partition (device.files) over AFC. Hosts upload IPAs
// to /PublicStaging here before installation_proxy installs them. Uploads are written
// into the file as they arrive (a 100 MB FileWrite is never held twice), count against
// device.freeBytes() (a write that does not fit answers NO_SPACE_LEFT) and take the
// device's transfer time. A malformed packet closes that connection only.
import type { Duplex } from 'node:stream';
import {
  AFC_ERROR,
  AFC_HEADER_BYTES,
  AFC_MAX_OTHER_PAYLOAD,
  AFC_MODE,
  AFC_OP,
  AFC_SEEK,
  cStrings,
  encodeAfcPacket,
  normalizeAfcPath,
  parentOf,
  parseAfcHeader,
  u64,
  type AfcMode,
} from './afc-protocol.ts';
import { AfcFiles, resize, storeOf } from './afc-files.ts';
import type { LabIosDeviceApi, LabIosFileEntry, LabIosService } from './service-api.ts';
import { StreamReader } from './stream-reader.ts';

const NAME = 'com.apple.afc';
/** Operations too frequent to log one by one (an upload is hundreds of FileWrites). */
const UNLOGGED = new Set<number>([AFC_OP.fileRead, AFC_OP.fileWrite, AFC_OP.fileSeek, AFC_OP.fileTell]);
const OP_NAMES = new Map<number, string>(Object.entries(AFC_OP).map(([name, code]) => [code, name]));
/** Where a request's path starts in its header data (after a u64 mode, size or time for some). */
const PATH_OFFSET = new Map<number, number>([
  [AFC_OP.readDir, 0],
  [AFC_OP.getFileInfo, 0],
  [AFC_OP.makeDir, 0],
  [AFC_OP.removePath, 0],
  [AFC_OP.removePathAndContents, 0],
  [AFC_OP.fileOpen, 8],
  [AFC_OP.truncate, 8],
  [AFC_OP.setFileModTime, 8],
]);

interface Reply {
  operation: number;
  headerData?: Buffer;
  payload?: Buffer;
}

interface OpenFile {
  path: string;
  entry: LabIosFileEntry;
  mode: AfcMode;
  position: number;
}

const status = (code: number): Reply => ({ operation: AFC_OP.status, headerData: u64(code) });
const ok = status(AFC_ERROR.success);
const data = (payload: Buffer): Reply => ({ operation: AFC_OP.data, payload });
const reply = (result: Buffer | number): Reply =>
  typeof result === 'number' ? status(result) : data(result);

export class AfcService implements LabIosService {
  readonly name = NAME;
  readonly ssl = false;

  serve(connection: Duplex, device: LabIosDeviceApi): void {
    void new AfcConnection(connection, device).run();
  }
}

class AfcConnection {
  readonly #connection: Duplex;
  readonly #device: LabIosDeviceApi;
  readonly #reader: StreamReader;
  readonly #fs: AfcFiles;
  readonly #open = new Map<bigint, OpenFile>();
  #nextHandle = 1n;

  constructor(connection: Duplex, device: LabIosDeviceApi) {
    this.#connection = connection;
    this.#device = device;
    this.#reader = new StreamReader(connection);
    this.#fs = new AfcFiles(device);
  }

  async run(): Promise<void> {
    try {
      for (;;) {
        const headerBytes = await this.#reader.read(AFC_HEADER_BYTES);
        if (!headerBytes) break;
        const header = parseAfcHeader(headerBytes);
        if (!header) throw new Error('not an AFC packet');
        const headerData = await this.#reader.read(header.thisLength - AFC_HEADER_BYTES);
        if (!headerData) break;
        const payloadLength = header.entireLength - header.thisLength;
        let reply: Reply;
        if (header.operation === AFC_OP.fileWrite) {
          const written = await this.#fileWrite(headerData, payloadLength);
          if (!written) break;
          reply = written;
        } else {
          if (payloadLength > AFC_MAX_OTHER_PAYLOAD) throw new Error('an oversized payload');
          const payload = await this.#reader.read(payloadLength);
          if (!payload) break;
          reply = this.#dispatch(header.operation, headerData);
        }
        const packet = encodeAfcPacket(
          header.packetNum,
          reply.operation,
          reply.headerData ?? Buffer.alloc(0),
          reply.payload ?? Buffer.alloc(0),
        );
        await new Promise<void>((resolve) => this.#connection.write(packet, () => resolve()));
      }
      this.#connection.end();
    } catch {
      // A malformed packet or a reset ends this connection; the device carries on.
      this.#connection.destroy();
    }
  }

  #log(operation: number, detail: string): void {
    if (!UNLOGGED.has(operation))
      this.#device.record(
        NAME,
        `${OP_NAMES.get(operation) ?? `op 0x${operation.toString(16)}`} ${detail}`.trim(),
      );
  }

  #dispatch(operation: number, headerData: Buffer): Reply {
    const strings = () => cStrings(headerData);
    const path = (offset = 0) => normalizeAfcPath(cStrings(headerData.subarray(offset))[0] ?? '');
    const number = (offset: number) =>
      headerData.length >= offset + 8 ? headerData.readBigUInt64LE(offset) : -1n;
    const at = PATH_OFFSET.get(operation);
    const detail =
      at !== undefined
        ? path(at)
        : operation === AFC_OP.renamePath
          ? strings().map(normalizeAfcPath).join(' → ')
          : operation === AFC_OP.fileClose
            ? (this.#open.get(number(0))?.path ?? '')
            : '';
    this.#log(operation, detail);
    switch (operation) {
      case AFC_OP.getDeviceInfo:
        return data(this.#fs.deviceInfo());
      case AFC_OP.getFileInfo:
        return reply(this.#fs.fileInfo(path()));
      case AFC_OP.readDir:
        return reply(this.#fs.readDir(path()));
      case AFC_OP.makeDir:
        return status(this.#fs.makeDir(path()));
      case AFC_OP.removePath:
        return status(this.#fs.remove(path(), false));
      case AFC_OP.removePathAndContents:
        return status(this.#fs.remove(path(), true));
      case AFC_OP.renamePath: {
        const [from, to] = strings();
        if (from === undefined || to === undefined) return status(AFC_ERROR.invalidArg);
        return this.#rename(normalizeAfcPath(from), normalizeAfcPath(to));
      }
      case AFC_OP.truncate:
        return status(this.#fs.truncate(path(8), number(0)));
      case AFC_OP.setFileModTime: {
        const entry = this.#device.files.get(path(8));
        if (!entry) return status(AFC_ERROR.objectNotFound);
        entry.modifiedMs = Number(number(0) / 1_000_000n);
        return ok;
      }
      case AFC_OP.fileOpen:
        return this.#fileOpen(path(8), Number(number(0)));
      case AFC_OP.fileRead:
        return this.#fileRead(number(0), number(8));
      case AFC_OP.fileSeek:
        return this.#fileSeek(
          number(0),
          number(8),
          headerData.length >= 24 ? headerData.readBigInt64LE(16) : 0n,
        );
      case AFC_OP.fileTell: {
        const file = this.#open.get(number(0));
        return file
          ? { operation: AFC_OP.fileTellResult, headerData: u64(file.position) }
          : status(AFC_ERROR.invalidArg);
      }
      case AFC_OP.fileSetSize:
        return this.#fileSetSize(number(0), number(8));
      case AFC_OP.fileClose:
        return this.#open.delete(number(0)) ? ok : status(AFC_ERROR.invalidArg);
      case AFC_OP.fileLock:
        return this.#open.has(number(0)) ? ok : status(AFC_ERROR.invalidArg);
      case AFC_OP.setConnectionOptions:
      case AFC_OP.setFsBlockSize:
      case AFC_OP.setSocketBlockSize:
        return ok;
      default:
        return status(AFC_ERROR.unknownPacketType);
    }
  }

  #rename(from: string, to: string): Reply {
    const code = this.#fs.rename(from, to);
    if (code === AFC_ERROR.success)
      for (const file of this.#open.values()) if (file.path === from) file.path = to;
    return status(code);
  }

  #fileOpen(path: string, modeCode: number): Reply {
    const mode = (AFC_MODE as Record<number, AfcMode | undefined>)[modeCode];
    if (!mode || path === '/') return status(mode ? AFC_ERROR.objectIsDir : AFC_ERROR.invalidArg);
    let entry = this.#device.files.get(path);
    if (entry?.kind === 'directory') return status(AFC_ERROR.objectIsDir);
    if (!entry) {
      if (!mode.create || !this.#fs.isDirectory(parentOf(path))) return status(AFC_ERROR.objectNotFound);
      entry = { kind: 'file', data: Buffer.alloc(0), modifiedMs: Date.now() };
      this.#device.files.set(path, entry);
    } else if (mode.truncate) {
      resize(entry, 0);
    }
    const handle = this.#nextHandle++;
    this.#open.set(handle, { path, entry, mode, position: 0 });
    return { operation: AFC_OP.fileOpenResult, headerData: u64(handle) };
  }

  #fileRead(handle: bigint, length: bigint): Reply {
    const file = this.#open.get(handle);
    if (!file || length < 0n) return status(AFC_ERROR.invalidArg);
    if (!file.mode.read) return status(AFC_ERROR.permDenied);
    const end = Math.min(file.entry.data.length, file.position + Number(length));
    // A copy: the backing store may be written again before the socket sends this.
    const bytes = Buffer.from(file.entry.data.subarray(Math.min(file.position, end), end));
    file.position += bytes.length;
    return data(bytes);
  }

  #fileSeek(handle: bigint, whence: bigint, offset: bigint): Reply {
    const file = this.#open.get(handle);
    if (!file) return status(AFC_ERROR.invalidArg);
    const base =
      whence === BigInt(AFC_SEEK.set)
        ? 0
        : whence === BigInt(AFC_SEEK.current)
          ? file.position
          : whence === BigInt(AFC_SEEK.end)
            ? file.entry.data.length
            : undefined;
    const position = base === undefined ? -1 : base + Number(offset);
    if (position < 0) return status(AFC_ERROR.invalidArg);
    file.position = position;
    return ok;
  }

  #fileSetSize(handle: bigint, size: bigint): Reply {
    const file = this.#open.get(handle);
    if (!file) return status(AFC_ERROR.invalidArg);
    if (!file.mode.write) return status(AFC_ERROR.permDenied);
    return status(this.#fs.setSize(file.entry, size));
  }

  /** FileWrite: the payload goes straight into the file as it arrives. Undefined: connection gone. */
  async #fileWrite(headerData: Buffer, length: number): Promise<Reply | undefined> {
    const file = headerData.length >= 8 ? this.#open.get(headerData.readBigUInt64LE(0)) : undefined;
    const start = file ? (file.mode.append ? file.entry.data.length : file.position) : 0;
    const refusal = !file
      ? AFC_ERROR.invalidArg
      : !file.mode.write
        ? AFC_ERROR.permDenied
        : start + length - file.entry.data.length > this.#device.freeBytes()
          ? AFC_ERROR.noSpaceLeft
          : undefined;
    if (refusal !== undefined || !file) {
      // Still read (and drop) what the client sent, so the next packet starts where it should.
      if (!(await this.#reader.pipe(length, () => {}))) return undefined;
      return status(refusal ?? AFC_ERROR.invalidArg);
    }
    const end = start + length;
    const store = storeOf(file.entry, end);
    if (start > file.entry.data.length) store.fill(0, file.entry.data.length, start);
    let at = start;
    const complete = await this.#reader.pipe(length, (piece) => {
      piece.copy(store, at);
      at += piece.length;
    });
    file.entry.data = store.subarray(0, Math.max(file.entry.data.length, at));
    file.entry.modifiedMs = Date.now();
    file.position = at;
    if (!complete) return undefined;
    await this.#device.delay('transfer', length);
    return ok;
  }
}

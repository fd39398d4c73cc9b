import { open, type FileHandle } from 'node:fs/promises';
import { Readable } from 'node:stream';
import type { AdbDeviceClient } from './adb-client.ts';

const CHUNK_BYTES = 64 * 1024; // adbkit sends DATA packets of at most 64 KiB
const WINDOW_BYTES = 256 * 1024;

/**
 * Pushes a file with adbkit, never more than WINDOW_BYTES ahead of what the socket has taken.
 * adbkit writes whatever its source stream offers without waiting for the socket to drain
 * (sync.js writeNext runs on every 'readable'), so a plain file stream is read at disk speed
 * into the socket's buffer: 64 phones being sent a 30 MB APK held 670 MB of buffers.
 */
export async function pushFile(
  device: AdbDeviceClient,
  localPath: string,
  devicePath: string,
): Promise<void> {
  const source = new WindowedFileStream(localPath);
  const transfer = await device.push(source, devicePath, 0o644);
  transfer.on('progress', (stats: { bytesTransferred: number }) => source.taken(stats.bytesTransferred));
  source.taken(transfer.stats.bytesTransferred);
  await new Promise<void>((resolve, reject) => {
    transfer.on('end', resolve);
    transfer.on('error', reject);
  });
}

/** A file read in chunks only while fewer than WINDOW_BYTES are read but not yet taken. */
class WindowedFileStream extends Readable {
  readonly #path: string;
  #file: FileHandle | undefined;
  #read = 0;
  #taken = 0;
  #wanted = false;
  #busy = false;

  constructor(path: string) {
    super({ highWaterMark: CHUNK_BYTES });
    this.#path = path;
  }

  /** Bytes the socket has taken so far (adbkit's transfer progress). */
  taken(bytes: number): void {
    this.#taken = bytes;
    this.#pump();
  }

  override _read(): void {
    this.#wanted = true;
    this.#pump();
  }

  override _destroy(error: Error | null, callback: (error?: Error | null) => void): void {
    const file = this.#file;
    this.#file = undefined;
    if (file === undefined) callback(error);
    else
      file.close().then(
        () => callback(error),
        () => callback(error),
      );
  }

  #pump(): void {
    if (!this.#wanted || this.#busy || this.destroyed || this.#read - this.#taken >= WINDOW_BYTES) return;
    this.#wanted = false;
    this.#busy = true;
    this.#readChunk().then(
      (chunk) => {
        this.#busy = false;
        if (!this.destroyed) this.push(chunk);
      },
      (error: unknown) => this.destroy(error instanceof Error ? error : new Error(String(error))),
    );
  }

  async #readChunk(): Promise<Buffer | null> {
    this.#file ??= await open(this.#path, 'r');
    const buffer = Buffer.allocUnsafe(CHUNK_BYTES);
    const { bytesRead } = await this.#file.read(buffer, 0, CHUNK_BYTES, this.#read);
    this.#read += bytesRead;
    return bytesRead === 0 ? null : buffer.subarray(0, bytesRead);
  }
}

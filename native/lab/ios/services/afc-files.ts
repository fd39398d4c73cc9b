// The media partition as AFC changes it: the device's files map (absolute paths, "/" is
// the root and always a directory), with POSIX-like rules: a file needs its directory,
// a directory is removed only when empty (unless recursively), renames move subtrees.
// Each operation answers an AFC status code, or the NUL-separated strings a DATA reply holds.
import { AFC_ERROR, encodeStrings, parentOf } from './afc-protocol.ts';
import type { LabIosDeviceApi, LabIosFileEntry } from './service-api.ts';

const BLOCK_SIZE = 4096;

/**
 * Each file's writable backing store, with room to grow: entry.data is a view of its first
 * `size` bytes, so appending a chunk copies only the chunk. Shared by every connection.
 */
const backing = new WeakMap<LabIosFileEntry, Buffer>();

/** The file's store, at least `capacity` bytes long (entry.data is not changed). */
export function storeOf(entry: LabIosFileEntry, capacity: number): Buffer {
  let store = backing.get(entry);
  // The device model may have replaced entry.data itself; start again from what it holds.
  if (!store || store.buffer !== entry.data.buffer || store.byteOffset !== entry.data.byteOffset) {
    store = Buffer.from(entry.data);
  }
  if (store.length < capacity) {
    // Unzeroed: only the first entry.data.length bytes are ever read, and growth past them is
    // zero-filled by whoever grows the file (resize, a write past the end). Zeroing 16 uploads
    // of 20 MB as they grow cost the lab more CPU than receiving them.
    const grown = Buffer.allocUnsafe(Math.max(capacity, store.length * 2));
    store.copy(grown, 0, 0, entry.data.length);
    store = grown;
  }
  backing.set(entry, store);
  return store;
}

/** Sets a file's size, zero-filling what it grows by (as ftruncate does). */
export function resize(entry: LabIosFileEntry, size: number): void {
  const old = entry.data.length;
  const store = storeOf(entry, size);
  if (size > old) store.fill(0, old, size);
  entry.data = store.subarray(0, size);
  entry.modifiedMs = Date.now();
}

export class AfcFiles {
  readonly #device: LabIosDeviceApi;

  constructor(device: LabIosDeviceApi) {
    this.#device = device;
  }

  get #files(): Map<string, LabIosFileEntry> {
    return this.#device.files;
  }

  isDirectory(path: string): boolean {
    return path === '/' || this.#files.get(path)?.kind === 'directory';
  }

  children(path: string): string[] {
    const prefix = path === '/' ? '/' : `${path}/`;
    const names: string[] = [];
    for (const key of this.#files.keys()) {
      if (key !== path && key.startsWith(prefix) && !key.slice(prefix.length).includes('/'))
        names.push(key.slice(prefix.length));
    }
    return names;
  }

  deviceInfo(): Buffer {
    const free = this.#device.freeBytes();
    const total = this.#device.totalBytes?.() ?? free;
    const model = this.#device.gestalt?.ProductType;
    return encodeStrings([
      'Model',
      typeof model === 'string' ? model : 'iPhone',
      'FSTotalBytes',
      String(total),
      'FSFreeBytes',
      String(free),
      'FSBlockSize',
      String(BLOCK_SIZE),
    ]);
  }

  /** stat(2) as AFC reports it: sizes in bytes, times in nanoseconds since 1970. */
  fileInfo(path: string): Buffer | number {
    const entry = this.#files.get(path);
    if (!entry && path !== '/') return AFC_ERROR.objectNotFound;
    const directory = this.isDirectory(path);
    const children = directory ? this.children(path) : [];
    const size = directory ? 64 + 32 * children.length : (entry?.data.length ?? 0);
    const nanos = `${BigInt(Math.round(entry?.modifiedMs ?? 0)) * 1_000_000n}`;
    const base = path === '/' ? '' : path;
    const subdirectories = children.filter((c) => this.isDirectory(`${base}/${c}`)).length;
    return encodeStrings([
      'st_size',
      String(size),
      'st_blocks',
      String(Math.ceil(size / BLOCK_SIZE) * (BLOCK_SIZE / 512)),
      'st_nlink',
      String(directory ? 2 + subdirectories : 1),
      'st_ifmt',
      directory ? 'S_IFDIR' : 'S_IFREG',
      'st_mtime',
      nanos,
      'st_birthtime',
      nanos,
    ]);
  }

  readDir(path: string): Buffer | number {
    if (!this.isDirectory(path))
      return this.#files.has(path) ? AFC_ERROR.readError : AFC_ERROR.objectNotFound;
    return encodeStrings(['.', '..', ...this.children(path)]);
  }

  /** MakeDir creates missing parents too (mkdir -p), as hosts rely on. */
  makeDir(path: string): number {
    const parts = path.split('/').filter(Boolean);
    for (let i = 1; i <= parts.length; i++) {
      const at = `/${parts.slice(0, i).join('/')}`;
      const entry = this.#files.get(at);
      if (entry?.kind === 'file') return AFC_ERROR.objectExists;
      if (!entry) this.#files.set(at, { kind: 'directory', data: Buffer.alloc(0), modifiedMs: Date.now() });
    }
    return AFC_ERROR.success;
  }

  remove(path: string, recursive: boolean): number {
    if (path === '/') return AFC_ERROR.permDenied;
    if (!this.#files.has(path)) return AFC_ERROR.objectNotFound;
    const inside = [...this.#files.keys()].filter((key) => key.startsWith(`${path}/`));
    if (inside.length > 0 && !recursive) return AFC_ERROR.dirNotEmpty;
    for (const key of inside) this.#files.delete(key);
    this.#files.delete(path);
    return AFC_ERROR.success;
  }

  rename(from: string, to: string): number {
    const entry = this.#files.get(from);
    if (!entry || from === '/') return AFC_ERROR.objectNotFound;
    if (to === '/' || to.startsWith(`${from}/`)) return AFC_ERROR.invalidArg;
    if (!this.isDirectory(parentOf(to))) return AFC_ERROR.objectNotFound;
    const target = this.#files.get(to);
    if (target?.kind === 'directory' && this.children(to).length > 0) return AFC_ERROR.dirNotEmpty;
    const moved = [...this.#files.entries()].filter(([key]) => key.startsWith(`${from}/`));
    for (const [key] of moved) this.#files.delete(key);
    this.#files.delete(from);
    this.#files.set(to, entry);
    for (const [key, value] of moved) this.#files.set(to + key.slice(from.length), value);
    return AFC_ERROR.success;
  }

  truncate(path: string, size: bigint): number {
    const entry = this.#files.get(path);
    if (!entry) return AFC_ERROR.objectNotFound;
    if (entry.kind === 'directory') return AFC_ERROR.objectIsDir;
    return this.setSize(entry, size);
  }

  /** Truncates or extends a file; growth must fit in the device's free space. */
  setSize(entry: LabIosFileEntry, size: bigint): number {
    if (size < 0n || size > BigInt(Number.MAX_SAFE_INTEGER)) return AFC_ERROR.invalidArg;
    if (Number(size) - entry.data.length > this.#device.freeBytes()) return AFC_ERROR.noSpaceLeft;
    resize(entry, Number(size));
    return AFC_ERROR.success;
  }
}

// The part of a phone's filesystem that adb's shell user sees: read-only system dirs, the
// private /data that shell may not list, and the two places shell may write
// (/data/local/tmp and shared storage). Files on /data charge the partition's storage.
import { DeviceFsError, type DirEntry, type FileStat, type VirtualDeviceFs } from '../virtual-device-api.ts';
import type { DataStorage } from './storage.ts';

interface FileNode {
  kind: 'file';
  data: Buffer;
  mode: number;
  mtimeSeconds: number;
}
interface DirNode {
  kind: 'dir';
  children: Map<string, Node>;
  mode: number;
  mtimeSeconds: number;
  listable: boolean;
  writable: boolean;
}
type Node = FileNode | DirNode;

const SHARED_STORAGE = '/storage/emulated/0';
// Symlinks that clients use for shared storage; resolved before every lookup.
const ALIASES: ReadonlyArray<[string, string]> = [
  ['/sdcard', SHARED_STORAGE],
  ['/storage/self/primary', SHARED_STORAGE],
  ['/mnt/sdcard', SHARED_STORAGE],
];
const SHARED_DIRS = [
  'Alarms',
  'Android',
  'DCIM',
  'Documents',
  'Download',
  'Movies',
  'Music',
  'Notifications',
  'Pictures',
  'Podcasts',
  'Ringtones',
];

/** Resolves '.', '..', duplicate and trailing slashes and the shared-storage symlinks. */
export function normalizePath(path: string): string {
  if (!path.startsWith('/')) throw new DeviceFsError('EINVAL', `not an absolute path: ${path}`);
  const parts: string[] = [];
  for (const part of path.split('/')) {
    if (part === '' || part === '.') continue;
    if (part === '..') parts.pop();
    else parts.push(part);
  }
  let out = '/' + parts.join('/');
  for (const [alias, target] of ALIASES) {
    if (out === alias || out.startsWith(alias + '/')) out = target + out.slice(alias.length);
  }
  return out;
}

export class DeviceFs implements VirtualDeviceFs {
  private root: DirNode;
  private readonly storage: DataStorage;
  private readonly bootSeconds: number;

  constructor(storage: DataStorage, bootSeconds: number) {
    this.storage = storage;
    this.bootSeconds = bootSeconds;
    this.root = this.buildTree();
  }

  /** Back to the factory layout: every pushed file is gone and its bytes are released. */
  wipe(): void {
    this.root = this.buildTree();
  }

  stat(path: string): FileStat | undefined {
    const node = this.lookup(normalizePath(path));
    if (!node) return undefined;
    return {
      mode: node.mode,
      size: node.kind === 'file' ? node.data.length : 4096,
      mtimeSeconds: node.mtimeSeconds,
    };
  }

  list(path: string): DirEntry[] {
    const node = this.lookup(normalizePath(path));
    if (!node) throw new DeviceFsError('ENOENT', `${path}: No such file or directory`);
    if (node.kind !== 'dir') throw new DeviceFsError('ENOTDIR', `${path}: Not a directory`);
    if (!node.listable) throw new DeviceFsError('EACCES', `${path}: Permission denied`);
    return [...node.children].map(([name, child]) => ({
      name,
      mode: child.mode,
      size: child.kind === 'file' ? child.data.length : 4096,
      mtimeSeconds: child.mtimeSeconds,
    }));
  }

  read(path: string): Buffer {
    const node = this.lookup(normalizePath(path));
    if (!node) throw new DeviceFsError('ENOENT', `${path}: No such file or directory`);
    if (node.kind === 'dir') throw new DeviceFsError('EISDIR', `${path}: Is a directory`);
    return node.data;
  }

  write(path: string, data: Buffer, mode: number, mtimeSeconds: number): void {
    const full = normalizePath(path);
    const { parent, name } = this.parentFor(full, true);
    const existing = parent.children.get(name);
    if (existing?.kind === 'dir') throw new DeviceFsError('EISDIR', `${path}: Is a directory`);
    const delta = data.length - (existing?.data.length ?? 0);
    if (this.onData(full)) this.storage.charge('files', delta);
    // Shared storage is FUSE-mounted and ignores the mode a client asks for.
    const fileMode = full.startsWith(SHARED_STORAGE + '/') ? 0o100660 : 0o100000 | (mode & 0o7777);
    parent.children.set(name, { kind: 'file', data, mode: fileMode, mtimeSeconds });
  }

  mkdir(path: string, parents: boolean): void {
    const full = normalizePath(path);
    if (parents) {
      this.parentFor(full + '/x', true);
      return;
    }
    const { parent, name } = this.parentFor(full, false);
    if (parent.children.has(name)) throw new DeviceFsError('EINVAL', `${path}: File exists`);
    parent.children.set(name, this.dir(true, true));
  }

  /** Removes a file (or, with recursive, a directory tree) and releases its bytes. */
  remove(path: string, recursive: boolean): void {
    const full = normalizePath(path);
    const { parent, name } = this.parentFor(full, false);
    const node = parent.children.get(name);
    if (!node) throw new DeviceFsError('ENOENT', `${path}: No such file or directory`);
    if (node.kind === 'dir' && !recursive) throw new DeviceFsError('EISDIR', `${path}: Is a directory`);
    if (this.onData(full)) this.storage.charge('files', -this.sizeOf(node));
    parent.children.delete(name);
  }

  private sizeOf(node: Node): number {
    if (node.kind === 'file') return node.data.length;
    let total = 0;
    for (const child of node.children.values()) total += this.sizeOf(child);
    return total;
  }

  private onData(full: string): boolean {
    return full.startsWith('/data/') || full.startsWith('/storage/emulated/');
  }

  private lookup(full: string): Node | undefined {
    let node: Node = this.root;
    for (const part of full.split('/').filter(Boolean)) {
      if (node.kind !== 'dir') return undefined;
      const next: Node | undefined = node.children.get(part);
      if (!next) return undefined;
      node = next;
    }
    return node;
  }

  /** Finds the parent dir of a path, creating missing ones (adb's fixed_push_mkdir) where writable. */
  private parentFor(full: string, create: boolean): { parent: DirNode; name: string } {
    const parts = full.split('/').filter(Boolean);
    const name = parts.pop();
    if (name === undefined) throw new DeviceFsError('EACCES', '/: Permission denied');
    let dir = this.root;
    for (const part of parts) {
      let next = dir.children.get(part);
      if (!next) {
        if (!create || !dir.writable)
          throw new DeviceFsError(
            dir.writable ? 'ENOENT' : 'EACCES',
            `${full}: ${dir.writable ? 'No such file or directory' : 'Permission denied'}`,
          );
        next = this.dir(true, true);
        dir.children.set(part, next);
      }
      if (next.kind !== 'dir') throw new DeviceFsError('ENOTDIR', `${full}: Not a directory`);
      dir = next;
    }
    if (!dir.writable) throw new DeviceFsError('EACCES', `${full}: Permission denied`);
    return { parent: dir, name };
  }

  private dir(listable: boolean, writable: boolean, mode = 0o040771): DirNode {
    return { kind: 'dir', children: new Map(), mode, mtimeSeconds: this.bootSeconds, listable, writable };
  }

  private buildTree(): DirNode {
    const root = this.dir(true, false, 0o040755);
    const add = (path: string, node: DirNode): DirNode => {
      const parts = path.split('/').filter(Boolean);
      let dir = root;
      for (const part of parts.slice(0, -1)) dir = dir.children.get(part) as DirNode;
      dir.children.set(parts.at(-1) as string, node);
      return node;
    };
    for (const p of [
      '/system',
      '/system/bin',
      '/system/app',
      '/system/priv-app',
      '/system/framework',
      '/vendor',
      '/product',
      '/apex',
      '/dev',
      '/proc',
      '/mnt',
      '/sys',
      '/etc',
    ]) {
      add(p, this.dir(true, false, 0o040755));
    }
    // Only listed: lookups resolve the alias before walking, so this node is never entered.
    add('/sdcard', { ...this.dir(false, false), mode: 0o120777 });
    add('/data', this.dir(false, false));
    add('/data/local', this.dir(false, false, 0o040751));
    add('/data/local/tmp', this.dir(true, true));
    add('/storage', this.dir(true, false, 0o040755));
    add('/storage/emulated', this.dir(false, false, 0o040711));
    add(SHARED_STORAGE, this.dir(true, true, 0o040770));
    for (const d of SHARED_DIRS) add(`${SHARED_STORAGE}/${d}`, this.dir(true, true, 0o040770));
    return root;
  }
}

// Byte accounting for the /data partition. Everything that lives on /data (pushed files,
// installed APKs, the lab's filler) charges here, so `df /data`, sync pushes and installs
// all see the same free space.
import { DeviceFsError } from '../virtual-device-api.ts';

export type StorageUser = 'files' | 'apps' | 'filler';

const MIB = 1024 * 1024;

export class DataStorage {
  readonly totalBytes: number;
  private readonly baselineBytes: number;
  private readonly used: Record<StorageUser, number> = { files: 0, apps: 0, filler: 0 };

  constructor(totalBytes: number, baselineBytes: number) {
    this.totalBytes = totalBytes;
    this.baselineBytes = baselineBytes;
  }

  usedBytes(): number {
    return this.baselineBytes + this.used.files + this.used.apps + this.used.filler;
  }

  freeBytes(): number {
    return Math.max(0, this.totalBytes - this.usedBytes());
  }

  /**
   * Android keeps a low-storage reserve that app installs may not eat into
   * (StorageManager's threshold: 5% of the volume, capped at 500 MiB); plain file writes can.
   */
  installableBytes(): number {
    const reserve = Math.min(this.totalBytes * 0.05, 500 * MIB);
    return Math.max(0, this.freeBytes() - reserve);
  }

  /** Adds (or with a negative delta releases) bytes; throws ENOSPC and changes nothing if they do not fit. */
  charge(user: StorageUser, delta: number): void {
    if (delta > 0 && delta > this.freeBytes()) {
      throw new DeviceFsError('ENOSPC', 'No space left on device');
    }
    this.used[user] = Math.max(0, this.used[user] + delta);
  }

  /** The lab's knob: occupy exactly this many bytes (clamped to what is free apart from the filler). */
  setFiller(bytes: number): void {
    const room = this.totalBytes - (this.usedBytes() - this.used.filler);
    this.used.filler = Math.max(0, Math.min(bytes, room));
  }

  /** A wipe frees everything users and apps put on /data. */
  wipe(): void {
    this.used.files = 0;
    this.used.apps = 0;
    this.used.filler = 0;
  }
}

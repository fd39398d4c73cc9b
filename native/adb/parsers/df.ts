import { DeviceOutputError } from './getprop.ts';

// toybox `df /data` (Android 7+), sizes in 1K blocks:
//   Filesystem       1K-blocks    Used Available Use% Mounted on
//   /dev/block/dm-5  115404572 9873612 105399888   9% /data
export interface DiskUsage {
  totalBytes: number;
  usedBytes: number;
  freeBytes: number;
}

export function parseDf(output: string, mountPoint = '/data'): DiskUsage {
  for (const line of output.split('\n')) {
    const columns = line.trim().split(/\s+/);
    if (columns.length >= 6 && columns[columns.length - 1] === mountPoint) {
      const [total, used, free] = columns.slice(1, 4).map(Number) as [number, number, number];
      if ([total, used, free].every(Number.isFinite))
        return { totalBytes: total * 1024, usedBytes: used * 1024, freeBytes: free * 1024 };
    }
  }
  throw new DeviceOutputError('df', `no usable line for ${mountPoint} in the reply`);
}

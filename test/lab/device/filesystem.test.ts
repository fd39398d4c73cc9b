import { describe, expect, it } from 'vitest';
import { DeviceFsError } from '../../../native/lab/adb/virtual-device-api.ts';
import { phone, sh } from './helpers.ts';

function fsError(fn: () => unknown): string | undefined {
  try {
    fn();
  } catch (err) {
    if (err instanceof DeviceFsError) return err.code;
    throw err;
  }
  return undefined;
}

describe('device filesystem', () => {
  it('stores pushed files with their mode and mtime, creating parent directories', () => {
    const d = phone();
    d.fs.write('/data/local/tmp/sub/dir/tool.sh', Buffer.from('#!/bin/sh\n'), 0o100755, 1_700_000_000);
    expect(d.fs.stat('/data/local/tmp/sub/dir/tool.sh')).toEqual({
      mode: 0o100755,
      size: 10,
      mtimeSeconds: 1_700_000_000,
    });
    expect(d.fs.read('/data/local/tmp/sub/dir/tool.sh').toString()).toBe('#!/bin/sh\n');
    expect(d.fs.list('/data/local/tmp/sub/dir').map((e) => e.name)).toEqual(['tool.sh']);
    expect((d.fs.stat('/data/local/tmp/sub')?.mode ?? 0) & 0o170000).toBe(0o040000);
    d.dispose();
  });

  it('treats /sdcard as shared storage and tolerates trailing slashes', () => {
    const d = phone();
    d.fs.write('/sdcard/Download/a.txt', Buffer.from('x'), 0o644, 1);
    expect(d.fs.read('/storage/emulated/0/Download/a.txt').toString()).toBe('x');
    expect(d.fs.stat('/sdcard/Download/')?.mode).toBe(0o040770);
    expect(d.fs.stat('/sdcard/Download/a.txt')?.mode).toBe(0o100660); // FUSE ignores the mode asked for
    d.dispose();
  });

  it('refuses writes outside shell-writable places and listing of /data', () => {
    const d = phone();
    expect(fsError(() => d.fs.write('/system/app/evil.apk', Buffer.from('x'), 0o644, 1))).toBe('EACCES');
    expect(fsError(() => d.fs.list('/data'))).toBe('EACCES');
    expect(fsError(() => d.fs.read('/data/local/tmp/missing'))).toBe('ENOENT');
    expect(fsError(() => d.fs.read('/sdcard/Download'))).toBe('EISDIR');
    d.fs.write('/data/local/tmp/file', Buffer.from('x'), 0o644, 1);
    expect(fsError(() => d.fs.write('/data/local/tmp/file/child', Buffer.from('x'), 0o644, 1))).toBe(
      'ENOTDIR',
    );
    d.dispose();
  });

  it('charges /data for pushed files: ENOSPC when full, space back on rm', async () => {
    const d = phone();
    const free = d.state.storage.freeBytes();
    d.fs.write('/sdcard/Download/big.bin', Buffer.alloc(1_000_000), 0o644, 1);
    expect(d.state.storage.freeBytes()).toBe(free - 1_000_000);
    d.control.fillStorage(d.state.storage.freeBytes() - 10);
    expect(fsError(() => d.fs.write('/data/local/tmp/x', Buffer.alloc(11), 0o644, 1))).toBe('ENOSPC');
    expect(d.fs.stat('/data/local/tmp/x')).toBeUndefined();
    expect(await sh(d, 'rm /sdcard/Download/big.bin')).toEqual({ stdout: '', stderr: '', rc: 0 });
    d.fs.write('/data/local/tmp/x', Buffer.alloc(11), 0o644, 1);
    expect(d.state.storage.freeBytes()).toBe(1_000_000 + 10 - 11);
    d.dispose();
  });

  it('answers ls, cat and rm with toybox messages', async () => {
    const d = phone();
    d.fs.write('/data/local/tmp/b.txt', Buffer.from('B'), 0o644, 1_700_000_000);
    d.fs.write('/data/local/tmp/a.txt', Buffer.from('A'), 0o644, 1_700_000_000);
    expect((await sh(d, 'ls /data/local/tmp')).stdout).toBe('a.txt\nb.txt\n');
    expect((await sh(d, 'ls -l /data/local/tmp/a.txt')).stdout).toBe(
      '-rw-r--r-- 1 shell shell        1 2023-11-14 22:13 /data/local/tmp/a.txt\n',
    );
    expect(await sh(d, 'ls /data')).toEqual({ stdout: '', stderr: 'ls: /data: Permission denied\n', rc: 1 });
    expect(await sh(d, 'cat /nope')).toEqual({
      stdout: '',
      stderr: 'cat: /nope: No such file or directory\n',
      rc: 1,
    });
    expect((await sh(d, 'rm -f /data/local/tmp/none; echo $?')).stdout).toBe('0\n');
    d.dispose();
  });
});

describe('df', () => {
  it('prints toybox columns for /data and follows storage use', async () => {
    const d = phone();
    const out = (await sh(d, 'df /data')).stdout;
    const [header, row] = out.split('\n');
    expect(header).toMatch(/^Filesystem\s+1K-blocks\s+Used\s+Available Use% Mounted on$/);
    const [fsName, size, used, avail, pct, mount] = (row ?? '').split(/\s+/);
    expect(fsName).toBe('/dev/block/dm-48');
    expect(mount).toBe('/data');
    expect(Number(size)).toBe(Math.floor(d.state.storage.totalBytes / 1024));
    expect(Number(used)).toBe(Math.floor(d.state.storage.usedBytes() / 1024));
    expect(Number(used) + Number(avail)).toBe(Number(size));
    expect(pct).toBe(`${Math.ceil((Number(used) * 100) / Number(size))}%`);
    // Columns line up: each header label is right-aligned over its numbers.
    expect(header?.indexOf('Use%')).toBe((row ?? '').indexOf(pct ?? '') + (pct ?? '').length - 4);

    d.control.fillStorage(d.state.storage.freeBytes());
    expect((await sh(d, 'df /data')).stdout).toMatch(/ 0 100% \/data\n$/);
    expect((await sh(d, 'df -h /sdcard')).stdout).toMatch(
      /^Filesystem\s+Size {2}Used Avail Use% Mounted on\n\/dev\/fuse\s+\S+\s+\S+\s+0 100% \/storage\/emulated\n$/,
    );
    d.dispose();
  });
});

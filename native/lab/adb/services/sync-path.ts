// Paths as the sync service accepts them. adb sends absolute paths, sometimes with a
// trailing slash (`adb push f /sdcard/`). A `..` segment is refused outright: no client
// of ours needs one, and a virtual filesystem must never be steered outside its root.
import { SYNC_PATH_MAX } from './sync-protocol.ts';

export type PathCheck = { ok: true; path: string } | { ok: false; reason: string };

export function checkSyncPath(raw: string): PathCheck {
  if (raw.length === 0) return { ok: false, reason: 'empty path' };
  if (Buffer.byteLength(raw, 'utf8') > SYNC_PATH_MAX) return { ok: false, reason: 'path too long' };
  if (raw.includes('\0')) return { ok: false, reason: 'path contains a NUL byte' };
  const segments = raw.split('/').filter((segment) => segment !== '' && segment !== '.');
  if (segments.includes('..')) return { ok: false, reason: `path traversal refused: ${raw}` };
  return { ok: true, path: `/${segments.join('/')}` };
}

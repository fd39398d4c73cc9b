// Where the lab's usbmuxd listens, written the way libusbmuxd's USBMUXD_SOCKET_ADDRESS
// reads it: "UNIX:/path/to/socket" or "HOST:PORT". Only loopback TCP is allowed: usbmuxd's
// protocol has no authentication, so whoever reaches it can pair with every device.
import { existsSync, lstatSync, unlinkSync } from 'node:fs';
import { connect, type Server } from 'node:net';
import type { UsbmuxAddress } from '../../../ios/usbmux/usbmux-address.ts';

// The address type is the driver's (one definition); the lab's parser differs on purpose: it
// binds (port 0 picks a free one) and refuses anything but loopback.
export type { UsbmuxAddress };

const LOOPBACK = new Set(['127.0.0.1', 'localhost', '::1']);

/** "UNIX:/p", "/p" or "./p" (a socket path), "HOST:PORT" or "[::1]:PORT". Throws with a readable message. */
export function parseUsbmuxAddress(text: string): UsbmuxAddress {
  const value = text.trim();
  if (/^unix:/i.test(value)) {
    const path = value.slice(5);
    if (path === '') throw new Error('UNIX: needs a socket path after it');
    return { kind: 'unix', path };
  }
  if (value.includes('/')) return { kind: 'unix', path: value };
  const match = /^(?:\[([^\]]+)\]|([^:]+)):(\d{1,5})$/.exec(value);
  if (match === null) throw new Error(`"${text}" is neither HOST:PORT nor a socket path`);
  const host = match[1] ?? match[2] ?? '';
  const port = Number(match[3]);
  if (port < 1 || port > 65535) throw new Error(`port ${port} is outside 1–65535`);
  if (!LOOPBACK.has(host))
    throw new Error(`usbmuxd listens on loopback only (127.0.0.1, localhost or [::1]), not ${host}`);
  return { kind: 'tcp', host, port };
}

/** The value to export as USBMUXD_SOCKET_ADDRESS. */
export function formatUsbmuxAddress(address: UsbmuxAddress): string {
  if (address.kind === 'unix') return `UNIX:${address.path}`;
  return address.host.includes(':') ? `[${address.host}]:${address.port}` : `${address.host}:${address.port}`;
}

/** Starts `server` on the address. A stale socket file (nobody listening) is replaced; a live one is an error. */
export async function listenOn(server: Server, address: UsbmuxAddress): Promise<UsbmuxAddress> {
  if (address.kind === 'unix') await removeStaleSocket(address.path);
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    const done = (): void => {
      server.off('error', reject);
      resolve();
    };
    if (address.kind === 'unix') server.listen(address.path, done);
    else server.listen({ host: address.host, port: address.port }, done);
  });
  if (address.kind === 'unix') return address;
  const bound = server.address();
  return typeof bound === 'object' && bound !== null ? { ...address, port: bound.port } : address;
}

async function removeStaleSocket(path: string): Promise<void> {
  if (!existsSync(path)) return;
  if (!lstatSync(path).isSocket()) throw new Error(`${path} exists and is not a socket`);
  const live = await new Promise<boolean>((resolve) => {
    const probe = connect(path);
    probe.once('connect', () => {
      probe.destroy();
      resolve(true);
    });
    probe.once('error', () => resolve(false));
  });
  if (live) throw new Error(`another usbmuxd is already listening on ${path}`);
  unlinkSync(path);
}

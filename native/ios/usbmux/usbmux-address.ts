// Where usbmuxd listens, found as libusbmuxd finds it, so a lab or a remote usbmuxd that
// works for idevice* tools works for Depotline too:
//   USBMUXD_SOCKET_ADDRESS=UNIX:/path/to/socket   a UNIX socket (a bare /path works too)
//   USBMUXD_SOCKET_ADDRESS=HOST:PORT              TCP ([::1]:PORT for IPv6)
//   otherwise /var/run/usbmuxd on Linux and macOS, 127.0.0.1:27015 on Windows.
import { connect, type Socket } from 'node:net';
import { DeviceGoneError } from '../../device-errors.ts';

export type UsbmuxAddress = { kind: 'unix'; path: string } | { kind: 'tcp'; host: string; port: number };

export const USBMUXD_ENV = 'USBMUXD_SOCKET_ADDRESS';
export const DEFAULT_UNIX_PATH = '/var/run/usbmuxd';
export const DEFAULT_WINDOWS_ADDRESS: UsbmuxAddress = { kind: 'tcp', host: '127.0.0.1', port: 27015 };
const UNIX_PREFIX = /^unix:/i;

/** Parses USBMUXD_SOCKET_ADDRESS's forms; throws for text that is none of them. */
export function parseUsbmuxAddress(text: string): UsbmuxAddress {
  const value = text.trim();
  if (UNIX_PREFIX.test(value)) {
    const path = value.replace(UNIX_PREFIX, '');
    if (path === '') throw new Error(`${USBMUXD_ENV} "${text}" names no socket path`);
    return { kind: 'unix', path };
  }
  if (value.startsWith('/') || value.startsWith('.')) return { kind: 'unix', path: value };
  const match = /^(?:\[([^\]]+)\]|([^:]+)):(\d{1,5})$/.exec(value);
  const port = match ? Number(match[3]) : NaN;
  if (!match || port < 1 || port > 65_535)
    throw new Error(`${USBMUXD_ENV} "${text}" is neither UNIX:/path nor HOST:PORT`);
  return { kind: 'tcp', host: match[1] ?? match[2]!, port };
}

export function defaultUsbmuxAddress(
  env: NodeJS.ProcessEnv = process.env,
  platform: NodeJS.Platform = process.platform,
): UsbmuxAddress {
  const configured = env[USBMUXD_ENV];
  if (configured !== undefined && configured.trim() !== '') return parseUsbmuxAddress(configured);
  return platform === 'win32' ? DEFAULT_WINDOWS_ADDRESS : { kind: 'unix', path: DEFAULT_UNIX_PATH };
}

export function describeUsbmuxAddress(address: UsbmuxAddress): string {
  return address.kind === 'unix' ? address.path : `${address.host}:${address.port}`;
}

/**
 * A fresh socket to usbmuxd. Nobody listening there reads as "the daemon is gone": every
 * device behind it is, as far as Depotline can tell, not connected.
 */
export function connectUsbmuxd(address: UsbmuxAddress, device = 'usbmuxd'): Promise<Socket> {
  return new Promise((resolve, reject) => {
    const socket =
      address.kind === 'unix'
        ? connect({ path: address.path })
        : connect({ host: address.host, port: address.port });
    const onError = (error: NodeJS.ErrnoException) => {
      socket.destroy();
      reject(
        new DeviceGoneError(
          device,
          `usbmuxd is not reachable at ${describeUsbmuxAddress(address)} (${error.code ?? error.message})`,
        ),
      );
    };
    socket.once('error', onError);
    socket.once('connect', () => {
      socket.off('error', onError);
      socket.setNoDelay?.(true);
      resolve(socket);
    });
  });
}

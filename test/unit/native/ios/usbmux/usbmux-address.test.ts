import { describe, expect, it } from 'vitest';
import { defaultUsbmuxAddress, parseUsbmuxAddress } from '../../../../../native/ios/usbmux/usbmux-address.ts';

describe('usbmuxd address', () => {
  it('reads UNIX:/path, a bare path, HOST:PORT and [v6]:PORT as libusbmuxd does', () => {
    expect(parseUsbmuxAddress('UNIX:/tmp/lab.sock')).toEqual({ kind: 'unix', path: '/tmp/lab.sock' });
    expect(parseUsbmuxAddress('unix:/tmp/lab.sock')).toEqual({ kind: 'unix', path: '/tmp/lab.sock' });
    expect(parseUsbmuxAddress('/var/run/usbmuxd')).toEqual({ kind: 'unix', path: '/var/run/usbmuxd' });
    expect(parseUsbmuxAddress('127.0.0.1:27015')).toEqual({ kind: 'tcp', host: '127.0.0.1', port: 27015 });
    expect(parseUsbmuxAddress('bench-pc.local:27015')).toEqual({
      kind: 'tcp',
      host: 'bench-pc.local',
      port: 27015,
    });
    expect(parseUsbmuxAddress('[::1]:27015')).toEqual({ kind: 'tcp', host: '::1', port: 27015 });
  });

  it('refuses text that is no address', () => {
    expect(() => parseUsbmuxAddress('UNIX:')).toThrow(/names no socket path/);
    expect(() => parseUsbmuxAddress('localhost')).toThrow(/neither/);
    expect(() => parseUsbmuxAddress('localhost:99999')).toThrow(/neither/);
  });

  it('uses USBMUXD_SOCKET_ADDRESS, else the platform default', () => {
    expect(defaultUsbmuxAddress({ USBMUXD_SOCKET_ADDRESS: '127.0.0.1:5000' }, 'linux')).toEqual({
      kind: 'tcp',
      host: '127.0.0.1',
      port: 5000,
    });
    expect(defaultUsbmuxAddress({}, 'linux')).toEqual({ kind: 'unix', path: '/var/run/usbmuxd' });
    expect(defaultUsbmuxAddress({ USBMUXD_SOCKET_ADDRESS: ' ' }, 'darwin')).toEqual({
      kind: 'unix',
      path: '/var/run/usbmuxd',
    });
    expect(defaultUsbmuxAddress({}, 'win32')).toEqual({ kind: 'tcp', host: '127.0.0.1', port: 27015 });
  });
});

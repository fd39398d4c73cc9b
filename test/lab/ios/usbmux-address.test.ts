// Where the lab's usbmuxd listens: USBMUXD_SOCKET_ADDRESS's two forms, loopback-only TCP,
// and socket files left behind by a lab that crashed.
import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { IosLabController } from '../../../native/lab/ios/lab/ios-lab-controller.ts';
import { formatUsbmuxAddress, parseUsbmuxAddress } from '../../../native/lab/ios/usbmuxd/usbmux-address.ts';
import { UsbmuxTestClient } from './support/usbmux-test-client.ts';

const dir = mkdtempSync(join(tmpdir(), 'depotline-usbmux-address-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('usbmuxd addresses', () => {
  it('reads socket paths and loopback HOST:PORT, and writes them back for USBMUXD_SOCKET_ADDRESS', () => {
    const cases: Array<[string, string]> = [
      ['UNIX:/run/x.sock', 'UNIX:/run/x.sock'],
      ['unix:/run/x.sock', 'UNIX:/run/x.sock'],
      ['/tmp/lab/usbmuxd', 'UNIX:/tmp/lab/usbmuxd'],
      ['./usbmuxd.sock', 'UNIX:./usbmuxd.sock'],
      ['127.0.0.1:27015', '127.0.0.1:27015'],
      ['localhost:27015', 'localhost:27015'],
      ['[::1]:27015', '[::1]:27015'],
    ];
    for (const [input, output] of cases) expect(formatUsbmuxAddress(parseUsbmuxAddress(input))).toBe(output);
  });

  it('refuses other hosts and nonsense', () => {
    expect(() => parseUsbmuxAddress('0.0.0.0:27015')).toThrow(/loopback only/);
    expect(() => parseUsbmuxAddress('192.168.1.4:27015')).toThrow(/loopback only/);
    expect(() => parseUsbmuxAddress('127.0.0.1:70000')).toThrow(/outside/);
    expect(() => parseUsbmuxAddress('usbmuxd')).toThrow(/neither/);
    expect(() => parseUsbmuxAddress('UNIX:')).toThrow(/socket path/);
  });

  it('serves over loopback TCP (a free port when 0 is asked for)', async () => {
    const lab = await IosLabController.start({
      ios: 1,
      seed: 'tcp',
      latency: 'fast',
      services: [],
      usbmuxd: { kind: 'tcp', host: '127.0.0.1', port: 0 },
    });
    try {
      const [, port] = /^127\.0\.0\.1:(\d+)$/.exec(lab.usbmuxdAddress) ?? [];
      expect(Number(port)).toBeGreaterThan(0);
      const client = await UsbmuxTestClient.open({ host: '127.0.0.1', port: Number(port) });
      expect((await client.request({ MessageType: 'ListDevices' })).DeviceList).toHaveLength(1);
      client.close();
    } finally {
      await lab.stop();
    }
  });

  it('replaces a stale socket file but refuses one another daemon is listening on', async () => {
    const stale = join(dir, 'stale.sock');
    const old = createServer();
    await new Promise<void>((resolve) => old.listen(stale, resolve));
    const start = () =>
      IosLabController.start({
        ios: 1,
        seed: 's',
        latency: 'fast',
        services: [],
        usbmuxd: { kind: 'unix', path: stale },
      });
    await expect(start()).rejects.toThrow(/already listening/);
    // A lab killed with SIGKILL leaves its socket file with nobody listening.
    await new Promise<void>((resolve) => old.close(() => resolve()));
    await new Promise<void>((resolve) =>
      execFile(
        process.execPath,
        [
          '-e',
          `require('net').createServer().listen(${JSON.stringify(stale)}, () => process.kill(process.pid, 'SIGKILL'))`,
        ],
        () => resolve(),
      ),
    );
    expect(existsSync(stale)).toBe(true);
    const lab = await start();
    expect(lab.usbmuxdAddress).toBe(`UNIX:${stale}`);
    await lab.stop();

    const notSocket = join(dir, 'plain-file');
    writeFileSync(notSocket, 'x');
    await expect(
      IosLabController.start({
        ios: 1,
        seed: 's',
        latency: 'fast',
        services: [],
        usbmuxd: { kind: 'unix', path: notSocket },
      }),
    ).rejects.toThrow(/not a socket/);
  });
});

// The lab controller without an adb server: start-up failures, the cable, reboots.
import { createServer, type Server } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { LabController } from '../../native/lab/adb/lab/lab-controller.ts';
import { Command } from '../../native/lab/adb/protocol/packet.ts';
import { FakeAdbHost } from './fakes/adb-host.ts';
import { FakeDevice } from './fakes/fake-device.ts';
import { freePort } from './fakes/endpoint.ts';

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

async function startLab(count: number, portBase?: number) {
  const devices: FakeDevice[] = [];
  const lab = await LabController.start({
    android: count,
    seed: 's',
    portBase: portBase ?? (await freePort()),
    latency: 'fast',
    createDevice: (options) => {
      const device = new FakeDevice({ serial: `FAKE${options.index}` });
      devices.push(device);
      return device;
    },
  });
  cleanups.push(() => lab.stop());
  return { lab, devices };
}

function listen(port: number): Promise<Server> {
  const server = createServer();
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => resolve(server));
  });
}

async function waitFor(condition: () => boolean, timeoutMs = 5000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

describe('LabController', () => {
  it('fails to start when a device port is taken, and releases the ports it had opened', async () => {
    const blockedPort = await freePort();
    const blocker = await listen(blockedPort);
    const portBase = blockedPort - 2;
    cleanups.push(() => new Promise<void>((resolve) => blocker.close(() => resolve())));
    await expect(startLab(3, portBase)).rejects.toThrow(/EADDRINUSE/);
    const again = await listen(portBase);
    await new Promise<void>((resolve) => again.close(() => resolve()));
  });

  it('a yanked cable resets the connection and aborts the running command', async () => {
    const { lab, devices } = await startLab(1);
    const host = await FakeAdbHost.connect(lab.list()[0]?.port ?? 0);
    await host.handshake();
    await host.open('shell,v2,raw:sleep 100');
    await lab.unplug('0', 'yank');
    await host.waitClosed();
    await waitFor(() => devices[0]?.aborted.length === 1);
    expect(devices[0]?.aborted).toEqual(['sleep 100']);
    expect(lab.find('0')?.status).toBe('unplugged');
    await expect(FakeAdbHost.connect(lab.list()[0]?.port ?? 0)).rejects.toThrow(/ECONNREFUSED/);
  });

  it('a reboot drops the connection; the device is reachable again once booted', async () => {
    const { lab } = await startLab(2);
    const port = lab.list()[0]?.port ?? 0;
    const host = await FakeAdbHost.connect(port);
    await host.handshake();
    await host.open('reboot:');
    await host.waitClosed();
    await waitFor(() => lab.find('0')?.status === 'online');
    const again = await FakeAdbHost.connect(port);
    cleanups.push(() => again.close());
    expect((await again.handshake()).command).toBe(Command.CNXN);
    expect(lab.find('1')?.status).toBe('online');
  });

  it('stop closes every port', async () => {
    const { lab } = await startLab(2);
    const ports = lab.list().map((device) => device.port);
    await lab.stop();
    for (const port of ports) await expect(FakeAdbHost.connect(port)).rejects.toThrow(/ECONNREFUSED/);
  });
});

describe('LabController with the device model', () => {
  async function startModelLab(count: number) {
    const lab = await LabController.start({
      android: count,
      seed: 'model',
      portBase: await freePort(),
      latency: 'fast',
    });
    cleanups.push(() => lab.stop());
    return lab;
  }

  it('gives each phone a distinct, repeatable identity', async () => {
    const first = (await startModelLab(3)).list().map((device) => [device.serial, device.imei, device.model]);
    const second = (await startModelLab(3))
      .list()
      .map((device) => [device.serial, device.imei, device.model]);
    expect(new Set(first.map(([serial]) => serial)).size).toBe(3);
    expect(second).toEqual(first);
  });

  it('a factory reset without adb takes the phone off adb for good', async () => {
    const lab = await startModelLab(1);
    lab.controls('0')?.factoryReset({ keepAdb: false });
    await waitFor(() => lab.find('0')?.status === 'offline');
    // Fast latency boots in tens of milliseconds; give it many times that.
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(lab.find('0')?.status).toBe('offline');
    await expect(FakeAdbHost.connect(lab.list()[0]?.port ?? 0)).rejects.toThrow(/ECONNREFUSED/);
  });

  it('a factory reset keeping adb brings the phone back', async () => {
    const lab = await startModelLab(1);
    lab.controls('0')?.factoryReset({ keepAdb: true });
    await waitFor(() => lab.find('0')?.status === 'offline');
    await waitFor(() => lab.find('0')?.status === 'online');
    const host = await FakeAdbHost.connect(lab.list()[0]?.port ?? 0);
    cleanups.push(() => host.close());
    expect((await host.handshake()).command).toBe(Command.CNXN);
  });
});

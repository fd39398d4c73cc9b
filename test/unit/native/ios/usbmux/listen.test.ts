import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { UsbmuxListener, type UsbmuxEvent } from '../../../../../native/ios/usbmux/listen.ts';
import { useTempDirs } from '../../../../helpers/temp-dir.ts';
import { FakeUsbmuxd, type FakeDevice } from '../fakes/fake-usbmuxd.ts';

const tempDir = useTempDirs();
let usbmuxd: FakeUsbmuxd;
let listener: UsbmuxListener | undefined;
const device = (deviceId: number, udid: string): FakeDevice => ({ deviceId, udid, ports: new Map() });

beforeEach(async () => {
  usbmuxd = new FakeUsbmuxd(tempDir());
  await usbmuxd.start();
});
afterEach(async () => {
  listener?.stop();
  await usbmuxd.stop();
});

function record(target: UsbmuxListener): string[] {
  const seen: string[] = [];
  target.on('event', (event: UsbmuxEvent) =>
    seen.push(
      event.type === 'attached'
        ? `+${event.device.udid}`
        : `${event.type === 'detached' ? '-' : '*'}${event.udid}`,
    ),
  );
  return seen;
}

describe('usbmuxd Listen', () => {
  it('reports devices present at start, then attaches and detaches', async () => {
    usbmuxd.chunked = true;
    usbmuxd.attach(device(1, 'UDID-A'));
    listener = new UsbmuxListener(usbmuxd.address);
    const seen = record(listener);
    listener.start();
    await expect.poll(() => seen).toEqual(['+UDID-A']);
    usbmuxd.attach(device(2, 'UDID-B'));
    usbmuxd.detach(1);
    await expect.poll(() => seen).toEqual(['+UDID-A', '+UDID-B', '-UDID-A']);
    expect(listener.devices.map((d) => d.udid)).toEqual(['UDID-B']);
  });

  it('when usbmuxd restarts: every device detaches, then the listener reconnects and sees them again', async () => {
    usbmuxd.attach(device(1, 'UDID-A'));
    listener = new UsbmuxListener(usbmuxd.address, { retryMs: 20, maxRetryMs: 50 });
    const seen = record(listener);
    let connections = 0;
    listener.on('connected', () => connections++);
    listener.start();
    await expect.poll(() => seen).toEqual(['+UDID-A']);

    await usbmuxd.stop();
    await expect.poll(() => seen).toEqual(['+UDID-A', '-UDID-A']);
    await new Promise((resolve) => setTimeout(resolve, 80)); // a few failed reconnects
    const restarted = new FakeUsbmuxd(tempDir());
    Object.assign(restarted, { path: usbmuxd.path });
    usbmuxd = restarted;
    usbmuxd.attach(device(3, 'UDID-A'));
    await usbmuxd.start();
    await expect.poll(() => seen, { timeout: 3_000 }).toEqual(['+UDID-A', '-UDID-A', '+UDID-A']);
    expect(connections).toBe(2);
  });

  it('is an async iterator that ends at stop()', async () => {
    usbmuxd.attach(device(1, 'UDID-A'));
    listener = new UsbmuxListener(usbmuxd.address);
    const events: string[] = [];
    const consumer = (async () => {
      for await (const event of listener) {
        events.push(event.type);
        if (event.type === 'detached') listener?.stop();
      }
    })();
    await expect.poll(() => events).toEqual(['attached']);
    usbmuxd.detach(1);
    await consumer;
    expect(events).toEqual(['attached', 'detached']);
  });

  it('keeps listening after a malformed event', async () => {
    listener = new UsbmuxListener(usbmuxd.address);
    const errors: unknown[] = [];
    listener.on('error', (error) => errors.push(error));
    const seen = record(listener);
    listener.start();
    await expect.poll(() => usbmuxd.requests.length).toBe(1);
    usbmuxd.attach({ deviceId: 5, udid: '', ports: new Map() });
    usbmuxd.attach(device(6, 'UDID-B'));
    await expect.poll(() => seen).toEqual(['+UDID-B']);
    expect(String(errors[0])).toMatch(/without DeviceID or SerialNumber/);
  });
});

import { describe, expect, it } from 'vitest';
import {
  IosDeviceManager,
  type IosAttachment,
  type IosBackend,
  type PairOutcome,
} from '../../../../electron/core/devices/ios-device-manager.ts';
import { FakeIosDevice } from '../staging/ios/fake-ios-driver.ts';

/** usbmuxd and the devices behind it, as the manager sees them through IosBackend. */
function fakeBackend(devices: FakeIosDevice[]) {
  let listener: Parameters<IosBackend['watch']>[0] | undefined;
  const trust = new Map<string, PairOutcome['kind']>();
  const pairRequests: string[] = [];
  const backend: IosBackend = {
    watch(l) {
      listener = l;
      return { close: () => (listener = undefined) };
    },
    pair: (udid) => {
      pairRequests.push(udid);
      const kind = trust.get(udid) ?? 'pending';
      const outcome: PairOutcome = kind === 'failed' ? { kind, message: 'lockdownd hung up' } : { kind };
      return Promise.resolve(outcome);
    },
    driver: (udid) => devices.find((d) => d.udid === udid)!.driver(),
  };
  return {
    backend,
    pairRequests,
    attach: (device: IosAttachment) => listener!.attached(device),
    detach: (udid: string) => listener!.detached(udid),
    trust: (udid: string, kind: PairOutcome['kind']) => trust.set(udid, kind),
  };
}

function managerWith(devices: FakeIosDevice[]) {
  const usbmux = fakeBackend(devices);
  let changes = 0;
  const manager = new IosDeviceManager({
    backend: usbmux.backend,
    trustPollMs: 10,
    onChange: () => (changes += 1),
    log: () => {},
  });
  manager.start();
  return { manager, usbmux, changes: () => changes };
}

describe('iOS device manager', () => {
  it('shows an attached device as untrusted until the prompt is accepted, then reads it', async () => {
    const phone = new FakeIosDevice('00008110-00000000000000A1');
    const { manager, usbmux } = managerWith([phone]);
    usbmux.attach({ udid: phone.udid, locationId: 0x14100000 });
    await expect.poll(() => manager.list()[0]?.problem).toMatch(/tap “Trust”/);
    expect(manager.list()[0]).toMatchObject({ connection: 'untrusted', slotKey: 'usbmux:14100000' });
    usbmux.trust(phone.udid, 'paired');
    await expect.poll(() => manager.list()[0]?.identity?.serial).toBe(phone.identity.serial);
    expect(manager.list()[0]).toMatchObject({ connection: 'device', problem: undefined });
    manager.stop();
  });

  it('says what to do when trust was refused, and asks again on the next plug-in', async () => {
    const phone = new FakeIosDevice('00008110-00000000000000A2');
    const { manager, usbmux } = managerWith([phone]);
    usbmux.trust(phone.udid, 'denied');
    usbmux.attach({ udid: phone.udid, locationId: 1 });
    await expect.poll(() => manager.list()[0]?.problem).toMatch(/Don’t Trust/);
    usbmux.detach(phone.udid);
    expect(manager.list()[0]?.connection).toBe('absent');
    usbmux.trust(phone.udid, 'paired');
    usbmux.attach({ udid: phone.udid, locationId: 1 });
    await expect.poll(() => manager.list()[0]?.connection).toBe('device');
    expect(manager.generationOf(phone.udid)).toBe(2);
    manager.stop();
  });

  it('hands staging a driver only once the device is trusted and read, and again after it returns', async () => {
    const phone = new FakeIosDevice('00008110-00000000000000A3');
    const { manager, usbmux } = managerWith([phone]);
    usbmux.trust(phone.udid, 'paired');
    const first = manager.waitForDevice(phone.udid, 2_000, new AbortController().signal);
    usbmux.attach({ udid: phone.udid, locationId: 1 });
    await expect(first).resolves.toMatchObject({ udid: phone.udid });

    const since = manager.generationOf(phone.udid);
    const back = manager.waitForDevice(phone.udid, 2_000, new AbortController().signal, since);
    let settled = false;
    void back.then(() => (settled = true));
    await new Promise((r) => setTimeout(r, 50));
    expect(settled).toBe(false); // the same attachment does not count as a return
    usbmux.detach(phone.udid);
    usbmux.attach({ udid: phone.udid, locationId: 1 });
    await expect(back).resolves.toMatchObject({ udid: phone.udid });
    manager.stop();
  });

  it('gives up with the reason when a device does not come back in time', async () => {
    const { manager } = managerWith([]);
    await expect(
      manager.waitForDevice('00008110-00000000000000A4', 100, new AbortController().signal),
    ).rejects.toThrow(/not attached/);
    manager.stop();
  });
});

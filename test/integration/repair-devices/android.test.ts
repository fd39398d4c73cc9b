// The repair bench's device layer on Android, through the real adb server and lab phones:
// blockers (account, device owner, screen lock), wipe support with its reasons, a test-harness
// wipe followed to its return and read back, a DPC wipe and a recovery wipe that never come
// back on adb, a phone that dies mid-wipe, another phone coming back, a wipe sent twice.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DeviceManager } from '../../../electron/core/devices/device-manager.ts';
import { BenchRepairDevices } from '../../../electron/core/devices/repair-devices.ts';
import type { RepairDevice } from '../../../electron/core/repair/repair-device.ts';
import { DeviceCommandError } from '../../../native/device-errors.ts';
import type { LabController } from '../../../native/lab/adb/lab/lab-controller.ts';
import { DEFAULT_APK_FIXTURE_DIR, makeTestApks, type TestApkSet } from '../../../scripts/make-test-apks.ts';
import { ADB, AdbFixture, startLab } from '../../conformance/support/adb-fixture.ts';

const DPC = 'org.depotline.sample.dpc';
const DPC_WIPE = { component: `${DPC}/.CommandReceiver`, action: 'org.depotline.depot.action.ERASE' };

let adb: AdbFixture;
let lab: LabController;
let serials: string[];
let apks: TestApkSet;
let manager: DeviceManager;
let repair: BenchRepairDevices;

beforeAll(async () => {
  adb = await AdbFixture.start();
  apks = await makeTestApks(DEFAULT_APK_FIXTURE_DIR);
  ({ lab, serials } = await startLab(adb, { android: 6, seed: 'repair' }));
  await adb.waitForStates(serials, 'device');
  const server = { adbPath: ADB, host: '127.0.0.1', port: adb.port };
  manager = new DeviceManager({
    adb: server,
    pollMs: 200,
    onChange: () => repair?.devicesChanged(),
    log: () => undefined,
  });
  repair = new BenchRepairDevices({ android: { manager, adb: server, dpcWipeCommands: () => [DPC_WIPE] } });
  manager.start();
  await waitFor(() => serials.every((serial) => repair.get(serial) !== undefined));
}, 60_000);

afterAll(async () => {
  repair?.close();
  manager?.stop();
  await lab?.stop();
  await adb?.stop();
});

/** The phone as the registry knows it: by its own serial (ro.serialno), not adb's HOST:PORT. */
function phone(index: number): RepairDevice {
  const device = repair.get(lab.list()[index]!.serial);
  if (!device) throw new Error(`lab phone ${index} is not ready`);
  return device;
}

async function waitFor(condition: () => boolean, timeoutMs = 15_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

describe('Android blockers and wipe support', () => {
  it('lists an account and a screen lock, and test harness says why not while locked', async () => {
    const controls = lab.controls('0')!;
    controls.addAccount('com.google', 'kari.nordmann@example.com');
    controls.setScreenLock({ kind: 'pin', credential: '4711' });
    const device = phone(0);
    expect(device.serial).toBe(lab.list()[0]!.serial);
    expect(await device.blockers()).toEqual({
      platform: 'android',
      accounts: [{ type: 'com.google', name: 'kari.nordmann@example.com' }],
      deviceOwner: null,
      screenLock: true,
    });
    const support = await device.wipeSupport();
    expect(support.find((s) => s.method === 'android-testharness')).toMatchObject({
      supported: false,
      reason: expect.stringMatching(/screen lock is set/),
    });
    expect(support.find((s) => s.method === 'android-device-owner')).toMatchObject({
      supported: false,
      reason: expect.stringMatching(/no device owner/),
    });
    // The lab's phone 0 is a Samsung: its recovery steps, not the generic ones.
    expect(support.find((s) => s.method === 'android-recovery')).toMatchObject({
      supported: true,
      instructions: expect.arrayContaining([expect.stringMatching(/Samsung logo/)]),
    });
    controls.setScreenLock(undefined);
    expect(await device.blockers()).toMatchObject({ screenLock: false });
  });

  it('names a device owner, wipes through the depot’s DPC, and the phone never returns on adb', async () => {
    const serial = serials[1]!;
    expect((await adb.run(['-s', serial, 'install', apks.apks.dpc.path])).stdout).toMatch(/Success/);
    expect(
      (await adb.run(['-s', serial, 'shell', 'dpm', 'set-device-owner', `${DPC}/.AdminReceiver`])).code,
    ).toBe(0);
    lab.controls('1')!.setDpcWipeAction(DPC_WIPE.component, DPC_WIPE.action);
    const device = phone(1);
    expect(await device.blockers()).toMatchObject({
      deviceOwner: `${DPC}/${DPC}.AdminReceiver`,
      accounts: [],
    });
    expect((await device.wipeSupport()).find((s) => s.method === 'android-device-owner')).toEqual({
      method: 'android-device-owner',
      supported: true,
    });
    await device.startWipe('android-device-owner');
    await waitFor(() => repair.get(device.serial) === undefined);
    // Wiped by the DPC: USB debugging is off afterwards, so it cannot come back on adb.
    expect(await repair.waitForReturn(device.serial, 1_500)).toBeUndefined();
    expect(lab.find('1')?.status).toBe('offline');
  });
});

describe('Android wipes followed to their return', () => {
  it('test harness: wipes, refuses a second wipe, comes back and reads back clean', async () => {
    const controls = lab.controls('2')!;
    controls.addUserFiles([
      { path: 'DCIM/Camera/IMG_20240601_101500.jpg', bytes: 4096 },
      { path: 'Download/payslip.pdf', bytes: 100 },
    ]);
    expect((await adb.run(['-s', serials[2]!, 'install', apks.apks.scanner.path])).stdout).toMatch(/Success/);
    const device = phone(2);
    expect(await device.readback()).toMatchObject({
      userFiles: 2,
      onlyFactoryPackages: false,
      inSetup: false,
    });
    const diagnostics = await device.diagnostics();
    expect(diagnostics).toMatchObject({ osVersion: lab.list()[2]!.androidRelease, batteryCycles: null });
    expect(diagnostics.batteryLevel).toBeGreaterThan(0);
    expect(diagnostics.storageFreeBytes).toBeGreaterThan(0);

    await device.startWipe('android-testharness');
    await expect(device.startWipe('android-testharness')).rejects.toThrow(/already sent/);
    const back = await repair.waitForReturn(device.serial, 15_000);
    expect(back?.serial).toBe(device.serial);
    expect(await back!.readback()).toEqual({
      serial: device.serial,
      imeis: [],
      udid: null,
      inSetup: true,
      testHarnessMode: true,
      accounts: [],
      onlyFactoryPackages: true,
      userFiles: 0,
    });
  });

  it('test harness on a build without a persistent data block: unsupported, and refused in its words', async () => {
    lab.controls('3')!.setTestHarnessSupport(false);
    const device = phone(3);
    expect((await device.wipeSupport()).find((s) => s.method === 'android-testharness')).toEqual({
      method: 'android-testharness',
      supported: false,
      reason: expect.stringMatching(/no persistent data block \(ro\.frp\.pst is empty\)/),
    });
    const refused = device.startWipe('android-testharness');
    await expect(refused).rejects.toBeInstanceOf(DeviceCommandError);
    await expect(refused).rejects.toThrow(/^Failed to enable Test Harness Mode/);
    expect(repair.get(device.serial)).toBeDefined(); // nothing happened to it
  });

  it('a phone that dies mid-wipe never returns: the wait ends with nothing', async () => {
    lab.controls('3')!.setTestHarnessSupport(true);
    lab.controls('3')!.setNextWipe('never-returns');
    const device = phone(3);
    await device.startWipe('android-testharness');
    expect(await repair.waitForReturn(device.serial, 2_000)).toBeUndefined();
  });

  it('recovery: reboots into recovery (the lab wipes there) and never returns on adb', async () => {
    const device = phone(4);
    await device.startWipe('android-recovery');
    expect(await repair.waitForReturn(device.serial, 2_000)).toBeUndefined();
    expect(lab.find('4')?.status).toBe('offline');
    expect(lab.commands('4')?.some((c) => c.command.includes('reboot'))).toBe(false); // adbd's reboot service, not a shell command
  });

  it('another phone back in the slot: the wait returns it and the readback shows its serial', async () => {
    lab.controls('5')!.setNextWipe('different-phone');
    const device = phone(5);
    const before = device.serial;
    await device.startWipe('android-testharness');
    const back = await repair.waitForReturn(before, 15_000);
    expect(back).toBeDefined();
    const readback = await back!.readback();
    expect(readback.serial).toBe(lab.list()[5]!.serial);
    expect(readback.serial).not.toBe(before);
  });
});

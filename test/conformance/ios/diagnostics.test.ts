// Debian's real idevicediagnostics against the lab's diagnostics_relay (over the TLS the
// service asks for): the battery's IORegistry entry, MobileGestalt, the gas gauge, and
// restart / shutdown / sleep — a restarted device leaves usbmuxd and comes back.
import { parse } from 'plist';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { IosLabController } from '../../../native/lab/ios/lab/ios-lab-controller.ts';
import { labIosServices } from '../../../native/lab/ios/services/index.ts';
import { runTool, type ToolResult } from './support/ios-tools.ts';

let lab: IosLabController;
const udid = (index: number): string => lab.list()[index]?.udid ?? '';
const diagnostics = (index: number, ...args: string[]): Promise<ToolResult> =>
  runTool(lab.usbmuxdAddress, 'idevicediagnostics', ['-u', udid(index), ...args]);

/** Resolves when the device has gone offline and come back (or rejects after `ms`). */
function leavesAndReturns(index: number, ms = 10_000): Promise<boolean[]> {
  const seen: boolean[] = [];
  return new Promise((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new Error(`device ${index} did not come back: ${seen.join(',')}`)),
      ms,
    );
    const stop = lab.device(String(index))?.onOnlineChange((online) => {
      seen.push(online);
      if (online && seen.includes(false)) {
        clearTimeout(timer);
        stop?.();
        resolve(seen);
      }
    });
  });
}

beforeAll(async () => {
  lab = await IosLabController.start({
    ios: 2,
    seed: 'conformance-diagnostics',
    latency: 'fast',
    services: labIosServices,
  });
  for (const index of ['0', '1']) {
    lab.device(index)?.setUp(true);
    lab.device(index)?.acceptTrust();
  }
}, 60_000);

afterAll(async () => {
  await lab?.stop();
});

describe('idevicediagnostics: reading', () => {
  it('ioregentry IOPMPowerSource prints the battery as the device model has it', async () => {
    lab.device('0')?.setBattery({ level: 64, charging: false });
    const { code, stdout } = await diagnostics(0, 'ioregentry', 'IOPMPowerSource');
    expect(code).toBe(0);
    const entry = (parse(stdout) as { IORegistry: Record<string, unknown> }).IORegistry;
    const battery = lab.device('0')?.battery();
    expect(entry).toMatchObject({
      CurrentCapacity: 64,
      IsCharging: false,
      ExternalConnected: false,
      CycleCount: battery?.cycleCount,
      Temperature: Math.round((battery?.temperature ?? 0) * 100),
      DesignCapacity: 3349,
      BatteryInstalled: true,
    });
    expect(entry.AppleRawMaxCapacity).toBe(Math.round((3349 * (battery?.health ?? 0)) / 100));
  });

  it('an entry the device does not have is an error', async () => {
    const { code, stdout } = await diagnostics(0, 'ioregentry', 'NoSuchEntry');
    expect(code).not.toBe(0);
    expect(stdout).toContain('ERROR');
  });

  it('mobilegestalt answers the UDID; diagnostics GasGauge prints the gauge', async () => {
    const gestalt = await diagnostics(0, 'mobilegestalt', 'UniqueDeviceID');
    expect(gestalt.code).toBe(0);
    expect(parse(gestalt.stdout)).toMatchObject({ MobileGestalt: { UniqueDeviceID: udid(0) } });
    const gauge = await diagnostics(0, 'diagnostics', 'GasGauge');
    expect(gauge.code).toBe(0);
    expect(parse(gauge.stdout)).toMatchObject({ GasGauge: { DesignCapacity: 3349, Status: 'Success' } });
  });
});

describe('idevicediagnostics: power', () => {
  it('restart: the tool succeeds, the device detaches from usbmuxd and comes back', async () => {
    const cycle = leavesAndReturns(1);
    const result = await diagnostics(1, 'restart');
    expect([result.code, result.stdout.trim()]).toEqual([0, 'Restarting device.']);
    expect(await cycle).toEqual([false, true]);
    expect(lab.find('1')?.status).toBe('online');
    expect(
      lab
        .device('1')
        ?.commandLog()
        .map((c) => c.request),
    ).toEqual(expect.arrayContaining(['Restart', 'Goodbye', 'Restarting']));
    // Back and answering: the same pairing still works after the restart.
    const again = await runTool(lab.usbmuxdAddress, 'ideviceinfo', ['-u', udid(1), '-k', 'ProductType']);
    expect(again.code).toBe(0);
  });

  it('sleep answers and the device stays attached; shutdown turns it off until the lab powers it on', async () => {
    expect((await diagnostics(1, 'sleep')).code).toBe(0);
    expect(lab.find('1')?.status).toBe('online');
    const off = await diagnostics(1, 'shutdown');
    expect([off.code, off.stdout.trim()]).toEqual([0, 'Shutting down device.']);
    await expect.poll(() => lab.find('1')?.status, { timeout: 5_000 }).toBe('off');
    expect((await runTool(lab.usbmuxdAddress, 'idevice_id', ['-l'])).stdout).not.toContain(udid(1));
    lab.restart('1');
    await expect.poll(() => lab.find('1')?.status, { timeout: 5_000 }).toBe('online');
  });
});

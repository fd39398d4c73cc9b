// The driver's kept lockdownd session against the iOS lab, counted in the device's own
// command log: a staging job's calls in one session, a new one after the idle timeout, and
// a device restarted or erased between calls (through the lab's controls, not the driver)
// answered in a new session rather than with an error.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeTestIpas, PROFILE_RECIPES, type TestIpaSet } from '../../../scripts/make-test-ipas.ts';
import { IosLabController } from '../../../native/lab/ios/lab/ios-lab-controller.ts';
import { labIosServices } from '../../../native/lab/ios/services/index.ts';
import { createHostIdentity, type HostIdentity } from '../../../native/ios/pairing/host-identity.ts';
import { createIosDriver, type UsbmuxIosDriver } from '../../../native/ios/usbmux-ios-driver.ts';
import { parseUsbmuxAddress, type UsbmuxAddress } from '../../../native/ios/usbmux/usbmux-address.ts';
import { encodePlist } from '../../../native/ios/wire/plist-codec.ts';

let lab: IosLabController;
let address: UsbmuxAddress;
let hostIdentity: HostIdentity;
let fixtures: TestIpaSet;
let fixtureDir: string;

beforeAll(async () => {
  fixtureDir = mkdtempSync(join(tmpdir(), 'depotline-ios-kept-'));
  [hostIdentity, fixtures] = await Promise.all([createHostIdentity(), makeTestIpas(fixtureDir)]);
  lab = await IosLabController.start({ ios: 3, seed: 'ios-kept', latency: 'fast', services: labIosServices });
  address = parseUsbmuxAddress(lab.usbmuxdAddress);
  // In Setup Assistant: pairs without a prompt, also after an erase.
  for (const id of ['0', '1', '2']) lab.device(id)!.setUp(false);
}, 60_000);

afterAll(async () => {
  await lab?.stop();
  if (fixtureDir) rmSync(fixtureDir, { recursive: true, force: true });
});

const driverFor = (id: string, idleMs?: number): UsbmuxIosDriver =>
  createIosDriver({ udid: lab.find(id)!.udid, usbmuxAddress: address, hostIdentity, idleMs });
const logged = (id: string, request: string) =>
  lab.commands(id)!.filter((command) => command.service === 'lockdownd' && command.request === request)
    .length;

async function backOnline(id: string, before: number | null): Promise<void> {
  await expect
    .poll(() => lab.find(id)!.status === 'online' && lab.find(id)!.deviceId !== before, { timeout: 10_000 })
    .toBe(true);
}

describe('kept lockdownd session against the lab', () => {
  it("a staging job's calls (identity, checks, applies) share one StartSession", async () => {
    const ios = driverFor('0');
    await ios.identity(); // pairs, then the session is kept
    const before = logged('0', 'StartSession');
    await ios.identity();
    expect(await ios.installedProfiles()).toEqual([]);
    await ios.installProfile(encodePlist(PROFILE_RECIPES.wifi));
    expect((await ios.installedProfiles()).map((profile) => profile.identifier)).toContain(
      'org.depotline.profile.wifi',
    );
    expect(await ios.installedApps()).toEqual([]);
    await ios.installApp(fixtures.ipas.timesheet.path);
    expect((await ios.installedApps()).map((app) => app.bundleId)).toEqual([
      fixtures.ipas.timesheet.bundleId,
    ]);
    await ios.setDeviceName('Depot 7 · 001');
    expect((await ios.identity()).deviceName).toBe('Depot 7 · 001');
    expect(logged('0', 'StartSession') - before).toBe(0);
    // MCInstall and installation_proxy were started once each in that session; AFC per install.
    const started = lab.commands('0')!.filter((command) => command.request.startsWith('StartService'));
    expect(started.filter((command) => command.request.endsWith('MCInstall'))).toHaveLength(1);
    ios.close();
    await expect.poll(() => logged('0', 'StopSession')).toBeGreaterThan(0);
  });

  it('closes the session after the idle timeout; the next call opens another', async () => {
    const ios = driverFor('1', 100);
    await ios.identity();
    const sessions = logged('1', 'StartSession');
    const stops = logged('1', 'StopSession');
    await expect.poll(() => logged('1', 'StopSession')).toBe(stops + 1);
    await ios.cloudConfiguration();
    expect(logged('1', 'StartSession')).toBe(sessions + 1);
  });

  it('a device restarted between calls is read in a new session, not an error', async () => {
    const ios = driverFor('2');
    await ios.identity();
    const sessions = logged('2', 'StartSession');
    const before = lab.find('2')!.deviceId;
    lab.restart('2');
    await backOnline('2', before);
    expect((await ios.identity()).udid).toBe(lab.find('2')!.udid);
    expect(await ios.installedProfiles()).toEqual([]);
    expect(logged('2', 'StartSession')).toBe(sessions + 1);
  });

  it('a device erased between calls is paired again and read in a new session', async () => {
    const ios = driverFor('2');
    await ios.installProfile(encodePlist(PROFILE_RECIPES.wifi));
    const before = lab.find('2')!.deviceId;
    lab.erase('2');
    await backOnline('2', before);
    expect(lab.find('2')!.pairedHosts).toBe(0);
    expect(await ios.installedProfiles()).toEqual([]);
    expect((await ios.identity()).inSetupAssistant).toBe(true);
    expect(lab.find('2')!.pairedHosts).toBe(1);
  });
});

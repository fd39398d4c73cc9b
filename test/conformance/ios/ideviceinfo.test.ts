// Debian's real idevice_id, ideviceinfo and idevicename against the lab's usbmuxd and
// lockdownd: discovery, first-time pairing (TLS with the certificates libimobiledevice
// makes), values by key and by domain, renaming, and a device whose trust prompt is open.
import { parse } from 'plist';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { IosLabController } from '../../../native/lab/ios/lab/ios-lab-controller.ts';
import { parseKeyValues, runTool } from './support/ios-tools.ts';

let lab: IosLabController;
let address: string;
const udid = (index: number): string => lab.list()[index]?.udid ?? '';

beforeAll(async () => {
  // Trust prompts wait for the test; devices 0 and 1 are trusted, device 2 is asked.
  lab = await IosLabController.start({ ios: 3, seed: 'conformance-info', latency: 'fast', services: [] });
  for (const index of ['0', '1', '2']) lab.device(index)?.setUp(true);
  lab.device('0')?.acceptTrust();
  lab.device('1')?.acceptTrust();
  address = lab.usbmuxdAddress;
});

afterAll(async () => {
  await lab?.stop();
});

describe('idevice_id', () => {
  it('lists the UDIDs of the attached devices', async () => {
    const { code, stdout } = await runTool(address, 'idevice_id', ['-l']);
    expect(code).toBe(0);
    expect(stdout.trim().split('\n').sort()).toEqual(
      lab
        .list()
        .map((device) => device.udid)
        .sort(),
    );
  });

  it('stops listing a device that is unplugged', async () => {
    lab.unplug('1');
    const { stdout } = await runTool(address, 'idevice_id', ['-l']);
    expect(stdout).not.toContain(udid(1));
    lab.plug('1');
    expect((await runTool(address, 'idevice_id', ['-l'])).stdout).toContain(udid(1));
  });
});

describe('ideviceinfo', () => {
  it('pairs on first use and prints every value', async () => {
    const device = lab.device('0');
    const first = await runTool(address, 'ideviceinfo', ['-u', udid(0)]);
    expect(first.stderr).toBe('');
    expect(first.code).toBe(0);
    const values = parseKeyValues(first.stdout);
    const identity = device?.identity;
    expect(values.get('UniqueDeviceID')).toBe(identity?.udid);
    expect(values.get('ProductType')).toBe(identity?.model.productType);
    expect(values.get('ProductVersion')).toBe(identity?.iosVersion);
    expect(values.get('BuildVersion')).toBe(identity?.buildVersion);
    expect(values.get('SerialNumber')).toBe(identity?.serial);
    expect(values.get('UniqueChipID')).toBe(String(identity?.ecid));
    expect(values.get('HardwareModel')).toBe(identity?.model.hardwareModel);
    expect(values.get('DeviceName')).toBe('iPhone');
    expect(values.get('ActivationState')).toBe('Activated');
    if (identity?.imei !== undefined)
      expect(values.get('InternationalMobileEquipmentIdentity')).toBe(identity.imei);
    // The pairing the tool made: one host on the device, one record in usbmuxd.
    expect(device?.pairedHostIds).toHaveLength(1);
    expect(lab.usbmuxd.pairRecords.read(udid(0))).toBeDefined();
    expect(device?.commandLog().map((entry) => entry.request)).toEqual(
      expect.arrayContaining([
        'QueryType',
        'GetValue DevicePublicKey',
        'Pair',
        'StartSession',
        'GetValue',
        'StopSession',
      ]),
    );
  });

  it('reads one key, a domain, and XML output', async () => {
    const version = await runTool(address, 'ideviceinfo', ['-u', udid(0), '-k', 'ProductVersion']);
    expect(version.stdout).toBe(`${lab.device('0')?.identity.iosVersion}\n`);

    const disk = parseKeyValues(
      (await runTool(address, 'ideviceinfo', ['-u', udid(0), '-q', 'com.apple.disk_usage'])).stdout,
    );
    expect(disk.get('TotalDiskCapacity')).toBe(String(lab.device('0')?.identity.totalDiskBytes));
    expect(Number(disk.get('AmountDataAvailable'))).toBe(lab.device('0')?.freeBytes());

    lab.device('0')?.setBattery({ level: 37, charging: false });
    const battery = parseKeyValues(
      (await runTool(address, 'ideviceinfo', ['-u', udid(0), '-q', 'com.apple.mobile.battery'])).stdout,
    );
    expect([battery.get('BatteryCurrentCapacity'), battery.get('BatteryIsCharging')]).toEqual([
      '37',
      'false',
    ]);

    const xml = await runTool(address, 'ideviceinfo', ['-u', udid(0), '-x']);
    const parsed = parse(xml.stdout) as Record<string, unknown>;
    expect(parsed.UniqueDeviceID).toBe(udid(0));
    expect(parsed.DevicePublicKey).toBeInstanceOf(Uint8Array);
  });

  it('answers an unknown key with nothing (MissingValue)', async () => {
    const missing = await runTool(address, 'ideviceinfo', ['-u', udid(0), '-k', 'NoSuchKey']);
    expect([missing.code, missing.stdout]).toEqual([0, '']);
  });

  it('reads public values without pairing (-s)', async () => {
    const simple = await runTool(address, 'ideviceinfo', ['-s', '-u', udid(2), '-k', 'ProductType']);
    expect(simple.stdout.trim()).toBe(lab.device('2')?.identity.model.productType);
    expect(lab.device('2')?.pairedHostIds).toEqual([]);
  });

  it('fails with the pending trust error while the prompt waits', async () => {
    const pending = await runTool(address, 'ideviceinfo', ['-u', udid(2)]);
    expect(pending.code).not.toBe(0);
    expect(pending.stderr).toContain(
      'ERROR: Could not connect to lockdownd: Pairing dialog response pending (-19)',
    );
    expect(lab.find('2')?.trust).toBe('prompting');
    lab.device('2')?.acceptTrust();
    expect((await runTool(address, 'ideviceinfo', ['-u', udid(2), '-k', 'DeviceClass'])).stdout.trim()).toBe(
      lab.device('2')?.identity.model.deviceClass,
    );
  });
});

describe('idevicename', () => {
  it('reads and sets the device name (SetValue in a session)', async () => {
    expect((await runTool(address, 'idevicename', ['-u', udid(1)])).stdout).toBe('iPhone\n');
    const set = await runTool(address, 'idevicename', ['-u', udid(1), 'Depot Bench 7']);
    expect([set.code, set.stdout]).toEqual([0, "device name set to 'Depot Bench 7'\n"]);
    expect((await runTool(address, 'idevicename', ['-u', udid(1)])).stdout).toBe('Depot Bench 7\n');
    expect(lab.find('1')?.deviceName).toBe('Depot Bench 7');
  });
});

// What a returned iPhone carries for the repair bench, put there through the control API and
// read back over the lab's real services: another organisation's cloud configuration
// (MCInstall GetCloudConfiguration, lockdownd's chaperone domain), a user's media files
// (AFC), the battery's cycle count (diagnostics_relay IORegistry), and an erase taking the
// first two away.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startControlApi, type ControlApi } from '../../../native/lab/adb/lab/control-api.ts';
import { IosLabController } from '../../../native/lab/ios/lab/ios-lab-controller.ts';
import { labIosServices } from '../../../native/lab/ios/services/index.ts';
import { createHostIdentity, type HostIdentity } from '../../../native/ios/pairing/host-identity.ts';
import { createIosDriver } from '../../../native/ios/usbmux-ios-driver.ts';
import { parseUsbmuxAddress, type UsbmuxAddress } from '../../../native/ios/usbmux/usbmux-address.ts';
import { countIosMediaFiles, readIosBatteryGauge } from '../../../native/ios/repair/ios-repair.ts';

let lab: IosLabController;
let api: ControlApi;
let address: UsbmuxAddress;
let hostIdentity: HostIdentity;

beforeAll(async () => {
  hostIdentity = await createHostIdentity();
  lab = await IosLabController.start({
    ios: 2,
    seed: 'repair-content',
    latency: 'fast',
    services: labIosServices,
    acceptTrustAfterMs: 0,
  });
  address = parseUsbmuxAddress(lab.usbmuxdAddress);
  api = await startControlApi(undefined, { port: 0, ios: lab });
}, 60_000);

afterAll(async () => {
  await api?.close();
  await lab?.stop();
});

async function post(path: string, body: unknown) {
  const response = await fetch(`${api.url}/ios/devices/${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  return {
    status: response.status,
    body: (await response.json()) as { device?: Record<string, unknown>; error?: { code: string } },
  };
}

const target = (index: number) => ({ udid: lab.list()[index]!.udid, address, hostIdentity });

describe('iOS lab: what the repair bench finds', () => {
  it('is supervised by another organisation through its cloud configuration', async () => {
    lab.device('0')!.setUp(true);
    const reply = await post('0/managed-by', {
      organisation: 'Northwind Logistics',
      mdmServer: 'https://mdm.northwind.example/enroll',
    });
    expect(reply.status).toBe(200);
    expect(reply.body.device).toMatchObject({
      supervised: true,
      organisation: 'Northwind Logistics',
      cloudConfiguration: true,
    });
    const driver = createIosDriver({ ...target(0), usbmuxAddress: address });
    try {
      expect(await driver.cloudConfiguration()).toMatchObject({
        OrganizationName: 'Northwind Logistics',
        IsSupervised: true,
        ConfigurationURL: 'https://mdm.northwind.example/enroll',
      });
      expect(await driver.identity()).toMatchObject({
        supervised: true,
        organisation: 'Northwind Logistics',
      });
    } finally {
      driver.close();
    }
    expect((await post('0/managed-by', { organisation: null })).body.device).toMatchObject({
      supervised: false,
      organisation: null,
      cloudConfiguration: false,
    });
    expect((await post('0/managed-by', { organisation: 'X', mdmServer: 'http://plain' })).status).toBe(400);
  });

  it('holds media files that AFC lists, reports cycles, and loses the files in an erase', async () => {
    const reply = await post('1/media', {
      files: [
        { path: 'DCIM/100APPLE/IMG_0001.HEIC', bytes: 4096 },
        { path: 'DCIM/100APPLE/IMG_0002.MOV', bytes: 100 },
        { path: 'Downloads/boarding-pass.pdf', bytes: 10 },
      ],
    });
    expect(reply.body.device).toMatchObject({ mediaFiles: 3 });
    expect((await post('1/media', { files: [{ path: '../etc/x', bytes: 1 }] })).status).toBe(400);
    expect(await countIosMediaFiles(target(1))).toBe(3);
    const gauge = await readIosBatteryGauge(target(1));
    expect(gauge.cycles).toBe(lab.device('1')!.battery().cycleCount);
    expect(gauge.healthPercent).toBe(lab.device('1')!.battery().health);

    lab.erase('1');
    await waitFor(() => lab.find('1')?.status === 'booting');
    await waitFor(() => lab.find('1')?.status === 'online');
    expect(lab.find('1')).toMatchObject({ mediaFiles: 0, activationState: 'Unactivated' });
    expect(await countIosMediaFiles(target(1))).toBe(0);
  });
});

async function waitFor(condition: () => boolean, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

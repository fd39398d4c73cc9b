import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DeviceGoneError, DeviceUnreadableError } from '../../../../../native/device-errors.ts';
import { connectToDevice, UsbmuxPortRefusedError } from '../../../../../native/ios/usbmux/connect.ts';
import { findDevice, listDevices } from '../../../../../native/ios/usbmux/list-devices.ts';
import {
  deletePairRecord,
  readPairRecord,
  savePairRecord,
} from '../../../../../native/ios/usbmux/pair-records.ts';
import { readBuid } from '../../../../../native/ios/usbmux/read-buid.ts';
import { encodePlist } from '../../../../../native/ios/wire/plist-codec.ts';
import { useTempDirs } from '../../../../helpers/temp-dir.ts';
import { FakeUsbmuxd, type FakeDevice } from '../fakes/fake-usbmuxd.ts';

const tempDir = useTempDirs();
let usbmuxd: FakeUsbmuxd;
const device = (deviceId: number, udid: string, extra: Partial<FakeDevice> = {}): FakeDevice => ({
  deviceId,
  udid,
  ports: new Map(),
  ...extra,
});

beforeEach(async () => {
  usbmuxd = new FakeUsbmuxd(tempDir());
  await usbmuxd.start();
});
afterEach(() => usbmuxd.stop());

describe('usbmuxd commands', () => {
  it('lists devices, restores the dash usbmuxd drops from new UDIDs and prefers USB to Wi-Fi', async () => {
    usbmuxd.chunked = true; // every reply a byte at a time
    usbmuxd.attach(
      device(7, '00008030-001A2B3C4D5E6F70', {
        serialNumber: '00008030001A2B3C4D5E6F70',
        connectionType: 'Network',
      }),
    );
    usbmuxd.attach(device(8, '00008030-001A2B3C4D5E6F70', { serialNumber: '00008030001A2B3C4D5E6F70' }));
    usbmuxd.attach(device(9, 'a1b2c3d4e5f60718293a4b5c6d7e8f9012345678'));

    const devices = await listDevices(usbmuxd.address);
    expect(devices.map((d) => [d.deviceId, d.udid, d.connectionType])).toEqual([
      [7, '00008030-001A2B3C4D5E6F70', 'Network'],
      [8, '00008030-001A2B3C4D5E6F70', 'USB'],
      [9, 'a1b2c3d4e5f60718293a4b5c6d7e8f9012345678', 'USB'],
    ]);
    expect((await findDevice(usbmuxd.address, '00008030-001A2B3C4D5E6F70'))?.deviceId).toBe(8);
    expect(await findDevice(usbmuxd.address, 'nope')).toBeUndefined();
    expect(usbmuxd.requests[0]).toMatchObject({
      MessageType: 'ListDevices',
      ProgName: 'Depotline',
      kLibUSBMuxVersion: 3,
    });
  });

  it('reads, saves and deletes pair records and reads the BUID', async () => {
    expect(await readPairRecord(usbmuxd.address, 'UDID-1')).toBeUndefined();
    await savePairRecord(usbmuxd.address, 'UDID-1', 3, { HostID: 'H', SystemBUID: 'B' });
    expect(usbmuxd.requests.at(-1)).toMatchObject({
      MessageType: 'SavePairRecord',
      PairRecordID: 'UDID-1',
      DeviceID: 3,
    });
    expect(await readPairRecord(usbmuxd.address, 'UDID-1')).toEqual({ HostID: 'H', SystemBUID: 'B' });
    await deletePairRecord(usbmuxd.address, 'UDID-1');
    expect(await readPairRecord(usbmuxd.address, 'UDID-1')).toBeUndefined();
    expect(await readBuid(usbmuxd.address)).toBe(usbmuxd.buid);
  });

  it('says a stored pair record that is not a plist is unreadable', async () => {
    usbmuxd.pairRecords.set('UDID-1', Buffer.from('not a plist'));
    await expect(readPairRecord(usbmuxd.address, 'UDID-1')).rejects.toBeInstanceOf(DeviceUnreadableError);
    usbmuxd.pairRecords.set('UDID-1', encodePlist(['a list'], 'binary'));
    await expect(readPairRecord(usbmuxd.address, 'UDID-1')).rejects.toThrow(/cannot be read/);
  });

  it('connects a tunnel to a device port; device bytes right behind the Result reach the tunnel', async () => {
    const fake = device(4, 'UDID-4');
    fake.ports.set(1234, (stream) => {
      stream.write('hello from the device');
      stream.on('data', (chunk: Buffer) => stream.write(`echo:${chunk.toString()}`));
    });
    usbmuxd.attach(fake);
    const tunnel = await connectToDevice(usbmuxd.address, { deviceId: 4, udid: 'UDID-4', port: 1234 });
    const received: string[] = [];
    tunnel.on('data', (chunk: Buffer) => received.push(chunk.toString()));
    tunnel.resume();
    tunnel.write('ping');
    await expect.poll(() => received.join('')).toBe('hello from the deviceecho:ping');
    expect(usbmuxd.requests.at(-1)).toMatchObject({
      MessageType: 'Connect',
      DeviceID: 4,
      PortNumber: 0xd204,
    });
    tunnel.destroy();
  });

  it('a device usbmuxd no longer knows is gone; a closed port is a transient refusal', async () => {
    usbmuxd.attach(device(4, 'UDID-4'));
    await expect(
      connectToDevice(usbmuxd.address, { deviceId: 5, udid: 'UDID-5', port: 62078 }),
    ).rejects.toThrow(DeviceGoneError);
    const refused = connectToDevice(usbmuxd.address, { deviceId: 4, udid: 'UDID-4', port: 62078 });
    await expect(refused).rejects.toBeInstanceOf(UsbmuxPortRefusedError);
    await expect(refused).rejects.toMatchObject({
      transient: true,
      message: 'UDID-4 refused a connection to its port 62078',
    });
  });

  it('usbmuxd not running reads as every device gone', async () => {
    const address = { kind: 'unix' as const, path: join(tempDir(), 'absent.sock') };
    await expect(listDevices(address)).rejects.toThrow(
      /usbmuxd is not reachable at .*absent\.sock \(ENOENT\)/,
    );
    await expect(listDevices(address)).rejects.toBeInstanceOf(DeviceGoneError);
  });
});

// The lab's usbmuxd against a plain socket client: every message libusbmuxd sends, the
// events Listen delivers, Connect's tunnels and refusals, pair records, and hostile input
// from one client that must not disturb the others.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import type { Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { encodeUsbmuxMessage, swapPortBytes } from '../../../native/ios/wire/usbmux-frame.ts';
import { PairRecordStore } from '../../../native/lab/ios/usbmuxd/pair-record-store.ts';
import {
  systemBuidFor,
  UsbmuxdServer,
  type UsbmuxDevice,
} from '../../../native/lab/ios/usbmuxd/usbmuxd-server.ts';
import { UsbmuxTestClient, usbmuxRequest } from './support/usbmux-test-client.ts';

const dir = mkdtempSync(join(tmpdir(), 'depotline-usbmuxd-test-'));
const socketPath = join(dir, 'usbmuxd.sock');
let usbmuxd: UsbmuxdServer;
const clients: UsbmuxTestClient[] = [];

const ECHO_PORT = 50_001;

function fakeDevice(udid: string, locationId: number): UsbmuxDevice {
  return {
    udid,
    usbSerial: udid.replace('-', ''),
    productId: 0x12a8,
    locationId,
    accepts: (port) => port === ECHO_PORT,
    connect: (port, stream) => {
      if (port !== ECHO_PORT) return false;
      stream.on('data', (chunk: Buffer) => stream.write(chunk));
      stream.resume();
      return true;
    },
  };
}

const first = fakeDevice('00008110-001A2B3C4D5E601E', 0x01110000);
const second = fakeDevice('00008030-000A1B2C3D4E5F60', 0x01120000);

async function open(): Promise<UsbmuxTestClient> {
  const client = await UsbmuxTestClient.open(socketPath);
  clients.push(client);
  return client;
}

beforeAll(async () => {
  usbmuxd = await UsbmuxdServer.start({
    address: { kind: 'unix', path: socketPath },
    buid: systemBuidFor('test'),
    pairRecords: new PairRecordStore(join(dir, 'lockdown')),
  });
  usbmuxd.attach(first);
});

afterEach(() => {
  for (const client of clients.splice(0)) client.close();
});

afterAll(async () => {
  await usbmuxd.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('usbmuxd messages', () => {
  it('lists attached devices with the properties libusbmuxd reads', async () => {
    const reply = await usbmuxRequest(socketPath, { MessageType: 'ListDevices' });
    expect(reply.DeviceList).toEqual([
      {
        DeviceID: usbmuxd.deviceIdOf(first.udid),
        MessageType: 'Attached',
        Properties: {
          ConnectionSpeed: 480_000_000,
          ConnectionType: 'USB',
          DeviceID: usbmuxd.deviceIdOf(first.udid),
          LocationID: 0x01110000,
          ProductID: 0x12a8,
          SerialNumber: '00008110-001A2B3C4D5E601E',
          USBSerialNumber: '00008110001A2B3C4D5E601E',
        },
      },
    ]);
  });

  it('answers a request recorded from libusbmuxd 2.0 byte for byte in XML with the same tag', async () => {
    // ReadBUID as libusbmuxd 2.0.2 frames it (libplist's XML, tag 7).
    const xml =
      '<?xml version="1.0" encoding="UTF-8"?>\n<!DOCTYPE plist PUBLIC "-//Apple//DTD PLIST 1.0//EN" "http://www.apple.com/DTDs/PropertyList-1.0.dtd">\n<plist version="1.0">\n<dict>\n\t<key>ClientVersionString</key>\n\t<string>libusbmuxd 2.0.2</string>\n\t<key>MessageType</key>\n\t<string>ReadBUID</string>\n\t<key>ProgName</key>\n\t<string>idevicepair</string>\n\t<key>kLibUSBMuxVersion</key>\n\t<integer>3</integer>\n</dict>\n</plist>\n';
    const payload = Buffer.from(xml);
    const header = Buffer.alloc(16);
    header.writeUInt32LE(16 + payload.length, 0);
    header.writeUInt32LE(1, 4);
    header.writeUInt32LE(8, 8);
    header.writeUInt32LE(7, 12);
    const client = await open();
    client.sendRaw(Buffer.concat([header, payload]));
    const reply = await client.next();
    expect(reply.tag).toBe(7);
    expect(reply.body).toEqual({ BUID: systemBuidFor('test') });
    expect(systemBuidFor('test')).toMatch(/^[0-9A-F]{8}-[0-9A-F]{4}-4[0-9A-F]{3}-A[0-9A-F]{3}-[0-9A-F]{12}$/);
  });

  it('reads requests sent as binary plists and still answers in XML', async () => {
    const client = await open();
    client.send({ MessageType: 'ReadBUID' }, 'binary');
    const reply = await client.next();
    expect(reply.body.BUID).toBe(systemBuidFor('test'));
  });

  it('answers Result 1 to an unknown MessageType and 6 to another protocol version', async () => {
    const client = await open();
    expect(await client.request({ MessageType: 'Frobnicate' })).toEqual({ MessageType: 'Result', Number: 1 });
    const legacy = Buffer.alloc(16);
    legacy.writeUInt32LE(16, 0);
    legacy.writeUInt32LE(0, 4); // binary protocol version 0
    legacy.writeUInt32LE(3, 8); // LISTEN
    legacy.writeUInt32LE(9, 12);
    client.sendRaw(legacy);
    const reply = await client.next();
    expect([reply.tag, reply.body]).toEqual([9, { MessageType: 'Result', Number: 6 }]);
    // The client is still served.
    expect((await client.request({ MessageType: 'ListDevices' })).DeviceList).toHaveLength(1);
  });

  it('Listen: Result 0, Attached for present devices, then Attached/Detached as cables move (tag 0)', async () => {
    const client = await open();
    expect(await client.request({ MessageType: 'Listen' })).toEqual({ MessageType: 'Result', Number: 0 });
    const present = await client.next();
    expect([present.tag, present.body.MessageType, present.body.DeviceID]).toEqual([
      0,
      'Attached',
      usbmuxd.deviceIdOf(first.udid),
    ]);

    const id = usbmuxd.attach(second);
    const attached = await client.next();
    expect([attached.tag, attached.body.MessageType, attached.body.DeviceID]).toEqual([0, 'Attached', id]);
    expect((attached.body.Properties as Record<string, unknown>).SerialNumber).toBe(second.udid);

    usbmuxd.detach(second.udid);
    const detached = await client.next();
    expect([detached.tag, detached.body]).toEqual([0, { MessageType: 'Detached', DeviceID: id }]);

    // Plugged in again: a new DeviceID, the same LocationID.
    const again = usbmuxd.attach(second);
    expect(again).toBeGreaterThan(id);
    const reattached = await client.next();
    expect((reattached.body.Properties as Record<string, unknown>).LocationID).toBe(0x01120000);
    usbmuxd.detach(second.udid);
    await client.next();
  });

  it('pair records: Result 2 when none, saved, read back, kept as files, deleted', async () => {
    const id = first.udid;
    expect(await usbmuxRequest(socketPath, { MessageType: 'ReadPairRecord', PairRecordID: id })).toEqual({
      MessageType: 'Result',
      Number: 2,
    });
    const listener = await open();
    await listener.request({ MessageType: 'Listen' });
    await listener.next(); // Attached (first)

    const record = Buffer.from('bplist00-not-inspected-by-usbmuxd');
    const saved = await usbmuxRequest(socketPath, {
      MessageType: 'SavePairRecord',
      PairRecordID: id,
      PairRecordData: record,
      DeviceID: usbmuxd.deviceIdOf(id) ?? 0,
    });
    expect(saved).toEqual({ MessageType: 'Result', Number: 0 });
    const paired = await listener.next();
    expect(paired.body).toEqual({ MessageType: 'Paired', DeviceID: usbmuxd.deviceIdOf(id) });

    const read = await usbmuxRequest(socketPath, { MessageType: 'ReadPairRecord', PairRecordID: id });
    expect(Buffer.from(read.PairRecordData as Uint8Array)).toEqual(record);
    expect(readFileSync(join(dir, 'lockdown', `${id}.plist`))).toEqual(record);

    expect(await usbmuxRequest(socketPath, { MessageType: 'DeletePairRecord', PairRecordID: id })).toEqual({
      MessageType: 'Result',
      Number: 0,
    });
    expect(
      (await usbmuxRequest(socketPath, { MessageType: 'ReadPairRecord', PairRecordID: id })).Number,
    ).toBe(2);
    // A record ID that could leave the folder is refused.
    expect(
      (await usbmuxRequest(socketPath, { MessageType: 'ReadPairRecord', PairRecordID: '../../etc/passwd' }))
        .Number,
    ).toBe(1);
  });
});

describe('usbmuxd Connect', () => {
  it('turns the socket into a raw tunnel to the device port (PortNumber byte-swapped)', async () => {
    const client = await open();
    const { result, tunnel } = await client.connectTo(usbmuxd.deviceIdOf(first.udid) ?? 0, ECHO_PORT);
    expect(result).toBe(0);
    const echoed = await roundTrip(tunnel!, Buffer.from('not a usbmux frame at all'));
    expect(echoed.toString()).toBe('not a usbmux frame at all');
    expect(usbmuxd.tunnelCount(first.udid)).toBe(1);
  });

  it('answers Result 3 for a closed port, 2 for an unknown device, 1 without a DeviceID', async () => {
    const client = await open();
    expect((await client.connectTo(usbmuxd.deviceIdOf(first.udid) ?? 0, 62_078)).result).toBe(3);
    expect((await client.connectTo(9_999, ECHO_PORT)).result).toBe(2);
    expect(await client.request({ MessageType: 'Connect', PortNumber: swapPortBytes(ECHO_PORT) })).toEqual({
      MessageType: 'Result',
      Number: 1,
    });
  });

  it('keeps bytes the client sent right behind Connect for the device', async () => {
    const client = await open();
    const connect = encodeUsbmuxMessage(1, {
      MessageType: 'Connect',
      DeviceID: usbmuxd.deviceIdOf(first.udid) ?? 0,
      PortNumber: swapPortBytes(ECHO_PORT),
    });
    client.sendRaw(Buffer.concat([connect, Buffer.from('early bytes')]));
    const reply = await client.next();
    expect(reply.body.Number).toBe(0);
    const echoed = await collect(client.takeSocket(), 'early bytes'.length);
    expect(echoed.toString()).toBe('early bytes');
  });

  it.each(['close', 'reset'] as const)('closes the tunnels of a device that leaves (%s)', async (how) => {
    usbmuxd.attach(second);
    const client = await open();
    const { tunnel } = await client.connectTo(usbmuxd.deviceIdOf(second.udid) ?? 0, ECHO_PORT);
    const closed = new Promise<boolean>((resolve) => tunnel!.once('close', resolve));
    tunnel!.resume();
    // A UNIX socket cannot be reset (no RST); the lab closes it instead. TCP tunnels get an RST.
    usbmuxd.detach(second.udid, how);
    await closed;
    expect(usbmuxd.tunnelCount(second.udid)).toBe(0);
  });
});

describe('usbmuxd and hostile clients', () => {
  const hostile: Array<[string, Buffer]> = [
    ['a header shorter than itself', header(8, 1, 8, 1)],
    ['a 2 GiB length', header(0x8000_0000, 1, 8, 1)],
    ['a payload that is not a plist', frame(Buffer.from('{"MessageType":"ListDevices"}'))],
    [
      'a plist that is not a dictionary',
      frame(Buffer.from('<plist version="1.0"><array><string>x</string></array></plist>')),
    ],
    ['a truncated binary plist', frame(Buffer.from('bplist00\u00d1\u0001\u0002'))],
  ];

  it.each(hostile)('drops a client that sends %s and keeps serving the others', async (_what, bytes) => {
    const bystander = await open();
    await bystander.request({ MessageType: 'Listen' });
    await bystander.next();
    const attacker = await open();
    attacker.sendRaw(bytes);
    await attacker.closed;
    expect((await usbmuxRequest(socketPath, { MessageType: 'ListDevices' })).DeviceList).toHaveLength(1);
    expect((await bystander.request({ MessageType: 'ReadBUID' })).BUID).toBe(systemBuidFor('test'));
  });

  it('survives a client that disconnects halfway through a frame', async () => {
    const client = await open();
    client.sendRaw(encodeUsbmuxMessage(1, { MessageType: 'ListDevices' }).subarray(0, 30));
    client.close();
    expect((await usbmuxRequest(socketPath, { MessageType: 'ListDevices' })).DeviceList).toHaveLength(1);
  });
});

function header(length: number, version: number, message: number, tag: number): Buffer {
  const bytes = Buffer.alloc(16);
  bytes.writeUInt32LE(length >>> 0, 0);
  bytes.writeUInt32LE(version, 4);
  bytes.writeUInt32LE(message, 8);
  bytes.writeUInt32LE(tag, 12);
  return bytes;
}

function frame(payload: Buffer): Buffer {
  return Buffer.concat([header(16 + payload.length, 1, 8, 1), payload]);
}

function collect(socket: Socket, bytes: number): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    let got = Buffer.alloc(0);
    const onData = (chunk: Buffer): void => {
      got = Buffer.concat([got, chunk]);
      if (got.length >= bytes) {
        socket.off('data', onData);
        resolve(got);
      }
    };
    socket.on('data', onData);
    socket.once('close', () => reject(new Error('closed before the echo')));
    socket.resume();
  });
}

async function roundTrip(socket: Socket, bytes: Buffer): Promise<Buffer> {
  const reply = collect(socket, bytes.length);
  socket.write(bytes);
  return reply;
}

// Whatever a client sends, a service closes that one connection and the device (and the
// lab's process) carries on: the next connection to the same device works.
import { describe, expect, it } from 'vitest';
import { encodePlist } from '../../../../native/ios/wire/plist-codec.ts';
import { AFC_OP } from '../../../../native/lab/ios/services/afc-protocol.ts';
import { labIosService, labIosServices } from '../../../../native/lab/ios/services/index.ts';
import type { LabIosService } from '../../../../native/lab/ios/services/service-api.ts';
import { AfcClient, connect, cPath, PlistClient } from './clients.ts';
import { FakeIosDevice } from './fake-ios-device.ts';

const plistServices = labIosServices.filter((s) => s.name !== 'com.apple.afc');
const afc = labIosService('com.apple.afc')!;

function frame(payload: Buffer): Buffer {
  const header = Buffer.alloc(4);
  header.writeUInt32BE(payload.length);
  return Buffer.concat([header, payload]);
}

const plistGarbage: [string, Buffer][] = [
  ['random bytes', Buffer.from('GET / HTTP/1.1\r\nHost: x\r\n\r\n')],
  ['a frame holding no plist', frame(Buffer.from('definitely not a plist'))],
  ['a plist that is not a dictionary', frame(encodePlist(['Browse']))],
  ['a truncated binary plist', frame(encodePlist({ Command: 'Browse' }, 'binary').subarray(0, 20))],
  ['a 2 GB length', Buffer.from([0x7f, 0xff, 0xff, 0xff, 1, 2, 3])],
  ['a zero length', Buffer.from([0, 0, 0, 0])],
];

async function stillServes(service: LabIosService, device: FakeIosDevice): Promise<void> {
  if (service.name === 'com.apple.afc') {
    const client = new AfcClient(service, device);
    expect(await client.status(AFC_OP.makeDir, cPath('/still-here'))).toBe(0);
    return;
  }
  const client = new PlistClient(service, device);
  const key = {
    'com.apple.mobile.MCInstall': 'RequestType',
    'com.apple.mobile.diagnostics_relay': 'Request',
  }[service.name];
  if (service.name === 'com.apple.mobile.notification_proxy') {
    expect(await client.request({ Command: 'Shutdown' })).toEqual({ Command: 'ProxyDeath' });
    return;
  }
  const reply = await client.request({ [key ?? 'Command']: key ? 'GetProfileList' : 'Lookup' });
  expect(reply.Status).toBeDefined();
}

describe.each(plistServices.map((s) => [s.name, s] as const))('%s survives malformed input', (_, service) => {
  it.each(plistGarbage)('%s: the connection is closed, the device still serves', async (__, bytes) => {
    const device = new FakeIosDevice();
    const { socket, inbox } = connect(service, device);
    socket.write(bytes);
    await inbox.closed;
    await stillServes(service, device);
  });

  it('a client that vanishes mid-request is no harm', async () => {
    const device = new FakeIosDevice();
    const { socket } = connect(service, device);
    socket.write(Buffer.from([0, 0, 1, 0, 0x3c, 0x3f]));
    socket.destroy();
    await new Promise((resolve) => setTimeout(resolve, 10));
    await stillServes(service, device);
  });
});

describe('com.apple.afc survives malformed input', () => {
  const afcGarbage: [string, Buffer][] = [
    ['a bad magic', Buffer.concat([Buffer.from('CFA6LPAB'), Buffer.alloc(32)])],
    ['this_length below the header', AfcClient.packet(1n, AFC_OP.readDir, Buffer.alloc(0)).fill(0, 16, 24)],
    [
      'entire_length below this_length',
      (() => {
        const p = AfcClient.packet(1n, AFC_OP.readDir, cPath('/'));
        p.writeBigUInt64LE(40n, 8);
        return p;
      })(),
    ],
    [
      'a 1 TB packet',
      (() => {
        const p = AfcClient.packet(1n, AFC_OP.makeDir, cPath('/x'));
        p.writeBigUInt64LE(1n << 40n, 8);
        return p;
      })(),
    ],
    ['an HTTP request', Buffer.from('GET / HTTP/1.1\r\nHost: lab\r\nAccept: */*\r\n\r\n')],
  ];

  it.each(afcGarbage)('%s: the connection is closed, the device still serves', async (_, bytes) => {
    const device = new FakeIosDevice();
    const { socket, inbox } = connect(afc, device);
    socket.write(bytes);
    await inbox.closed;
    await stillServes(afc, device);
  });

  it('a client that vanishes mid-upload leaves what arrived and no open handle behind', async () => {
    const device = new FakeIosDevice();
    const client = new AfcClient(afc, device);
    const opened = await client.request(
      AFC_OP.fileOpen,
      Buffer.concat([Buffer.from([3, 0, 0, 0, 0, 0, 0, 0]), cPath('/up.ipa')]),
    );
    const packet = AfcClient.packet(2n, AFC_OP.fileWrite, opened.headerData, Buffer.alloc(100_000, 1));
    client.socket.write(packet.subarray(0, 30_000));
    await new Promise((resolve) => setTimeout(resolve, 10));
    client.socket.destroy();
    await new Promise((resolve) => setTimeout(resolve, 10));
    expect(device.files.get('/up.ipa')?.data.length).toBe(30_000 - 48);
    await stillServes(afc, device);
  });
});

describe('labIosServices', () => {
  it('names each service once, with SSL as a device answers StartService', () => {
    expect(labIosServices.map((s) => [s.name, s.ssl])).toEqual([
      ['com.apple.afc', false],
      ['com.apple.mobile.installation_proxy', false],
      ['com.apple.mobile.MCInstall', true],
      ['com.apple.mobile.diagnostics_relay', true],
      ['com.apple.mobile.notification_proxy', false],
    ]);
    expect(labIosService('com.apple.nope')).toBeUndefined();
  });
});

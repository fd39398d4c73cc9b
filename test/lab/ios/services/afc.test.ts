import { describe, expect, it } from 'vitest';
import { AFC_ERROR, AFC_OP } from '../../../../native/lab/ios/services/afc-protocol.ts';
import { AfcService } from '../../../../native/lab/ios/services/afc.ts';
import { AfcClient, cPath, pairs, strings, u64 } from './clients.ts';
import { FakeIosDevice } from './fake-ios-device.ts';

const afc = new AfcService();

function setup() {
  const device = new FakeIosDevice();
  return { device, client: new AfcClient(afc, device) };
}

async function open(client: AfcClient, path: string, mode: number): Promise<Buffer> {
  const reply = await client.request(AFC_OP.fileOpen, Buffer.concat([u64(mode), cPath(path)]));
  expect(reply.operation).toBe(AFC_OP.fileOpenResult);
  return reply.headerData.subarray(0, 8);
}

describe('AFC: the exchanges ideviceinstaller makes', () => {
  it('GetFileInfo PublicStaging → not found (8); MakeDir; upload in 1 MB writes; the file is on the device', async () => {
    const { device, client } = setup();
    const info = await client.request(AFC_OP.getFileInfo, cPath('PublicStaging'));
    expect(info.packetNum).toBe(1n);
    expect(AfcClient.status(info)).toBe(AFC_ERROR.objectNotFound);
    expect(await client.status(AFC_OP.makeDir, cPath('PublicStaging'))).toBe(AFC_ERROR.success);
    const ipa = Buffer.alloc(2_500_000, 0xab);
    expect(await client.upload('PublicStaging/org.depotline.field-notes', ipa)).toEqual([0, 0, 0, 0]);
    expect(device.files.get('/PublicStaging/org.depotline.field-notes')?.data.equals(ipa)).toBe(true);
    expect(device.delays.filter((d) => d.kind === 'transfer').map((d) => d.bytes)).toEqual([
      1048576, 1048576, 402848,
    ]);
    expect(device.requests).toEqual([
      'com.apple.afc: getFileInfo /PublicStaging',
      'com.apple.afc: makeDir /PublicStaging',
      'com.apple.afc: fileOpen /PublicStaging/org.depotline.field-notes',
      'com.apple.afc: fileClose /PublicStaging/org.depotline.field-notes',
    ]);
  });

  it('answers every request with its packet number, STATUS codes in the header data, DATA in the payload', async () => {
    const { client } = setup();
    const reply = await client.request(AFC_OP.getDeviceInfo, Buffer.alloc(0));
    expect(reply).toMatchObject({ packetNum: 1n, operation: AFC_OP.data, headerData: Buffer.alloc(0) });
    expect(pairs(reply.payload)).toEqual({
      Model: 'iPhone15,4',
      FSTotalBytes: String(64 * 1024 ** 3),
      FSFreeBytes: String(64 * 1024 ** 3),
      FSBlockSize: '4096',
    });
    const status = await client.request(AFC_OP.makeDir, cPath('/Downloads'));
    expect(status).toMatchObject({ packetNum: 2n, operation: AFC_OP.status, payload: Buffer.alloc(0) });
    expect(status.headerData).toEqual(u64(0));
  });
});

describe('AFC: files and directories', () => {
  it('MakeDir creates parents; ReadDir lists . and .. and the children; GetFileInfo stats them', async () => {
    const { device, client } = setup();
    expect(await client.status(AFC_OP.makeDir, cPath('/a/b/c'))).toBe(0);
    await client.upload('/a/file.txt', Buffer.from('hello'));
    expect(strings((await client.request(AFC_OP.readDir, cPath('/a'))).payload).sort()).toEqual(
      ['.', '..', 'b', 'file.txt'].sort(),
    );
    expect(strings((await client.request(AFC_OP.readDir, cPath('/'))).payload)).toEqual(['.', '..', 'a']);
    const file = pairs((await client.request(AFC_OP.getFileInfo, cPath('/a/file.txt'))).payload);
    expect(file).toMatchObject({ st_size: '5', st_ifmt: 'S_IFREG', st_nlink: '1', st_blocks: '8' });
    expect(BigInt(file.st_mtime!)).toBe(BigInt(device.files.get('/a/file.txt')!.modifiedMs) * 1_000_000n);
    expect(pairs((await client.request(AFC_OP.getFileInfo, cPath('/a'))).payload)).toMatchObject({
      st_ifmt: 'S_IFDIR',
      st_nlink: '3',
    });
    expect(await client.status(AFC_OP.readDir, cPath('/nope'))).toBe(AFC_ERROR.objectNotFound);
    expect(await client.status(AFC_OP.makeDir, cPath('/a/file.txt/x'))).toBe(AFC_ERROR.objectExists);
  });

  it('reads back with FileRead, seeks and tells; r+ overwrites in place; a appends', async () => {
    const { device, client } = setup();
    await client.upload('/notes.txt', Buffer.from('0123456789'));
    const handle = await open(client, '/notes.txt', 1);
    const first = await client.request(AFC_OP.fileRead, Buffer.concat([handle, u64(4)]));
    expect(first.payload.toString()).toBe('0123');
    expect(
      await client.status(AFC_OP.fileSeek, Buffer.concat([handle, u64(2), u64(BigInt.asUintN(64, -3n))])),
    ).toBe(0);
    const tell = await client.request(AFC_OP.fileTell, handle);
    expect(tell).toMatchObject({ operation: AFC_OP.fileTellResult, headerData: u64(7) });
    expect(
      (await client.request(AFC_OP.fileRead, Buffer.concat([handle, u64(100)]))).payload.toString(),
    ).toBe('789');
    expect((await client.request(AFC_OP.fileRead, Buffer.concat([handle, u64(100)]))).payload.length).toBe(0);
    expect(await client.status(AFC_OP.fileWrite, handle, Buffer.from('x'))).toBe(AFC_ERROR.permDenied);
    const rw = await open(client, '/notes.txt', 2);
    expect(await client.status(AFC_OP.fileSeek, Buffer.concat([rw, u64(0), u64(8)]))).toBe(0);
    expect(await client.status(AFC_OP.fileWrite, rw, Buffer.from('ABCD'))).toBe(0);
    const append = await open(client, '/notes.txt', 5);
    expect(await client.status(AFC_OP.fileWrite, append, Buffer.from('!'))).toBe(0);
    expect(device.files.get('/notes.txt')?.data.toString()).toBe('01234567ABCD!');
    expect(await client.status(AFC_OP.fileSetSize, Buffer.concat([rw, u64(3)]))).toBe(0);
    expect(device.files.get('/notes.txt')?.data.toString()).toBe('012');
    expect(await client.status(AFC_OP.fileClose, handle)).toBe(0);
    expect(await client.status(AFC_OP.fileClose, handle)).toBe(AFC_ERROR.invalidArg);
  });

  it('FileOpen: r of a missing file is 8, w in a missing directory is 8, a directory is 9, a bad mode is 7', async () => {
    const { client } = setup();
    const openStatus = async (mode: number, path: string) =>
      AfcClient.status(await client.request(AFC_OP.fileOpen, Buffer.concat([u64(mode), cPath(path)])));
    expect(await openStatus(1, '/missing')).toBe(AFC_ERROR.objectNotFound);
    expect(await openStatus(3, '/no/such/dir/file')).toBe(AFC_ERROR.objectNotFound);
    await client.status(AFC_OP.makeDir, cPath('/dir'));
    expect(await openStatus(3, '/dir')).toBe(AFC_ERROR.objectIsDir);
    expect(await openStatus(9, '/dir/f')).toBe(AFC_ERROR.invalidArg);
  });

  it('RemovePath refuses a non-empty directory (33); RemovePathAndContents removes the tree; RenamePath moves it', async () => {
    const { device, client } = setup();
    await client.status(AFC_OP.makeDir, cPath('/Staging/app.app'));
    await client.upload('/Staging/app.app/Info.plist', Buffer.from('plist'));
    expect(await client.status(AFC_OP.removePath, cPath('/Staging'))).toBe(AFC_ERROR.dirNotEmpty);
    expect(await client.status(AFC_OP.renamePath, Buffer.concat([cPath('/Staging'), cPath('/Moved')]))).toBe(
      0,
    );
    expect([...device.files.keys()].sort()).toEqual([
      '/Moved',
      '/Moved/app.app',
      '/Moved/app.app/Info.plist',
    ]);
    expect(await client.status(AFC_OP.renamePath, Buffer.concat([cPath('/Moved'), cPath('/Moved/x')]))).toBe(
      AFC_ERROR.invalidArg,
    );
    expect(await client.status(AFC_OP.removePathAndContents, cPath('/Moved'))).toBe(0);
    expect(device.files.size).toBe(0);
    expect(await client.status(AFC_OP.removePath, cPath('/Moved'))).toBe(AFC_ERROR.objectNotFound);
    expect(await client.status(AFC_OP.removePath, cPath('/'))).toBe(AFC_ERROR.permDenied);
  });

  it('keeps AFC in its jail: ../ never climbs above the root', async () => {
    const { device, client } = setup();
    expect(await client.status(AFC_OP.makeDir, cPath('../../../Downloads'))).toBe(0);
    await client.upload('Downloads/../../Downloads/./x.txt', Buffer.from('x'));
    expect([...device.files.keys()]).toEqual(['/Downloads', '/Downloads/x.txt']);
  });

  it('takes paths without a terminating NUL (appium-ios-device sends them so)', async () => {
    const { device, client } = setup();
    expect(await client.status(AFC_OP.makeDir, Buffer.from('/Documents'))).toBe(0);
    expect(device.files.get('/Documents')?.kind).toBe('directory');
  });
});

describe('AFC: storage and large uploads', () => {
  it('refuses a write that does not fit with NO_SPACE_LEFT (18) and stays in step for the next packet', async () => {
    const { device, client } = setup();
    device.capacityBytes = 1_000_000;
    // 600 kB fit; the next 600 kB do not (400 kB left) and are dropped; the last 300 kB fit.
    expect(await client.upload('/big.ipa', Buffer.alloc(1_500_000), 600_000)).toEqual([
      0,
      AFC_ERROR.noSpaceLeft,
      0,
      0,
    ]);
    expect(device.files.get('/big.ipa')?.data.length).toBe(900_000);
    expect(await client.status(AFC_OP.makeDir, cPath('/after'))).toBe(0);
  });

  it('takes a 48 MB file in one FileWrite packet (pymobiledevice3 writes whole files)', async () => {
    const { device, client } = setup();
    const data = Buffer.alloc(48 * 1024 * 1024);
    for (let i = 0; i < data.length; i += 4096) data.writeUInt32LE(i, i);
    expect(await client.upload('/whole.ipa', data, data.length)).toEqual([0, 0]);
    expect(device.files.get('/whole.ipa')?.data.equals(data)).toBe(true);
  });

  it('answers an unknown operation with UNKNOWN_PACKET_TYPE (6)', async () => {
    const { client } = setup();
    expect(await client.status(0x1d, cPath('/x'))).toBe(AFC_ERROR.unknownPacketType);
  });
});

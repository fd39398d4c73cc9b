// The sync service over a real TCP connection: requests split at arbitrary WRTE
// boundaries, the v1 and v2 stat/list records, push and pull, and its refusals.
import { createHash } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import { Command } from '../../native/lab/adb/protocol/packet.ts';
import { FakeAdbHost, syncRequest } from './fakes/adb-host.ts';
import { startFakeEndpoint } from './fakes/endpoint.ts';

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

async function openSync(options: Parameters<typeof startFakeEndpoint>[0] = {}) {
  const lab = await startFakeEndpoint(options);
  cleanups.push(() => lab.endpoint.stop());
  const host = await FakeAdbHost.connect(lab.port);
  cleanups.push(() => host.close());
  await host.handshake();
  const { localId, remoteId } = await host.open('sync:');
  /** Sends bytes as WRTEs of the given sizes, waiting for each OKAY as adb does. */
  const write = async (bytes: Buffer, pieceSizes: number[] = [bytes.length]) => {
    let offset = 0;
    for (let i = 0; offset < bytes.length; i++) {
      const size = pieceSizes[i % pieceSizes.length] ?? bytes.length;
      host.send(Command.WRTE, localId, remoteId, bytes.subarray(offset, offset + size));
      offset += size;
      await host.next((p) => p.command === Command.OKAY && p.arg1 === localId);
    }
  };
  /** Reads n reply bytes from the stream's WRTEs. */
  let pending = Buffer.alloc(0);
  const read = async (n: number) => {
    while (pending.length < n) {
      const packet = await host.next(
        (p) => (p.command === Command.WRTE || p.command === Command.CLSE) && p.arg1 === localId,
      );
      if (packet.command === Command.CLSE)
        throw new Error(`stream closed with ${pending.length} bytes: ${pending.toString('latin1')}`);
      pending = Buffer.concat([pending, packet.data]);
    }
    const out = pending.subarray(0, n);
    pending = pending.subarray(n);
    return out;
  };
  const readFail = async () => {
    const header = await read(8);
    expect(header.subarray(0, 4).toString()).toBe('FAIL');
    return (await read(header.readUInt32LE(4))).toString();
  };
  const closed = () => host.next((p) => p.command === Command.CLSE && p.arg1 === localId);
  return { ...lab, host, write, read, readFail, closed };
}

function sendRequest(path: string, mode: number, data: Buffer, mtime: number): Buffer {
  const parts = [syncRequest('SEND', `${path},${mode}`)];
  for (let offset = 0; offset < data.length; offset += 65536)
    parts.push(syncRequest('DATA', data.subarray(offset, offset + 65536)));
  const done = Buffer.alloc(8);
  done.write('DONE', 0, 'latin1');
  done.writeUInt32LE(mtime, 4);
  parts.push(done);
  return Buffer.concat(parts);
}

describe('sync:', () => {
  it('receives a push whose chunks straddle WRTE boundaries, byte for byte', async () => {
    const { write, read, device } = await openSync();
    const data = Buffer.from(Array.from({ length: 300_000 }, (_, i) => (i * 7) % 251));
    // Odd piece sizes put the 8-byte DATA headers across packet boundaries.
    await write(
      sendRequest('/sdcard/Download/f.bin', 0o100644, data, 1_700_000_123),
      [3, 65_541, 7, 100_003],
    );
    const reply = await read(8);
    expect(reply.toString('latin1', 0, 4)).toBe('OKAY');
    const file = device.fs.files.get('/sdcard/Download/f.bin');
    expect(file && createHash('sha256').update(file.data).digest('hex')).toBe(
      createHash('sha256').update(data).digest('hex'),
    );
    expect(file?.mode).toBe(0o100644);
    expect(file?.mtimeSeconds).toBe(1_700_000_123);
  });

  it('answers STAT (v1) and STA2 (72 bytes, errno on failure)', async () => {
    const { write, read, device } = await openSync();
    device.fs.write('/sdcard/a.txt', Buffer.from('hello'), 0o100600, 1234);
    await write(syncRequest('STAT', '/sdcard/a.txt'));
    const v1 = await read(16);
    expect([
      v1.toString('latin1', 0, 4),
      v1.readUInt32LE(4),
      v1.readUInt32LE(8),
      v1.readUInt32LE(12),
    ]).toEqual(['STAT', 0o100600, 5, 1234]);
    await write(syncRequest('STAT', '/sdcard/missing'));
    expect((await read(16)).subarray(4).equals(Buffer.alloc(12))).toBe(true);
    // A trailing slash, as `adb push f /sdcard/` sends, names the directory.
    await write(syncRequest('STA2', '/sdcard/'));
    const dir = await read(72);
    expect([dir.toString('latin1', 0, 4), dir.readUInt32LE(4), dir.readUInt32LE(24) & 0o170000]).toEqual([
      'STA2',
      0,
      0o040000,
    ]);
    await write(syncRequest('STA2', '/sdcard/a.txt'));
    const file = await read(72);
    expect([
      file.readUInt32LE(24),
      Number(file.readBigUInt64LE(40)),
      Number(file.readBigInt64LE(56)),
    ]).toEqual([0o100600, 5, 1234]);
    await write(syncRequest('LST2', '/nope'));
    const missing = await read(72);
    expect([missing.toString('latin1', 0, 4), missing.readUInt32LE(4)]).toEqual(['LST2', 2]);
  });

  it('lists a directory with LIST and LIS2, each ending in an all-zero DONE record', async () => {
    const { write, read, device } = await openSync();
    device.fs.write('/sdcard/x.txt', Buffer.from('12345'), 0o100644, 99);
    await write(syncRequest('LIST', '/sdcard'));
    const dent = await read(20);
    expect([
      dent.toString('latin1', 0, 4),
      dent.readUInt32LE(4),
      dent.readUInt32LE(8),
      dent.readUInt32LE(12),
      dent.readUInt32LE(16),
    ]).toEqual(['DENT', 0o100644, 5, 99, 5]);
    expect((await read(5)).toString()).toBe('x.txt');
    const done = await read(20);
    expect([done.toString('latin1', 0, 4), done.subarray(4).equals(Buffer.alloc(16))]).toEqual([
      'DONE',
      true,
    ]);
    await write(syncRequest('LIS2', '/sdcard'));
    const dnt2 = await read(76);
    expect([
      dnt2.toString('latin1', 0, 4),
      dnt2.readUInt32LE(24),
      Number(dnt2.readBigUInt64LE(40)),
      dnt2.readUInt32LE(72),
    ]).toEqual(['DNT2', 0o100644, 5, 5]);
    expect((await read(5)).toString()).toBe('x.txt');
    const done2 = await read(76);
    expect([done2.toString('latin1', 0, 4), done2.subarray(4).equals(Buffer.alloc(72))]).toEqual([
      'DONE',
      true,
    ]);
  });

  it('sends a pulled file as DATA chunks of at most 64 KiB, then DONE', async () => {
    const { write, read, device } = await openSync();
    const data = Buffer.alloc(200_000, 0x5a);
    device.fs.write('/sdcard/big', data, 0o100644, 1);
    await write(syncRequest('RECV', '/sdcard/big'));
    const chunks: Buffer[] = [];
    for (;;) {
      const header = await read(8);
      const id = header.toString('latin1', 0, 4);
      if (id === 'DONE') break;
      expect(id).toBe('DATA');
      expect(header.readUInt32LE(4)).toBeLessThanOrEqual(65536);
      chunks.push(await read(header.readUInt32LE(4)));
    }
    expect(Buffer.concat(chunks).equals(data)).toBe(true);
  });

  it('fails a pull of a missing file with the reason and ends the stream', async () => {
    const { write, readFail, closed } = await openSync();
    await write(syncRequest('RECV', '/sdcard/none'));
    expect(await readFail()).toBe('open failed: No such file or directory');
    await closed();
  });

  it('reports a full disk after the upload, as adb prints it', async () => {
    const { write, readFail, device, closed } = await openSync();
    device.fs.freeBytes = 10;
    await write(sendRequest('/sdcard/f', 0o100644, Buffer.alloc(1000), 1));
    expect(await readFail()).toBe('write failed: No space left on device');
    await closed();
    expect(device.fs.files.has('/sdcard/f')).toBe(false);
  });

  it('refuses a v2 request the device does not advertise', async () => {
    const { write, readFail, closed } = await openSync({ features: ['shell_v2'] });
    await write(syncRequest('STA2', '/sdcard'));
    expect(await readFail()).toBe('unknown sync command "STA2"');
    await closed();
  });

  it('ends the stream on QUIT', async () => {
    const { write, closed } = await openSync();
    await write(syncRequest('QUIT', ''));
    await closed();
  });
});

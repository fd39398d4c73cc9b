// FileRefWrites with several packets in flight (afc-write-pipeline.ts), through AfcClient over
// in-memory streams: answers in order, a refusal part way, a connection lost part way, a
// reply to the wrong packet, and a local file that fails. After a refusal the connection
// must still be in step (the RemovePath that cleans up works); after a misnumbered reply it
// must be failed for good.
import { randomBytes } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { duplexPair } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { DeviceGoneError, DeviceUnreadableError } from '../../../../../native/device-errors.ts';
import { AfcClient, AfcError } from '../../../../../native/ios/services/afc/afc-client.ts';
import {
  AFC_OPERATION,
  decodeAfcPacket,
  encodeAfcPacket,
  u64,
} from '../../../../../native/ios/services/afc/afc-packet.ts';
import { writePipelined } from '../../../../../native/ios/services/afc/afc-write-pipeline.ts';
import { useTempDirs } from '../../../../helpers/temp-dir.ts';
import { FakeAfc } from './fake-afc.ts';

const tempDir = useTempDirs();
const CHUNK = 64 * 1024;

function afcPair(fake = new FakeAfc()) {
  const [client, device] = duplexPair();
  fake.serve(device);
  fake.directories.add('/PublicStaging');
  return { afc: new AfcClient(client, 'UDID-1'), fake };
}

function file(bytes: number): { path: string; content: Buffer } {
  const content = randomBytes(bytes);
  const path = join(tempDir(), 'App.ipa');
  writeFileSync(path, content);
  return { path, content };
}

/** A success STATUS answering `packetNumber`. */
function statusReply(packetNumber: number): Buffer {
  return encodeAfcPacket(AFC_OPERATION.status, packetNumber, u64(0));
}

describe('AFC writes in flight', () => {
  it('keeps several writes unanswered, and the device gets every byte in order', async () => {
    const fake = new FakeAfc();
    fake.writeReplyDelayMs = 5; // the device takes a while per packet: the client must not wait
    const { afc } = afcPair(fake);
    const source = file(10 * CHUNK + 123);
    const progress: number[] = [];
    await afc.upload(source.path, '/PublicStaging/app.ipa', {
      chunkBytes: CHUNK,
      inFlight: 3,
      onProgress: (written) => progress.push(written),
    });
    // Four buffers' worth of reuse: a buffer refilled too early would show up as wrong bytes.
    expect(fake.files.get('/PublicStaging/app.ipa')!.equals(source.content)).toBe(true);
    expect(fake.mostWritesUnanswered).toBe(3);
    expect(fake.writePacketNumbers).toHaveLength(11);
    // Consecutive numbers: each answer is matched to the packet it is for.
    expect(
      fake.writePacketNumbers.every((n, i) => i === 0 || n === fake.writePacketNumbers[i - 1]! + 1),
    ).toBe(true);
    expect(progress).toEqual([...Array.from({ length: 10 }, (_, i) => (i + 1) * CHUNK), 10 * CHUNK + 123]);
    afc.close();
  });

  it('inFlight 1 waits for every status, as ideviceinstaller does', async () => {
    const fake = new FakeAfc();
    fake.writeReplyDelayMs = 2;
    const { afc } = afcPair(fake);
    const source = file(4 * CHUNK);
    await afc.upload(source.path, '/PublicStaging/app.ipa', { chunkBytes: CHUNK, inFlight: 1 });
    expect(fake.mostWritesUnanswered).toBe(1);
    expect(fake.files.get('/PublicStaging/app.ipa')!.equals(source.content)).toBe(true);
  });

  it('a refusal part way stops the upload with that status; the connection stays in step', async () => {
    const fake = new FakeAfc();
    fake.writeReplyDelayMs = 2;
    fake.writeStatus = (index) => (index === 2 ? 18 : 0);
    const { afc } = afcPair(fake);
    const progress: number[] = [];
    const upload = afc.upload(file(20 * CHUNK).path, '/PublicStaging/app.ipa', {
      chunkBytes: CHUNK,
      inFlight: 4,
      onProgress: (written) => progress.push(written),
    });
    await expect(upload).rejects.toBeInstanceOf(AfcError);
    await expect(upload).rejects.toThrow(
      'AFC FileRefWrite /PublicStaging/app.ipa: no space left on the device',
    );
    expect(((await upload.catch((error: unknown) => error)) as AfcError).status).toBe(18);
    // Only the two writes before the refusal count; nothing was sent past the window.
    expect(progress).toEqual([CHUNK, 2 * CHUNK]);
    expect(fake.writePacketNumbers.length).toBeLessThanOrEqual(3 + 4);
    // The packets still in flight were answered and read: the next request gets its own answer.
    await afc.remove('/PublicStaging/app.ipa');
    expect(fake.files.has('/PublicStaging/app.ipa')).toBe(false);
    afc.close();
  });

  it('a device that hangs up right after refusing: the refusal is the reason', async () => {
    const fake = new FakeAfc();
    fake.writeStatus = (index) => (index === 1 ? 10 : 0);
    fake.hangUpAfterRefusal = true;
    const { afc } = afcPair(fake);
    const upload = afc.upload(file(12 * CHUNK).path, '/PublicStaging/app.ipa', { chunkBytes: CHUNK });
    await expect(upload).rejects.toThrow('AFC FileRefWrite /PublicStaging/app.ipa: permission denied');
  });

  it('a connection lost part way says how many bytes the device confirmed', async () => {
    const fake = new FakeAfc();
    fake.dropAfterBytes = 3 * CHUNK; // the third write never gets an answer
    const { afc } = afcPair(fake);
    const upload = afc.upload(file(12 * CHUNK).path, '/PublicStaging/app.ipa', {
      chunkBytes: CHUNK,
      inFlight: 4,
    });
    await expect(upload).rejects.toBeInstanceOf(DeviceGoneError);
    await expect(upload).rejects.toThrow(
      `UDID-1 is not connected: the upload to /PublicStaging/app.ipa stopped after ${2 * CHUNK} of ${12 * CHUNK} bytes (com.apple.afc closed the connection)`,
    );
  });

  it('an answer to another packet is the stream out of step: unreadable, and the connection is failed', async () => {
    const fake = new FakeAfc();
    fake.misnumberWrite = 1;
    const { afc } = afcPair(fake);
    const upload = afc.upload(file(6 * CHUNK).path, '/PublicStaging/app.ipa', { chunkBytes: CHUNK });
    await expect(upload).rejects.toBeInstanceOf(DeviceUnreadableError);
    await expect(upload).rejects.toThrow(
      /AFC answered FileRefWrite \(packet \d+\) with the reply to packet \d+/,
    );
    await expect(afc.makeDirectory('/PublicStaging')).rejects.toBeInstanceOf(DeviceUnreadableError);
  });

  it('never refills a buffer the socket may still be sending: only once its packet was answered', async () => {
    // A transport that keeps what it was given by reference until the device has read it and
    // answered, as a socket's write queue does: a buffer reused too early changes bytes not yet sent.
    const source = randomBytes(9 * 10 + 4);
    const queued: { payload: Buffer; reply: Buffer }[] = [];
    const delivered: Buffer[] = [];
    const io = {
      send: (parts: readonly Buffer[]) => {
        queued.push({ payload: parts[2]!, reply: statusReply(decodeAfcPacket(parts[0]!).packetNumber) });
        return Promise.resolve();
      },
      receive: () =>
        new Promise<Buffer>((resolve) =>
          setImmediate(() => {
            const { payload, reply } = queued.shift()!;
            delivered.push(Buffer.from(payload)); // what the device read, as it was at that moment
            resolve(reply);
          }),
        ),
      fail: () => undefined,
      nextPacketNumber: (() => {
        let next = 0;
        return () => next++;
      })(),
    };
    await writePipelined(io, {
      handle: 1n,
      path: '/PublicStaging/app.ipa',
      chunkBytes: 10,
      inFlight: 3,
      read: (into, position) => Promise.resolve(source.copy(into, 0, position, position + into.length)),
      onAcknowledged: () => undefined,
    });
    expect(Buffer.concat(delivered).equals(source)).toBe(true);
  });

  it('a local file that fails part way: its error, after the writes in flight were answered', async () => {
    const sent: number[] = [];
    const replies: Buffer[] = [];
    let failNow = false;
    const io = {
      send: (parts: readonly Buffer[]) => {
        const { packetNumber } = decodeAfcPacket(parts[0]!);
        sent.push(packetNumber);
        replies.push(statusReply(packetNumber));
        return Promise.resolve();
      },
      receive: () => Promise.resolve(replies.shift()!),
      fail: () => {
        throw new Error('not expected: the stream is in step');
      },
      nextPacketNumber: (() => {
        let next = 40;
        return () => next++;
      })(),
    };
    const acknowledged: number[] = [];
    const failure = await writePipelined(io, {
      handle: 1n,
      path: '/PublicStaging/app.ipa',
      chunkBytes: 10,
      inFlight: 3,
      read: (into) => {
        if (failNow) return Promise.reject(new Error('EIO: i/o error, read'));
        if (sent.length === 4) failNow = true;
        return Promise.resolve(into.length);
      },
      onAcknowledged: (bytes) => acknowledged.push(bytes),
    }).catch((error: Error) => error);
    expect(failure).toBeInstanceOf(Error);
    expect((failure as Error).message).toBe('EIO: i/o error, read');
    expect(sent).toEqual([40, 41, 42, 43, 44]);
    // Every packet sent was answered and read before the error was thrown.
    expect(replies).toHaveLength(0);
    expect(acknowledged).toEqual([10, 20, 30, 40, 50]);
  });
});

import { describe, expect, it } from 'vitest';
import { ByteQueue } from '../../native/lab/adb/protocol/byte-queue.ts';
import {
  Command,
  HEADER_SIZE,
  MAX_PAYLOAD,
  checksum,
  decodeHeader,
  encodeHeader,
} from '../../native/lab/adb/protocol/packet.ts';
import { PacketReader, ProtocolError } from '../../native/lab/adb/protocol/packet-reader.ts';

function packet(command: number, arg0: number, arg1: number, data: Buffer | string = ''): Buffer {
  const payload = typeof data === 'string' ? Buffer.from(data) : data;
  return Buffer.concat([encodeHeader(command, arg0, arg1, payload, true), payload]);
}

describe('packet header', () => {
  it('encodes the six little-endian fields with magic = command ^ 0xffffffff', () => {
    const header = encodeHeader(Command.WRTE, 7, 9, Buffer.from('abc'), true);
    expect(header.length).toBe(HEADER_SIZE);
    expect(header.subarray(0, 4).toString('latin1')).toBe('WRTE');
    expect(decodeHeader(header)).toEqual({
      command: Command.WRTE,
      arg0: 7,
      arg1: 9,
      dataLength: 3,
      dataChecksum: 0x61 + 0x62 + 0x63,
      magic: (Command.WRTE ^ 0xffffffff) >>> 0,
    });
  });

  it('leaves the checksum 0 when the peer skips checksums', () => {
    expect(decodeHeader(encodeHeader(Command.WRTE, 1, 2, Buffer.from('abc'), false)).dataChecksum).toBe(0);
    expect(checksum(Buffer.from([255, 255]))).toBe(510);
  });
});

describe('PacketReader', () => {
  it('assembles packets fed one byte at a time', () => {
    const bytes = Buffer.concat([packet(Command.OPEN, 1, 0, 'shell:ls\0'), packet(Command.OKAY, 5, 1)]);
    const reader = new PacketReader();
    const out = [];
    for (const byte of bytes) out.push(...reader.feed(Buffer.from([byte])));
    expect(out.map((p) => [p.command, p.arg0, p.arg1, p.data.toString()])).toEqual([
      [Command.OPEN, 1, 0, 'shell:ls\0'],
      [Command.OKAY, 5, 1, ''],
    ]);
    expect(reader.pendingBytes).toBe(0);
  });

  it('returns every packet in a chunk and keeps a truncated tail pending', () => {
    const whole = Buffer.concat([
      packet(Command.WRTE, 1, 2, 'one'),
      packet(Command.WRTE, 1, 2, 'two'),
      packet(Command.WRTE, 1, 2, 'three'),
    ]);
    const reader = new PacketReader();
    const first = reader.feed(whole.subarray(0, whole.length - 2));
    expect(first.map((p) => p.data.toString())).toEqual(['one', 'two']);
    expect(reader.pendingBytes).toBe(HEADER_SIZE + 3);
    expect(reader.feed(whole.subarray(whole.length - 2)).map((p) => p.data.toString())).toEqual(['three']);
  });

  it('rejects a bad magic', () => {
    const bad = packet(Command.WRTE, 1, 2, 'x');
    bad.writeUInt32LE(0x12345678, 20);
    expect(() => new PacketReader().feed(bad)).toThrow(ProtocolError);
  });

  it('rejects an unknown command even with a matching magic', () => {
    const bad = packet(0x41414141, 0, 0);
    expect(() => new PacketReader().feed(bad)).toThrow(/unknown command/);
  });

  it('rejects a payload longer than the maximum before waiting for it', () => {
    const header = encodeHeader(Command.WRTE, 1, 2, Buffer.alloc(0), false);
    header.writeUInt32LE(MAX_PAYLOAD + 1, 12);
    expect(() => new PacketReader().feed(header)).toThrow(/exceeds/);
  });
});

describe('ByteQueue', () => {
  it('takes across chunk boundaries and peeks without consuming', () => {
    const queue = new ByteQueue();
    queue.push(Buffer.from([1, 2]));
    queue.push(Buffer.from([3]));
    queue.push(Buffer.from([4, 5, 6]));
    expect(queue.peekUInt32LE(1)).toBe(Buffer.from([2, 3, 4, 5]).readUInt32LE(0));
    expect([...queue.take(4)]).toEqual([1, 2, 3, 4]);
    expect(queue.length).toBe(2);
    expect([...queue.take(2)]).toEqual([5, 6]);
    expect(() => queue.take(1)).toThrow(RangeError);
  });
});

describe('receive path without copies', () => {
  it('hands a payload on as views of the chunks it arrived in', () => {
    const payload = Buffer.alloc(1024 * 1024, 9);
    const bytes = Buffer.concat([encodeHeader(Command.WRTE, 1, 2, payload, false), payload]);
    const reader = new PacketReader();
    const chunks: Buffer[] = [];
    for (let offset = 0; offset < bytes.length; offset += 65536)
      chunks.push(Buffer.from(bytes.subarray(offset, offset + 65536)));
    const packets = chunks.flatMap((chunk) => reader.feed(chunk));
    expect(packets.length).toBe(1);
    const parts = packets[0]?.parts ?? [];
    expect(parts.reduce((sum, part) => sum + part.length, 0)).toBe(payload.length);
    // Every part shares memory with a received chunk: nothing was copied.
    expect(parts.every((part) => chunks.some((chunk) => chunk.buffer === part.buffer))).toBe(true);
    expect(packets[0]?.data.equals(payload)).toBe(true);
  });
});

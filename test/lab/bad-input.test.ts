// Hostile or broken peers: whatever arrives on one device's socket, the lab closes that
// stream or that connection cleanly, and every other device keeps serving.
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Command, encodeHeader, MAX_PAYLOAD } from '../../native/lab/adb/protocol/packet.ts';
import { FakeAdbHost, syncRequest } from './fakes/adb-host.ts';
import { startFakeEndpoint } from './fakes/endpoint.ts';

let target: Awaited<ReturnType<typeof startFakeEndpoint>>;
let bystander: Awaited<ReturnType<typeof startFakeEndpoint>>;
let bystanderHost: FakeAdbHost;

beforeAll(async () => {
  target = await startFakeEndpoint({ serial: 'TARGET' });
  bystander = await startFakeEndpoint({ serial: 'BYSTANDER' });
  bystanderHost = await FakeAdbHost.connect(bystander.port);
  await bystanderHost.handshake();
});

afterAll(async () => {
  bystanderHost.close();
  await target.endpoint.stop();
  await bystander.endpoint.stop();
});

/** The other device (over a connection opened before the attack) still runs commands, and so does a new one to the target. */
async function expectLabStillServes(): Promise<void> {
  const { localId } = await bystanderHost.open('shell:echo alive');
  expect((await bystanderHost.readUntilClose(localId)).toString()).toBe('alive\n');
  const fresh = await FakeAdbHost.connect(target.port);
  try {
    await fresh.handshake();
    const opened = await fresh.open('shell:echo target alive');
    expect((await fresh.readUntilClose(opened.localId)).toString()).toBe('target alive\n');
  } finally {
    fresh.close();
  }
}

async function connected(): Promise<FakeAdbHost> {
  const host = await FakeAdbHost.connect(target.port);
  await host.handshake();
  return host;
}

describe('malformed packets close that connection only', () => {
  it.each([
    [
      'a bad magic',
      () => {
        const header = encodeHeader(Command.OPEN, 1, 0, Buffer.alloc(0), false);
        header.writeUInt32LE(0xdeadbeef, 20);
        return header;
      },
    ],
    [
      'an oversized length',
      () => {
        const header = encodeHeader(Command.WRTE, 1, 1, Buffer.alloc(0), false);
        header.writeUInt32LE(MAX_PAYLOAD + 1, 12);
        return header;
      },
    ],
    [
      'a 2 GB length',
      () => {
        const header = encodeHeader(Command.WRTE, 1, 1, Buffer.alloc(0), false);
        header.writeUInt32LE(0x80000000, 12);
        return header;
      },
    ],
    ['an unknown command', () => encodeHeader(0x504f4f46, 0, 0, Buffer.alloc(0), false)],
    ['HTTP instead of ADB', () => Buffer.from('GET / HTTP/1.1\r\nHost: x\r\n\r\n')],
  ])('%s', async (_name, bytes) => {
    const host = await connected();
    host.socket.write(bytes());
    await host.waitClosed();
    await expectLabStillServes();
    expect(target.endpoint.status).toBe('online');
  });

  it('a packet truncated by the peer closing', async () => {
    const host = await connected();
    const payload = Buffer.from('shell:echo hi\0');
    host.socket.end(
      Buffer.concat([encodeHeader(Command.OPEN, 1, 0, payload, false), payload.subarray(0, 5)]),
    );
    await host.waitClosed();
    await expectLabStillServes();
  });

  it('random garbage, many times', async () => {
    for (let i = 0; i < 30; i++) {
      const host = await FakeAdbHost.connect(target.port);
      host.socket.write(randomBytes(24 + (i % 7) * 100));
      host.socket.end();
      await host.waitClosed();
    }
    await expectLabStillServes();
  });
});

describe('bad requests inside a valid connection close that stream only', () => {
  async function syncStream() {
    const host = await connected();
    const { localId, remoteId } = await host.open('sync:');
    const send = (bytes: Buffer) => host.send(Command.WRTE, localId, remoteId, bytes);
    const failText = async () => {
      const reply = await host.next((p) => p.command === Command.WRTE && p.arg1 === localId);
      expect(reply.data.toString('latin1', 0, 4)).toBe('FAIL');
      const text = reply.data.subarray(8, 8 + reply.data.readUInt32LE(4)).toString();
      await host.next((p) => p.command === Command.CLSE && p.arg1 === localId);
      return text;
    };
    return { host, send, failText };
  }

  it('a sync path with .. is refused', async () => {
    const { host, send, failText } = await syncStream();
    send(syncRequest('RECV', '/sdcard/../../etc/passwd'));
    expect(await failText()).toBe('path traversal refused: /sdcard/../../etc/passwd');
    // The connection survives: another stream on it works.
    const { localId } = await host.open('shell:echo same connection');
    expect((await host.readUntilClose(localId)).toString()).toBe('same connection\n');
    host.close();
  });

  it('a SEND to a path with .. is refused and nothing is written', async () => {
    const { host, send, failText } = await syncStream();
    const done = Buffer.from('DONE\0\0\0\0');
    send(
      Buffer.concat([
        syncRequest('SEND', '/data/local/tmp/../../../x,33188'),
        syncRequest('DATA', 'evil'),
        done,
      ]),
    );
    expect(await failText()).toMatch(/^path traversal refused/);
    expect([...target.device.fs.files.keys()].filter((path) => path.endsWith('/x'))).toEqual([]);
    host.close();
  });

  it('a sync request with a 2 GB path length', async () => {
    const { host, send, failText } = await syncStream();
    const header = Buffer.from('STAT\0\0\0\x80', 'latin1');
    send(header);
    expect(await failText()).toBe('path too long');
    host.close();
  });

  it('a DATA chunk claiming 2 GB', async () => {
    const { host, send, failText } = await syncStream();
    send(Buffer.concat([syncRequest('SEND', '/sdcard/big,33188'), Buffer.from('DATA\0\0\0\x80', 'latin1')]));
    expect(await failText()).toBe('data chunk of 2147483648 bytes exceeds 65536');
    host.close();
    await expectLabStillServes();
  });

  it('an unknown sync id', async () => {
    const { host, send, failText } = await syncStream();
    send(Buffer.from('HACK\x04\0\0\0abcd', 'latin1'));
    expect(await failText()).toBe('unknown sync command "HACK"');
    host.close();
  });

  it('a shell_v2 frame claiming 2 GB of stdin', async () => {
    const host = await connected();
    const { localId, remoteId } = await host.open('shell,v2,raw:cat');
    host.send(Command.WRTE, localId, remoteId, Buffer.from([0, 0, 0, 0, 0x80]));
    await host.next((p) => p.command === Command.CLSE && p.arg1 === localId);
    host.close();
    await expectLabStillServes();
  });

  it('a WRTE to a stream that does not exist gets CLSE', async () => {
    const host = await connected();
    host.send(Command.WRTE, 77, 12345, 'data');
    const close = await host.next((p) => p.command === Command.CLSE);
    expect([close.arg0, close.arg1]).toEqual([0, 77]);
    host.close();
  });
});

describe('a faulty device model costs one stream, not the lab', () => {
  it('a command that throws ends its stream with the error on stderr', async () => {
    const lab = await startFakeEndpoint({ serial: 'BROKEN' });
    lab.device.runShell = () => Promise.reject(new TypeError('model bug'));
    const host = await FakeAdbHost.connect(lab.port);
    try {
      await host.handshake();
      const { localId } = await host.open('shell:anything');
      expect((await host.readUntilClose(localId)).toString()).toBe('lab: model bug\n');
    } finally {
      host.close();
      await lab.endpoint.stop();
    }
  });

  it('a listing that throws closes the sync stream; the connection goes on', async () => {
    const lab = await startFakeEndpoint({ serial: 'BROKEN' });
    lab.device.fs.list = () => {
      throw new TypeError('model bug');
    };
    const host = await FakeAdbHost.connect(lab.port);
    try {
      await host.handshake();
      const { localId, remoteId } = await host.open('sync:');
      host.send(Command.WRTE, localId, remoteId, syncRequest('LIST', '/sdcard'));
      await host.next((p) => p.command === Command.CLSE && p.arg1 === localId);
      const again = await host.open('shell:echo still here');
      expect((await host.readUntilClose(again.localId)).toString()).toBe('still here\n');
    } finally {
      host.close();
      await lab.endpoint.stop();
    }
  });

  it('a reboot that throws closes the reboot stream', async () => {
    const lab = await startFakeEndpoint({ serial: 'BROKEN' });
    lab.device.reboot = () => {
      throw new Error('cannot reboot');
    };
    const host = await FakeAdbHost.connect(lab.port);
    try {
      await host.handshake();
      const { localId } = await host.open('reboot:');
      await host.next((p) => p.command === Command.CLSE && p.arg1 === localId);
    } finally {
      host.close();
      await lab.endpoint.stop();
    }
    await expectLabStillServes();
  });
});

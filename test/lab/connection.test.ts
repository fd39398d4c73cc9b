// The ADB transport seen from the host side of the wire: handshake and auth, service
// routing, shell_v2 framing, flow control and maxdata splitting.
import { afterEach, describe, expect, it } from 'vitest';
import { parseBanner } from '../../native/lab/adb/protocol/banner.ts';
import { AuthType, Command, MAX_PAYLOAD } from '../../native/lab/adb/protocol/packet.ts';
import { FakeAdbHost } from './fakes/adb-host.ts';
import { startFakeEndpoint } from './fakes/endpoint.ts';

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

async function setup(options: Parameters<typeof startFakeEndpoint>[0] = {}) {
  const lab = await startFakeEndpoint(options);
  cleanups.push(() => lab.endpoint.stop());
  const host = await FakeAdbHost.connect(lab.port);
  cleanups.push(() => host.close());
  return { ...lab, host };
}

/** Decodes shell_v2 packets: [id, data][]. */
function shellPackets(bytes: Buffer): [number, string][] {
  const out: [number, string][] = [];
  for (let offset = 0; offset < bytes.length;) {
    const id = bytes.readUInt8(offset);
    const length = bytes.readUInt32LE(offset + 1);
    out.push([
      id,
      id === 3 ? String(bytes[offset + 5]) : bytes.subarray(offset + 5, offset + 5 + length).toString(),
    ]);
    offset += 5 + length;
  }
  return out;
}

describe('handshake', () => {
  it('answers CNXN with the device banner and exactly the configured features', async () => {
    const { host } = await setup({ features: ['shell_v2', 'cmd'] });
    const answer = await host.handshake();
    expect(answer.command).toBe(Command.CNXN);
    expect(answer.arg1).toBe(MAX_PAYLOAD);
    expect(parseBanner(answer.data)).toEqual({
      systemType: 'device',
      properties: {
        'ro.product.name': 'fake_product',
        'ro.product.model': 'Fake_Phone',
        'ro.product.device': 'fake',
      },
      features: ['shell_v2', 'cmd'],
    });
  });

  it('keeps an unauthorized host at AUTH until the prompt is accepted, then sends CNXN', async () => {
    const { host, device } = await setup({ authorized: false });
    const token = await host.handshake();
    expect([token.command, token.arg0, token.data.length]).toEqual([Command.AUTH, AuthType.TOKEN, 20]);
    host.send(Command.AUTH, AuthType.SIGNATURE, 0, Buffer.alloc(256, 1));
    const retry = await host.next();
    expect([retry.command, retry.arg0]).toEqual([Command.AUTH, AuthType.TOKEN]);
    expect(retry.data.equals(token.data)).toBe(false);
    host.send(Command.AUTH, AuthType.RSAPUBLICKEY, 0, 'QAAAA... user@host\0');
    // Stream traffic is ignored until the user decides.
    host.send(Command.OPEN, 1, 0, 'shell:echo too early\0');
    device.control.acceptRsaPrompt();
    const connect = await host.next();
    expect(connect.command).toBe(Command.CNXN);
    expect(host.received.filter((p) => p.command === Command.OKAY || p.command === Command.CLSE)).toEqual([]);
    const { localId } = await host.open('shell:echo now');
    expect((await host.readUntilClose(localId)).toString()).toBe('now\n');
  });
});

describe('services', () => {
  it('refuses an unknown service with CLSE(0, local id)', async () => {
    const { host } = await setup();
    await host.handshake();
    for (const service of ['tcp:8080', 'framebuffer:', 'reboot:fastboot', 'sync:extra', 'jdwp:123']) {
      const { answer, localId } = await host.open(service);
      expect([answer.command, answer.arg0, answer.arg1]).toEqual([Command.CLSE, 0, localId]);
    }
  });

  it('refuses services of features it does not advertise', async () => {
    const { host } = await setup({ features: ['cmd'] });
    await host.handshake();
    expect((await host.open('abb_exec:package\0list\0packages')).answer.command).toBe(Command.CLSE);
    expect((await host.open('shell,v2,raw:echo hi')).answer.command).toBe(Command.CLSE);
    expect((await host.open('shell:echo hi')).answer.command).toBe(Command.OKAY);
  });

  it('shell_v2 keeps stdout and stderr apart and reports the exit code', async () => {
    const { host } = await setup();
    await host.handshake();
    const { localId } = await host.open('shell,v2,TERM=xterm,raw:fail 3');
    expect(shellPackets(await host.readUntilClose(localId))).toEqual([
      [1, 'to stdout\n'],
      [2, 'to stderr\n'],
      [3, '3'],
    ]);
  });

  it('shell v1 merges stderr into the stream and has no exit code', async () => {
    const { host } = await setup();
    await host.handshake();
    const { localId } = await host.open('shell:fail 3');
    expect((await host.readUntilClose(localId)).toString()).toBe('to stdout\nto stderr\n');
  });

  it('shell_v2 feeds stdin packets to the command until close-stdin', async () => {
    const { host, device } = await setup();
    await host.handshake();
    const { localId, remoteId } = await host.open('shell,v2,raw:cat');
    const frame = (id: number, text: string) =>
      Buffer.concat([
        Buffer.from([id]),
        Buffer.from(new Uint32Array([text.length]).buffer),
        Buffer.from(text),
      ]);
    // Two stdin packets and the close in one WRTE, split mid-header across a second.
    const bytes = Buffer.concat([frame(0, 'hello '), frame(0, 'world'), frame(4, '')]);
    host.send(Command.WRTE, localId, remoteId, bytes.subarray(0, 13));
    host.send(Command.WRTE, localId, remoteId, bytes.subarray(13));
    expect(shellPackets(await host.readUntilClose(localId))).toEqual([
      [1, 'hello '],
      [1, 'world'],
      [3, '0'],
    ]);
    expect(device.commands).toEqual(['cat']);
  });

  it('routes abb_exec and exec:cmd installs to the device with the APK as stdin', async () => {
    const { host, device } = await setup();
    await host.handshake();
    const apk = Buffer.alloc(300_000, 7);
    for (const service of [
      `abb_exec:package\0install\0-r\0-S\0${apk.length}`,
      `exec:cmd package 'install' -S ${apk.length}`,
    ]) {
      const { localId, remoteId } = await host.open(service);
      for (let offset = 0; offset < apk.length; offset += 65536) {
        host.send(Command.WRTE, localId, remoteId, apk.subarray(offset, offset + 65536));
        await host.next((p) => p.command === Command.OKAY && p.arg1 === localId);
      }
      expect((await host.readUntilClose(localId)).toString()).toBe('Success\n');
    }
    expect(device.commands).toEqual([
      `cmd package install -r -S ${apk.length}`,
      `cmd package 'install' -S ${apk.length}`,
    ]);
    expect(device.installs).toEqual([
      { bytes: apk.length, replace: true, via: 'package install' },
      { bytes: apk.length, replace: false, via: 'package install' },
    ]);
  });

  it('reboot: keeps the stream open and drops the connection when the device goes down', async () => {
    const { host, device } = await setup();
    await host.handshake();
    const { answer } = await host.open('reboot:bootloader');
    expect(answer.command).toBe(Command.OKAY);
    await host.waitClosed();
    expect(device.reboots).toEqual(['bootloader']);
    expect(host.received.some((p) => p.command === Command.CLSE)).toBe(false);
  });
});

describe('flow control', () => {
  it('sends one WRTE at a time per stream, each within the negotiated maxdata', async () => {
    const { host } = await setup();
    host.autoOkay = false;
    const maxData = 4096;
    await host.handshake(maxData);
    const { localId, remoteId } = await host.open('shell:yes 20000');
    let received = 0;
    const sizes: number[] = [];
    for (;;) {
      const packet = await host.next((p) => p.arg1 === localId);
      if (packet.command === Command.CLSE) break;
      expect(packet.command).toBe(Command.WRTE);
      sizes.push(packet.data.length);
      received += packet.data.length;
      // Nothing else may arrive for this stream before our OKAY.
      await new Promise((resolve) => setTimeout(resolve, 5));
      expect(host.received.filter((p) => p.arg1 === localId && p.command === Command.WRTE).length).toBe(
        sizes.length,
      );
      host.send(Command.OKAY, localId, remoteId);
    }
    expect(received).toBe(20000);
    expect(Math.max(...sizes)).toBeLessThanOrEqual(maxData);
    expect(sizes.length).toBe(Math.ceil(20000 / maxData));
  });

  it('acknowledges every WRTE it receives with OKAY', async () => {
    const { host } = await setup();
    await host.handshake();
    const { localId, remoteId } = await host.open('sync:');
    host.send(Command.WRTE, localId, remoteId, Buffer.from('STAT\x07\0\0\0/sdcard'));
    const okay = await host.next((p) => p.command === Command.OKAY);
    expect([okay.arg0, okay.arg1]).toEqual([remoteId, localId]);
  });
});

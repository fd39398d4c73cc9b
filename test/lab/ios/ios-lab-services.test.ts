// The whole path a host takes to a lockdown service, through the lab's usbmuxd: pair, start
// a session, StartService, Connect to the port it names, and (for SSL services) TLS before
// the service sees a byte. Fake services stand in for AFC and friends.
import type { Socket } from 'node:net';
import { connect as tlsConnect, type TLSSocket } from 'node:tls';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LOCKDOWN_PORT } from '../../../native/ios/wire/usbmux-frame.ts';
import { IosLabController } from '../../../native/lab/ios/lab/ios-lab-controller.ts';
import type { LabIosService } from '../../../native/lab/ios/services/service-api.ts';
import type { HostIdentity } from './support/host-identity.ts';
import { pairNewHost, startSession } from './support/lockdown-harness.ts';
import { LockdownTestClient } from './support/lockdown-test-client.ts';
import { openTunnel, UsbmuxTestClient } from './support/usbmux-test-client.ts';

/** Echoes what it reads, after recording it on the device (so tests see what it received). */
function echoService(name: string, ssl: boolean): LabIosService {
  return {
    name,
    ssl,
    serve(connection, device) {
      connection.on('data', (chunk: Buffer) => {
        device.record(name, `got ${chunk.toString()}`);
        connection.write(chunk);
      });
      connection.on('error', () => undefined);
    },
  };
}

const PLAIN = 'com.depotline.test.echo';
const SECURE = 'com.depotline.test.secure-echo';
let lab: IosLabController;
let socketPath: string;
let host: HostIdentity;
let lockdown: LockdownTestClient;
const udid = (): string => lab.list()[0]?.udid ?? '';
const deviceId = (): number => lab.usbmuxd.deviceIdOf(udid()) ?? 0;

beforeAll(async () => {
  lab = await IosLabController.start({
    ios: 1,
    seed: 'services-test',
    latency: 'fast',
    services: [echoService(PLAIN, false), echoService(SECURE, true)],
    acceptTrustAfterMs: 0,
  });
  socketPath = lab.usbmuxdAddress.replace(/^UNIX:/, '');
  lockdown = new LockdownTestClient(await openTunnel(socketPath, deviceId(), LOCKDOWN_PORT));
  host = await pairNewHost(lockdown);
  await startSession(lockdown, host);
});

afterAll(async () => {
  lockdown?.close();
  await lab?.stop();
});

function exchange(socket: Socket | TLSSocket, text: string): Promise<string> {
  return new Promise((resolve, reject) => {
    let got = '';
    socket.on('data', (chunk: Buffer) => {
      got += chunk.toString();
      if (got.length >= text.length) resolve(got);
    });
    socket.once('close', () => reject(new Error(`closed after "${got}"`)));
    socket.resume();
    socket.write(text);
  });
}

describe('StartService through usbmuxd', () => {
  it('starts a clear-text service on a port that usbmuxd Connect reaches', async () => {
    const reply = await lockdown.request({ Request: 'StartService', Service: PLAIN });
    expect(reply).toMatchObject({ Request: 'StartService', Service: PLAIN, EnableServiceSSL: false });
    const port = reply.Port as number;
    expect(port).toBeGreaterThanOrEqual(49152);
    const tunnel = await openTunnel(socketPath, deviceId(), port);
    expect(await exchange(tunnel, 'hello afc')).toBe('hello afc');
    tunnel.destroy();
    expect(lab.commands('0')?.map((entry) => [entry.service, entry.request])).toEqual(
      expect.arrayContaining([
        ['lockdownd', `StartService ${PLAIN}`],
        [PLAIN, 'connected'],
        [PLAIN, 'got hello afc'],
      ]),
    );
  });

  it('wraps an SSL service in TLS (the device certificate) before the service reads', async () => {
    const reply = await lockdown.request({ Request: 'StartService', Service: SECURE });
    expect(reply.EnableServiceSSL).toBe(true);
    const tunnel = await openTunnel(socketPath, deviceId(), reply.Port as number);
    const secure = tlsConnect({
      socket: tunnel,
      rejectUnauthorized: false,
      cert: host.rootCertPem,
      key: host.rootKeyPem,
      ciphers: 'DEFAULT:@SECLEVEL=0',
    });
    await new Promise<void>((resolve, reject) => {
      secure.once('secureConnect', resolve);
      secure.once('error', reject);
    });
    expect(await exchange(secure, 'hello mcinstall')).toBe('hello mcinstall');
    secure.destroy();
    expect(
      lab
        .commands(udid())
        ?.some((entry) => entry.service === SECURE && entry.request === 'got hello mcinstall'),
    ).toBe(true);
  });

  it('opens each service port for one connection only', async () => {
    const reply = await lockdown.request({ Request: 'StartService', Service: PLAIN });
    const tunnel = await openTunnel(socketPath, deviceId(), reply.Port as number);
    const client = await UsbmuxTestClient.open(socketPath);
    expect((await client.connectTo(deviceId(), reply.Port as number)).result).toBe(3);
    client.close();
    tunnel.destroy();
  });

  it('refuses a service the device does not have', async () => {
    expect(
      await lockdown.request({ Request: 'StartService', Service: 'com.apple.mobile.house_arrest' }),
    ).toEqual({
      Request: 'StartService',
      Service: 'com.apple.mobile.house_arrest',
      Error: 'InvalidService',
    });
    expect((await lockdown.request({ Request: 'StartService' })).Error).toBe('MissingService');
  });

  it('closes service ports and connections when the device restarts', async () => {
    const reply = await lockdown.request({ Request: 'StartService', Service: PLAIN });
    const before = deviceId();
    const closed = lockdown.closed;
    lab.restart('0');
    await closed;
    await waitFor(() => lab.find('0')?.status === 'online');
    expect(deviceId()).toBeGreaterThan(before);
    const client = await UsbmuxTestClient.open(socketPath);
    expect((await client.connectTo(deviceId(), reply.Port as number)).result).toBe(3);
    client.close();
    // Still paired: a new connection starts a session at once.
    lockdown = new LockdownTestClient(await openTunnel(socketPath, deviceId(), LOCKDOWN_PORT));
    await startSession(lockdown, host);
  });
});

async function waitFor(check: () => boolean, timeoutMs = 2_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error('timed out');
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}

// Connects test clients straight to a simulated device's lockdownd (no usbmuxd): a UNIX
// socket server in a temp folder hands each connection to the device as usbmuxd's Connect
// would (paused), and the pairing steps a host goes through are one call each.
import { mkdtempSync, rmSync } from 'node:fs';
import { connect, createServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { LOCKDOWN_PORT } from '../../../../native/ios/wire/usbmux-frame.ts';
import type { LabIosDevice } from '../../../../native/lab/ios/device/lab-ios-device.ts';
import { deviceCertificatePem, makeHostIdentity, pairRequest, type HostIdentity } from './host-identity.ts';
import { LockdownTestClient } from './lockdown-test-client.ts';

export class LockdownHarness {
  readonly #dir = mkdtempSync(join(tmpdir(), 'depotline-lockdownd-test-'));
  readonly #server: Server;
  readonly #clients: LockdownTestClient[] = [];
  device: LabIosDevice | undefined;

  constructor() {
    this.#server = createServer({ pauseOnConnect: true }, (socket) => {
      if (this.device?.connect(LOCKDOWN_PORT, socket) !== true) socket.destroy();
    });
  }

  get path(): string {
    return join(this.#dir, 'lockdownd.sock');
  }

  async start(): Promise<void> {
    await new Promise<void>((resolve) => this.#server.listen(this.path, resolve));
  }

  async connect(): Promise<LockdownTestClient> {
    const socket = connect(this.path);
    await new Promise<void>((resolve, reject) => {
      socket.once('connect', resolve);
      socket.once('error', reject);
    });
    const client = new LockdownTestClient(socket);
    this.#clients.push(client);
    return client;
  }

  closeClients(): void {
    for (const client of this.#clients.splice(0)) client.close();
  }

  async stop(): Promise<void> {
    this.closeClients();
    await new Promise<void>((resolve) => this.#server.close(() => resolve()));
    rmSync(this.#dir, { recursive: true, force: true });
  }
}

/** GetValue DevicePublicKey (allowed before pairing) as PEM text. */
export async function devicePublicKey(client: LockdownTestClient): Promise<string> {
  const reply = await client.request({ Request: 'GetValue', Key: 'DevicePublicKey' });
  return Buffer.from(reply.Value as Uint8Array).toString('utf8');
}

/** A new host pairs (the device must trust it) and returns its identity. */
export async function pairNewHost(client: LockdownTestClient): Promise<HostIdentity> {
  const host = makeHostIdentity();
  const reply = await client.request(
    pairRequest(host, deviceCertificatePem(host, await devicePublicKey(client))),
  );
  if (reply.Error !== undefined) throw new Error(`Pair failed: ${JSON.stringify(reply.Error)}`);
  return host;
}

/** StartSession and TLS, as libimobiledevice does after pairing; returns the SessionID. */
export async function startSession(client: LockdownTestClient, host: HostIdentity): Promise<string> {
  const reply = await client.request({
    Request: 'StartSession',
    HostID: host.hostId,
    SystemBUID: host.systemBuid,
  });
  if (reply.EnableSessionSSL !== true) throw new Error(`StartSession failed: ${JSON.stringify(reply)}`);
  await client.startTls(host.rootCertPem, host.rootKeyPem);
  if (typeof reply.SessionID !== 'string') throw new Error('StartSession gave no SessionID');
  return reply.SessionID;
}

// libusbmuxd's iproxy against the lab: a local TCP port forwarded through usbmuxd Connect
// to a device's lockdownd, which then answers a plain client as it would over USB.
import { spawn, type ChildProcess } from 'node:child_process';
import { connect, type Socket } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { IosLabController } from '../../../native/lab/ios/lab/ios-lab-controller.ts';
import { freePort } from '../../helpers/ports.ts';
import { LockdownTestClient } from '../../lab/ios/support/lockdown-test-client.ts';

let lab: IosLabController;
let iproxy: ChildProcess | undefined;

beforeAll(async () => {
  lab = await IosLabController.start({ ios: 1, seed: 'conformance-iproxy', latency: 'fast', services: [] });
});

afterAll(async () => {
  iproxy?.kill('SIGTERM');
  await lab?.stop();
});

async function connectWhenListening(port: number, timeoutMs = 5_000): Promise<Socket> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      return await new Promise((resolve, reject) => {
        const socket = connect(port, '127.0.0.1');
        socket.once('connect', () => resolve(socket));
        socket.once('error', reject);
      });
    } catch (error) {
      if (Date.now() > deadline) throw error;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }
}

describe('iproxy', () => {
  it('forwards a local port to lockdownd through the lab’s usbmuxd', async () => {
    const port = await freePort();
    const udid = lab.list()[0]?.udid ?? '';
    iproxy = spawn('iproxy', ['-u', udid, `${port}:62078`], {
      env: { ...process.env, USBMUXD_SOCKET_ADDRESS: lab.usbmuxdAddress },
      stdio: 'ignore',
    });
    const client = new LockdownTestClient(await connectWhenListening(port));
    expect(await client.request({ Request: 'QueryType' })).toEqual({
      Request: 'QueryType',
      Type: 'com.apple.mobile.lockdown',
    });
    expect((await client.request({ Request: 'GetValue', Key: 'UniqueDeviceID' })).Value).toBe(udid);
    client.close();
    expect(lab.commands('0')?.map((entry) => entry.request)).toEqual([
      'QueryType',
      'GetValue UniqueDeviceID',
    ]);
  });
});

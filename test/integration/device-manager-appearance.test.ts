// A wiped lab phone is back on adb within a few hundred ms, under the same transport id (adb
// reconnects a TCP transport in place). A console busy at that moment must still see that the
// phone left and came back: a new appearance, its identity read again. Auto-stage keys on that
// appearance, so missing it left a wiped phone unstaged (seen under CI load).
// The lab runs in its own process here, so the test can keep this one busy while it reboots.
import { spawn, type ChildProcess } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DeviceManager } from '../../electron/core/devices/device-manager.ts';
import { AdbFixture, ADB } from '../conformance/support/adb-fixture.ts';
import { freePort, freePortRange } from '../helpers/ports.ts';

let adb: AdbFixture;
let lab: ChildProcess;
let control: string;
let serial: string;

beforeAll(async () => {
  adb = await AdbFixture.start();
  const [portBase, controlPort] = [await freePortRange(1), await freePort()];
  lab = spawn(
    process.execPath,
    [
      'scripts/depotline.mjs',
      'lab',
      '--android',
      '1',
      '--latency',
      'fast',
      '--port-base',
      String(portBase),
      '--control-port',
      String(controlPort),
      '--adb',
      ADB,
      '-P',
      String(adb.port),
    ],
    { env: adb.env, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  let output = '';
  lab.stdout!.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')));
  lab.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')));
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`the lab did not start:\n${output}`)), 30_000);
    lab.stdout!.on('data', () => {
      if (!output.includes('Press Ctrl-C to stop')) return;
      clearTimeout(timer);
      resolve();
    });
    lab.once('exit', (code) => reject(new Error(`the lab exited (${code}):\n${output}`)));
  });
  control = `http://127.0.0.1:${controlPort}`;
  serial = `127.0.0.1:${portBase}`;
  await adb.waitForStates([serial], 'device');
}, 60_000);

afterAll(async () => {
  if (lab && lab.exitCode === null) {
    const exited = new Promise((resolve) => lab.once('exit', resolve));
    lab.kill('SIGTERM');
    await exited;
  }
  await adb?.stop();
});

async function post(path: string, body: unknown): Promise<void> {
  const response = await fetch(`${control}/devices/0/${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  expect(response.status, await response.text()).toBeLessThan(300);
}

/** Keeps this process's event loop busy, as a loaded console's is. */
function busy(ms: number): void {
  const until = Date.now() + ms;
  while (Date.now() < until) {
    /* spin */
  }
}

describe('device manager and a phone that reboots while the console is busy', () => {
  it('counts a new appearance and reads the wiped phone afresh', async () => {
    const manager = new DeviceManager({
      adb: { adbPath: ADB, host: '127.0.0.1', port: adb.port },
      // No timed poll in the window: only adb's tracker can tell the console the phone left.
      pollMs: 600_000,
      onChange: () => {},
      log: () => {},
    });
    manager.start();
    try {
      const device = () => manager.list().find((d) => d.serial === serial);
      await post('accounts', { type: 'com.google', name: 'kari.nordmann@gmail.com' });
      await expect.poll(() => device()?.identity?.accounts.length, { timeout: 15_000 }).toBe(1);
      const appearance = device()!.appearance;
      const transportId = device()!.transportId;

      await post('factory-reset', { keepAdb: true });
      busy(2_000); // the phone goes offline and comes back meanwhile
      await expect.poll(() => device()?.appearance, { timeout: 15_000 }).toBe(appearance + 1);
      await expect.poll(() => device()?.identity?.accounts.length, { timeout: 15_000 }).toBe(0);
      // What made this hard: adb kept the transport, so its id says nothing happened.
      expect(device()!.transportId).toBe(transportId);
      expect(device()!.connection).toBe('device');
    } finally {
      manager.stop();
    }
  }, 60_000);
});

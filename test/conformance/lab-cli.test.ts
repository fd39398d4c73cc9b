// `depotline lab` as an operator runs it: it announces its phones to the adb server,
// prints them (--json here), and on SIGTERM disconnects them and exits 0. A start-up
// failure (a port in use) exits non-zero with a readable message.
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { createServer } from 'node:net';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AdbFixture } from './support/adb-fixture.ts';
import { freePort } from '../lab/fakes/endpoint.ts';

const CLI = fileURLToPath(new URL('../../scripts/depotline.mjs', import.meta.url));
let adb: AdbFixture;

beforeAll(async () => {
  adb = await AdbFixture.start();
});

afterAll(async () => {
  await adb?.stop();
});

function runLab(args: string[]): {
  child: ChildProcessWithoutNullStreams;
  exit: Promise<{ code: number | null; stdout: string; stderr: string }>;
} {
  const child = spawn(process.execPath, [CLI, 'lab', '--latency', 'fast', '-P', String(adb.port), ...args], {
    env: adb.env,
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const exit = new Promise<{ code: number | null; stdout: string; stderr: string }>((resolve) =>
    child.on('exit', (code) => resolve({ code, stdout, stderr })),
  );
  return { child, exit };
}

async function readJson(
  child: ChildProcessWithoutNullStreams,
): Promise<{ controlUrl: string; devices: { adbSerial: string; status: string; fault: unknown }[] }> {
  let text = '';
  return new Promise((resolve, reject) => {
    child.stdout.on('data', (chunk: Buffer) => {
      text += chunk.toString();
      try {
        resolve(JSON.parse(text) as never);
      } catch {
        // not complete yet
      }
    });
    child.on('exit', (code) => reject(new Error(`lab exited with ${code} before printing its devices`)));
  });
}

describe('depotline lab', () => {
  it('runs N phones for adb, serves the control API, and leaves adb clean on SIGTERM', async () => {
    const portBase = await freePort();
    const { child, exit } = runLab([
      '--android',
      '2',
      '--port-base',
      String(portBase),
      '--faults',
      'unauthorized=1',
      '--json',
    ]);
    const printed = await readJson(child);
    const serials = printed.devices.map((device) => device.adbSerial);
    expect(serials).toEqual([`127.0.0.1:${portBase}`, `127.0.0.1:${portBase + 1}`]);
    expect(printed.devices[0]?.fault).toEqual({ kind: 'unauthorized' });
    await adb.waitForStates([serials[0] ?? ''], 'unauthorized');
    await adb.waitForStates([serials[1] ?? ''], 'device');

    const accepted = await fetch(`${printed.controlUrl}/devices/0/accept-rsa`, { method: 'POST' });
    expect(accepted.status).toBe(200);
    await adb.waitForStates(serials, 'device');

    child.kill('SIGTERM');
    expect((await exit).code).toBe(0);
    await adb.waitForStates(serials, 'absent');
  });

  it('exits 1 with the reason when a device port is taken', async () => {
    const port = await freePort();
    const blocker = createServer();
    await new Promise<void>((resolve) => blocker.listen(port, '127.0.0.1', resolve));
    try {
      const { exit } = runLab(['--android', '1', '--port-base', String(port)]);
      const result = await exit;
      expect(result.code).toBe(1);
      expect(result.stderr).toMatch(new RegExp(`EADDRINUSE.*${port}`));
    } finally {
      blocker.close();
    }
  });

  it('refuses bad options before starting anything', async () => {
    const overlap = await runLab(['--android', '3', '--port-base', '5554']).exit;
    expect(overlap.code).toBe(1);
    expect(overlap.stderr).toMatch(/overlap 5555–5585/);
    const badFault = await runLab(['--android', '1', '--faults', 'unauthorized=2']).exit;
    expect(badFault.code).toBe(1);
    expect(badFault.stderr).toMatch(/faults need 2 devices but the lab has 1/);
  });
});

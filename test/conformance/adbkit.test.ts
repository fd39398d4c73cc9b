// The same lab through @devicefarmer/adbkit (what Depotline's native/adb layer uses),
// talking to this file's own real adb server.
import type * as AdbkitModule from '@devicefarmer/adbkit';
import { createHash, randomBytes } from 'node:crypto';
import { createRequire } from 'node:module';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Readable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LabController } from '../../native/lab/adb/lab/lab-controller.ts';
import { makeTestApks, DEFAULT_APK_FIXTURE_DIR, type TestApkSet } from '../../scripts/make-test-apks.ts';
import { AdbFixture, startLab } from './support/adb-fixture.ts';

// adbkit is CommonJS; vitest's and Node's ESM interop disagree on what its default import
// is, while require() gives the same exports object in both.
const { Adb } = createRequire(import.meta.url)('@devicefarmer/adbkit') as typeof AdbkitModule;
let adb: AdbFixture;
let lab: LabController;
let serial: string;
let client: ReturnType<typeof Adb.createClient>;
let workDir: string;
let apks: TestApkSet;

beforeAll(async () => {
  adb = await AdbFixture.start();
  workDir = await mkdtemp(join(tmpdir(), 'depotline-adbkit-'));
  apks = await makeTestApks(DEFAULT_APK_FIXTURE_DIR);
  const started = await startLab(adb, { android: 1 });
  lab = started.lab;
  serial = started.serials[0] ?? '';
  await adb.waitForStates([serial], 'device');
  client = Adb.createClient({ port: adb.port });
});

afterAll(async () => {
  await lab?.stop();
  await adb?.stop();
  await rm(workDir, { recursive: true, force: true });
});

async function readAll(stream: Readable): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

describe('adbkit against the lab', () => {
  it('runs a shell command (v1: output only)', async () => {
    const output = await readAll(await client.getDevice(serial).shell('echo hello; echo oops >&2'));
    expect(output.toString()).toBe('hello\noops\n');
  });

  it('reads the properties', async () => {
    const properties = await client.getDevice(serial).getProperties();
    const info = lab.find('0');
    expect(properties['ro.serialno']).toBe(info?.serial);
    expect(properties['ro.product.model']).toBe(info?.model);
    expect(properties['ro.build.version.sdk']).toBe(String(info?.sdk));
  });

  it('pushes and pulls 5 MB intact', async () => {
    const data = randomBytes(5 * 1024 * 1024);
    const local = join(workDir, 'five.bin');
    await writeFile(local, data);
    const device = client.getDevice(serial);
    const transfer = await device.push(local, '/sdcard/Download/five.bin');
    await new Promise<void>((resolve, reject) => {
      transfer.on('end', resolve);
      transfer.on('error', reject);
    });
    const pulled = await readAll(await device.pull('/sdcard/Download/five.bin'));
    expect(createHash('sha256').update(pulled).digest('hex')).toBe(
      createHash('sha256').update(data).digest('hex'),
    );
  });

  it('installs an APK (push + pm install -r) and sees the package', async () => {
    const device = client.getDevice(serial);
    await expect(device.install(apks.apks.notesV1.path)).resolves.toBe(true);
    await expect(device.isInstalled(apks.apks.notesV1.packageName)).resolves.toBe(true);
  });

  it('rejects an install the phone refuses, with the failure code', async () => {
    await expect(client.getDevice(serial).install(apks.apks.future.path)).rejects.toThrow(
      /INSTALL_FAILED_OLDER_SDK/,
    );
  });

  it('tracks a device leaving and coming back', async () => {
    const tracker = await client.trackDevices();
    // The tracker first reports every device already there ('add'); only changes after that count.
    const known = () =>
      (tracker as unknown as { deviceList: { id: string }[] }).deviceList.some((d) => d.id === serial);
    await expect.poll(known).toBe(true);
    const events: string[] = [];
    tracker.on(
      'add',
      (device: { id: string; type: string }) => device.id === serial && events.push(`add ${device.type}`),
    );
    tracker.on('remove', (device: { id: string }) => device.id === serial && events.push('remove'));
    tracker.on(
      'change',
      (device: { id: string; type: string }) => device.id === serial && events.push(`change ${device.type}`),
    );
    try {
      await lab.unplug('0');
      await adb.waitForStates([serial], 'absent');
      await lab.plug('0');
      await adb.waitForStates([serial], 'device');
      const deadline = Date.now() + 5000;
      while (!events.some((event) => event.endsWith(' device')) && Date.now() < deadline)
        await new Promise((resolve) => setTimeout(resolve, 50));
      expect(events[0]).toBe('remove');
      expect(events.at(-1)).toMatch(/^(add|change) device$/);
    } finally {
      tracker.end();
    }
  });
});

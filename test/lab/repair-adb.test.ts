// The repair-bench knobs of the Android lab, turned through the HTTP control API and seen
// through the real adb server with `adb shell`, as a technician's tools would see them.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startControlApi, type ControlApi } from '../../native/lab/adb/lab/control-api.ts';
import type { LabController } from '../../native/lab/adb/lab/lab-controller.ts';
import { DEFAULT_APK_FIXTURE_DIR, makeTestApks, type TestApkSet } from '../../scripts/make-test-apks.ts';
import { AdbFixture, startLab } from '../conformance/support/adb-fixture.ts';

const DPC = 'org.depotline.sample.dpc';

let adb: AdbFixture;
let lab: LabController;
let serials: string[];
let api: ControlApi;
let apks: TestApkSet;

beforeAll(async () => {
  adb = await AdbFixture.start();
  apks = await makeTestApks(DEFAULT_APK_FIXTURE_DIR);
  ({ lab, serials } = await startLab(adb, { android: 4, seed: 'repair-lab' }));
  await adb.waitForStates(serials, 'device');
  api = await startControlApi(lab, { port: 0 });
}, 60_000);

afterAll(async () => {
  await api?.close();
  await lab?.stop();
  await adb?.stop();
});

async function post(index: number, action: string, body: unknown): Promise<number> {
  const response = await fetch(`${api.url}/devices/${index}/${action}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  await response.json();
  return response.status;
}

const shell = (index: number, command: string) => adb.run(['-s', serials[index]!, 'shell', command]);

describe('Android lab repair knobs, through adb', () => {
  it('screen lock: locksettings verify answers as the phone would', async () => {
    expect((await shell(0, 'locksettings verify')).stdout).toBe('Lock credential verified successfully\n');
    expect(await post(0, 'screen-lock', { kind: 'password', credential: 'hunter22' })).toBe(200);
    const locked = await shell(0, 'cmd lock_settings verify');
    expect(locked.code).toBe(255);
    expect(locked.stderr).toContain("java.lang.IllegalArgumentException: Credential can't be null or empty");
    expect((await shell(0, 'cmd testharness enable')).stderr).toBe(
      'Test Harness Mode cannot be enabled if there is a lock screen\n',
    );
    expect(await post(0, 'screen-lock', { kind: 'none' })).toBe(200);
    expect(await post(0, 'screen-lock', { kind: 'pin' })).toBe(400);
  });

  it('test harness support off: the refusal and its exit code; user files seen by find', async () => {
    expect(await post(1, 'test-harness-support', { supported: false })).toBe(200);
    expect(await shell(1, 'cmd testharness enable')).toEqual({
      code: 1,
      stdout: '',
      stderr: 'Failed to enable Test Harness Mode\n',
    });
    expect(await post(1, 'user-files', { files: [{ path: 'Documents/contract.docx', bytes: 1234 }] })).toBe(
      200,
    );
    expect((await shell(1, 'find /sdcard/Documents -type f')).stdout).toBe(
      '/sdcard/Documents/contract.docx\n',
    );
    expect(
      (await adb.run(['-s', serials[1]!, 'pull', '/sdcard/Documents/contract.docx', '/dev/null'])).code,
    ).toBe(0);
    expect(await post(1, 'user-files', { files: [{ path: '/etc/passwd', bytes: 1 }] })).toBe(400);
  });

  it('a DPC configured to wipe on an action wipes when it is device owner', async () => {
    expect((await adb.run(['-s', serials[2]!, 'install', apks.apks.dpc.path])).stdout).toContain('Success');
    expect((await shell(2, `dpm set-device-owner ${DPC}/.AdminReceiver`)).code).toBe(0);
    expect(
      await post(2, 'dpc-wipe-action', {
        component: `${DPC}/.CommandReceiver`,
        action: 'depot.action.ERASE',
      }),
    ).toBe(200);
    expect(await post(2, 'dpc-wipe-action', { component: 'org.absent/.R', action: 'a.b' })).toBe(409);
    expect(
      (await shell(2, `am broadcast -a depot.action.ERASE -n ${DPC}/.CommandReceiver`)).stdout,
    ).toContain('Broadcast completed: result=0');
    await adb.waitForStates([serials[2]!], 'offline');
    expect(lab.find('2')?.status).toBe('offline');
  });

  it('next wipe: another phone comes back on adb with its own serial', async () => {
    const before = lab.list()[3]!;
    expect(await post(3, 'next-wipe', { outcome: 'different-phone' })).toBe(200);
    expect((await shell(3, 'cmd testharness enable')).code).toBe(0);
    await waitFor(() => lab.find('3')?.serial !== before.serial && lab.find('3')?.status === 'online');
    await adb.waitForStates([serials[3]!], 'device');
    const after = lab.list()[3]!;
    expect((await shell(3, 'getprop ro.serialno')).stdout).toBe(`${after.serial}\n`);
    expect(after.imei).not.toBe(before.imei);
    expect(await post(3, 'next-wipe', { outcome: 'sideways' })).toBe(400);
  });
});

async function waitFor(condition: () => boolean, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

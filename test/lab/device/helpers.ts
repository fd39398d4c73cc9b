// Shared helpers for the virtual-phone tests: run a command line and collect its output,
// wait for lifecycle events, and load the generated APK fixtures.
import { readFileSync } from 'node:fs';
import { createLabAndroidDevice, type VirtualPhone } from '../../../native/lab/adb/device/index.ts';
import type { DeviceLifecycleEvent } from '../../../native/lab/adb/virtual-device-api.ts';
import {
  DEFAULT_APK_FIXTURE_DIR,
  makeTestApks,
  type FixtureId,
  type TestApkSet,
} from '../../../scripts/make-test-apks.ts';

export interface ShellResult {
  stdout: string;
  stderr: string;
  rc: number;
}

async function* once(data: Buffer | undefined): AsyncIterable<Buffer> {
  if (data) yield await Promise.resolve(data);
}

export async function sh(device: VirtualPhone, line: string, stdin?: Buffer): Promise<ShellResult> {
  let stdout = '';
  let stderr = '';
  const rc = await device.runShell(line, {
    stdout: (c) => void (stdout += c.toString()),
    stderr: (c) => void (stderr += c.toString()),
    stdin: once(stdin),
    signal: new AbortController().signal,
  });
  return { stdout, stderr, rc };
}

/** Android 11 + index % 6: index 0 → 11 (SDK 30), 1 → 12 (31), 2 → 13, 3 → 14 (34), 4 → 15, 5 → 16. */
export function phone(index = 3, seed = 'test-seed'): VirtualPhone {
  return createLabAndroidDevice({ seed, index, latency: 'fast' });
}

export function nextEvent(
  device: VirtualPhone,
  type: DeviceLifecycleEvent['type'],
): Promise<DeviceLifecycleEvent> {
  return new Promise((resolve) => {
    const off = device.onLifecycle((e) => {
      if (e.type === type) {
        off();
        resolve(e);
      }
    });
  });
}

/** Collects every lifecycle event for `ms` milliseconds (fast latency: boots take 20 ms). */
export async function eventsDuring(device: VirtualPhone, ms: number): Promise<DeviceLifecycleEvent[]> {
  const events: DeviceLifecycleEvent[] = [];
  const off = device.onLifecycle((e) => events.push(e));
  await new Promise((r) => setTimeout(r, ms));
  off();
  return events;
}

/** Polls sys.boot_completed like `adb wait-for-device shell getprop sys.boot_completed` loops do. */
export async function waitForBootCompleted(device: VirtualPhone): Promise<void> {
  for (let i = 0; i < 400; i++) {
    if ((await sh(device, 'getprop sys.boot_completed')).stdout === '1\n') return;
    await new Promise((r) => setTimeout(r, 5));
  }
  throw new Error('sys.boot_completed never became 1');
}

let fixtures: Promise<TestApkSet> | undefined;
export function apks(): Promise<TestApkSet> {
  fixtures ??= makeTestApks(DEFAULT_APK_FIXTURE_DIR);
  return fixtures;
}

export async function apkBytes(id: FixtureId): Promise<Buffer> {
  return readFileSync((await apks()).apks[id].path);
}

/** Streams an APK the way `adb install` does with the `cmd` feature: cmd package install -S N. */
export async function streamInstall(device: VirtualPhone, id: FixtureId, flags = ''): Promise<ShellResult> {
  const data = await apkBytes(id);
  return sh(device, `cmd package install ${flags} -S ${data.length}`.replace(/\s+/g, ' '), data);
}

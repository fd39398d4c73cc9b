// Test Harness Mode as a wipe (AOSP TestHarnessModeService, Android 10+): `cmd testharness
// enable` stores the adb keys in the persistent data block, factory-resets the phone, and the
// phone comes back with setup skipped and adb authorised to the same host. What decides
// whether a phone can do it, read without trying:
//   - Android 10 or later (the service exists; `cmd -l` lists "testharness");
//   - a persistent data block: SystemServer starts PersistentDataBlockService only when
//     ro.frp.pst names one; without it the command prints "Failed to enable Test Harness Mode"
//     (exit 1) and nothing is wiped;
//   - no secure lock screen: with one it prints "Test Harness Mode cannot be enabled if there
//     is a lock screen" (exit 2).
import { DeviceCommandError } from '../../device-errors.ts';
import type { ScreenLockReading } from './screen-lock.ts';

export const TEST_HARNESS_ENABLE = 'cmd testharness enable';
export const TEST_HARNESS_MIN_SDK = 29;

export interface TestHarnessFacts {
  sdk: number;
  /** ro.frp.pst ('' when unset). */
  persistentDataBlock: string;
  /** `cmd -l` output: the binder services the shell can reach. */
  services: string;
  screenLock: ScreenLockReading;
}

/** Why the phone cannot wipe itself through Test Harness Mode, in a technician's words; undefined: it can. */
export function testHarnessUnsupportedReason(facts: TestHarnessFacts): string | undefined {
  if (facts.sdk < TEST_HARNESS_MIN_SDK)
    return 'This phone runs Android 9 or older, which has no Test Harness Mode (it came with Android 10).';
  const listed = facts.services.split('\n').some((line) => line.trim() === 'testharness');
  if (!listed) return 'This build has no test harness service (cmd -l does not list "testharness").';
  if (facts.persistentDataBlock.trim() === '')
    return (
      'This build has no persistent data block (ro.frp.pst is empty), where Test Harness Mode keeps ' +
      'the adb keys across the wipe: the phone would answer "Failed to enable Test Harness Mode".'
    );
  if (facts.screenLock.screenLock === true)
    return 'A screen lock is set: Test Harness Mode cannot be enabled while there is a lock screen. Remove the PIN, pattern or password first.';
  return undefined;
}

/**
 * What `cmd testharness enable` answered. Exit 0 with no output means the phone took it and
 * is about to wipe; anything else is its refusal, in its own words with what they mean.
 */
export function checkTestHarnessReply(output: string, exitCode: number): void {
  const said = output.trim();
  if (exitCode === 0 && said === '') return;
  if (said.includes('Failed to enable Test Harness Mode'))
    throw new DeviceCommandError(
      `${said} (the build has no persistent data block to keep the adb keys in); nothing was wiped`,
    );
  if (said.includes('cannot be enabled if there is a lock screen'))
    throw new DeviceCommandError(`${said}; remove the screen lock first. Nothing was wiped`);
  if (said.includes("Can't find service: testharness"))
    throw new DeviceCommandError(
      'This build has no Test Harness Mode (Android 10 or later is needed); nothing was wiped',
    );
  throw new DeviceCommandError(
    `cmd testharness enable failed (exit ${exitCode}${said ? `: ${said.slice(0, 300)}` : ''}); nothing was wiped`,
  );
}

// The repair bench's Android parsers against what phones print: LockSettingsShellCommand's
// answers, TestHarnessModeService's refusals, toybox find, sysfs numbers, the sectioned reply.
import { describe, expect, it } from 'vitest';
import { DeviceCommandError } from '../../../../../native/device-errors.ts';
import { capacityPercent, sysfsNumber } from '../../../../../native/adb/repair/diagnostics.ts';
import { dpcBroadcastCommand, dpcCommandFor } from '../../../../../native/adb/repair/dpc-wipe.ts';
import { recoveryInstructions } from '../../../../../native/adb/repair/recovery.ts';
import { parseScreenLock, screenLockUnreadable } from '../../../../../native/adb/repair/screen-lock.ts';
import { sectionedCommand, splitSections } from '../../../../../native/adb/repair/sections.ts';
import {
  checkTestHarnessReply,
  testHarnessUnsupportedReason,
} from '../../../../../native/adb/repair/test-harness.ts';
import { countUserFiles, USER_FILES_COMMAND } from '../../../../../native/adb/repair/user-files.ts';

describe('sectioned reads', () => {
  it('splits a reply into its parts with their exit codes, and leaves out a part cut off', () => {
    const command = sectionedCommand({ a: 'getprop ro.serialno', b: 'cmd lock_settings verify' });
    expect(command).toBe(
      'echo __DEPOTLINE_PART__a; getprop ro.serialno 2>&1; echo __DEPOTLINE_PART_RC__$?; echo __DEPOTLINE_PART__b; cmd lock_settings verify 2>&1; echo __DEPOTLINE_PART_RC__$?',
    );
    const parts = splitSections(
      '__DEPOTLINE_PART__a\nR5CANSE3H62\n__DEPOTLINE_PART_RC__0\n__DEPOTLINE_PART__b\nError while executing command: verify\n__DEPOTLINE_PART_RC__255\n',
    );
    expect(parts.get('a')).toEqual({ text: 'R5CANSE3H62\n', exitCode: 0 });
    expect(parts.get('b')?.exitCode).toBe(255);
    expect(splitSections('__DEPOTLINE_PART__a\nhalf a rep').has('a')).toBe(false);
  });
});

describe('screen lock', () => {
  it('reads LockSettingsShellCommand’s answers', () => {
    expect(parseScreenLock('Lock credential verified successfully\n', 0)).toEqual({ screenLock: false });
    expect(
      parseScreenLock(
        "Error while executing command: verify\njava.lang.IllegalArgumentException: Credential can't be null or empty\n\tat com.android.server.locksettings.LockSettingsService.doVerifyCredential(LockSettingsService.java:2257)\n",
        255,
      ),
    ).toEqual({ screenLock: true });
    expect(parseScreenLock("Old password '' didn't match\n", 255)).toEqual({ screenLock: true });
    expect(parseScreenLock('The device does not support lock screen - ignoring the command.\n', 255)).toEqual(
      {
        screenLock: false,
      },
    );
    expect(parseScreenLock("cmd: Can't find service: lock_settings\n", 20)).toMatchObject({
      screenLock: 'unknown',
    });
    expect(parseScreenLock('Request throttled\n', 255)).toEqual({
      screenLock: 'unknown',
      reason: expect.stringContaining('Request throttled'),
    });
  });

  it('does not ask Android 10 and older, where asking costs a failed unlock attempt', () => {
    expect(screenLockUnreadable(29)).toEqual({
      screenLock: 'unknown',
      reason: expect.stringMatching(/Android 10/),
    });
  });
});

describe('test harness', () => {
  const able = {
    sdk: 34,
    persistentDataBlock: '/dev/block/by-name/frp',
    services: 'Currently running services:\n  package\n  testharness\n',
    screenLock: { screenLock: false } as const,
  };

  it('says why a phone cannot do it, or nothing when it can', () => {
    expect(testHarnessUnsupportedReason(able)).toBeUndefined();
    expect(testHarnessUnsupportedReason({ ...able, sdk: 28 })).toMatch(/Android 10/);
    expect(testHarnessUnsupportedReason({ ...able, services: '  package\n' })).toMatch(
      /no test harness service/,
    );
    expect(testHarnessUnsupportedReason({ ...able, persistentDataBlock: '' })).toMatch(
      /no persistent data block \(ro\.frp\.pst is empty\).*Failed to enable Test Harness Mode/,
    );
    expect(testHarnessUnsupportedReason({ ...able, screenLock: { screenLock: true } })).toMatch(
      /screen lock/,
    );
  });

  it('takes the silent exit 0, and turns refusals into the device’s words', () => {
    expect(() => checkTestHarnessReply('', 0)).not.toThrow();
    expect(() => checkTestHarnessReply('Failed to enable Test Harness Mode\n', 1)).toThrow(
      DeviceCommandError,
    );
    expect(() => checkTestHarnessReply('Failed to enable Test Harness Mode\n', 1)).toThrow(
      /^Failed to enable Test Harness Mode \(the build has no persistent data block/,
    );
    expect(() =>
      checkTestHarnessReply('Test Harness Mode cannot be enabled if there is a lock screen\n', 2),
    ).toThrow(/remove the screen lock first/);
    expect(() => checkTestHarnessReply("cmd: Can't find service: testharness\n", 20)).toThrow(/Android 10/);
  });
});

describe('user files, DPC, recovery, sysfs', () => {
  it('counts the paths find prints under shared storage', () => {
    expect(USER_FILES_COMMAND).toMatch(/^find \/sdcard\/DCIM \/sdcard\/Pictures .* -type f 2>\/dev\/null$/);
    expect(countUserFiles('/sdcard/DCIM/Camera/IMG_1.jpg\n/sdcard/Download/a b.pdf\n')).toBe(2);
    expect(countUserFiles('')).toBe(0);
  });

  it('sends the configured broadcast only to a DPC that owns the phone', () => {
    const commands = [{ component: 'org.depot.dpc/.Wipe', action: 'org.depot.action.WIPE' }];
    expect(dpcCommandFor([], 'org.depot.dpc')).toEqual({
      reason: expect.stringMatching(/No device-owner wipe/),
    });
    expect(dpcCommandFor(commands, undefined)).toEqual({ reason: expect.stringMatching(/no device owner/) });
    expect(dpcCommandFor(commands, 'com.other.mdm')).toEqual({
      reason: expect.stringMatching(
        /device owner is com\.other\.mdm, not one of the depot's DPCs \(org\.depot\.dpc\)/,
      ),
    });
    expect(dpcCommandFor(commands, 'org.depot.dpc')).toEqual({ command: commands[0] });
    expect(dpcBroadcastCommand(commands[0]!)).toBe(
      'am broadcast -a org.depot.action.WIPE -n org.depot.dpc/.Wipe',
    );
  });

  it('gives each maker’s recovery steps, and generic ones otherwise', () => {
    expect(recoveryInstructions('samsung').join('\n')).toMatch(/Samsung logo/);
    expect(recoveryInstructions('Google').join('\n')).toMatch(/No command/);
    expect(recoveryInstructions('Xiaomi').join('\n')).toMatch(/Wipe All Data/);
    expect(recoveryInstructions('Zebra Technologies').join('\n')).toMatch(/factory reset entry/);
    expect(recoveryInstructions('Google').join('\n')).toMatch(/cannot read the phone back/);
  });

  it('reads sysfs numbers, and unknown is null rather than zero', () => {
    expect(sysfsNumber('412\n', 0)).toBe(412);
    expect(
      sysfsNumber('cat: /sys/class/power_supply/battery/cycle_count: Permission denied\n', 1),
    ).toBeNull();
    expect(sysfsNumber(undefined, undefined)).toBeNull();
    expect(capacityPercent(3_650_000, 4_410_000)).toBe(83);
    expect(capacityPercent(null, 4_410_000)).toBeNull();
  });
});

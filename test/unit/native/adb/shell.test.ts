// What the bench says when a phone's reply stops short: the device tile shows this message.
import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import type { AdbDeviceClient } from '../../../../native/adb/adb-client.ts';
import { DeviceGoneError } from '../../../../native/adb/android-driver.ts';
import { batchLine } from '../../../../native/adb/batch.ts';
import { ALL_IDENTITY_PARTS, identityCommands } from '../../../../native/adb/identity.ts';
import { commandName, ReplyCutOffError, runShell } from '../../../../native/adb/shell.ts';

/** A device whose shell answers `reply` and ends the stream. */
function answering(reply: string): AdbDeviceClient {
  return { shell: () => Promise.resolve(Readable.from([Buffer.from(reply)])) } as unknown as AdbDeviceClient;
}

describe('runShell', () => {
  it('reads the output and the exit code the command line reports', async () => {
    await expect(
      runShell(answering('7\n__DEPOTLINE_RC=0\n'), 'SER1', 'settings get global stay_on_while_plugged_in'),
    ).resolves.toEqual({ output: '7\n', exitCode: 0 });
  });

  it('names the command, not the marker echoes around it, when the reply is cut off', async () => {
    const identity = batchLine(identityCommands(ALL_IDENTITY_PARTS)).line;
    const cut = runShell(answering('[ro.product.mod'), '127.0.0.1:6101', identity);
    await expect(cut).rejects.toThrow(new ReplyCutOffError('127.0.0.1:6101', identity));
    await expect(cut).rejects.toThrow('127.0.0.1:6101: the reply to "getprop" was cut off mid-way');
    // Still a device-gone error to staging, which waits for the phone as after a yank.
    await expect(cut).rejects.toBeInstanceOf(DeviceGoneError);
  });
});

describe('commandName', () => {
  it.each([
    [
      'echo __DEPOTLINE_SECTION__getprop; getprop 2>&1; echo __DEPOTLINE_SECTION__battery; dumpsys battery 2>&1',
      'getprop',
    ],
    ['dumpsys package org.depotline.sample.dpc', 'dumpsys package org.depotline.sample.dpc'],
    ['pm install -r /data/local/tmp/x.apk > /dev/null', 'pm install -r /data/local/tmp/x.apk'],
    [`am start -n ${'a'.repeat(80)}`, `am start -n ${'a'.repeat(45)}…`],
  ])('%s → %s', (command, name) => {
    expect(commandName(command)).toBe(name);
  });
});

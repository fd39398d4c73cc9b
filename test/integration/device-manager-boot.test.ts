// A phone back on adb before it has finished booting is asked only for its boot flag until it
// has booted, then read in full once: 64 rebooting phones each answering the whole identity
// every poll loaded both sides of a staging batch.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DeviceManager } from '../../electron/core/devices/device-manager.ts';
import { parseFaults } from '../../native/lab/adb/lab/faults.ts';
import type { LabController } from '../../native/lab/adb/lab/lab-controller.ts';
import { AdbFixture, ADB, startLab } from '../conformance/support/adb-fixture.ts';

let adb: AdbFixture;
let lab: LabController;
let serials: string[];

beforeAll(async () => {
  adb = await AdbFixture.start();
  // Fast latency ×600: a 12 s boot, adbd back after 7.2 s of it (adb takes a while to reconnect).
  ({ lab, serials } = await startLab(adb, { android: 1, faults: parseFaults('slow=1:600', 1) }));
  await adb.waitForStates(serials, 'device');
}, 60_000);

afterAll(async () => {
  await lab?.stop();
  await adb?.stop();
});

describe('device manager and a rebooting phone', () => {
  it('polls the boot flag while the phone boots and reads its identity once it has booted', async () => {
    const manager = new DeviceManager({
      adb: { adbPath: ADB, host: '127.0.0.1', port: adb.port },
      pollMs: 100,
      onChange: () => {},
      log: () => {},
    });
    manager.start();
    try {
      const serial = serials[0]!;
      const booted = () => manager.list().find((d) => d.serial === serial)?.identity?.bootCompleted;
      await expect.poll(booted, { timeout: 15_000 }).toBe(true);
      const before = lab.commands(serial)!.length;
      expect((await adb.run(['-s', serial, 'reboot'])).code).toBe(0);
      await expect.poll(booted, { timeout: 30_000, interval: 50 }).toBe(false);
      await expect.poll(booted, { timeout: 30_000 }).toBe(true);

      const during = lab
        .commands(serial)!
        .slice(before)
        .map((entry) => entry.command);
      const identityReads = during.filter((command) => command.includes('dumpsys battery'));
      const bootFlagPolls = during.filter((command) => command.startsWith('getprop sys.boot_completed'));
      // One read when it came back (still booting), one once booted; polls in between.
      expect(identityReads.length, during.join('\n')).toBeLessThanOrEqual(2);
      expect(bootFlagPolls.length, during.join('\n')).toBeGreaterThanOrEqual(2);
    } finally {
      manager.stop();
    }
  }, 90_000);
});

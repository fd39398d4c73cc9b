import { describe, expect, it, vi } from 'vitest';
import { createLabAndroidDevice } from '../../../native/lab/adb/device/index.ts';
import { Latency } from '../../../native/lab/adb/device/latency.ts';
import { eventsDuring, nextEvent, phone, sh, streamInstall, waitForBootCompleted } from './helpers.ts';

describe('RSA authorisation', () => {
  it('starts unauthorized and is authorised when the prompt is accepted, once', async () => {
    const d = phone();
    expect(d.isAuthorized()).toBe(false);
    const authorized = nextEvent(d, 'authorized');
    d.control.acceptRsaPrompt();
    expect(d.isAuthorized()).toBe(true);
    await expect(authorized).resolves.toEqual({ type: 'authorized' });
    d.control.acceptRsaPrompt();
    expect(await eventsDuring(d, 20)).toEqual([]);
    d.dispose();
  });

  it('accepts the prompt by itself after autoAcceptRsaAfterMs', async () => {
    const d = createLabAndroidDevice({ seed: 's', index: 1, latency: 'fast', autoAcceptRsaAfterMs: 5 });
    expect(d.isAuthorized()).toBe(false);
    await nextEvent(d, 'authorized');
    expect(d.isAuthorized()).toBe(true);
    d.dispose();
  });
});

describe('reboot', () => {
  it('drops off adb, clears sys.boot_completed, and comes back booted', async () => {
    const d = phone();
    d.control.acceptRsaPrompt();
    const offline = nextEvent(d, 'offline');
    d.reboot('');
    expect(d.phase).toBe('booting');
    expect(d.state.properties.get('sys.boot_completed')).toBeUndefined();
    await expect(sh(d, 'true')).rejects.toThrow(/not online/);
    expect(await offline).toEqual({ type: 'offline', reason: 'reboot' });
    await nextEvent(d, 'online');
    await waitForBootCompleted(d);
    expect(d.isAuthorized()).toBe(true);
    d.dispose();
  });

  it('is back on adb before sys.boot_completed is set, as adbd starts early in boot', () => {
    vi.useFakeTimers();
    try {
      const d = phone(); // fast model: 20 ms boot, adbd up at 60% of it
      const events: string[] = [];
      d.onLifecycle((e) => events.push(e.type));
      d.reboot('');
      vi.advanceTimersByTime(13);
      expect(events).toEqual(['offline', 'online']);
      expect(d.phase).toBe('online');
      expect(d.state.properties.get('sys.boot_completed')).toBeUndefined();
      vi.advanceTimersByTime(10);
      expect(d.state.properties.get('sys.boot_completed')).toBe('1');
      d.dispose();
    } finally {
      vi.useRealTimers();
    }
  });

  it('keeps installed apps and settings across a reboot started from the shell', async () => {
    const d = phone();
    await streamInstall(d, 'notesV1');
    await sh(d, 'settings put global stay_on_while_plugged_in 3');
    const online = nextEvent(d, 'online');
    expect((await sh(d, 'reboot')).rc).toBe(0);
    await online;
    expect((await sh(d, 'pm list packages -3')).stdout).toBe('package:org.depotline.sample.notes\n');
    expect((await sh(d, 'settings get global stay_on_while_plugged_in')).stdout).toBe('3\n');
    d.dispose();
  });

  it('aborts a hung install when the phone reboots', async () => {
    const d = phone();
    d.control.hangNextInstall();
    const pending = streamInstall(d, 'notesV1');
    await new Promise((r) => setTimeout(r, 10));
    d.reboot('');
    const r = await pending;
    expect(r.stdout).not.toContain('Success');
    await nextEvent(d, 'online');
    expect((await sh(d, 'pm list packages -3')).stdout).toBe('');
    d.dispose();
  });
});

describe('factory reset', () => {
  async function dirtyPhone(): Promise<ReturnType<typeof phone>> {
    const d = phone();
    d.control.acceptRsaPrompt();
    await streamInstall(d, 'notesV1');
    await sh(d, 'settings put secure my_key 42');
    await sh(d, 'echo data > /sdcard/Download/file.txt');
    d.control.addAccount('com.google', 'tech@example.com');
    return d;
  }

  it('via reboot recovery: wipes apps, settings, accounts and files, and stays off adb', async () => {
    const d = await dirtyPhone();
    const usedBefore = d.state.storage.usedBytes();
    const androidId = d.state.settings.get('secure', 'android_id');
    const events = eventsDuring(d, 80);
    d.reboot('recovery');
    expect(await events).toEqual([{ type: 'offline', reason: 'factory-reset' }]);
    expect(d.phase).toBe('adb-disabled');
    expect(d.isAuthorized()).toBe(false);
    const s = d.state;
    expect(s.packages.all().every((p) => p.system)).toBe(true);
    expect(s.accounts).toEqual([]);
    expect(s.settings.get('secure', 'user_setup_complete')).toBe('0');
    expect(s.settings.get('global', 'adb_enabled')).toBe('0');
    expect(s.settings.get('secure', 'my_key')).toBeUndefined();
    expect(s.settings.get('secure', 'android_id')).not.toBe(androidId);
    expect(s.fs.stat('/sdcard/Download/file.txt')).toBeUndefined();
    expect(s.storage.usedBytes()).toBeLessThan(usedBefore);
    expect(s.properties.get('sys.boot_completed')).toBe('1');
    d.dispose();
  });

  it('via cmd testharness enable: wipes, then returns on adb authorised with setup skipped', async () => {
    const d = await dirtyPhone();
    const offline = nextEvent(d, 'offline');
    const online = nextEvent(d, 'online');
    expect(await sh(d, 'cmd testharness enable')).toEqual({ stdout: '', stderr: '', rc: 0 });
    expect(await offline).toEqual({ type: 'offline', reason: 'factory-reset' });
    await online;
    await waitForBootCompleted(d);
    expect(d.isAuthorized()).toBe(true);
    expect((await sh(d, 'pm list packages -3')).stdout).toBe('');
    expect((await sh(d, 'dumpsys account | grep Accounts:')).stdout).toBe('  Accounts: 0\n');
    expect((await sh(d, 'getprop persist.sys.test_harness')).stdout).toBe('1\n');
    // TestHarnessModeService marks the device provisioned and re-enables adb after its wipe.
    expect(
      (await sh(d, 'settings get secure user_setup_complete; settings get global adb_enabled')).stdout,
    ).toBe('1\n1\n');
    expect((await sh(d, 'ls /sdcard/Download')).stdout).toBe('');
    d.dispose();
  });

  it('via the lab control: keepAdb decides whether the phone comes back', async () => {
    const kept = await dirtyPhone();
    const online = nextEvent(kept, 'online');
    kept.control.factoryReset({ keepAdb: true });
    await online;
    expect((await sh(kept, 'pm list packages -3')).stdout).toBe('');
    kept.dispose();

    const lost = await dirtyPhone();
    const events = eventsDuring(lost, 80);
    lost.control.factoryReset({ keepAdb: false });
    expect(await events).toEqual([{ type: 'offline', reason: 'factory-reset' }]);
    lost.dispose();
  });
});

describe('latency model', () => {
  it('makes installs take time proportional to size, and scales with the slowdown', () => {
    const fast = new Latency('fast');
    const realistic = new Latency('realistic');
    // A fixed part plus a part linear in the size.
    const perTenMb = realistic.installMs(20_000_000) - realistic.installMs(10_000_000);
    expect(perTenMb).toBeGreaterThan(100);
    expect(realistic.installMs(10_000_000) - realistic.installMs(0)).toBeCloseTo(perTenMb);
    expect(realistic.bootMs()).toBeGreaterThan(10_000);
    expect(fast.bootMs()).toBeLessThan(100);
    const before = realistic.installMs(1_000_000);
    realistic.setSlowdown(3);
    expect(realistic.installMs(1_000_000)).toBeCloseTo(before * 3);
    expect(() => realistic.setSlowdown(0)).toThrow(RangeError);
  });
});

// What a returned phone shows the repair bench, on the device model itself: the lock screen
// (locksettings), test harness support and its refusals, user files and find, a DPC that
// wipes on a configured action, and wipes that end otherwise (another phone, or none).
import { describe, expect, it } from 'vitest';
import { createLabAndroidDevice } from '../../../native/lab/adb/device/index.ts';
import { eventsDuring, nextEvent, phone, sh, streamInstall, waitForBootCompleted } from './helpers.ts';

const DPC = 'org.depotline.sample.dpc';

describe('screen lock (locksettings / cmd lock_settings)', () => {
  it('verifies without --old only while no PIN, pattern or password is set', async () => {
    const d = phone();
    expect(await sh(d, 'locksettings verify')).toEqual({
      stdout: 'Lock credential verified successfully\n',
      stderr: '',
      rc: 0,
    });
    expect((await sh(d, 'locksettings get-disabled')).stdout).toBe('false\n');
    d.control.setScreenLock({ kind: 'pin', credential: '4711' });
    const refused = await sh(d, 'cmd lock_settings verify');
    expect(refused.rc).toBe(255);
    expect(refused.stdout).toBe('');
    expect(refused.stderr).toMatch(
      /^Error while executing command: verify\njava\.lang\.IllegalArgumentException: Credential can't be null or empty\n\tat com\.android\.server\.locksettings\.LockSettingsService\./,
    );
    expect(await sh(d, 'locksettings verify --old 0000')).toEqual({
      stdout: "Old password '0000' didn't match\n",
      stderr: '',
      rc: 255,
    });
    expect((await sh(d, 'locksettings verify --old 4711')).stdout).toBe(
      'Lock credential verified successfully\n',
    );
    d.dispose();
  });

  it('sets and clears a credential as LockSettingsShellCommand prints it', async () => {
    const d = phone();
    expect((await sh(d, 'locksettings set-pin 1234')).stdout).toBe("Pin set to '1234'\n");
    expect(d.state.screenLock).toEqual({ kind: 'pin', credential: '1234' });
    expect((await sh(d, 'locksettings set-password --old 1234 hunter22')).stdout).toBe(
      "Password set to 'hunter22'\n",
    );
    expect((await sh(d, 'locksettings clear --old hunter22')).stdout).toBe('Lock credential cleared\n');
    expect((await sh(d, 'locksettings clear --old 1')).stdout).toBe(
      'Old password provided but user has no password\n',
    );
    expect((await sh(d, 'locksettings set-disabled true; locksettings get-disabled')).stdout).toBe(
      'Lock screen disabled set to true\ntrue\n',
    );
    d.dispose();
  });
});

describe('cmd testharness enable', () => {
  it('refuses with a lock screen (exit 2) and without a persistent data block (exit 1)', async () => {
    const d = phone();
    d.control.setScreenLock({ kind: 'pattern', credential: '14789' });
    expect(await sh(d, 'cmd testharness enable')).toEqual({
      stdout: '',
      stderr: 'Test Harness Mode cannot be enabled if there is a lock screen\n',
      rc: 2,
    });
    d.control.setScreenLock(undefined);
    d.control.setTestHarnessSupport(false);
    expect((await sh(d, 'getprop ro.frp.pst')).stdout).toBe('\n');
    expect(await sh(d, 'cmd testharness enable')).toEqual({
      stdout: '',
      stderr: 'Failed to enable Test Harness Mode\n',
      rc: 1,
    });
    expect(await eventsDuring(d, 40)).toEqual([]);
    d.dispose();
  });

  it('is missing on the catalogue’s non-GMS build, present elsewhere', async () => {
    const zebra = createLabAndroidDevice({ seed: 'conformance', index: 0, latency: 'fast' });
    expect(zebra.details.model).toBe('TC52');
    expect((await sh(zebra, 'getprop ro.frp.pst')).stdout).toBe('\n');
    expect((await sh(zebra, 'cmd testharness enable')).rc).toBe(1);
    zebra.dispose();
    const pixel = phone(0);
    expect((await sh(pixel, 'getprop ro.frp.pst')).stdout).toBe('/dev/block/by-name/frp\n');
    pixel.dispose();
  });
});

describe('user files', () => {
  it('holds files in shared storage that find lists and a wipe removes', async () => {
    const d = phone();
    d.control.acceptRsaPrompt();
    d.control.addUserFiles([
      { path: 'DCIM/Camera/IMG_20240601_101500.jpg', bytes: 2048 },
      { path: 'Download/invoice.pdf', bytes: 10 },
    ]);
    expect(await sh(d, 'find /sdcard/DCIM /sdcard/Download /sdcard/Recordings -type f')).toEqual({
      stdout: '/sdcard/DCIM/Camera/IMG_20240601_101500.jpg\n/sdcard/Download/invoice.pdf\n',
      stderr: "find: '/sdcard/Recordings': No such file or directory\n",
      rc: 1,
    });
    // /sdcard itself is a symlink: find does not follow it without -L or a trailing slash.
    expect((await sh(d, 'find /sdcard -type f')).stdout).toBe('');
    expect((await sh(d, 'find -L /sdcard -name "*.pdf"')).stdout).toBe('/sdcard/Download/invoice.pdf\n');
    expect((await sh(d, 'ls /sdcard/DCIM/Camera')).stdout).toBe('IMG_20240601_101500.jpg\n');
    expect(() => d.control.addUserFiles([{ path: '../data/x', bytes: 1 }])).toThrow(/plain path/);
    const online = nextEvent(d, 'online');
    d.control.factoryReset({ keepAdb: true });
    await online;
    expect((await sh(d, 'find /sdcard/DCIM /sdcard/Download -type f')).stdout).toBe('');
    d.dispose();
  });
});

describe('a DPC that wipes on a configured action', () => {
  it('wipes when its receiver gets the action, only while it is device owner', async () => {
    const d = phone();
    await streamInstall(d, 'dpc');
    const action = 'com.example.depot.action.ERASE';
    d.control.setDpcWipeAction(`${DPC}/.CommandReceiver`, action);
    const line = `am broadcast -a ${action} -n ${DPC}/.CommandReceiver`;
    expect((await sh(d, line)).stdout).toBe(
      `Broadcasting: Intent { act=${action} flg=0x400000 cmp=${DPC}/.CommandReceiver }\nBroadcast completed: result=0\n`,
    );
    expect(d.phase).toBe('online'); // not device owner yet: it may not wipe
    await sh(d, `dpm set-device-owner ${DPC}/.AdminReceiver`);
    // Another action, or the right one sent elsewhere, does nothing.
    await sh(d, `am broadcast -a ${action}.NOT -n ${DPC}/.CommandReceiver`);
    await sh(d, `am broadcast -a ${action} -n ${DPC}/.Nope`);
    expect(d.phase).toBe('online');
    const offline = nextEvent(d, 'offline');
    await sh(d, line);
    expect(await offline).toEqual({ type: 'offline', reason: 'factory-reset' });
    expect(d.state.dpcWipeActions).toEqual([]);
    expect(() => d.control.setDpcWipeAction('org.absent/.R', 'a.b')).toThrow(/not installed/);
    d.dispose();
  });
});

describe('how a wipe ends', () => {
  it('keeps serial and IMEI across a reset, or brings back another phone when told to', async () => {
    const d = phone(2);
    d.control.acceptRsaPrompt();
    const { serial, imei } = d.identity;
    let online = nextEvent(d, 'online');
    expect((await sh(d, 'cmd testharness enable')).rc).toBe(0);
    await online;
    await waitForBootCompleted(d);
    expect(d.identity).toMatchObject({ serial, imei });
    expect((await sh(d, 'getprop ro.serialno')).stdout).toBe(`${serial}\n`);

    d.control.setNextWipe('different-phone');
    online = nextEvent(d, 'online');
    await sh(d, 'cmd testharness enable');
    await online;
    await waitForBootCompleted(d);
    expect(d.serial).not.toBe(serial);
    expect(d.identity.imei).not.toBe(imei);
    expect((await sh(d, 'getprop ro.serialno')).stdout).toBe(`${d.serial}\n`);
    expect(d.isAuthorized()).toBe(true); // the test-harness wipe restored the host's key
    d.dispose();
  });

  it('never comes back when told so, until someone reboots it', async () => {
    const d = phone(1);
    d.control.setNextWipe('never-returns');
    const events = eventsDuring(d, 80);
    expect((await sh(d, 'cmd testharness enable')).rc).toBe(0);
    expect(await events).toEqual([{ type: 'offline', reason: 'factory-reset' }]);
    expect(d.phase).toBe('booting');
    const online = nextEvent(d, 'online');
    d.reboot('');
    await online;
    d.dispose();
  });
});

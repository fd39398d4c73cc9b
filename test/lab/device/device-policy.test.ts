import { describe, expect, it } from 'vitest';
import { nextEvent, phone, sh, streamInstall } from './helpers.ts';

const DPC = 'org.depotline.sample.dpc';
const ADMIN = `${DPC}/.AdminReceiver`;

describe('dpm set-device-owner', () => {
  it('makes the sample DPC device owner, as Android 12+ prints it', async () => {
    const d = phone(3);
    await streamInstall(d, 'dpc');
    expect(await sh(d, `dpm set-device-owner ${ADMIN}`)).toEqual({
      stdout: `Success: Device owner set to package ${ADMIN}\nActive admin set to component ${ADMIN}\n`,
      stderr: '',
      rc: 0,
    });
    const dump = (await sh(d, 'dumpsys device_policy')).stdout;
    expect(dump).toContain(
      `  Device Owner: \n    admin=ComponentInfo{${DPC}/${DPC}.AdminReceiver}\n    name=\n    package=${DPC}\n`,
    );
    expect(dump).toContain(
      '  Enabled Device Admins (User 0, provisioningState: 3):\n    org.depotline.sample.dpc/.AdminReceiver:\n',
    );
    expect((await sh(d, `pm uninstall ${DPC}`)).stdout).toBe(
      'Failure [DELETE_FAILED_DEVICE_POLICY_MANAGER]\n',
    );
    d.dispose();
  });

  it('prints the Android 11 wording on Android 11', async () => {
    const d = phone(0);
    await streamInstall(d, 'dpc');
    expect((await sh(d, `dpm set-device-owner ${ADMIN}`)).stdout).toBe(
      `Success: Device owner set to package ${DPC}\nActive admin set to component {${DPC}/${DPC}.AdminReceiver}\n`,
    );
    d.dispose();
  });

  it("refuses with Android's message when accounts exist", async () => {
    const d = phone(3);
    await streamInstall(d, 'dpc');
    d.control.addAccount('com.google', 'someone@example.com');
    expect((await sh(d, 'dumpsys account')).stdout).toContain(
      '  Accounts: 1\n    Account {name=someone@example.com, type=com.google}\n',
    );
    const r = await sh(d, `dpm set-device-owner ${ADMIN}`);
    expect(r.rc).toBe(255);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(
      /^\nException occurred while executing 'set-device-owner':\njava\.lang\.IllegalStateException: Not allowed to set the device owner because there are already some accounts on the device\n\tat com\.android\.server\.devicepolicy\./,
    );
    expect((await sh(d, 'dumpsys device_policy')).stdout).not.toContain('Device Owner:');
    d.dispose();
  });

  it('refuses a second owner, naming both', async () => {
    const d = phone(4);
    await streamInstall(d, 'dpc');
    await sh(d, `dpm set-device-owner ${ADMIN}`);
    const r = await sh(d, `cmd device_policy set-device-owner ${DPC}/${DPC}.AdminReceiver`);
    expect(r.stderr).toContain(
      `java.lang.IllegalStateException: Trying to set the device owner (${ADMIN}), but device owner (${ADMIN}) is already set.`,
    );
    d.dispose();
  });

  it('uses the bare app_process trace on Android 11, and rejects unknown admins', async () => {
    const d = phone(0);
    await streamInstall(d, 'dpc');
    d.control.addAccount('com.google', 'a@example.com');
    const refused = await sh(d, `dpm set-device-owner ${ADMIN}`);
    expect(refused.rc).toBe(1);
    expect(refused.stderr).toMatch(
      /^java\.lang\.IllegalStateException: Not allowed to set the device owner because there are already some accounts on the device\n\tat android\.os\.Parcel/,
    );
    const unknown = await sh(d, 'dpm set-device-owner org.nope/.Admin');
    expect(unknown.stderr).toContain('Error: Unknown admin: ComponentInfo{org.nope/org.nope.Admin}');
    d.dispose();
  });
});

describe('am', () => {
  it('starts a launcher activity and reports an unknown one', async () => {
    const d = phone();
    await streamInstall(d, 'scanner');
    expect(await sh(d, 'am start -n org.depotline.sample.scanner/.ScanActivity')).toEqual({
      stdout: 'Starting: Intent { cmp=org.depotline.sample.scanner/.ScanActivity }\n',
      stderr: '',
      rc: 0,
    });
    expect((await sh(d, 'am start -n org.depotline.sample.scanner/.Nope')).stdout).toBe(
      'Starting: Intent { cmp=org.depotline.sample.scanner/.Nope }\nError type 3\nError: Activity class {org.depotline.sample.scanner/org.depotline.sample.scanner.Nope} does not exist.\n',
    );
    expect((await sh(d, 'am start -a org.nothing.HERE')).stdout).toBe(
      'Starting: Intent { act=org.nothing.HERE }\nError: Activity not started, unable to resolve Intent { act=org.nothing.HERE flg=0x10000000 }\n',
    );
    d.dispose();
  });

  it('wipes the phone when the device-owner DPC receives its WIPE_DATA broadcast', async () => {
    const d = phone();
    await streamInstall(d, 'dpc');
    const action = `${DPC}.action.WIPE_DATA`;
    // Not yet device owner: the broadcast is delivered but the app has no power to wipe.
    expect((await sh(d, `am broadcast -a ${action} -p ${DPC}`)).stdout).toBe(
      `Broadcasting: Intent { act=${action} flg=0x400000 pkg=${DPC} }\nBroadcast completed: result=0\n`,
    );
    expect(d.phase).toBe('online');
    await sh(d, `dpm set-device-owner ${ADMIN}`);
    const offline = nextEvent(d, 'offline');
    await sh(d, `am broadcast -a ${action} -p ${DPC}`);
    expect(await offline).toEqual({ type: 'offline', reason: 'factory-reset' });
    expect(d.state.deviceOwner).toBeUndefined();
    expect(d.state.packages.get(DPC)).toBeUndefined();
    d.dispose();
  });

  it('refuses protected broadcasts from the shell', async () => {
    const d = phone();
    const r = await sh(d, 'am broadcast -a android.intent.action.BOOT_COMPLETED');
    expect(r.rc).toBe(255);
    expect(r.stderr).toContain(
      'java.lang.SecurityException: Permission Denial: not allowed to send broadcast android.intent.action.BOOT_COMPLETED from pid=',
    );
    d.dispose();
  });
});

import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { apkBytes, apks, phone, sh, streamInstall } from './helpers.ts';

const NOTES = 'org.depotline.sample.notes';

function dataUsedKb(dfOut: string): number {
  const row = dfOut.split('\n').find((l) => l.endsWith(' /data'));
  return Number(row?.split(/\s+/)[2]);
}

describe('installing real APKs', () => {
  it('takes package, version and signer from the APK, and every view agrees', async () => {
    const d = phone();
    const before = dataUsedKb((await sh(d, 'df /data')).stdout);
    expect(await streamInstall(d, 'notesV1')).toEqual({ stdout: 'Success\n', stderr: '', rc: 0 });

    expect((await sh(d, 'pm list packages -3')).stdout).toBe(`package:${NOTES}\n`);
    const listed = (await sh(d, 'pm list packages -3 -f --show-versioncode')).stdout;
    expect(listed).toMatch(
      new RegExp(
        `^package:/data/app/~~[\\w-]{22}==/${NOTES}-[\\w-]{22}==/base\\.apk=${NOTES} versionCode:1\\n$`,
      ),
    );
    const path = (await sh(d, `pm path ${NOTES}`)).stdout;
    expect(listed.startsWith(path.trimEnd())).toBe(true);

    const dump = (await sh(d, `dumpsys package ${NOTES}`)).stdout;
    expect(dump).toContain(`  Package [${NOTES}] (`);
    expect(dump).toMatch(/^ {4}versionCode=1 minSdk=21 targetSdk=34$/m);
    expect(dump).toMatch(/^ {4}versionName=1\.0$/m);
    expect(dump).toContain('      android.permission.INTERNET: granted=true');

    const size = (await apkBytes('notesV1')).length;
    const after = dataUsedKb((await sh(d, 'df /data')).stdout);
    // df counts whole KiB, so the change is the APK size rounded either way.
    expect(Math.abs(after - before - size / 1024)).toBeLessThan(1);
    d.dispose();
  });

  it('updates in place, refuses a downgrade unless -d, and refuses another signer', async () => {
    const d = phone();
    await streamInstall(d, 'notesV2');
    expect(await streamInstall(d, 'notesV1')).toEqual({
      stdout:
        'Failure [INSTALL_FAILED_VERSION_DOWNGRADE: Downgrade detected: Update version code 1 is older than current 2]\n',
      stderr: '',
      rc: 1,
    });
    expect((await sh(d, 'pm list packages --show-versioncode notes')).stdout).toBe(
      `package:${NOTES} versionCode:2\n`,
    );
    expect((await streamInstall(d, 'notesV1', '-d')).stdout).toBe('Success\n');
    expect((await sh(d, 'pm list packages --show-versioncode notes')).stdout).toBe(
      `package:${NOTES} versionCode:1\n`,
    );

    const rogue = await streamInstall(d, 'notesV2OtherKey');
    expect(rogue.stdout).toBe(
      `Failure [INSTALL_FAILED_UPDATE_INCOMPATIBLE: Existing package ${NOTES} signatures do not match newer version; ignoring!]\n`,
    );
    expect(rogue.rc).toBe(1);
    d.dispose();
  });

  it('rejects a file that is not an APK with INSTALL_PARSE_FAILED_NOT_APK', async () => {
    const d = phone();
    const text = await readFile((await apks()).notApk);
    const r = await sh(d, `cmd package install -S ${text.length}`, text);
    expect(r.stdout).toMatch(
      /^Failure \[INSTALL_PARSE_FAILED_NOT_APK: Failed to parse \/data\/app\/vmdl\d+\.tmp\/base\.apk\]\n$/,
    );
    expect((await sh(d, 'pm list packages -3')).stdout).toBe('');
    d.dispose();
  });

  it('refuses an APK modified after signing with INSTALL_PARSE_FAILED_NO_CERTIFICATES', async () => {
    const d = phone();
    const apk = Buffer.from(await apkBytes('bulky'));
    apk[apk.length >> 1] = (apk[apk.length >> 1] ?? 0) ^ 0xff; // inside the stored, incompressible asset
    const r = await sh(d, `cmd package install -S ${apk.length}`, apk);
    expect(r.stdout).toMatch(
      /^Failure \[INSTALL_PARSE_FAILED_NO_CERTIFICATES: Failed collecting certificates for \/data\/app\/vmdl\d+\.tmp\/base\.apk\]\n$/,
    );
    expect((await sh(d, 'pm list packages bulky')).stdout).toBe('');
    d.dispose();
  });

  it('fails with INSUFFICIENT_STORAGE when /data is full, and installs again once space is freed', async () => {
    const d = phone();
    d.control.fillStorage(d.state.storage.freeBytes());
    expect((await streamInstall(d, 'notesV1')).stdout).toBe(
      'Failure [INSTALL_FAILED_INSUFFICIENT_STORAGE: Failed to override installation location]\n',
    );
    d.control.fillStorage(0);
    expect((await streamInstall(d, 'notesV1')).stdout).toBe('Success\n');
    d.dispose();
  });

  it('refuses APKs for a newer SDK, and old targetSdk apps on Android 14+ unless bypassed', async () => {
    const android14 = phone(3);
    expect((await streamInstall(android14, 'future')).stdout).toBe(
      'Failure [INSTALL_FAILED_OLDER_SDK: Requires newer sdk version #99 (current version is #34)]\n',
    );
    expect((await streamInstall(android14, 'legacy')).stdout).toBe(
      'Failure [INSTALL_FAILED_DEPRECATED_SDK_VERSION: App package must target at least SDK version 23, but found 22]\n',
    );
    expect((await streamInstall(android14, 'legacy', '--bypass-low-target-sdk-block')).stdout).toBe(
      'Success\n',
    );
    const android11 = phone(0);
    expect((await streamInstall(android11, 'legacy')).stdout).toBe('Success\n');
    expect((await streamInstall(android11, 'future')).stdout).toMatch(
      /^Failure \[INSTALL_FAILED_OLDER_SDK: Failed parse during installPackageLI: \/data\/app\/vmdl\d+\.tmp\/base\.apk \(at Binary XML file line #7\): Requires newer sdk version #99 \(current version is #30\)\]\n$/,
    );
    android14.dispose();
    android11.dispose();
  });

  it('installs a pushed file with pm install, like adbkit does', async () => {
    const d = phone();
    d.fs.write('/data/local/tmp/scanner.apk', await apkBytes('scanner'), 0o644, 1_700_000_000);
    expect((await sh(d, 'pm install -r "/data/local/tmp/scanner.apk"')).stdout).toBe('Success\n');
    const missing = await sh(d, 'pm install /data/local/tmp/nope.apk');
    expect(missing.rc).toBe(255);
    expect(missing.stderr).toContain("Exception occurred while executing 'install':");
    d.dispose();
  });

  it('installs through a session: install-create, install-write from stdin, install-commit', async () => {
    const d = phone();
    const created = await sh(d, 'pm install-create -r -S 0');
    const id = /^Success: created install session \[(\d+)\]\n$/.exec(created.stdout)?.[1];
    expect(id).toBeDefined();
    const data = await apkBytes('kiosk');
    expect((await sh(d, `pm install-write -S ${data.length} ${id} base.apk -`, data)).stdout).toBe(
      `Success: streamed ${data.length} bytes\n`,
    );
    expect((await sh(d, `pm install-commit ${id}`)).stdout).toBe('Success\n');
    expect((await sh(d, 'pm list packages kiosk')).stdout).toBe('package:org.depotline.sample.kiosk\n');
    const gone = await sh(d, `pm install-commit ${id}`);
    expect(gone.rc).toBe(255);
    expect(gone.stderr).toContain(`java.lang.SecurityException: Caller has no access to session ${id}`);
    d.dispose();
  });

  it('reports a failure injected by the lab once, then installs normally', async () => {
    const d = phone();
    d.control.failNextInstall('INSTALL_FAILED_INSUFFICIENT_STORAGE');
    expect((await streamInstall(d, 'notesV1')).stdout).toBe(
      'Failure [INSTALL_FAILED_INSUFFICIENT_STORAGE: Failed to override installation location]\n',
    );
    expect((await streamInstall(d, 'notesV1')).stdout).toBe('Success\n');
    d.dispose();
  });
});

describe('uninstall and permissions', () => {
  it('uninstalls user apps and frees their storage; system apps only per user', async () => {
    const d = phone();
    const free0 = d.state.storage.freeBytes();
    await streamInstall(d, 'notesV1');
    expect(d.state.storage.freeBytes()).toBeLessThan(free0);
    expect(await sh(d, `pm uninstall ${NOTES}`)).toEqual({ stdout: 'Success\n', stderr: '', rc: 0 });
    expect(d.state.storage.freeBytes()).toBe(free0);
    expect(await sh(d, `pm uninstall ${NOTES}`)).toEqual({
      stdout: 'Failure [DELETE_FAILED_INTERNAL_ERROR]\n',
      stderr: '',
      rc: 1,
    });
    expect((await sh(d, 'pm uninstall com.android.chrome')).stdout).toBe(
      'Failure [DELETE_FAILED_INTERNAL_ERROR]\n',
    );
    expect((await sh(d, 'pm uninstall --user 0 com.android.chrome')).stdout).toBe('Success\n');
    expect((await sh(d, 'pm list packages chrome')).stdout).toBe('');
    expect((await sh(d, 'pm list packages -u chrome')).stdout).toBe('package:com.android.chrome\n');
    d.dispose();
  });

  it('grants and revokes runtime permissions, visible in dumpsys package', async () => {
    const d = phone();
    const pkg = 'org.depotline.sample.scanner';
    await streamInstall(d, 'scanner');
    const runtime = async (): Promise<string> => (await sh(d, `dumpsys package ${pkg} | grep CAMERA`)).stdout;
    expect(await runtime()).toContain('android.permission.CAMERA: granted=false');
    expect(await sh(d, `pm grant ${pkg} android.permission.CAMERA`)).toEqual({
      stdout: '',
      stderr: '',
      rc: 0,
    });
    expect(await runtime()).toContain('android.permission.CAMERA: granted=true');
    await sh(d, `pm revoke ${pkg} android.permission.CAMERA`);
    expect(await runtime()).toContain('android.permission.CAMERA: granted=false');

    const notRuntime = await sh(d, `pm grant ${pkg} android.permission.INTERNET`);
    expect(notRuntime.rc).toBe(255);
    expect(notRuntime.stderr).toMatch(
      /^\nException occurred while executing 'grant':\njava\.lang\.SecurityException: Permission android\.permission\.INTERNET requested by org\.depotline\.sample\.scanner is not a changeable permission type\n\tat /,
    );
    expect((await sh(d, `pm grant ${pkg} android.permission.READ_CONTACTS`)).stderr).toContain(
      `java.lang.SecurityException: Package ${pkg} has not requested permission android.permission.READ_CONTACTS`,
    );
    expect((await sh(d, 'pm grant org.nope android.permission.CAMERA')).stderr).toContain(
      'java.lang.IllegalArgumentException: Unknown package: org.nope',
    );
    d.dispose();
  });

  it('grants all runtime permissions at install time with -g', async () => {
    const d = phone();
    await streamInstall(d, 'scanner', '-g');
    const dump = (await sh(d, 'dumpsys package org.depotline.sample.scanner')).stdout;
    expect(dump).toContain('android.permission.ACCESS_FINE_LOCATION: granted=true');
    expect(dump).not.toContain('granted=false');
    d.dispose();
  });
});

// Samples are in the exact formats real devices print (AOSP toolbox getprop, BatteryService,
// AccountManagerService, Owners, toybox df, PackageManagerShellCommand, PackageDumper).
import { describe, expect, it } from 'vitest';
import { parseGetprop } from '../../../../native/adb/parsers/getprop.ts';
import { parseDumpsysBattery } from '../../../../native/adb/parsers/dumpsys-battery.ts';
import { parseDumpsysAccount } from '../../../../native/adb/parsers/dumpsys-account.ts';
import { parseDeviceOwner } from '../../../../native/adb/parsers/dumpsys-device-policy.ts';
import { parseDf } from '../../../../native/adb/parsers/df.ts';
import { parsePmListPackages } from '../../../../native/adb/parsers/pm-list-packages.ts';
import { parseDumpsysPackage } from '../../../../native/adb/parsers/dumpsys-package.ts';

describe('getprop', () => {
  it('reads every property, including empty values and values with brackets', () => {
    const props = parseGetprop(
      '[ro.product.model]: [SM-A546B]\r\n[ro.build.version.release]: [14]\n[ro.build.version.sdk]: [34]\n' +
        '[persist.sys.locale]: []\n[ro.build.fingerprint]: [samsung/a54xnseea/a54x:14/UP1A.231005.007/A546BXXS8CXF1:user/release-keys]\n' +
        '[weird.value]: [a]: [b]\n',
    );
    expect(props.get('ro.product.model')).toBe('SM-A546B');
    expect(props.get('ro.build.version.sdk')).toBe('34');
    expect(props.get('persist.sys.locale')).toBe('');
    expect(props.get('weird.value')).toBe('a]: [b');
  });

  it('refuses garbage instead of inventing a device', () => {
    expect(() => parseGetprop('/system/bin/sh: getprop: inaccessible or not found\n')).toThrow(
      /no properties/,
    );
    expect(() => parseGetprop('[ro.product.mod')).toThrow(/no properties/);
  });
});

describe('dumpsys battery', () => {
  const sample = `Current Battery Service state:
  AC powered: false
  USB powered: true
  Wireless powered: false
  Dock powered: false
  Max charging current: 500000
  Max charging voltage: 5000000
  Charge counter: 2854000
  status: 2
  health: 2
  present: true
  level: 87
  scale: 100
  voltage: 4231
  temperature: 281
  technology: Li-ion
`;
  it('reads level, health, status, temperature and power source', () => {
    expect(parseDumpsysBattery(sample)).toEqual({
      levelPercent: 87,
      health: 'good',
      status: 'charging',
      temperatureC: 28.1,
      pluggedIn: true,
    });
  });
  it('scales a level that is not out of 100, and knows an overheating battery', () => {
    const odd = sample
      .replace('level: 87', 'level: 50')
      .replace('scale: 100', 'scale: 200')
      .replace('health: 2', 'health: 3');
    expect(parseDumpsysBattery(odd)).toMatchObject({ levelPercent: 25, health: 'overheat' });
  });
  it('fails on a truncated reply', () => {
    expect(() => parseDumpsysBattery('Current Battery Service state:\n  AC powered: false\n')).toThrow(
      /no battery level/,
    );
  });
});

describe('dumpsys account', () => {
  it('lists accounts of every user', () => {
    const sample = `User UserInfo{0:Owner:c13}:
  Accounts: 2
    Account {name=kari.nordmann@gmail.com, type=com.google}
    Account {name=kari@example.no, type=com.microsoft.workaccount}

  Active Sessions: 0
`;
    expect(parseDumpsysAccount(sample)).toEqual([
      { name: 'kari.nordmann@gmail.com', type: 'com.google' },
      { name: 'kari@example.no', type: 'com.microsoft.workaccount' },
    ]);
    expect(parseDumpsysAccount('User UserInfo{0:Owner:c13}:\n  Accounts: 0\n')).toEqual([]);
  });
});

describe('dumpsys device_policy', () => {
  it('finds the device owner component', () => {
    const sample = `Current Device Policy Manager state:
  Immutable state:
    mHasFeature=true
    mIsWatch=false
  Device Owner:
    admin=ComponentInfo{com.google.android.apps.work.clouddpc/com.google.android.apps.work.clouddpc.receivers.CloudDeviceAdminReceiver}
    name=
    package=com.google.android.apps.work.clouddpc
    isOrganizationOwnedDevice=true
    User ID: 0
`;
    expect(parseDeviceOwner(sample)).toEqual({
      component:
        'com.google.android.apps.work.clouddpc/com.google.android.apps.work.clouddpc.receivers.CloudDeviceAdminReceiver',
      packageName: 'com.google.android.apps.work.clouddpc',
    });
  });
  it('says none when there is no owner section', () => {
    expect(
      parseDeviceOwner('Current Device Policy Manager state:\n  Immutable state:\n    mHasFeature=true\n'),
    ).toBeUndefined();
  });
});

describe('df', () => {
  it('reads the /data line in bytes', () => {
    const sample =
      'Filesystem       1K-blocks    Used Available Use% Mounted on\n/dev/block/dm-5  115404572 9873612 105399888   9% /data\n';
    expect(parseDf(sample)).toEqual({
      totalBytes: 115404572 * 1024,
      usedBytes: 9873612 * 1024,
      freeBytes: 105399888 * 1024,
    });
  });
  it('refuses a reply without /data', () => {
    expect(() => parseDf('df: /data: Permission denied\n')).toThrow(/no usable line/);
  });
});

describe('pm list packages', () => {
  it('reads names, paths with "=" in them and version codes', () => {
    const sample =
      'package:/data/app/~~Xk3Q_w==/org.depotline.notes-Yq9P1w==/base.apk=org.depotline.notes versionCode:42\n' +
      'package:/system/priv-app/Settings/Settings.apk=com.android.settings versionCode:34\n';
    expect(parsePmListPackages(sample)).toEqual([
      {
        packageName: 'org.depotline.notes',
        apkPath: '/data/app/~~Xk3Q_w==/org.depotline.notes-Yq9P1w==/base.apk',
        versionCode: 42,
      },
      {
        packageName: 'com.android.settings',
        apkPath: '/system/priv-app/Settings/Settings.apk',
        versionCode: 34,
      },
    ]);
    expect(parsePmListPackages('package:com.android.chrome\npackage:com.android.vending\n')).toEqual([
      { packageName: 'com.android.chrome' },
      { packageName: 'com.android.vending' },
    ]);
  });
});

describe('dumpsys package', () => {
  const sample = `Activity Resolver Table:
  Non-Data Actions:
      android.intent.action.MAIN:
        5c1e0a org.depotline.notes/.MainActivity filter 8f2d4a1

Packages:
  Package [org.depotline.notes] (2b9c3e1):
    userId=10234
    pkg=Package{6a0f1b2 org.depotline.notes}
    codePath=/data/app/~~Xk3Q_w==/org.depotline.notes-Yq9P1w==
    versionCode=42 minSdk=26 targetSdk=34
    versionName=1.4.2
    signatures=PackageSignatures{7f0c1d2 version:2, signatures:[a1b2c3d4], past signatures:[]}
    requested permissions:
      android.permission.CAMERA
      android.permission.ACCESS_FINE_LOCATION
    install permissions:
      android.permission.INTERNET: granted=true
    User 0: ceDataInode=131090 installed=true hidden=false suspended=false distractionFlags=0 stopped=false notLaunched=false enabled=0 instant=false virtual=false
      runtime permissions:
        android.permission.CAMERA: granted=true, flags=[ USER_SET|USER_SENSITIVE_WHEN_GRANTED|USER_SENSITIVE_WHEN_DENIED]
        android.permission.ACCESS_FINE_LOCATION: granted=false, flags=[ USER_SENSITIVE_WHEN_GRANTED|USER_SENSITIVE_WHEN_DENIED]

Queries:
  system apps queryable: false
`;
  it('reads version and runtime grants of the named package', () => {
    const parsed = parseDumpsysPackage(sample, 'org.depotline.notes');
    expect(parsed).toMatchObject({
      packageName: 'org.depotline.notes',
      versionCode: 42,
      versionName: '1.4.2',
    });
    expect(Object.fromEntries(parsed!.runtimePermissions)).toEqual({
      'android.permission.CAMERA': true,
      'android.permission.ACCESS_FINE_LOCATION': false,
    });
  });
  it('says not installed when the package is absent', () => {
    expect(parseDumpsysPackage('Packages:\n\nQueries:\n', 'org.depotline.notes')).toBeUndefined();
  });
});

describe('adb devices -l', () => {
  it('reads USB paths, TCP devices and unauthorized ones', async () => {
    const { parseAdbDevicesLong, slotKeyOf } = await import('../../../../native/adb/parsers/adb-devices.ts');
    const devices = parseAdbDevicesLong(`* daemon not running; starting now at tcp:5037
* daemon started successfully
List of devices attached
R58N123ABC             device usb:1-1.3 product:a54xnseea model:SM_A546B device:a54x transport_id:4
127.0.0.1:6100         device product:FP4 model:FP4 device:FP4 transport_id:1
0A4E853C               unauthorized usb:1-1.4 transport_id:2

`);
    expect(devices).toEqual([
      { serial: 'R58N123ABC', state: 'device', usbPath: '1-1.3', model: 'SM_A546B', transportId: '4' },
      { serial: '127.0.0.1:6100', state: 'device', usbPath: undefined, model: 'FP4', transportId: '1' },
      { serial: '0A4E853C', state: 'unauthorized', usbPath: '1-1.4', model: undefined, transportId: '2' },
    ]);
    expect(devices.map(slotKeyOf)).toEqual(['usb:1-1.3', 'tcp:127.0.0.1:6100', 'usb:1-1.4']);
  });
});

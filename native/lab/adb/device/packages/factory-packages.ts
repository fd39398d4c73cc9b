// The apps a phone ships with on its system partition. A factory reset brings the package
// table back to exactly this set; `pm list packages -3` is empty on a fresh phone.
import { createHash } from 'node:crypto';
import type { DeviceIdentity } from '../identity.ts';
import type { InstalledPackage } from './package-db.ts';

interface SystemApp {
  name: string;
  dir: string; // e.g. 'priv-app/SettingsGoogle'
  uid?: number; // shared system uids (android.uid.system = 1000, shell = 2000, phone = 1001)
  versionCode?: number; // default: the SDK level, as platform apps use
  versionName?: string;
  permissions?: string[];
}

const COMMON: SystemApp[] = [
  { name: 'android', dir: 'framework/framework-res', uid: 1000 },
  { name: 'com.android.settings', dir: 'priv-app/Settings', uid: 1000 },
  { name: 'com.android.systemui', dir: 'priv-app/SystemUI' },
  { name: 'com.android.shell', dir: 'priv-app/Shell', uid: 2000 },
  { name: 'com.android.phone', dir: 'priv-app/TeleService', uid: 1001 },
  { name: 'com.android.providers.settings', dir: 'priv-app/SettingsProvider', uid: 1000 },
  { name: 'com.android.providers.media.module', dir: 'priv-app/MediaProviderGoogle' },
  { name: 'com.android.managedprovisioning', dir: 'priv-app/ManagedProvisioning' },
  { name: 'com.android.bluetooth', dir: 'app/Bluetooth' },
  { name: 'com.android.nfc', dir: 'app/NfcNci', uid: 1027 },
  { name: 'com.android.certinstaller', dir: 'app/CertInstaller' },
  { name: 'com.android.keychain', dir: 'app/KeyChain', uid: 1000 },
  { name: 'com.google.android.packageinstaller', dir: 'priv-app/GooglePackageInstaller' },
  { name: 'com.google.android.permissioncontroller', dir: 'priv-app/GooglePermissionController' },
  {
    name: 'com.google.android.gms',
    dir: 'priv-app/PrebuiltGmsCore',
    versionCode: 243935037,
    versionName: '24.39.35 (190400-680883373)',
  },
  { name: 'com.google.android.gsf', dir: 'priv-app/GoogleServicesFramework' },
  {
    name: 'com.android.vending',
    dir: 'priv-app/Phonesky',
    versionCode: 84251930,
    versionName: '42.5.19-31 [0] [PR] 684335291',
  },
  { name: 'com.android.chrome', dir: 'app/Chrome', versionCode: 672705333, versionName: '129.0.6668.100' },
  {
    name: 'com.google.android.inputmethod.latin',
    dir: 'app/LatinIMEGooglePrebuilt',
    versionCode: 143917223,
    versionName: '14.3.05.646482735-release-arm64-v8a',
  },
  {
    name: 'com.google.android.apps.messaging',
    dir: 'app/PrebuiltBugle',
    versionCode: 180220045,
    versionName: 'messages.android_20240916_00_RC00.phone_dynamic',
  },
  {
    name: 'com.google.android.dialer',
    dir: 'priv-app/GoogleDialer',
    versionCode: 20143000,
    versionName: '147.0.684419543',
  },
  {
    name: 'com.google.android.webview',
    dir: 'app/WebViewGoogle',
    versionCode: 672705333,
    versionName: '129.0.6668.100',
  },
];

const LAUNCHERS: Record<string, SystemApp> = {
  google: { name: 'com.google.android.apps.nexuslauncher', dir: 'priv-app/NexusLauncherRelease' },
  samsung: {
    name: 'com.sec.android.app.launcher',
    dir: 'priv-app/TouchWizHome_2017',
    versionCode: 1500000000,
    versionName: '15.0.03.48',
  },
  Zebra: { name: 'com.android.launcher3', dir: 'priv-app/Launcher3QuickStep' },
  motorola: { name: 'com.motorola.launcher3', dir: 'priv-app/MotoLauncher3QuickStep' },
  Xiaomi: {
    name: 'com.miui.home',
    dir: 'priv-app/MiuiHome',
    versionCode: 451300012,
    versionName: 'RELEASE-4.51.3.1200-09011712',
  },
  OnePlus: {
    name: 'net.oneplus.launcher',
    dir: 'priv-app/OPLauncher2',
    versionCode: 150000000,
    versionName: '15.0.0',
  },
  Fairphone: { name: 'com.android.launcher3', dir: 'priv-app/Launcher3QuickStep' },
};

const VENDOR_EXTRAS: Record<string, SystemApp[]> = {
  samsung: [
    {
      name: 'com.samsung.android.knox.containercore',
      dir: 'priv-app/KnoxCore',
      versionCode: 1060000000,
      versionName: '1.6.00.0',
    },
  ],
  Zebra: [
    { name: 'com.symbol.datawedge', dir: 'priv-app/DataWedge', versionCode: 1313, versionName: '13.1.13' },
  ],
};

/** A stable fake platform certificate digest per brand: system apps are signed by the vendor's platform key. */
function platformSigner(brand: string): string {
  return createHash('sha256').update(`platform-key:${brand}`).digest('hex');
}

export function factoryPackages(id: DeviceIdentity): InstalledPackage[] {
  const apps = [
    ...COMMON,
    ...(LAUNCHERS[id.brand] ? [LAUNCHERS[id.brand] as SystemApp] : []),
    ...(VENDOR_EXTRAS[id.brand] ?? []),
  ];
  const signer = platformSigner(id.brand);
  let uid = 10_100;
  return apps.map((app): InstalledPackage => {
    const file = app.dir.split('/').at(-1) as string;
    const codePath = app.name === 'android' ? '/system/framework' : `/system/${app.dir}`;
    return {
      packageName: app.name,
      versionCode: app.versionCode ?? id.sdk,
      versionName: app.versionName ?? id.androidRelease,
      minSdk: id.sdk,
      targetSdk: id.sdk,
      codePath,
      apkPath: `${codePath}/${file}.apk`,
      system: true,
      sizeBytes: 0, // lives on /system, not on /data
      signers: [signer],
      requestedPermissions: app.permissions ?? [],
      grantedPermissions: new Set(app.permissions ?? []),
      deviceAdminReceivers: [],
      launcherActivities: [],
      receiverActions: {},
      userId: app.uid ?? uid++,
      firstInstallTime: id.buildDateUtc * 1000,
      lastUpdateTime: id.buildDateUtc * 1000,
      installer: null,
      hiddenForUser: false,
    };
  });
}

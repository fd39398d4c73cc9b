// System properties as `getprop` shows them. Values mirror what the identity says, so the
// CNXN banner, getprop and dumpsys never disagree about which phone this is.
import type { DeviceIdentity } from './identity.ts';

/** Android 14 started refusing installs of apps targeting very old SDKs (ro.build.version.min_supported_target_sdk). */
function minSupportedTargetSdk(sdk: number): number | undefined {
  if (sdk >= 35) return 24;
  if (sdk >= 34) return 23;
  return undefined;
}

function buildDate(utcSeconds: number): string {
  // `date` style as in ro.build.date, e.g. "Wed Jul  3 20:00:00 UTC 2024".
  const d = new Date(utcSeconds * 1000);
  const day = d.toLocaleString('en-US', { weekday: 'short', timeZone: 'UTC' });
  const month = d.toLocaleString('en-US', { month: 'short', timeZone: 'UTC' });
  const time = d.toISOString().slice(11, 19);
  return `${day} ${month} ${String(d.getUTCDate()).padStart(2, ' ')} ${time} UTC ${d.getUTCFullYear()}`;
}

export function factoryProperties(id: DeviceIdentity): Map<string, string> {
  const p = new Map<string, string>();
  const set = (k: string, v: string | number): void => void p.set(k, String(v));
  set('ro.serialno', id.serial);
  set('ro.boot.serialno', id.serial);
  for (const partition of ['', 'system.', 'vendor.', 'odm.', 'product.']) {
    set(`ro.product.${partition}brand`, id.brand);
    set(`ro.product.${partition}device`, id.device);
    set(`ro.product.${partition}manufacturer`, id.manufacturer);
    set(`ro.product.${partition}model`, id.model);
    set(`ro.product.${partition}name`, id.product);
  }
  set('ro.product.board', id.device);
  set('ro.product.cpu.abi', 'arm64-v8a');
  set('ro.product.cpu.abilist', 'arm64-v8a,armeabi-v7a,armeabi');
  set('ro.product.cpu.abilist32', 'armeabi-v7a,armeabi');
  set('ro.product.cpu.abilist64', 'arm64-v8a');
  set('ro.product.locale', 'en-US');
  set('ro.product.first_api_level', Math.min(id.sdk, 30));
  set('ro.build.id', id.buildId);
  set('ro.build.display.id', `${id.buildId} release-keys`);
  set('ro.build.version.release', id.androidRelease);
  set('ro.build.version.release_or_codename', id.androidRelease);
  set('ro.build.version.sdk', id.sdk);
  set('ro.build.version.codename', 'REL');
  set('ro.build.version.all_codenames', 'REL');
  set('ro.build.version.preview_sdk', 0);
  set('ro.build.version.incremental', id.incremental);
  set('ro.build.version.security_patch', id.securityPatch);
  const minTarget = minSupportedTargetSdk(id.sdk);
  if (minTarget !== undefined) set('ro.build.version.min_supported_target_sdk', minTarget);
  set('ro.build.fingerprint', id.fingerprint);
  set('ro.system.build.fingerprint', id.fingerprint);
  set('ro.vendor.build.fingerprint', id.fingerprint);
  set('ro.bootimage.build.fingerprint', id.fingerprint);
  set('ro.build.type', 'user');
  set('ro.build.tags', 'release-keys');
  set('ro.build.flavor', `${id.product}-user`);
  set('ro.build.product', id.device);
  set('ro.build.characteristics', 'nosdcard');
  set('ro.build.date', buildDate(id.buildDateUtc));
  set('ro.build.date.utc', id.buildDateUtc);
  set('ro.build.user', 'android-build');
  set('ro.build.host', 'abfarm-release');
  set('ro.hardware', id.device);
  set('ro.boot.hardware', id.device);
  set('ro.debuggable', 0);
  set('ro.secure', 1);
  set('ro.adb.secure', 1);
  set('ro.crypto.state', 'encrypted');
  set('ro.crypto.type', 'file');
  set('ro.boot.verifiedbootstate', 'green');
  set('ro.boot.flash.locked', 1);
  set('ro.oem_unlock_supported', 1);
  set('ro.treble.enabled', 'true');
  set('ro.opengles.version', 196610);
  set('ro.sf.lcd_density', 420);
  set('ro.zygote', 'zygote64_32');
  set('persist.sys.timezone', 'Europe/Berlin');
  set('persist.sys.usb.config', 'mtp,adb');
  set('sys.usb.config', 'mtp,adb');
  set('sys.usb.state', 'mtp,adb');
  set('sys.usb.ffs.ready', 1);
  set('gsm.sim.state', 'ABSENT');
  set('gsm.version.baseband', `g5300-${id.incremental.slice(0, 6)}`);
  set('net.bt.name', 'Android');
  set('init.svc.adbd', 'running');
  set('persist.sys.test_harness', 0);
  // SystemServer starts PersistentDataBlockService (and with it FRP and test harness storage) only when this is set.
  if (id.persistentDataBlock !== undefined) set('ro.frp.pst', id.persistentDataBlock);
  return p;
}

/** Properties that only exist once boot has finished; the device adds them when it comes up. */
export const BOOT_COMPLETE_PROPERTIES: ReadonlyArray<[string, string]> = [
  ['sys.boot_completed', '1'],
  ['dev.bootcomplete', '1'],
  ['init.svc.bootanim', 'stopped'],
  ['service.bootanim.exit', '1'],
];

// Everything a virtual phone remembers, in one place, so that each command reads the same
// truth: packages, settings, accounts, device owner, battery, properties and files.
import { DeviceFs } from './fs.ts';
import type { DeviceIdentity } from './identity.ts';
import { PackageDb } from './packages/package-db.ts';
import { SessionTable } from './packages/sessions.ts';
import { BOOT_COMPLETE_PROPERTIES, factoryProperties } from './properties.ts';
import { SettingsStore } from './settings-store.ts';
import { DataStorage } from './storage.ts';

export interface Account {
  type: string;
  name: string;
}

export type BatteryHealth = 'good' | 'overheat' | 'dead' | 'cold';

export interface BatteryState {
  level: number;
  health: BatteryHealth;
  charging: boolean;
  temperatureTenthsC: number;
  voltageMv: number;
}

export interface DeviceOwner {
  packageName: string;
  /** Fully-qualified receiver class name. */
  receiver: string;
  /** The name dpm was given (`--name`), shown in dumpsys device_policy. */
  name: string;
}

/** A secure lock screen (LockSettingsService's credential): what `locksettings` checks --old against. */
export interface ScreenLock {
  kind: 'pin' | 'pattern' | 'password';
  credential: string;
}

/** The depot's DPC wipes itself when this receiver gets this action (its managed configuration says so). */
export interface DpcWipeAction {
  packageName: string;
  /** Fully-qualified receiver class name. */
  receiver: string;
  action: string;
}

export class DeviceState {
  readonly identity: DeviceIdentity;
  readonly storage: DataStorage;
  readonly fs: DeviceFs;
  readonly packages: PackageDb;
  readonly sessions: SessionTable;
  readonly settings: SettingsStore;
  readonly properties: Map<string, string>;
  readonly battery: BatteryState;
  accounts: Account[] = [];
  deviceOwner: DeviceOwner | undefined;
  /** `wm size` / `wm density` overrides (stored in global settings on a phone, so a wipe clears them). */
  display: { size?: string; density?: string } = {};
  /** Active device admins as "package/fully.qualified.Receiver". */
  activeAdmins: string[] = [];
  /** PIN, pattern or password; undefined: none or swipe. Credentials live on /data, so a wipe clears it. */
  screenLock: ScreenLock | undefined;
  /** Wipe actions configured for installed DPCs (their app data: a wipe clears them too). */
  dpcWipeActions: DpcWipeAction[] = [];
  /** How many times the phone has been wiped; feeds values that change per reset (ANDROID_ID). */
  resetCount = 0;
  /** Millisecond timestamp of the last boot, for uptime-style outputs. */
  bootedAtMs = Date.now();

  constructor(identity: DeviceIdentity) {
    this.identity = identity;
    this.storage = new DataStorage(identity.dataPartitionBytes, identity.dataBaselineUsedBytes);
    this.fs = new DeviceFs(this.storage, Math.floor(Date.now() / 1000));
    this.packages = new PackageDb(identity);
    this.sessions = new SessionTable(identity.serial);
    this.settings = new SettingsStore(identity);
    this.properties = factoryProperties(identity);
    this.markBootCompleted(true);
    this.battery = {
      level: identity.batteryLevel,
      health: 'good',
      charging: true,
      temperatureTenthsC: identity.batteryTemperatureTenthsC,
      voltageMv: 3700 + Math.round(identity.batteryLevel * 5),
    };
  }

  get testHarness(): boolean {
    return this.properties.get('persist.sys.test_harness') === '1';
  }

  /** `cmd testharness enable` needs a persistent data block to keep the adb keys across the wipe. */
  get hasPersistentDataBlock(): boolean {
    return (this.properties.get('ro.frp.pst') ?? '') !== '';
  }

  markBootCompleted(done: boolean): void {
    for (const [key, value] of BOOT_COMPLETE_PROPERTIES) {
      if (done) this.properties.set(key, value);
      else this.properties.delete(key);
    }
  }

  /**
   * A factory reset: the system partition is untouched, everything on /data goes. Test
   * harness mode survives (that is its point) and so does adb with its keys.
   */
  wipeData(options: { testHarness: boolean }): void {
    this.resetCount++;
    this.packages.resetToFactory();
    this.sessions.clear();
    this.storage.wipe();
    this.fs.wipe();
    this.accounts = [];
    this.deviceOwner = undefined;
    this.activeAdmins = [];
    this.screenLock = undefined;
    this.dpcWipeActions = [];
    this.display = {};
    this.settings.resetToFactory(this.identity, this.resetCount);
    this.properties.set('persist.sys.test_harness', options.testHarness ? '1' : '0');
    if (options.testHarness) this.applyTestHarnessSetup();
  }

  /**
   * What TestHarnessModeService does on the first boot after its wipe: mark the device
   * provisioned (skipping the setup wizard), disable the lock screen, re-enable adb with
   * the saved keys and turn off things that interfere with automation.
   */
  private applyTestHarnessSetup(): void {
    const s = this.settings;
    s.put('global', 'device_provisioned', '1');
    s.put('secure', 'user_setup_complete', '1');
    s.put('secure', 'lockscreen.disabled', '1');
    s.put('global', 'adb_allowed_connection_time', '0');
    s.put('global', 'adb_enabled', '1');
    s.put('global', 'development_settings_enabled', '1');
    s.put('global', 'package_verifier_include_adb', '0');
    s.put('global', 'stay_on_while_plugged_in', '7');
    s.put('global', 'ota_disable_automatic_update', '1');
  }
}

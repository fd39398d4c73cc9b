// The three settings tables `settings` reads and writes. Defaults are those of a phone that
// finished setup with developer options and USB debugging on (how phones reach a depot bench).
import type { DeviceIdentity } from './identity.ts';
import { SeededRandom } from './prng.ts';

export type SettingsNamespace = 'global' | 'secure' | 'system';
export const SETTINGS_NAMESPACES: readonly SettingsNamespace[] = ['global', 'secure', 'system'];

function defaults(id: DeviceIdentity, resetCount: number): Record<SettingsNamespace, Record<string, string>> {
  // ANDROID_ID changes with every factory reset on a real phone.
  const androidId = new SeededRandom('android_id', id.serial, resetCount).chars('0123456789abcdef', 16);
  return {
    global: {
      adb_enabled: '1',
      airplane_mode_on: '0',
      animator_duration_scale: '1.0',
      auto_time: '1',
      auto_time_zone: '1',
      bluetooth_on: '1',
      boot_count: String(3 + resetCount),
      development_settings_enabled: '1',
      device_name: id.model,
      device_provisioned: '1',
      mobile_data: '1',
      package_verifier_user_consent: '1',
      stay_on_while_plugged_in: '0',
      transition_animation_scale: '1.0',
      usb_mass_storage_enabled: '1',
      verifier_verify_adb_installs: '1',
      wifi_on: '1',
      window_animation_scale: '1.0',
    },
    secure: {
      android_id: androidId,
      backup_enabled: '0',
      default_input_method: 'com.google.android.inputmethod.latin/com.android.inputmethod.latin.LatinIME',
      enabled_input_methods: 'com.google.android.inputmethod.latin/com.android.inputmethod.latin.LatinIME',
      install_non_market_apps: '1',
      location_mode: '3',
      'lockscreen.disabled': '0',
      screensaver_enabled: '0',
      skip_first_use_hints: '0',
      user_setup_complete: '1',
    },
    system: {
      accelerometer_rotation: '1',
      dim_screen: '1',
      font_scale: '1.0',
      haptic_feedback_enabled: '1',
      screen_brightness: '102',
      screen_brightness_mode: '1',
      screen_off_timeout: '30000',
      sound_effects_enabled: '1',
      time_12_24: '24',
    },
  };
}

export class SettingsStore {
  private tables: Record<SettingsNamespace, Map<string, string>>;

  constructor(identity: DeviceIdentity, resetCount = 0) {
    this.tables = SettingsStore.fresh(identity, resetCount);
  }

  private static fresh(
    identity: DeviceIdentity,
    resetCount: number,
  ): Record<SettingsNamespace, Map<string, string>> {
    const d = defaults(identity, resetCount);
    return {
      global: new Map(Object.entries(d.global)),
      secure: new Map(Object.entries(d.secure)),
      system: new Map(Object.entries(d.system)),
    };
  }

  /** After a wipe the setup wizard has not run: not provisioned, setup incomplete, adb off. */
  resetToFactory(identity: DeviceIdentity, resetCount: number): void {
    this.tables = SettingsStore.fresh(identity, resetCount);
    this.put('global', 'device_provisioned', '0');
    this.put('secure', 'user_setup_complete', '0');
    this.put('global', 'adb_enabled', '0');
    this.put('global', 'development_settings_enabled', '0');
  }

  get(ns: SettingsNamespace, key: string): string | undefined {
    return this.tables[ns].get(key);
  }

  put(ns: SettingsNamespace, key: string, value: string): void {
    this.tables[ns].set(key, value);
  }

  delete(ns: SettingsNamespace, key: string): boolean {
    return this.tables[ns].delete(key);
  }

  entries(ns: SettingsNamespace): Array<[string, string]> {
    return [...this.tables[ns]];
  }
}

// What a shell command may use of its phone: the shared state, the latency model and the
// few lifecycle actions commands can trigger (reboot, wipe). Commands never see the lab
// controls or the transport.
import type { RebootTarget } from '../virtual-device-api.ts';
import type { Latency } from './latency.ts';
import type { InstallLock } from './packages/install-lock.ts';
import type { DeviceState } from './state.ts';

/** Faults the lab injected into the next install (see LabDeviceControls). */
export interface InstallFaults {
  failNext: string | undefined;
  hangNext: boolean;
}

export interface DeviceServices {
  readonly state: DeviceState;
  readonly latency: Latency;
  readonly installFaults: InstallFaults;
  /** One install at a time on this phone, as PackageManagerService does. */
  readonly installLock: InstallLock;
  /** Aborted when the phone reboots or is wiped: whatever was running on it dies. */
  readonly bootSignal: AbortSignal;
  reboot(target: RebootTarget): void;
  /** Wipes /data. testHarness keeps adb (and its keys) enabled across the wipe. */
  wipe(options: { testHarness: boolean }): void;
  /**
   * Runs an action on a later turn, for commands whose effect (a reboot, a wipe) follows
   * their exit status on a real phone, so the client still receives that status.
   */
  defer(action: () => void): void;
}

// The seam between the ADB transport (which speaks the wire protocol to the adb server)
// and the virtual Android phone behind it (its state and the exact text its commands
// print). The transport only ever talks to a device through this interface, so each side
// can be tested on its own and the device model can serve other front ends (the control
// API, training scenarios) unchanged.

/** Where a shell command writes; the transport turns these into shell_v2 packets or plain WRTEs. */
export interface ShellIO {
  stdout(chunk: Buffer | string): void;
  stderr(chunk: Buffer | string): void;
  /** Bytes the client streams to the command (e.g. an APK for `cmd package install -S N`). */
  stdin: AsyncIterable<Buffer>;
  /** Aborted when the client closes the stream or the device is yanked. */
  signal: AbortSignal;
}

/** A stat as the sync protocol reports it (STA2 carries more; these are what a phone fills in). */
export interface FileStat {
  mode: number; // full st_mode, e.g. 0o100644 for a regular file, 0o040755 for a directory
  size: number;
  mtimeSeconds: number;
}

export interface DirEntry extends FileStat {
  name: string;
}

/** Errors a device filesystem raises; the transport maps them to sync FAIL messages. */
export class DeviceFsError extends Error {
  readonly code: 'ENOENT' | 'EACCES' | 'ENOSPC' | 'EISDIR' | 'ENOTDIR' | 'EINVAL';
  constructor(code: DeviceFsError['code'], message: string) {
    super(message);
    this.code = code;
  }
}

export interface VirtualDeviceFs {
  stat(path: string): FileStat | undefined;
  list(path: string): DirEntry[];
  read(path: string): Buffer;
  /** Whole-file write at the end of a SEND; throws ENOSPC when the data partition is full. */
  write(path: string, data: Buffer, mode: number, mtimeSeconds: number): void;
}

export type RebootTarget = '' | 'recovery' | 'bootloader' | 'sideload';

export type DeviceLifecycleEvent =
  | { type: 'authorized' } // the user tapped "Allow" on the RSA prompt
  | { type: 'offline'; reason: 'reboot' | 'factory-reset' | 'unplugged' | 'yanked' }
  | { type: 'online' }; // booted and adb is enabled again

export interface VirtualAndroidDevice {
  readonly serial: string;
  /** Properties for the CNXN banner: ro.product.name, ro.product.model, ro.product.device. */
  bannerProperties(): Record<string, string>;
  isAuthorized(): boolean;
  /** Runs one shell command line as /system/bin/sh would; resolves to its exit code. */
  runShell(commandLine: string, io: ShellIO): Promise<number>;
  readonly fs: VirtualDeviceFs;
  reboot(target: RebootTarget): void;
  onLifecycle(listener: (event: DeviceLifecycleEvent) => void): () => void;
}

/** What the lab controller (and its HTTP control API) can do to a virtual phone. */
export interface LabDeviceControls {
  acceptRsaPrompt(): void;
  addAccount(type: string, name: string): void;
  setBattery(update: {
    level?: number;
    health?: 'good' | 'overheat' | 'dead' | 'cold';
    charging?: boolean;
    temperatureTenthsC?: number;
  }): void;
  /** Occupies this many bytes of /data so installs and pushes meet a full disk. */
  fillStorage(bytes: number): void;
  /** The next install fails with this Android failure code (e.g. INSTALL_FAILED_INSUFFICIENT_STORAGE). */
  failNextInstall(code: string): void;
  /** The next install never completes (until the device is yanked or rebooted). */
  hangNextInstall(): void;
  /** Multiplies every latency of this device (1 = its model's normal speed). */
  setSlowdown(factor: number): void;
  factoryReset(options: { keepAdb: boolean }): void;
  /** A PIN, pattern or password on the lock screen; undefined removes it. */
  setScreenLock(lock: { kind: 'pin' | 'pattern' | 'password'; credential: string } | undefined): void;
  /** Whether the build has a persistent data block (ro.frp.pst), which `cmd testharness enable` needs. */
  setTestHarnessSupport(supported: boolean): void;
  /** Files a user left in shared storage; `path` is relative to /sdcard (e.g. DCIM/Camera/IMG_1.jpg). */
  addUserFiles(files: readonly { path: string; bytes: number }[]): void;
  /** The device-owner DPC's receiver `component` ("pkg/.Receiver") wipes the phone on `action`. */
  setDpcWipeAction(component: string, action: string): void;
  /** How the next wipe ends: this phone back, another phone back (identity changed), or nothing back. */
  setNextWipe(outcome: NextWipeOutcome): void;
}

export type NextWipeOutcome = 'same-phone' | 'different-phone' | 'never-returns';

export type LatencyModel = 'fast' | 'realistic';

export interface LabDeviceOptions {
  /** Seed and index make the identity deterministic: same seed + index → same phone. */
  seed: string;
  index: number;
  latency: LatencyModel;
  /** New phones start unauthorized; the prompt is accepted after this many ms (undefined: only on command). */
  autoAcceptRsaAfterMs?: number;
}

/** One shell command line as the phone received it (the lab's own record, for tests and trainers). */
export interface LabCommand {
  at: string;
  command: string;
}

export interface LabAndroidDevice extends VirtualAndroidDevice {
  /** The most recent command lines this phone ran, oldest first (bounded). */
  commandLog(): readonly LabCommand[];
  readonly identity: {
    serial: string;
    imei: string;
    manufacturer: string;
    model: string;
    androidRelease: string;
    sdk: number;
  };
  readonly control: LabDeviceControls;
}

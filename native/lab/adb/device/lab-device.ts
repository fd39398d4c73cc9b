// One virtual phone: its state, its shell and its life (boot, reboot, wipe, RSA prompt).
// This is the object the ADB transport talks to through VirtualAndroidDevice.
import type {
  DeviceLifecycleEvent,
  LabAndroidDevice,
  LabCommand,
  LabDeviceControls,
  LabDeviceOptions,
  RebootTarget,
  ShellIO,
  VirtualDeviceFs,
} from '../virtual-device-api.ts';
import { commandTable } from './commands/index.ts';
import { generateIdentity, type DeviceIdentity } from './identity.ts';
import { Latency } from './latency.ts';
import { LifecycleHub } from './lifecycle.ts';
import type { DeviceServices, InstallFaults } from './services.ts';
import { Shell } from './shell/interpreter.ts';
import { DeviceState } from './state.ts';

/** 'online': adbd is up; 'booting': rebooting or wiping; 'adb-disabled': booted, but a wipe turned USB debugging off. */
export type DevicePhase = 'online' | 'booting' | 'adb-disabled';

/** Enough for a whole staging run and a repair; older entries fall off. */
const COMMAND_LOG_LIMIT = 5_000;

const SHELL_ENV: ReadonlyArray<[string, string]> = [
  [
    'PATH',
    '/product/bin:/apex/com.android.runtime/bin:/apex/com.android.art/bin:/system_ext/bin:/system/bin:/system/xbin:/odm/bin:/vendor/bin:/vendor/xbin',
  ],
  ['HOME', '/'],
  ['SHELL', '/bin/sh'],
  ['USER', 'shell'],
  ['HOSTNAME', 'localhost'],
  ['TMPDIR', '/data/local/tmp'],
  ['EXTERNAL_STORAGE', '/sdcard'],
  ['ANDROID_DATA', '/data'],
  ['ANDROID_ROOT', '/system'],
];

export class VirtualPhone implements LabAndroidDevice {
  readonly serial: string;
  readonly details: DeviceIdentity;
  private readonly commandsReceived: LabCommand[] = [];
  readonly identity: LabAndroidDevice['identity'];
  readonly control: LabDeviceControls;
  readonly state: DeviceState;
  private readonly latency: Latency;
  private readonly hub = new LifecycleHub();
  private readonly commands = commandTable();
  private readonly faults: InstallFaults = { failNext: undefined, hangNext: false };
  private authorized = false;
  private phaseValue: DevicePhase = 'online';
  private bootGeneration = 0;
  private bootAbort = new AbortController();

  constructor(options: LabDeviceOptions) {
    this.details = generateIdentity(options.seed, options.index);
    const d = this.details;
    this.serial = d.serial;
    this.identity = {
      serial: d.serial,
      imei: d.imei,
      manufacturer: d.manufacturer,
      model: d.model,
      androidRelease: d.androidRelease,
      sdk: d.sdk,
    };
    this.state = new DeviceState(d);
    this.latency = new Latency(options.latency);
    this.control = this.makeControls();
    if (options.autoAcceptRsaAfterMs !== undefined)
      this.hub.after(options.autoAcceptRsaAfterMs, () => this.acceptRsaPrompt());
  }

  get fs(): VirtualDeviceFs {
    return this.state.fs;
  }

  get phase(): DevicePhase {
    return this.phaseValue;
  }

  bannerProperties(): Record<string, string> {
    return {
      'ro.product.name': this.details.product,
      'ro.product.model': this.details.model,
      'ro.product.device': this.details.device,
    };
  }

  isAuthorized(): boolean {
    return this.authorized;
  }

  commandLog(): readonly LabCommand[] {
    return this.commandsReceived;
  }

  async runShell(commandLine: string, io: ShellIO): Promise<number> {
    if (this.phaseValue !== 'online')
      throw new Error(`device ${this.serial} is not online (${this.phaseValue})`);
    this.commandsReceived.push({ at: new Date().toISOString(), command: commandLine });
    if (this.commandsReceived.length > COMMAND_LOG_LIMIT)
      this.commandsReceived.splice(0, this.commandsReceived.length - COMMAND_LOG_LIMIT);
    const signal = AbortSignal.any([io.signal, this.bootAbort.signal]);
    const shell = new Shell({ commands: this.commands, device: this.services(), env: new Map(SHELL_ENV) });
    return shell.run(commandLine, {
      stdout: (c) => io.stdout(c),
      stderr: (c) => io.stderr(c),
      stdin: io.stdin,
      signal,
    });
  }

  reboot(target: RebootTarget): void {
    // The lab treats recovery as "reboot and wipe", the way depots use it; bootloader and
    // sideload come back like a normal reboot (someone picks "Start" on the phone).
    if (target === 'recovery') {
      this.wipe({ testHarness: false });
      return;
    }
    this.goDown({ type: 'offline', reason: 'reboot' });
    this.scheduleBoot(0, true);
  }

  onLifecycle(listener: (event: DeviceLifecycleEvent) => void): () => void {
    return this.hub.on(listener);
  }

  /** Stops every timer; for tests and lab shutdown. */
  dispose(): void {
    this.hub.cancelAll();
    this.bootAbort.abort(new Error('device disposed'));
  }

  private acceptRsaPrompt(): void {
    if (this.authorized) return;
    this.authorized = true;
    this.hub.emit({ type: 'authorized' });
  }

  /** Factory reset. Only a test-harness wipe keeps adb enabled and its keys authorised. */
  private wipe(options: { testHarness: boolean }): void {
    this.goDown({ type: 'offline', reason: 'factory-reset' });
    this.state.wipeData(options);
    this.faults.failNext = undefined;
    this.faults.hangNext = false;
    if (!options.testHarness) this.authorized = false;
    this.scheduleBoot(this.latency.wipeMs(), options.testHarness);
  }

  private goDown(event: DeviceLifecycleEvent): void {
    const wasReachable = this.phaseValue === 'online';
    this.phaseValue = 'booting';
    this.bootGeneration++;
    this.bootAbort.abort(new Error('device rebooted'));
    this.bootAbort = new AbortController();
    this.state.markBootCompleted(false);
    if (wasReachable) this.hub.emit(event);
  }

  /**
   * Boots after `delayMs` (the wipe, if any). As on a phone, adbd is up before boot has
   * finished: the device is back on adb at 60% of the boot time and sets
   * sys.boot_completed=1 at the end, so clients must poll it, as they do with real phones.
   */
  private scheduleBoot(delayMs: number, adbEnabled: boolean): void {
    const generation = this.bootGeneration;
    const bootMs = this.latency.bootMs();
    const current = (): boolean => generation === this.bootGeneration; // a newer reboot supersedes this one
    this.hub.after(delayMs + bootMs * 0.6, () => {
      if (!current()) return;
      this.phaseValue = adbEnabled ? 'online' : 'adb-disabled';
      if (adbEnabled) this.hub.emit({ type: 'online' });
    });
    this.hub.after(delayMs + bootMs, () => {
      if (!current()) return;
      this.state.markBootCompleted(true);
      this.state.bootedAtMs = Date.now();
    });
  }

  private services(): DeviceServices {
    return {
      state: this.state,
      latency: this.latency,
      installFaults: this.faults,
      bootSignal: this.bootAbort.signal,
      reboot: (target) => this.reboot(target),
      wipe: (options) => this.wipe(options),
      defer: (action) => this.hub.after(0, action),
    };
  }

  private makeControls(): LabDeviceControls {
    const state = this.state;
    return {
      acceptRsaPrompt: () => this.acceptRsaPrompt(),
      addAccount: (type, name) => {
        if (!state.accounts.some((a) => a.type === type && a.name === name))
          state.accounts.push({ type, name });
      },
      setBattery: (update) => {
        const b = state.battery;
        if (update.level !== undefined) b.level = Math.max(0, Math.min(100, Math.round(update.level)));
        if (update.health !== undefined) b.health = update.health;
        if (update.charging !== undefined) b.charging = update.charging;
        if (update.temperatureTenthsC !== undefined)
          b.temperatureTenthsC = Math.round(update.temperatureTenthsC);
      },
      fillStorage: (bytes) => state.storage.setFiller(bytes),
      failNextInstall: (code) => void (this.faults.failNext = code),
      hangNextInstall: () => void (this.faults.hangNext = true),
      setSlowdown: (factor) => this.latency.setSlowdown(factor),
      factoryReset: ({ keepAdb }) => this.wipe({ testHarness: keepAdb }),
    };
  }
}

// One virtual phone: its state, its shell and its life (boot, reboot, wipe, RSA prompt).
// This is the object the ADB transport talks to through VirtualAndroidDevice.
import type {
  DeviceLifecycleEvent,
  LabAndroidDevice,
  LabCommand,
  LabDeviceControls,
  LabDeviceOptions,
  NextWipeOutcome,
  RebootTarget,
  ShellIO,
  VirtualDeviceFs,
} from '../virtual-device-api.ts';
import { commandTable } from './commands/index.ts';
import { parseComponent } from './component.ts';
import { generateIdentity, type DeviceIdentity } from './identity.ts';
import { Latency } from './latency.ts';
import { InstallLock } from './packages/install-lock.ts';
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
  private readonly commandsReceived: LabCommand[] = [];
  readonly control: LabDeviceControls;
  /** Replaced only when a wipe brings back a different phone (setNextWipe('different-phone')). */
  private current: DeviceState;
  private readonly options: LabDeviceOptions;
  private nextWipe: NextWipeOutcome = 'same-phone';
  private replacements = 0;
  private readonly latency: Latency;
  private readonly hub = new LifecycleHub();
  private readonly commands = commandTable();
  private readonly faults: InstallFaults = { failNext: undefined, hangNext: false };
  private readonly installLock = new InstallLock();
  private authorized = false;
  private phaseValue: DevicePhase = 'online';
  private bootGeneration = 0;
  private bootAbort = new AbortController();

  constructor(options: LabDeviceOptions) {
    this.options = options;
    this.current = new DeviceState(generateIdentity(options.seed, options.index));
    this.latency = new Latency(options.latency);
    this.control = this.makeControls();
    if (options.autoAcceptRsaAfterMs !== undefined)
      this.hub.after(options.autoAcceptRsaAfterMs, () => this.acceptRsaPrompt());
  }

  get state(): DeviceState {
    return this.current;
  }

  /** Who the phone is: its serial and IMEI survive a factory reset (they are not on /data). */
  get details(): DeviceIdentity {
    return this.current.identity;
  }

  get serial(): string {
    return this.details.serial;
  }

  get identity(): LabAndroidDevice['identity'] {
    const d = this.details;
    return {
      serial: d.serial,
      imei: d.imei,
      manufacturer: d.manufacturer,
      model: d.model,
      androidRelease: d.androidRelease,
      sdk: d.sdk,
    };
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

  /**
   * Factory reset. Only a test-harness wipe keeps adb enabled and its keys authorised. The
   * lab can make it end otherwise (setNextWipe): the phone never boots again (a wipe that
   * bricked it, a dead battery mid-wipe), or a different phone boots (a swapped mainboard).
   */
  private wipe(options: { testHarness: boolean }): void {
    const outcome = this.nextWipe;
    this.nextWipe = 'same-phone';
    this.goDown({ type: 'offline', reason: 'factory-reset' });
    if (outcome === 'different-phone') {
      const seed = `${this.options.seed}/replacement-${++this.replacements}`;
      this.current = new DeviceState(generateIdentity(seed, this.options.index));
    }
    this.state.wipeData(options);
    this.faults.failNext = undefined;
    this.faults.hangNext = false;
    if (!options.testHarness) this.authorized = false;
    if (outcome === 'never-returns') return;
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
      installLock: this.installLock,
      bootSignal: this.bootAbort.signal,
      reboot: (target) => this.reboot(target),
      wipe: (options) => this.wipe(options),
      defer: (action) => this.hub.after(0, action),
    };
  }

  private makeControls(): LabDeviceControls {
    // this.state is read per call: another phone (another state) can come back from a wipe.
    return {
      acceptRsaPrompt: () => this.acceptRsaPrompt(),
      addAccount: (type, name) => {
        const accounts = this.state.accounts;
        if (!accounts.some((a) => a.type === type && a.name === name)) accounts.push({ type, name });
      },
      setBattery: (update) => {
        const b = this.state.battery;
        if (update.level !== undefined) b.level = Math.max(0, Math.min(100, Math.round(update.level)));
        if (update.health !== undefined) b.health = update.health;
        if (update.charging !== undefined) b.charging = update.charging;
        if (update.temperatureTenthsC !== undefined)
          b.temperatureTenthsC = Math.round(update.temperatureTenthsC);
      },
      fillStorage: (bytes) => this.state.storage.setFiller(bytes),
      failNextInstall: (code) => void (this.faults.failNext = code),
      hangNextInstall: () => void (this.faults.hangNext = true),
      setSlowdown: (factor) => this.latency.setSlowdown(factor),
      factoryReset: ({ keepAdb }) => this.wipe({ testHarness: keepAdb }),
      setScreenLock: (lock) => void (this.state.screenLock = lock && { ...lock }),
      setTestHarnessSupport: (supported) => {
        if (supported) this.state.properties.set('ro.frp.pst', '/dev/block/by-name/frp');
        else this.state.properties.delete('ro.frp.pst');
      },
      addUserFiles: (files) => {
        const now = Math.floor(Date.now() / 1000);
        for (const file of files) {
          if (file.path.split('/').some((part) => part === '' || part === '.' || part === '..'))
            throw new Error(`"${file.path}" is not a plain path under /sdcard`);
          this.state.fs.write(`/sdcard/${file.path}`, Buffer.alloc(file.bytes), 0o660, now);
        }
      },
      setDpcWipeAction: (component, action) => {
        const parsed = parseComponent(component);
        if (!parsed) throw new Error(`"${component}" is not a component (package/.Receiver)`);
        if (!this.state.packages.get(parsed.packageName))
          throw new Error(`${parsed.packageName} is not installed on this phone`);
        this.state.dpcWipeActions.push({
          packageName: parsed.packageName,
          receiver: parsed.className,
          action,
        });
      },
      setNextWipe: (outcome) => void (this.nextWipe = outcome),
    };
  }
}

// One Android phone on the bench as the repair flow sees it (RepairDevice), over the real adb
// server through native/adb/repair. Blockers and wipe support are read fresh on every call
// (a technician fixes them on the phone between two checks); the identity comes from the
// device manager, which read it when the phone arrived.
import type { AdbClient } from '../../../native/adb/adb-client.ts';
import {
  readAndroidDiagnostics,
  readAndroidReadback,
  readAndroidRepairState,
  startDpcWipe,
  startRecoveryReboot,
  startTestHarnessWipe,
  type AndroidRepairTarget,
} from '../../../native/adb/repair/android-repair.ts';
import { dpcCommandFor, type DpcWipeCommand } from '../../../native/adb/repair/dpc-wipe.ts';
import { recoveryInstructions } from '../../../native/adb/repair/recovery.ts';
import { DeviceCommandError } from '../../../native/device-errors.ts';
import type {
  BlockerFacts,
  Diagnostics,
  ReadbackFacts,
  RepairDevice,
  WipeMethod,
  WipeSupport,
} from '../repair/repair-device.ts';

export interface AndroidRepairDeviceOptions {
  client: AdbClient;
  /** What adb calls the phone (USB serial, or HOST:PORT for a lab phone). */
  adbSerial: string;
  /** ro.serialno, as the manager read it. */
  serial: string;
  manufacturer: string;
  /** The depot's DPC wipe broadcasts (its settings), read when a wipe is considered. */
  dpcWipeCommands: () => readonly DpcWipeCommand[];
  /**
   * Called before a wipe is sent; throws when one was already sent to this phone and it has
   * not come back yet. Called again with `sent` once the phone took it (or dropped off taking it).
   */
  wipeGate: (phase: 'before' | 'sent') => void;
}

const ANDROID_METHODS: readonly WipeMethod[] = [
  'android-testharness',
  'android-device-owner',
  'android-recovery',
];

export class AndroidRepairDevice implements RepairDevice {
  readonly platform = 'android' as const;
  readonly serial: string;
  readonly #options: AndroidRepairDeviceOptions;
  readonly #target: AndroidRepairTarget;

  constructor(options: AndroidRepairDeviceOptions) {
    this.#options = options;
    this.serial = options.serial;
    this.#target = { client: options.client, adbSerial: options.adbSerial };
  }

  async blockers(): Promise<BlockerFacts> {
    const state = await readAndroidRepairState(this.#target);
    const facts: BlockerFacts = {
      platform: 'android',
      accounts: state.accounts.map(({ type, name }) => ({ type, name })),
      deviceOwner: state.deviceOwner?.component ?? null,
      screenLock: state.screenLock.screenLock,
    };
    if (state.screenLock.screenLock === 'unknown')
      facts.unknownReasons = { screenLock: state.screenLock.reason };
    return facts;
  }

  async diagnostics(): Promise<Diagnostics> {
    const read = await readAndroidDiagnostics(this.#target);
    return {
      batteryLevel: read.batteryLevel,
      batteryHealth: read.batteryHealthPercent,
      batteryCycles: read.batteryCycles,
      storageTotalBytes: read.storageTotalBytes,
      storageFreeBytes: read.storageFreeBytes,
      osVersion: read.release,
    };
  }

  async wipeSupport(): Promise<WipeSupport[]> {
    const state = await readAndroidRepairState(this.#target);
    const dpc = dpcCommandFor(this.#options.dpcWipeCommands(), state.deviceOwner?.packageName);
    return [
      state.testHarnessUnsupported === undefined
        ? { method: 'android-testharness', supported: true }
        : { method: 'android-testharness', supported: false, reason: state.testHarnessUnsupported },
      'reason' in dpc
        ? { method: 'android-device-owner', supported: false, reason: dpc.reason }
        : { method: 'android-device-owner', supported: true },
      {
        method: 'android-recovery',
        supported: true,
        instructions: recoveryInstructions(state.manufacturer || this.#options.manufacturer),
      },
    ];
  }

  async startWipe(method: WipeMethod): Promise<void> {
    if (!ANDROID_METHODS.includes(method))
      throw new DeviceCommandError(`${method} is not a way to wipe an Android phone`);
    this.#options.wipeGate('before');
    try {
      if (method === 'android-testharness') await startTestHarnessWipe(this.#target);
      else if (method === 'android-device-owner')
        await startDpcWipe(this.#target, this.#options.dpcWipeCommands());
      else await startRecoveryReboot(this.#target);
    } catch (error) {
      // A refusal sent nothing; a phone that dropped off as it got the command may be wiping.
      if (!(error instanceof DeviceCommandError)) this.#options.wipeGate('sent');
      throw error;
    }
    this.#options.wipeGate('sent');
  }

  async readback(): Promise<ReadbackFacts> {
    const read = await readAndroidReadback(this.#target);
    return {
      serial: read.serial,
      // Android 10+ shows IMEIs to privileged apps only: adb cannot read them back.
      imeis: [],
      udid: null,
      inSetup: read.setupPending || read.testHarnessMode,
      testHarnessMode: read.testHarnessMode,
      accounts: read.accounts.map(({ type, name }) => ({ type, name })),
      onlyFactoryPackages: read.thirdPartyPackages.length === 0,
      userFiles: read.userFiles,
    };
  }
}

// One iPhone or iPad on the bench as the repair flow sees it (RepairDevice): lockdownd and
// MCInstall through the bench's own driver for the device (identity, apps, profiles, erase),
// diagnostics_relay and AFC in sessions of their own (native/ios/repair).
import { DeviceCommandError, DeviceGoneError } from '../../../native/device-errors.ts';
import type { IosDeviceDriver } from '../../../native/ios/ios-driver.ts';
import { iosBlockers } from '../../../native/ios/repair/ios-blockers.ts';
import {
  countIosMediaFiles,
  readIosBatteryGauge,
  type IosRepairTarget,
} from '../../../native/ios/repair/ios-repair.ts';
import type { BatteryGauge } from '../../../native/ios/repair/battery-gauge.ts';
import type {
  BlockerFacts,
  Diagnostics,
  ReadbackFacts,
  RepairDevice,
  WipeMethod,
  WipeSupport,
} from '../repair/repair-device.ts';

export interface IosRepairDeviceOptions {
  /** SerialNumber, as the manager read it. */
  serial: string;
  driver: IosDeviceDriver;
  /** How to open sessions of its own (usbmuxd address, host identity). */
  target: () => Promise<IosRepairTarget>;
  /** As AndroidRepairDeviceOptions.wipeGate: refuses a second wipe before the first came back. */
  wipeGate: (phase: 'before' | 'sent') => void;
}

const NO_GAUGE: BatteryGauge = { levelPercent: null, healthPercent: null, cycles: null };

export class IosRepairDevice implements RepairDevice {
  readonly platform = 'ios' as const;
  readonly serial: string;
  readonly #options: IosRepairDeviceOptions;

  constructor(options: IosRepairDeviceOptions) {
    this.#options = options;
    this.serial = options.serial;
  }

  async blockers(): Promise<BlockerFacts> {
    const reading = iosBlockers(await this.#options.driver.identity());
    const facts: BlockerFacts = {
      platform: 'ios',
      activationLock: reading.activationLock,
      supervisedBy: reading.supervisedBy,
    };
    if (reading.passcodeSet !== undefined) facts.passcodeSet = reading.passcodeSet;
    if (Object.keys(reading.unknownReasons).length > 0) facts.unknownReasons = reading.unknownReasons;
    return facts;
  }

  async diagnostics(): Promise<Diagnostics> {
    const identity = await this.#options.driver.identity();
    let gauge = NO_GAUGE;
    try {
      gauge = await readIosBatteryGauge(await this.#options.target());
    } catch (error) {
      // A device that will not say (Failure, UnknownRequest) grades without it; a gone one cannot be graded.
      if (error instanceof DeviceGoneError) throw error;
    }
    return {
      batteryLevel: gauge.levelPercent ?? identity.batteryPercent,
      batteryHealth: gauge.healthPercent,
      batteryCycles: gauge.cycles,
      storageTotalBytes: identity.totalBytes || null,
      storageFreeBytes: identity.totalBytes ? identity.freeBytes : null,
      osVersion: identity.iosVersion,
    };
  }

  wipeSupport(): Promise<WipeSupport[]> {
    return Promise.resolve([{ method: 'ios-erase-device', supported: true }]);
  }

  async startWipe(method: WipeMethod): Promise<void> {
    if (method !== 'ios-erase-device')
      throw new DeviceCommandError(`${method} is not a way to wipe an iPhone or iPad`);
    this.#options.wipeGate('before');
    try {
      await this.#options.driver.erase();
    } catch (error) {
      if (!(error instanceof DeviceCommandError)) this.#options.wipeGate('sent');
      throw error;
    }
    this.#options.wipeGate('sent');
  }

  async readback(): Promise<ReadbackFacts> {
    const { driver } = this.#options;
    const identity = await driver.identity();
    const apps = await driver.installedApps();
    const profiles = await driver.installedProfiles();
    const userFiles = await countIosMediaFiles(await this.#options.target());
    return {
      serial: identity.serial,
      imeis: identity.imei === undefined ? [] : [identity.imei],
      udid: identity.udid,
      inSetup: identity.inSetupAssistant && identity.activationState !== 'Activated',
      // iCloud and other accounts are not readable over USB; Activation Lock is a blocker of its own.
      accounts: [],
      onlyFactoryPackages: apps.length === 0,
      userFiles,
      profiles: profiles.length,
    };
  }
}

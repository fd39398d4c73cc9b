// The iOS part of a job: the device through usbmuxd and lockdownd, its preflight rules and
// step runners.
import { stat } from 'node:fs/promises';
import { join } from 'node:path';
import {
  DeviceCommandError,
  DeviceUnreadableError,
  type IosDeviceDriver,
  type IosIdentity,
} from '../../../../native/ios/ios-driver.ts';
import type { IosPart } from '../../../common/profile/profile-schema.ts';
import { runChecked, type DeviceFacts, type DevicePlan } from '../device-plan.ts';
import { iosPreflightReasons } from './ios-preflight.ts';
import type { IosPayloads, IosStepContext } from './ios-step-context.ts';
import { describeIosStep, iosStepRunners } from './ios-steps.ts';

export interface IosDeviceAccess {
  /** A driver once the device is attached, trusted (paired) and readable; rejects after `timeoutMs`. */
  waitForIosDevice(udid: string, timeoutMs: number, signal: AbortSignal): Promise<IosDeviceDriver>;
  /** How many times the device has attached: a restart or erase raises it once the device is back. */
  generationOf(udid: string): number;
  /** Resolves with a fresh driver once the device has attached again after `sinceGeneration`. */
  waitForIosReturn(
    udid: string,
    sinceGeneration: number,
    timeoutMs: number,
    signal: AbortSignal,
  ): Promise<IosDeviceDriver>;
}

export interface IosPlanInput {
  udid: string;
  part: IosPart;
  profileDir: string;
  payloads: IosPayloads;
  transfer: IosStepContext['transfer'];
  devices: IosDeviceAccess;
  signal: AbortSignal;
}

export function createIosPlan(input: IosPlanInput): DevicePlan {
  const { part, profileDir } = input;
  let driver: IosDeviceDriver | undefined;
  let identity: IosIdentity | undefined;
  let payloadBytes = 0;
  const connected = () => {
    if (!driver) throw new Error('not connected');
    return driver;
  };
  return {
    stepCount: part.steps.length,
    describe: (index) => describeIosStep(part.steps[index]!),
    async connect(timeoutMs, signal) {
      driver = await input.devices.waitForIosDevice(input.udid, timeoutMs, signal);
    },
    async readFacts(): Promise<DeviceFacts> {
      identity = await connected().identity();
      payloadBytes = await appBytes(part, profileDir);
      return {
        platform: 'ios',
        serial: identity.serial,
        manufacturer: 'Apple',
        model: identity.modelName,
        osVersion: identity.iosVersion,
        udid: identity.udid,
        ecid: identity.ecid,
        ...(identity.imei ? { imei: identity.imei } : {}),
      };
    },
    preflight() {
      if (!identity) throw new DeviceUnreadableError('the device was not read before preflight');
      return iosPreflightReasons(part, identity, payloadBytes);
    },
    runStep(index, values) {
      const step = part.steps[index];
      if (!step) throw new DeviceCommandError(`the profile has no step ${index + 1}`);
      const runner = iosStepRunners[step.type];
      // Captured before the step runs: a restart may be over before the step asks for the device.
      const generation = input.devices.generationOf(input.udid);
      return runChecked(runner, step, {
        driver: connected(),
        profileDir,
        values,
        payloads: input.payloads,
        transfer: input.transfer,
        awaitReturn: async (timeoutMs) => {
          driver = await input.devices.waitForIosReturn(input.udid, generation, timeoutMs, input.signal);
          return driver;
        },
      });
    },
  };
}

/** What the part's apps weigh: preflight checks the device has room for them. */
async function appBytes(part: IosPart, profileDir: string): Promise<number> {
  let total = 0;
  for (const step of part.steps) {
    if (step.type === 'app')
      total += await stat(join(profileDir, step.ipa)).then(
        (s) => s.size,
        () => 0,
      );
  }
  return total;
}

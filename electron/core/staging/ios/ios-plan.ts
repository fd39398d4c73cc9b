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
  // The app uploaded ahead (startAhead): the drivers holding such an upload, whether the job
  // is over, and the step the job has reached (an app step begun gets no upload ahead).
  const prestagedOn = new Set<IosDeviceDriver>();
  let released = false;
  let reached = -1;
  const context = (
    values: IosStepContext['values'],
    generation: number,
    on: IosDeviceDriver = connected(),
  ): IosStepContext => ({
    driver: on,
    profileDir,
    values,
    payloads: input.payloads,
    transfer: input.transfer,
    awaitReturn: async (timeoutMs) => {
      driver = await input.devices.waitForIosReturn(input.udid, generation, timeoutMs, input.signal);
      return driver;
    },
  });
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
      reached = Math.max(reached, index);
      return runChecked(runner, step, context(values, generation));
    },
    startAhead(fromIndex) {
      const at = appStepAhead(part, fromIndex);
      if (at === undefined || !driver) return;
      const step = part.steps[at] as AppStep;
      const target = driver;
      const ahead = async () => {
        // The app step's own check (templates play no part in it): installed at the wanted
        // version already, the upload would be wasted.
        if (await iosStepRunners.app.check!(step, context({}, 0, target))) return;
        const path = join(profileDir, step.ipa);
        if ((await input.payloads.app(path)).bundleId !== step.bundleId) return; // the step refuses it
        await input.transfer(async () => {
          // Once the app step has begun, its installApp uploads (or already did) by itself.
          if (released || reached >= at) return;
          prestagedOn.add(target);
          await target.prestageApp(path);
        });
      };
      // A failure here is no step's failure: the app step uploads afresh and retries as usual.
      ahead().catch(() => undefined);
    },
    async release() {
      released = true;
      await Promise.all([...prestagedOn].map((staged) => staged.discardStaged()));
      prestagedOn.clear();
    },
  };
}

type AppStep = Extract<IosPart['steps'][number], { type: 'app' }>;

/**
 * The first app step at or after `fromIndex` worth uploading ahead: none past a restart or an
 * erase (the erase deletes the upload; a device coming back is reached anew).
 */
function appStepAhead(part: IosPart, fromIndex: number): number | undefined {
  for (let index = fromIndex; index < part.steps.length; index += 1) {
    const type = part.steps[index]!.type;
    if (type === 'app') return index;
    if (type === 'restart' || type === 'erase') return undefined;
  }
  return undefined;
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

// The Android part of a job: the device through adb, its preflight rules and step runners.
import { join } from 'node:path';
import {
  DeviceCommandError,
  DeviceUnreadableError,
  type AndroidDeviceDriver,
  type PartialIdentity,
} from '../../../native/adb/android-driver.ts';
import type { AndroidPart, StagingProfile } from '../../common/profile/profile-schema.ts';
import type { DeviceFacts, DevicePlan } from './device-plan.ts';
import { describeStep, runChecked } from './device-plan.ts';
import { preflightParts, preflightReasons } from './preflight.ts';
import { readOnce } from './read-once.ts';
import type { StepConcurrency } from './side-lane.ts';
import { profileApkInfo } from './steps/apk-info-cache.ts';
import { stepRunners, type StepContext } from './steps/index.ts';
import { apkToInstall } from './steps/package-steps.ts';

export interface AndroidDeviceAccess {
  /**
   * A driver for the device once it is connected and authorised; rejects after `timeoutMs`,
   * or at once with DeviceUnreadableError for a device that is there but answers garbage.
   */
  waitForDevice(serial: string, timeoutMs: number, signal: AbortSignal): Promise<AndroidDeviceDriver>;
}

export interface AndroidPlanInput {
  serial: string;
  profile: StagingProfile;
  part: AndroidPart;
  profileDir: string;
  payloadBytes: number;
  transfer: StepContext['transfer'];
  devices: AndroidDeviceAccess;
}

export function describeAndroidStep(step: AndroidPart['steps'][number]): string {
  return describeStep(stepRunners[step.type], step);
}

export function createAndroidPlan(input: AndroidPlanInput): DevicePlan {
  const { part, profileDir } = input;
  let driver: AndroidDeviceDriver | undefined;
  let identity: PartialIdentity | undefined;
  const connected = () => {
    if (!driver) throw new Error('not connected');
    return driver;
  };
  // APKs uploaded ahead (startAhead): each install step's upload, which settles (never
  // rejects) once it is over or was given up; the drivers holding sessions; whether the job is over.
  const uploads = new Map<number, Promise<void>>();
  const stagedOn = new Set<AndroidDeviceDriver>();
  let released = false;
  return {
    stepCount: part.steps.length,
    describe: (index) => describeAndroidStep(part.steps[index]!),
    async connect(timeoutMs, signal) {
      driver = readOnce(await input.devices.waitForDevice(input.serial, timeoutMs, signal), part, profileDir);
    },
    async readFacts(): Promise<DeviceFacts> {
      // The properties and what the preflight rules look at, nothing more; the read-once driver
      // fetches the profile's package versions and settings in the same round trip.
      const reading = await connected().read({ identity: preflightParts(part.preflight) });
      if (!reading.identity) throw new DeviceUnreadableError('the device did not answer with its identity');
      identity = reading.identity;
      return {
        platform: 'android',
        serial: identity.serial,
        manufacturer: identity.manufacturer,
        model: identity.model,
        osVersion: identity.androidRelease,
        ...(identity.imei ? { imei: identity.imei } : {}),
      };
    },
    preflight() {
      if (!identity) throw new DeviceUnreadableError('the device was not read before preflight');
      return preflightReasons(part.preflight, identity, input.payloadBytes);
    },
    runStep(index, values) {
      const step = part.steps[index];
      if (!step) throw new DeviceCommandError(`the profile has no step ${index + 1}`);
      const runner = stepRunners[step.type];
      const run = () =>
        runChecked(runner, step, { driver: connected(), profileDir, values, transfer: input.transfer });
      // An install uploaded ahead waits for its upload, then commits it (or streams afresh if it failed).
      const upload = uploads.get(index);
      uploads.delete(index);
      return upload ? upload.then(run) : run();
    },
    startAhead(fromIndex) {
      const target = driver;
      if (!target) return;
      // One upload at a time per phone, in step order: the phone installs app k while app k+1's
      // bytes arrive; two uploads side by side would only delay the first install.
      let previous = Promise.resolve();
      for (const index of installsAhead(part, fromIndex)) {
        const step = part.steps[index] as InstallStep;
        previous = previous
          .then(async () => {
            if (released) return;
            const apkPath = await apkToInstall(step, { driver: target, profileDir });
            if (apkPath === undefined) return; // installed already: the step has nothing to upload
            await input.transfer(async () => {
              if (released) return;
              stagedOn.add(target);
              await target.stageInstall(apkPath);
            });
          })
          // A failure here is no step's failure: the step streams the APK itself, with its retries.
          .catch(() => undefined);
        uploads.set(index, previous);
      }
    },
    async release() {
      released = true;
      uploads.clear();
      await Promise.all([...stagedOn].map((staged) => staged.discardStaged()));
      stagedOn.clear();
    },
    concurrency: (index) => androidConcurrency(part.steps[index]!),
    prepareAhead(fromIndex) {
      void readApksAhead(part.steps.slice(fromIndex), profileDir);
    },
  };
}

type InstallStep = Extract<AndroidPart['steps'][number], { type: 'install' }>;

/**
 * The install steps at or after `fromIndex` worth uploading ahead: those before the first step
 * that must have the phone to itself (a reboot, device owner, a shell command…), as the side
 * lane stops there too: what follows a barrier may depend on it.
 */
function installsAhead(part: AndroidPart, fromIndex: number): number[] {
  const indexes: number[] = [];
  for (let index = fromIndex; index < part.steps.length; index += 1) {
    const step = part.steps[index]!;
    if (androidConcurrency(step) === 'barrier') break;
    if (step.type === 'install') indexes.push(index);
  }
  return indexes;
}

/**
 * Settings (the device name is one) read and write nothing another step does, so they may be
 * applied while apps install. Installs and permission changes keep their order among
 * themselves (a grant needs its app). Device owner, enrolment, files, shell commands and
 * reboots have the phone to themselves: what came before them is finished first.
 */
function androidConcurrency(step: AndroidPart['steps'][number]): StepConcurrency {
  switch (step.type) {
    case 'setting':
    case 'deviceName':
      return 'independent';
    case 'install':
    case 'uninstall':
    case 'permission':
      return 'ordered';
    default:
      return 'barrier';
  }
}

/**
 * Reads the APKs' manifests and signatures (once per batch, shared by its jobs) while the job
 * reaches the device, not between one install and the next. One at a time, in step order: each
 * read holds its whole file, and all at once raised a 64-phone batch's peak RSS.
 * A file that cannot be read fails its own step later, with its own message.
 */
async function readApksAhead(steps: AndroidPart['steps'], profileDir: string): Promise<void> {
  for (const step of steps) {
    if (step.type === 'install') await profileApkInfo(join(profileDir, step.apk)).catch(() => undefined);
  }
}

import type { DeviceState, DeviceView } from '../../common/models/device.ts';
import type { JobView } from '../../common/models/staging.ts';
import type { IosDevice } from './ios-device-manager.ts';
import type { SlotNames } from './slot-names.ts';
import { stateFromJob } from './device-views.ts';

/** One iOS tile's state: attached and trusted first, then what the device's latest job says. */
export function iosDeviceState(device: IosDevice, job: JobView | undefined): DeviceState {
  const live = job && job.finishedAt === undefined;
  if (device.connection === 'absent') return live ? 'waiting_for_device' : 'offline';
  if (device.connection === 'untrusted') return live ? 'waiting_for_device' : 'untrusted';
  if (!device.identity) return device.problem ? 'failed' : 'connecting';
  return stateFromJob(job);
}

export function iosDeviceView(device: IosDevice, job: JobView | undefined, slots: SlotNames): DeviceView {
  const identity = device.identity;
  const reasons = device.problem
    ? [device.problem]
    : job && ['failed', 'blocked', 'waiting_for_device'].includes(job.state)
      ? [...job.reasons]
      : [];
  return {
    serial: device.udid,
    platform: 'ios',
    slotKey: device.slotKey,
    slotName: slots.name(device.slotKey),
    state: iosDeviceState(device, job),
    connection: device.connection,
    reasons,
    ...(identity
      ? {
          identity: {
            serial: identity.serial,
            ...(identity.imei ? { imei: identity.imei } : {}),
            ...(identity.imeiUnknownReason ? { imeiUnknownReason: identity.imeiUnknownReason } : {}),
            manufacturer: 'Apple',
            model: identity.modelName,
            osVersion: identity.iosVersion,
            batteryPercent: identity.batteryPercent,
            batteryHealth: identity.batteryCharging ? 'charging' : 'good',
            freeStorageBytes: identity.freeBytes,
            setupComplete: !identity.inSetupAssistant,
            ios: {
              udid: identity.udid,
              ecid: identity.ecid,
              productType: identity.productType,
              deviceName: identity.deviceName,
              activationState: identity.activationState,
              supervised: identity.supervised,
              ...(identity.organisation ? { organisation: identity.organisation } : {}),
              activationLock: identity.activationLock,
              ...(identity.passcodeSet !== undefined ? { passcodeSet: identity.passcodeSet } : {}),
            },
          },
        }
      : {}),
  };
}

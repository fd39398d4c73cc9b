import type { DeviceState, DeviceView } from '../../common/models/device.ts';
import type { JobView } from '../../common/models/staging.ts';
import type { ConnectedDevice } from './device-manager.ts';
import type { SlotNames } from './slot-names.ts';

const JOB_TO_DEVICE_STATE: Partial<Record<JobView['state'], DeviceState>> = {
  queued: 'staging',
  preflight: 'staging',
  running: 'staging',
  waiting_for_device: 'waiting_for_device',
  done: 'done',
  failed: 'failed',
  blocked: 'blocked',
};

/** One tile's state: the connection first, then what the device's latest job says. */
export function deviceState(device: ConnectedDevice, job: JobView | undefined): DeviceState {
  const live = job && job.finishedAt === undefined;
  if (device.connection === 'unauthorized' || device.connection === 'authorizing') return 'unauthorized';
  if (device.connection !== 'device') return live ? 'waiting_for_device' : 'offline';
  if (!device.identity) return device.problem ? 'failed' : 'connecting';
  return stateFromJob(job);
}

/** A connected, readable device's state from its latest job (ready when it has none). */
export function stateFromJob(job: JobView | undefined): DeviceState {
  return (job && JOB_TO_DEVICE_STATE[job.state]) ?? 'ready';
}

export function deviceView(device: ConnectedDevice, job: JobView | undefined, slots: SlotNames): DeviceView {
  const identity = device.identity;
  const reasons = device.problem
    ? [device.problem]
    : job && ['failed', 'blocked', 'waiting_for_device'].includes(job.state)
      ? job.reasons
      : [];
  if (device.connection === 'unauthorized')
    reasons.push('Tap “Allow” on the phone’s “Allow USB debugging?” prompt.');
  return {
    serial: device.serial,
    platform: 'android',
    slotKey: device.slotKey,
    slotName: slots.name(device.slotKey),
    state: deviceState(device, job),
    connection: device.connection,
    reasons,
    ...(identity
      ? {
          identity: {
            serial: identity.serial,
            ...(identity.imei ? { imei: identity.imei } : {}),
            ...(identity.imeiUnknownReason ? { imeiUnknownReason: identity.imeiUnknownReason } : {}),
            manufacturer: identity.manufacturer,
            model: identity.model,
            osVersion: identity.androidRelease,
            batteryPercent: identity.battery.levelPercent,
            batteryHealth: identity.battery.health,
            freeStorageBytes: identity.storage.freeBytes,
            setupComplete: identity.setupComplete,
            android: {
              sdk: identity.sdk,
              securityPatch: identity.securityPatch,
              accounts: identity.accounts,
              ...(identity.deviceOwner ? { deviceOwner: identity.deviceOwner.component } : {}),
            },
          },
        }
      : {}),
  };
}

// The bench's way to iPhones and iPads on this PC: usbmuxd (Apple's, or the lab's) found as
// libimobiledevice finds it, Depotline's own pairing, and the lockdown driver per device:
// one per attached device, kept until it detaches, so the device manager's identity reads
// and a staging job's calls share the driver's lockdownd session instead of one each.
import type { IosDeviceDriver } from '../../../native/ios/ios-driver.ts';
import { LockdownClient } from '../../../native/ios/lockdown/lockdown-client.ts';
import { pairDevice, validatePair } from '../../../native/ios/pairing/pair.ts';
import { pairRecordFromPlist } from '../../../native/ios/pairing/pair-record.ts';
import type { HostIdentity } from '../../../native/ios/pairing/host-identity.ts';
import { UsbmuxListener } from '../../../native/ios/usbmux/listen.ts';
import { findDevice, type UsbmuxDevice } from '../../../native/ios/usbmux/list-devices.ts';
import { readPairRecord } from '../../../native/ios/usbmux/pair-records.ts';
import { describeUsbmuxAddress, type UsbmuxAddress } from '../../../native/ios/usbmux/usbmux-address.ts';
import type { IosBackend, PairOutcome } from './ios-device-manager.ts';

export interface UsbmuxBackendOptions {
  address: UsbmuxAddress;
  hostIdentity(): Promise<HostIdentity>;
  /** `hostIdentity` is there once pairing has run: the driver re-pairs a device an erase made forget us. */
  createDriver(device: {
    udid: string;
    address: UsbmuxAddress;
    hostIdentity: HostIdentity | undefined;
  }): IosDeviceDriver;
}

export function usbmuxBackend(options: UsbmuxBackendOptions): IosBackend {
  const { address } = options;
  const attached = new Map<string, UsbmuxDevice>();
  // Loaded on the first pairing (every device is paired before staging asks for its driver).
  let hostIdentity: HostIdentity | undefined;
  const deviceOf = async (udid: string) => attached.get(udid) ?? (await findDevice(address, udid));
  const drivers = new Map<string, { driver: IosDeviceDriver; hostIdentity: HostIdentity | undefined }>();
  const forgetDriver = (udid: string) => {
    drivers.get(udid)?.driver.close?.();
    drivers.delete(udid);
  };

  return {
    watch(listener) {
      const usbmux = new UsbmuxListener(address);
      let reported = false;
      usbmux.on('attached', (device: UsbmuxDevice) => {
        attached.set(device.udid, device);
        listener.attached({ udid: device.udid, locationId: device.locationId ?? device.deviceId });
      });
      usbmux.on('detached', ({ udid }: { udid: string | undefined }) => {
        if (!udid) return;
        attached.delete(udid);
        forgetDriver(udid);
        listener.detached(udid);
      });
      usbmux.on('connected', () => (reported = false));
      usbmux.on('disconnected', (error: Error) => {
        // Once per outage: usbmuxd absent (no Apple device support installed) is a normal state.
        if (!reported) listener.error(`${describeUsbmuxAddress(address)} unreachable (${error.message})`);
        reported = true;
        for (const udid of [...attached.keys()]) {
          attached.delete(udid);
          forgetDriver(udid);
          listener.detached(udid);
        }
      });
      usbmux.on('error', (error: Error) => listener.error(error.message));
      usbmux.start();
      return {
        close: () => {
          usbmux.stop();
          for (const udid of [...drivers.keys()]) forgetDriver(udid);
        },
      };
    },

    async pair(udid): Promise<PairOutcome> {
      hostIdentity ??= await options.hostIdentity();
      const device = await deviceOf(udid);
      if (!device) return { kind: 'failed', message: 'usbmuxd no longer lists the device' };
      const lockdown = await LockdownClient.connect({ address, deviceId: device.deviceId, udid });
      try {
        const stored = await readPairRecord(address, udid);
        if (stored && (await validatePair(lockdown, pairRecordFromPlist(stored, udid))))
          return { kind: 'paired' };
        const outcome = await pairDevice({
          lockdown,
          address,
          deviceId: device.deviceId,
          hostIdentity,
        });
        if (outcome.status === 'paired') return { kind: 'paired' };
        if (outcome.status === 'pending-trust') return { kind: 'pending' };
        if (outcome.status === 'denied') return { kind: 'denied' };
        return { kind: 'locked' };
      } finally {
        lockdown.close();
      }
    },

    driver(udid) {
      const kept = drivers.get(udid);
      // A driver made before pairing loaded the host identity cannot re-pair: make another.
      if (kept && kept.hostIdentity === hostIdentity) return kept.driver;
      kept?.driver.close?.();
      const driver = options.createDriver({ udid, address, hostIdentity });
      drivers.set(udid, { driver, hostIdentity });
      return driver;
    },
  };
}

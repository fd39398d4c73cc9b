// The repair bench's reads on one iPhone or iPad that the staging driver does not make: the
// battery gauge (diagnostics_relay IORegistry) and the user's media files (AFC). Each read
// runs in a lockdownd session of its own (DeviceSession), beside the driver's kept one, as
// lockdownd serves several connections at once.
import { DeviceSession } from '../device-session.ts';
import type { HostIdentity } from '../pairing/host-identity.ts';
import { AFC_SERVICE } from '../services/afc/afc-client.ts';
import { DIAGNOSTICS_RELAY_SERVICE, DiagnosticsRelayClient } from '../services/diagnostics-relay.ts';
import type { UsbmuxAddress } from '../usbmux/usbmux-address.ts';
import { AfcReader, MEDIA_FOLDERS } from './afc-media.ts';
import { parseBatteryGauge, type BatteryGauge } from './battery-gauge.ts';

export interface IosRepairTarget {
  udid: string;
  address: UsbmuxAddress;
  /** Lets a session pair again with a device an erase made forget this host. */
  hostIdentity?: HostIdentity;
}

function sessionFor(target: IosRepairTarget): DeviceSession {
  return new DeviceSession({
    udid: target.udid,
    address: target.address,
    ...(target.hostIdentity ? { hostIdentity: target.hostIdentity } : {}),
  });
}

export async function readIosBatteryGauge(target: IosRepairTarget): Promise<BatteryGauge> {
  return sessionFor(target).withSession(async (session) => {
    const relay = new DiagnosticsRelayClient(
      await session.openService(DIAGNOSTICS_RELAY_SERVICE),
      target.udid,
    );
    try {
      return parseBatteryGauge(await relay.ioRegistry());
    } finally {
      await relay.goodbye();
    }
  });
}

/** Regular files under the media folders a user fills (MEDIA_FOLDERS). */
export async function countIosMediaFiles(target: IosRepairTarget): Promise<number> {
  return sessionFor(target).withSession(async (session) => {
    const afc = new AfcReader(await session.openService(AFC_SERVICE), target.udid);
    try {
      return await afc.countFiles(MEDIA_FOLDERS);
    } finally {
      afc.close();
    }
  });
}

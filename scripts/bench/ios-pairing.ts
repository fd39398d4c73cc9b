// First-time pairing of every device by Depotline's own code, as the bench's usbmux backend
// does it (electron/core/devices/usbmux-backend.ts): one host identity for the install (two
// RSA-2048 keys and their certificates), then per device, all at once: a lockdownd connection,
// pairDevice (DevicePublicKey, WiFiAddress, ReadBUID, a device certificate, Pair,
// SavePairRecord). Run in this process, so its CPU is this process's.
import { LockdownClient } from '../../native/ios/lockdown/lockdown-client.ts';
import { createHostIdentity } from '../../native/ios/pairing/host-identity.ts';
import { pairDevice } from '../../native/ios/pairing/pair.ts';
import { listDevices } from '../../native/ios/usbmux/list-devices.ts';
import { parseUsbmuxAddress } from '../../native/ios/usbmux/usbmux-address.ts';

export interface PairingRun {
  /** From the start to the last device paired: host identity, ListDevices and every pairing. */
  totalMs: number;
  hostIdentityMs: number;
  /** Per UDID: lockdownd connection to the pair record saved. */
  ownMs: Map<string, number>;
  /** This process's CPU (all threads: key generation runs on the thread pool). */
  cpuSeconds: number;
}

export async function pairWithDepotline(usbmuxdAddress: string, udids: string[]): Promise<PairingRun> {
  const address = parseUsbmuxAddress(usbmuxdAddress);
  const cpuBefore = process.cpuUsage();
  const started = performance.now();
  const hostIdentity = await createHostIdentity();
  const hostIdentityMs = performance.now() - started;
  const attached = new Map((await listDevices(address)).map((device) => [device.udid, device]));
  const ownMs = new Map<string, number>();
  await Promise.all(
    udids.map(async (udid) => {
      const device = attached.get(udid);
      if (!device) throw new Error(`usbmuxd does not list ${udid}`);
      const deviceStarted = performance.now();
      const lockdown = await LockdownClient.connect({ address, deviceId: device.deviceId, udid });
      try {
        const outcome = await pairDevice({ lockdown, address, deviceId: device.deviceId, hostIdentity });
        if (outcome.status !== 'paired') throw new Error(`${udid}: ${outcome.status}: ${outcome.message}`);
      } finally {
        lockdown.close();
      }
      ownMs.set(udid, performance.now() - deviceStarted);
    }),
  );
  const totalMs = performance.now() - started;
  const cpu = process.cpuUsage(cpuBefore);
  return { totalMs, hostIdentityMs, ownMs, cpuSeconds: (cpu.user + cpu.system) / 1e6 };
}

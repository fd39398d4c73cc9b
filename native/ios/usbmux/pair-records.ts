// usbmuxd keeps the host's pair record per device, so every tool on this host shares one
// pairing (lockdownd remembers one HostID per pairing, not one per program).
//   ReadPairRecord   { PairRecordID: udid }                       ← { PairRecordData: <plist> } | Result 2
//   SavePairRecord   { PairRecordID, PairRecordData, DeviceID }   ← Result 0
//   DeletePairRecord { PairRecordID }                             ← Result 0
import { DeviceUnreadableError } from '../../device-errors.ts';
import { decodePlistDict, encodePlist, PlistError, type PlistDict } from '../wire/plist-codec.ts';
import { USBMUX_RESULT } from '../wire/usbmux-frame.ts';
import type { UsbmuxAddress } from './usbmux-address.ts';
import { usbmuxRequest, UsbmuxResultError } from './usbmux-connection.ts';

/** The stored record as a plist dictionary, or undefined when usbmuxd has none for this device. */
export async function readPairRecord(address: UsbmuxAddress, udid: string): Promise<PlistDict | undefined> {
  let reply: PlistDict;
  try {
    reply = await usbmuxRequest(address, 'ReadPairRecord', { PairRecordID: udid }, udid);
  } catch (error) {
    if (error instanceof UsbmuxResultError && error.result === USBMUX_RESULT.badDevice) return undefined;
    throw error;
  }
  const data = reply.PairRecordData;
  if (!(data instanceof Uint8Array))
    throw new DeviceUnreadableError('usbmuxd answered ReadPairRecord without data');
  try {
    return decodePlistDict(data).value;
  } catch (error) {
    throw new DeviceUnreadableError(
      `the pair record usbmuxd holds for ${udid} cannot be read: ${error instanceof PlistError ? error.message : String(error)}`,
    );
  }
}

/** Stores the record (as XML, the form libimobiledevice writes) for this attachment of the device. */
export async function savePairRecord(
  address: UsbmuxAddress,
  udid: string,
  deviceId: number,
  record: PlistDict,
): Promise<void> {
  await usbmuxRequest(
    address,
    'SavePairRecord',
    { PairRecordID: udid, PairRecordData: encodePlist(record, 'xml'), DeviceID: deviceId },
    udid,
  );
}

export async function deletePairRecord(address: UsbmuxAddress, udid: string): Promise<void> {
  await usbmuxRequest(address, 'DeletePairRecord', { PairRecordID: udid }, udid);
}

// ListDevices: the devices usbmuxd sees now, as Listen would report them.
//   → { MessageType: 'ListDevices' }
//   ← { DeviceList: [{ DeviceID, MessageType: 'Attached', Properties: { SerialNumber (UDID),
//        ConnectionType ('USB' | 'Network'), ProductID, LocationID, … } }] }
import { DeviceUnreadableError } from '../../device-errors.ts';
import { isPlistDict, type PlistDict, type PlistValue } from '../wire/plist-codec.ts';
import type { UsbmuxAddress } from './usbmux-address.ts';
import { usbmuxRequest } from './usbmux-connection.ts';

export interface UsbmuxDevice {
  /** usbmuxd's handle for this attachment; Connect takes it. A new one each time it attaches. */
  deviceId: number;
  udid: string;
  /** 'USB' or 'Network' (Wi-Fi sync). */
  connectionType: string;
  productId: number | undefined;
  locationId: number | undefined;
  properties: PlistDict;
}

/** Reads an Attached message's body (ListDevices entries have the same shape). */
export function deviceFromAttached(body: PlistDict): UsbmuxDevice {
  const properties = isPlistDict(body.Properties) ? body.Properties : undefined;
  const deviceId = typeof body.DeviceID === 'number' ? body.DeviceID : properties?.DeviceID;
  const udid = properties?.SerialNumber;
  if (properties === undefined || typeof deviceId !== 'number' || typeof udid !== 'string' || udid === '')
    throw new DeviceUnreadableError('usbmuxd described a device without DeviceID or SerialNumber');
  const number = (value: PlistValue | undefined) => (typeof value === 'number' ? value : undefined);
  return {
    deviceId,
    // usbmuxd reports 24-character UDIDs of newer devices without their dash; lockdownd has it.
    udid: normaliseUdid(udid),
    connectionType: typeof properties.ConnectionType === 'string' ? properties.ConnectionType : 'USB',
    productId: number(properties.ProductID),
    locationId: number(properties.LocationID),
    properties,
  };
}

/** "00008030001A2B3C4D5E6F70" → "00008030-001A2B3C4D5E6F70" (usbmuxd drops the dash of 25-character UDIDs). */
export function normaliseUdid(udid: string): string {
  return /^[0-9A-F]{24}$/i.test(udid) ? `${udid.slice(0, 8)}-${udid.slice(8)}` : udid;
}

export async function listDevices(address: UsbmuxAddress): Promise<UsbmuxDevice[]> {
  const reply = await usbmuxRequest(address, 'ListDevices');
  if (!Array.isArray(reply.DeviceList))
    throw new DeviceUnreadableError('usbmuxd answered ListDevices without DeviceList');
  return reply.DeviceList.filter(isPlistDict).map(deviceFromAttached);
}

/** The device with this UDID, preferring its USB attachment to a Wi-Fi one; undefined when absent. */
export async function findDevice(address: UsbmuxAddress, udid: string): Promise<UsbmuxDevice | undefined> {
  const matches = (await listDevices(address)).filter((device) => device.udid === normaliseUdid(udid));
  return matches.find((device) => device.connectionType === 'USB') ?? matches[0];
}

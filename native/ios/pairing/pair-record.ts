// The pair record: what a host keeps after pairing with one device, in the plist shape
// usbmuxd stores and libimobiledevice/pymobiledevice3 read (certificates and keys are PEM
// text in <data>). HostID + SystemBUID open sessions; the host certificate and key are the
// TLS client identity; DeviceCertificate is what the device must present back.
import { DeviceUnreadableError } from '../../device-errors.ts';
import type { PlistDict, PlistValue } from '../wire/plist-codec.ts';

export interface PairRecord {
  hostId: string;
  systemBuid: string;
  hostCertificate: Buffer;
  hostPrivateKey: Buffer;
  rootCertificate: Buffer;
  rootPrivateKey: Buffer | undefined;
  deviceCertificate: Buffer;
  /** The device's PKCS#1 public key PEM, as it gave it when paired. */
  devicePublicKey: Buffer | undefined;
  /** Lets services run while the device is locked (returned by Pair on iOS 5+). */
  escrowBag: Buffer | undefined;
  wifiMacAddress: string | undefined;
}

const bytes = (value: PlistValue | undefined) =>
  value instanceof Uint8Array ? Buffer.from(value) : undefined;
const text = (value: PlistValue | undefined) => (typeof value === 'string' ? value : undefined);

/** Reads a stored record; one without the keys a session needs is unreadable, not half-usable. */
export function pairRecordFromPlist(record: PlistDict, udid: string): PairRecord {
  const hostId = text(record.HostID);
  const systemBuid = text(record.SystemBUID);
  const hostCertificate = bytes(record.HostCertificate);
  const hostPrivateKey = bytes(record.HostPrivateKey);
  const rootCertificate = bytes(record.RootCertificate);
  const deviceCertificate = bytes(record.DeviceCertificate);
  const missing = Object.entries({
    HostID: hostId,
    SystemBUID: systemBuid,
    HostCertificate: hostCertificate,
    HostPrivateKey: hostPrivateKey,
    RootCertificate: rootCertificate,
    DeviceCertificate: deviceCertificate,
  })
    .filter(([, value]) => value === undefined)
    .map(([key]) => key);
  if (missing.length > 0)
    throw new DeviceUnreadableError(`the pair record for ${udid} lacks ${missing.join(', ')}`);
  return {
    hostId: hostId!,
    systemBuid: systemBuid!,
    hostCertificate: hostCertificate!,
    hostPrivateKey: hostPrivateKey!,
    rootCertificate: rootCertificate!,
    rootPrivateKey: bytes(record.RootPrivateKey),
    deviceCertificate: deviceCertificate!,
    devicePublicKey: bytes(record.DevicePublicKey),
    escrowBag: bytes(record.EscrowBag),
    wifiMacAddress: text(record.WiFiMACAddress),
  };
}

/** The whole record, private keys included, for usbmuxd's SavePairRecord. */
export function pairRecordToPlist(record: PairRecord): PlistDict {
  const plist: PlistDict = {
    HostID: record.hostId,
    SystemBUID: record.systemBuid,
    HostCertificate: record.hostCertificate,
    HostPrivateKey: record.hostPrivateKey,
    RootCertificate: record.rootCertificate,
    DeviceCertificate: record.deviceCertificate,
  };
  if (record.rootPrivateKey) plist.RootPrivateKey = record.rootPrivateKey;
  if (record.devicePublicKey) plist.DevicePublicKey = record.devicePublicKey;
  if (record.escrowBag) plist.EscrowBag = record.escrowBag;
  if (record.wifiMacAddress) plist.WiFiMACAddress = record.wifiMacAddress;
  return plist;
}

/** What the device is shown in Pair / ValidatePair: certificates and ids, never a private key. */
export function pairRecordForDevice(record: PairRecord): PlistDict {
  return {
    DeviceCertificate: record.deviceCertificate,
    HostCertificate: record.hostCertificate,
    RootCertificate: record.rootCertificate,
    HostID: record.hostId,
    SystemBUID: record.systemBuid,
  };
}

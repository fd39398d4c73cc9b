// Pairing done by Depotline itself, on a lockdownd connection without a session:
//   GetValue DevicePublicKey (PKCS#1 PEM) · GetValue WiFiAddress · usbmuxd ReadBUID
//   → issue the device certificate for that key with this install's root
//   → Pair { PairRecord: { DeviceCertificate, HostCertificate, RootCertificate, HostID,
//            SystemBUID }, ProtocolVersion: '2', PairingOptions: { ExtendedPairingErrors } }
//   ← { EscrowBag } on success, or Error:
//       PairingDialogResponsePending  the phone shows "Trust This Computer?": ask again later
//       UserDeniedPairing             someone tapped Don't Trust
//       PasswordProtected             the phone is locked with a passcode: unlock it first
//   → usbmuxd SavePairRecord with the whole record (private keys, EscrowBag, WiFiMACAddress)
import { DeviceUnreadableError } from '../../device-errors.ts';
import { LockdownError, type LockdownClient } from '../lockdown/lockdown-client.ts';
import { deletePairRecord, savePairRecord } from '../usbmux/pair-records.ts';
import { readBuid } from '../usbmux/read-buid.ts';
import type { UsbmuxAddress } from '../usbmux/usbmux-address.ts';
import { issueCertificate } from './certificates.ts';
import type { HostIdentity } from './host-identity.ts';
import { pairRecordForDevice, pairRecordToPlist, type PairRecord } from './pair-record.ts';

export const PAIRING_PROTOCOL_VERSION = '2';

/** What the bench shows for each way a Pair request can end. */
export type PairOutcome =
  | { status: 'paired'; pairRecord: PairRecord }
  | { status: 'pending-trust'; message: string }
  | { status: 'denied'; message: string }
  | { status: 'passcode-required'; message: string };

const REFUSALS: Record<string, Exclude<PairOutcome, { status: 'paired' }>> = {
  PairingDialogResponsePending: { status: 'pending-trust', message: 'Tap Trust on the phone' },
  UserDeniedPairing: {
    status: 'denied',
    message: "Don't Trust was tapped on the phone: unplug it and plug it in again to be asked again",
  },
  PasswordProtected: { status: 'passcode-required', message: 'Unlock the phone, then tap Trust' },
};

export interface PairContext {
  /** Connected to lockdownd, no session. */
  lockdown: LockdownClient;
  address: UsbmuxAddress;
  deviceId: number;
  hostIdentity: HostIdentity;
  /** usbmuxd's BUID when already known; read from usbmuxd otherwise. */
  systemBuid?: string;
}

export async function pairDevice(context: PairContext): Promise<PairOutcome> {
  const { lockdown, hostIdentity } = context;
  const udid = lockdown.udid;
  const publicKey = await lockdown.getValue('DevicePublicKey');
  if (!(publicKey instanceof Uint8Array) || publicKey.length === 0)
    throw new DeviceUnreadableError('lockdownd gave no DevicePublicKey to pair with');
  const wifiAddress = await lockdown.getValue('WiFiAddress');
  const systemBuid = context.systemBuid ?? (await readBuid(context.address));

  let deviceCertificatePem: string;
  try {
    deviceCertificatePem = issueCertificate({
      subjectPublicKeyPem: Buffer.from(publicKey).toString('utf8'),
      issuerPrivateKeyPem: hostIdentity.rootPrivateKeyPem,
      ca: false,
    });
  } catch (error) {
    throw new DeviceUnreadableError(`the DevicePublicKey lockdownd gave cannot be read (${String(error)})`);
  }

  const record: PairRecord = {
    hostId: hostIdentity.hostId,
    systemBuid,
    hostCertificate: Buffer.from(hostIdentity.hostCertificatePem),
    hostPrivateKey: Buffer.from(hostIdentity.hostPrivateKeyPem),
    rootCertificate: Buffer.from(hostIdentity.rootCertificatePem),
    rootPrivateKey: Buffer.from(hostIdentity.rootPrivateKeyPem),
    deviceCertificate: Buffer.from(deviceCertificatePem),
    devicePublicKey: Buffer.from(publicKey),
    escrowBag: undefined,
    wifiMacAddress: typeof wifiAddress === 'string' ? wifiAddress : undefined,
  };

  let reply;
  try {
    reply = await lockdown.request('Pair', {
      PairRecord: pairRecordForDevice(record),
      ProtocolVersion: PAIRING_PROTOCOL_VERSION,
      PairingOptions: { ExtendedPairingErrors: true },
    });
  } catch (error) {
    const refusal = error instanceof LockdownError ? REFUSALS[error.code] : undefined;
    if (refusal) return refusal;
    throw error;
  }
  if (reply.EscrowBag instanceof Uint8Array) record.escrowBag = Buffer.from(reply.EscrowBag);
  await savePairRecord(context.address, udid, context.deviceId, pairRecordToPlist(record));
  return { status: 'paired', pairRecord: record };
}

/** Whether the device still accepts this pairing (ValidatePair; iOS 7+ also checks at StartSession). */
export async function validatePair(lockdown: LockdownClient, record: PairRecord): Promise<boolean> {
  try {
    await lockdown.request('ValidatePair', {
      PairRecord: pairRecordForDevice(record),
      ProtocolVersion: PAIRING_PROTOCOL_VERSION,
    });
    return true;
  } catch (error) {
    if (error instanceof LockdownError) return false;
    throw error;
  }
}

/** Makes the device forget this host, then drops usbmuxd's copy of the record. */
export async function unpair(
  lockdown: LockdownClient,
  record: PairRecord,
  address: UsbmuxAddress,
): Promise<void> {
  await lockdown.request('Unpair', {
    PairRecord: pairRecordForDevice(record),
    ProtocolVersion: PAIRING_PROTOCOL_VERSION,
  });
  await deletePairRecord(address, lockdown.udid);
}

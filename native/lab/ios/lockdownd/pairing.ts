// The checks a device makes on a Pair request's PairRecord before it trusts a host. The host
// made a root certificate, signed its own HostCertificate with it, and signed a
// DeviceCertificate carrying the public key it read from us (GetValue DevicePublicKey). A
// record that fails any check is refused, so a host that would later fail TLS against a
// real iPhone fails here too, with the reason in the device's request log.
import type { KeyObject } from 'node:crypto';
import forge from 'node-forge';
import { isPlistDict, type PlistDict, type PlistValue } from '../../../ios/wire/plist-codec.ts';

export interface PairRecordInput {
  hostId: string;
  systemBuid: string;
  /** PEM text, as the device keeps them (the device serves TLS with its certificate). */
  deviceCertificatePem: string;
  hostCertificatePem: string;
  rootCertificatePem: string;
}

/** A refused PairRecord: `lockdownError` is lockdownd's Error string, `message` says why. */
export class PairRecordError extends Error {
  readonly lockdownError: 'InvalidPairRecord' | 'MissingPairRecord' | 'MissingHostID';
  constructor(lockdownError: PairRecordError['lockdownError'], message: string) {
    super(message);
    this.name = 'PairRecordError';
    this.lockdownError = lockdownError;
  }
}

/** Reads the PairRecord of a Pair/ValidatePair/Unpair request, checking only its shape. */
export function readPairRecordShape(request: PlistDict): { hostId: string; record: PlistDict } {
  const record = request.PairRecord;
  if (!isPlistDict(record))
    throw new PairRecordError('MissingPairRecord', 'the request has no PairRecord dictionary');
  const hostId = record.HostID;
  if (typeof hostId !== 'string' || hostId === '')
    throw new PairRecordError('MissingHostID', 'the PairRecord has no HostID');
  return { hostId, record };
}

/** Reads and verifies a Pair request's PairRecord against the device's public key. */
export function verifyPairRecord(request: PlistDict, devicePublicKey: KeyObject): PairRecordInput {
  const { hostId, record } = readPairRecordShape(request);
  const systemBuid = record.SystemBUID;
  if (typeof systemBuid !== 'string' || systemBuid === '')
    throw new PairRecordError('InvalidPairRecord', 'the PairRecord has no SystemBUID');
  const device = certificateField(record, 'DeviceCertificate');
  const host = certificateField(record, 'HostCertificate');
  const root = certificateField(record, 'RootCertificate');

  if (!sameRsaKey(device.certificate.publicKey, devicePublicKey))
    throw new PairRecordError(
      'InvalidPairRecord',
      "DeviceCertificate does not carry this device's public key (was it made for another device, or before an erase?)",
    );
  if (!signedBy(root.certificate, device.certificate))
    throw new PairRecordError('InvalidPairRecord', 'DeviceCertificate is not signed by RootCertificate');
  if (!signedBy(root.certificate, host.certificate))
    throw new PairRecordError('InvalidPairRecord', 'HostCertificate is not signed by RootCertificate');
  return {
    hostId,
    systemBuid,
    deviceCertificatePem: device.pem,
    hostCertificatePem: host.pem,
    rootCertificatePem: root.pem,
  };
}

function certificateField(
  record: PlistDict,
  key: 'DeviceCertificate' | 'HostCertificate' | 'RootCertificate',
): { certificate: forge.pki.Certificate; pem: string } {
  const value: PlistValue | undefined = record[key];
  if (!(value instanceof Uint8Array) || value.byteLength === 0)
    throw new PairRecordError('InvalidPairRecord', `the PairRecord has no ${key} (data)`);
  const bytes = Buffer.from(value.buffer, value.byteOffset, value.byteLength);
  try {
    // Hosts send PEM (libimobiledevice, pymobiledevice3); DER is accepted as well.
    const text = bytes.toString('latin1');
    const certificate = text.includes('-----BEGIN CERTIFICATE-----')
      ? forge.pki.certificateFromPem(text)
      : forge.pki.certificateFromAsn1(forge.asn1.fromDer(forge.util.createBuffer(text)));
    return { certificate, pem: forge.pki.certificateToPem(certificate) };
  } catch (error) {
    throw new PairRecordError(
      'InvalidPairRecord',
      `${key} is not an X.509 certificate (${error instanceof Error ? error.message : String(error)})`,
    );
  }
}

function signedBy(issuer: forge.pki.Certificate, child: forge.pki.Certificate): boolean {
  try {
    return issuer.verify(child);
  } catch {
    // forge throws when the issuer's subject differs from the child's issuer name.
    return false;
  }
}

function sameRsaKey(certificateKey: forge.pki.PublicKey, deviceKey: KeyObject): boolean {
  const rsa = certificateKey as Partial<forge.pki.rsa.PublicKey>;
  if (rsa.n === undefined || rsa.e === undefined) return false;
  const jwk = deviceKey.export({ format: 'jwk' });
  if (jwk.n === undefined || jwk.e === undefined) return false;
  return rsa.n.toString(16) === bigHex(jwk.n) && rsa.e.toString(16) === bigHex(jwk.e);
}

/** A base64url big-endian integer (JWK) as forge prints it: lowercase hex, no leading zeros. */
function bigHex(base64url: string): string {
  return Buffer.from(base64url, 'base64url').toString('hex').replace(/^0+/, '') || '0';
}

// A host's side of pairing for the lab's tests, made the way libimobiledevice makes it: a
// root certificate, a host certificate signed by it, and a device certificate carrying the
// device's DevicePublicKey, signed by the root with SHA-1 (so the lab is tested against
// what real hosts send, weak digest included). Keys come from node:crypto (fast).
import { generateKeyPairSync, randomUUID } from 'node:crypto';
import forge from 'node-forge';
import type { PlistDict } from '../../../../native/ios/wire/plist-codec.ts';

export interface HostIdentity {
  hostId: string;
  systemBuid: string;
  rootKeyPem: string;
  rootCertPem: string;
  hostKeyPem: string;
  hostCertPem: string;
}

function rsaKeyPem(): string {
  return generateKeyPairSync('rsa', { modulusLength: 2048 })
    .privateKey.export({ type: 'pkcs1', format: 'pem' })
    .toString();
}

function certificate(
  publicKey: forge.pki.PublicKey,
  signer: forge.pki.PrivateKey,
  options: { ca: boolean; digest?: 'sha1' | 'sha256' },
): string {
  const cert = forge.pki.createCertificate();
  cert.serialNumber = '00';
  cert.publicKey = publicKey;
  cert.validity.notBefore = new Date(Date.now() - 60_000);
  cert.validity.notAfter = new Date(Date.now() + 10 * 365 * 24 * 3600 * 1000);
  cert.setExtensions([{ name: 'basicConstraints', cA: options.ca, critical: true }]);
  const md = options.digest === 'sha256' ? forge.md.sha256.create() : forge.md.sha1.create();
  cert.sign(signer as forge.pki.rsa.PrivateKey, md);
  return forge.pki.certificateToPem(cert);
}

export function makeHostIdentity(systemBuid = randomUUID().toUpperCase()): HostIdentity {
  const rootKeyPem = rsaKeyPem();
  const hostKeyPem = rsaKeyPem();
  const rootKey = forge.pki.privateKeyFromPem(rootKeyPem);
  const hostKey = forge.pki.privateKeyFromPem(hostKeyPem);
  const publicOf = (key: forge.pki.rsa.PrivateKey) => forge.pki.setRsaPublicKey(key.n, key.e);
  return {
    hostId: randomUUID().toUpperCase(),
    systemBuid,
    rootKeyPem,
    rootCertPem: certificate(publicOf(rootKey), rootKey, { ca: true }),
    hostKeyPem,
    hostCertPem: certificate(publicOf(hostKey), rootKey, { ca: false }),
  };
}

/** The DeviceCertificate a host makes from the device's DevicePublicKey (PKCS#1 PEM). */
export function deviceCertificatePem(
  host: HostIdentity,
  devicePublicKeyPem: string,
  signerKeyPem?: string,
): string {
  const signer = forge.pki.privateKeyFromPem(signerKeyPem ?? host.rootKeyPem);
  return certificate(forge.pki.publicKeyFromPem(devicePublicKeyPem), signer, { ca: false });
}

/** A Pair request as libimobiledevice 1.3 sends it. */
export function pairRequest(host: HostIdentity, deviceCertPem: string, record: PlistDict = {}): PlistDict {
  return {
    Label: 'depotline-test',
    Request: 'Pair',
    ProtocolVersion: '2',
    PairingOptions: { ExtendedPairingErrors: true },
    PairRecord: {
      DeviceCertificate: Buffer.from(deviceCertPem),
      HostCertificate: Buffer.from(host.hostCertPem),
      RootCertificate: Buffer.from(host.rootCertPem),
      HostID: host.hostId,
      SystemBUID: host.systemBuid,
      ...record,
    },
  };
}

// The host side of every pairing one Depotline install makes: a root CA, a host certificate
// it issued, and a HostID. One per install (not per device), so pairing a device costs one
// certificate signature rather than two RSA key generations, and a device paired once keeps
// trusting this install. The caller persists it (PEM strings are JSON-safe) and keeps the
// private keys as secrets.
import { generateKeyPair, randomUUID } from 'node:crypto';
import { issueCertificate } from './certificates.ts';

/** An RSA-2048 key pair as PEM: SPKI public key, PKCS#1 "RSA PRIVATE KEY" (what pair records hold). */
function rsaKeyPair(): Promise<{ publicKey: string; privateKey: string }> {
  return new Promise((resolve, reject) => {
    generateKeyPair(
      'rsa',
      {
        modulusLength: 2048,
        publicExponent: 0x10001,
        publicKeyEncoding: { type: 'spki', format: 'pem' },
        privateKeyEncoding: { type: 'pkcs1', format: 'pem' },
      },
      (error, publicKey, privateKey) => (error ? reject(error) : resolve({ publicKey, privateKey })),
    );
  });
}

export interface HostIdentity {
  /** Upper-case UUID, as iTunes and libimobiledevice write HostIDs. */
  hostId: string;
  rootCertificatePem: string;
  rootPrivateKeyPem: string;
  hostCertificatePem: string;
  hostPrivateKeyPem: string;
}

/** Two RSA-2048 key pairs (generated natively, in parallel off the main thread) and their certificates. */
export async function createHostIdentity(): Promise<HostIdentity> {
  const [root, host] = await Promise.all([rsaKeyPair(), rsaKeyPair()]);
  const rootCertificatePem = issueCertificate({
    subjectPublicKeyPem: root.publicKey,
    issuerPrivateKeyPem: root.privateKey,
    ca: true,
  });
  const hostCertificatePem = issueCertificate({
    subjectPublicKeyPem: host.publicKey,
    issuerPrivateKeyPem: root.privateKey,
    ca: false,
  });
  return {
    hostId: randomUUID().toUpperCase(),
    rootCertificatePem,
    rootPrivateKeyPem: root.privateKey,
    hostCertificatePem,
    hostPrivateKeyPem: host.privateKey,
  };
}

/** Checks a stored identity has every part, so a damaged one fails before reaching a device. */
export function isHostIdentity(value: unknown): value is HostIdentity {
  if (typeof value !== 'object' || value === null) return false;
  const record = value as Record<string, unknown>;
  return (
    typeof record.hostId === 'string' &&
    /^[0-9A-F-]{36}$/i.test(record.hostId) &&
    ['rootCertificatePem', 'rootPrivateKeyPem', 'hostCertificatePem', 'hostPrivateKeyPem'].every((key) => {
      const pem = record[key];
      return typeof pem === 'string' && pem.includes('-----BEGIN');
    })
  );
}

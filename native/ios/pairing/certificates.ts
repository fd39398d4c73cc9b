// The X.509 certificates of an iOS pairing, shaped as libimobiledevice makes them
// (common/userpref.c, pair_record_generate_keys_and_certs):
//   root   self-signed, basicConstraints critical CA:TRUE (+ subjectKeyIdentifier)
//   host   issued by root, critical CA:FALSE, keyUsage critical digitalSignature+keyEncipherment
//   device issued by root for the device's own public key: critical CA:FALSE,
//          subjectKeyIdentifier, keyUsage critical digitalSignature+keyEncipherment
// Serial 0, empty subject and issuer names, ten years. Signed with SHA-256 (pymobiledevice3
// does; every iOS that pairs accepts it). node-forge builds the ASN.1; node:crypto signs,
// which is ~50× faster than forge's JavaScript RSA (≈2 ms instead of ≈100 ms per certificate).
import { sign } from 'node:crypto';
import forge from 'node-forge';

export const CERTIFICATE_VALIDITY_YEARS = 10;
const SHA256_WITH_RSA = forge.pki.oids.sha256WithRSAEncryption!;

const ROOT_EXTENSIONS = [
  { name: 'basicConstraints', cA: true, critical: true },
  { name: 'subjectKeyIdentifier' },
];
const LEAF_EXTENSIONS = [
  { name: 'basicConstraints', cA: false, critical: true },
  { name: 'subjectKeyIdentifier' },
  { name: 'keyUsage', critical: true, digitalSignature: true, keyEncipherment: true },
];

export interface CertificateRequest {
  /** PEM: "PUBLIC KEY" (SPKI) or "RSA PUBLIC KEY" (PKCS#1, what lockdownd's DevicePublicKey is). */
  subjectPublicKeyPem: string;
  /** PEM private key of the issuer (the root; the root's own for the root certificate). */
  issuerPrivateKeyPem: string;
  ca: boolean;
  notBefore?: Date;
}

/** A certificate PEM, shaped as above. Throws when the public key cannot be read. */
export function issueCertificate(request: CertificateRequest): string {
  const certificate = forge.pki.createCertificate();
  certificate.publicKey = forge.pki.publicKeyFromPem(request.subjectPublicKeyPem);
  certificate.serialNumber = '00';
  const notBefore = request.notBefore ?? new Date();
  const notAfter = new Date(notBefore);
  notAfter.setUTCFullYear(notAfter.getUTCFullYear() + CERTIFICATE_VALIDITY_YEARS);
  certificate.validity.notBefore = notBefore;
  certificate.validity.notAfter = notAfter;
  certificate.setSubject([]);
  certificate.setIssuer([]);
  certificate.setExtensions(request.ca ? ROOT_EXTENSIONS : LEAF_EXTENSIONS);
  signCertificateNatively(certificate, request.issuerPrivateKeyPem);
  return forge.pki.certificateToPem(certificate);
}

/** Signs a forge certificate with SHA-256 and RSA, computed by OpenSSL instead of forge. */
export function signCertificateNatively(certificate: forge.pki.Certificate, privateKeyPem: string): void {
  certificate.md = forge.md.sha256.create();
  certificate.signatureOid = SHA256_WITH_RSA;
  certificate.siginfo.algorithmOid = SHA256_WITH_RSA;
  // getTBSCertificate is public in node-forge but missing from its type definitions.
  const pki = forge.pki as unknown as {
    getTBSCertificate: (certificate: forge.pki.Certificate) => forge.asn1.Asn1;
  };
  const tbs = forge.asn1.toDer(pki.getTBSCertificate(certificate)).getBytes();
  const signature = sign('sha256', Buffer.from(tbs, 'binary'), privateKeyPem);
  certificate.signature = signature.toString('binary');
}

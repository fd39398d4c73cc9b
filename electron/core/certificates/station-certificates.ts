// The X.509 side of erasure signing: the station's own certificate (self-issued, or issued by
// the depot CA when one is configured) and a depot CA for depots that want one. node-forge
// builds the certificates; OpenSSL (node:crypto) generates keys and computes the RSA signatures,
// which is far faster than forge's JavaScript RSA.
import { generateKeyPair, X509Certificate } from 'node:crypto';
import forge from 'node-forge';
import { signCertificateNatively } from '../../../native/ios/pairing/certificates.ts';

/** RSA-3072: NIST SP 800-57 Part 1 sets 3072 bits for signatures meant to verify beyond 2030. */
const MODULUS_BITS = 3072;
const STATION_YEARS = 5;
const CA_YEARS = 20;

export interface KeyPairPem {
  publicKeyPem: string;
  privateKeyPem: string;
}

/** A depot CA: its key signs station certificates; its certificate is what verifiers trust. */
export interface DepotCa {
  certificatePem: string;
  privateKeyPem: string;
}

export function generateRsaKey(): Promise<KeyPairPem> {
  return new Promise((resolve, reject) =>
    generateKeyPair(
      'rsa',
      {
        modulusLength: MODULUS_BITS,
        publicKeyEncoding: { type: 'spki', format: 'pem' },
        privateKeyEncoding: { type: 'pkcs8', format: 'pem' },
      },
      (error, publicKeyPem, privateKeyPem) =>
        error ? reject(error) : resolve({ publicKeyPem, privateKeyPem }),
    ),
  );
}

/** A positive random serial, so two certificates issued the same second never share one. */
function randomSerial(): string {
  return `01${forge.util.bytesToHex(forge.random.getBytesSync(15))}`;
}

function addYears(date: Date, years: number): Date {
  const later = new Date(date);
  later.setUTCFullYear(later.getUTCFullYear() + years);
  return later;
}

/** CN (at most 64 characters, X.520's bound) and O, as UTF8String so any station name fits. */
function subjectNamed(commonName: string): forge.pki.CertificateField[] {
  // forge's types declare valueTagClass as an asn1.Class; it is read as the universal type tag.
  const utf8 = forge.asn1.Type.UTF8 as unknown as forge.asn1.Class;
  return [
    { name: 'commonName', value: Array.from(commonName).slice(0, 64).join(''), valueTagClass: utf8 },
    { name: 'organizationName', value: 'Depotline', valueTagClass: utf8 },
  ];
}

/** The station certificate for `publicKeyPem`, self-issued or issued by the depot CA. */
export function issueStationCertificate(request: {
  publicKeyPem: string;
  /** Signs a self-issued certificate; ignored when `ca` is given. */
  stationPrivateKeyPem: string;
  stationName: string;
  ca?: DepotCa | undefined;
  now: Date;
}): string {
  const certificate = forge.pki.createCertificate();
  certificate.publicKey = forge.pki.publicKeyFromPem(request.publicKeyPem);
  certificate.serialNumber = randomSerial();
  // A minute of slack for a bench PC whose clock is slightly behind the verifier's.
  let notBefore = new Date(request.now.getTime() - 60_000);
  let notAfter = addYears(request.now, STATION_YEARS);
  const subject = subjectNamed(`Depotline erasure station ${request.stationName}`);
  certificate.setSubject(subject);
  if (request.ca) {
    const caCertificate = forge.pki.certificateFromPem(request.ca.certificatePem);
    // Never valid outside the CA's own validity: a verifier would refuse the chain anyway.
    if (notBefore < caCertificate.validity.notBefore) notBefore = caCertificate.validity.notBefore;
    if (notAfter > caCertificate.validity.notAfter) notAfter = caCertificate.validity.notAfter;
    certificate.setIssuer(caCertificate.subject.attributes);
  } else {
    certificate.setIssuer(subject);
  }
  certificate.validity.notBefore = notBefore;
  certificate.validity.notAfter = notAfter;
  certificate.setExtensions([
    { name: 'basicConstraints', cA: false, critical: true },
    // nonRepudiation (contentCommitment): the key signs statements, not sessions.
    { name: 'keyUsage', critical: true, digitalSignature: true, nonRepudiation: true },
    { name: 'subjectKeyIdentifier' },
  ]);
  signCertificateNatively(certificate, request.ca ? request.ca.privateKeyPem : request.stationPrivateKeyPem);
  return forge.pki.certificateToPem(certificate);
}

/** A new self-signed depot CA (for depots without their own PKI, the sample and tests). */
export async function createDepotCa(options: { commonName: string; now?: Date }): Promise<DepotCa> {
  const now = options.now ?? new Date();
  const key = await generateRsaKey();
  const certificate = forge.pki.createCertificate();
  certificate.publicKey = forge.pki.publicKeyFromPem(key.publicKeyPem);
  certificate.serialNumber = randomSerial();
  certificate.validity.notBefore = new Date(now.getTime() - 60_000);
  certificate.validity.notAfter = addYears(now, CA_YEARS);
  const subject = subjectNamed(options.commonName);
  certificate.setSubject(subject);
  certificate.setIssuer(subject);
  certificate.setExtensions([
    // pathLen 0: the CA issues station certificates only, never another CA.
    { name: 'basicConstraints', cA: true, pathLenConstraint: 0, critical: true },
    { name: 'keyUsage', critical: true, keyCertSign: true, cRLSign: true },
    { name: 'subjectKeyIdentifier' },
  ]);
  signCertificateNatively(certificate, key.privateKeyPem);
  return { certificatePem: forge.pki.certificateToPem(certificate), privateKeyPem: key.privateKeyPem };
}

/** True when `certificatePem` was issued, and signed, by the CA certificate. */
export function isIssuedBy(certificatePem: string, caCertificatePem: string): boolean {
  const certificate = new X509Certificate(certificatePem);
  const ca = new X509Certificate(caCertificatePem);
  return certificate.checkIssued(ca) && certificate.verify(ca.publicKey);
}

/** The CN of a certificate's subject, for messages; the whole subject when it has none. */
export function commonNameOf(subject: string): string {
  return /(?:^|\n)CN=([^\n]*)/.exec(subject)?.[1] ?? subject.replaceAll('\n', ', ');
}

// Signs a .mobileconfig as iOS expects a signed profile: a CMS/PKCS#7 SignedData with the
// profile embedded (not detached), SHA-256, and authenticated attributes contentType,
// messageDigest and signingTime; the signer's certificate (and chain) ride along so the
// device can show who signed it. iOS installs a profile signed by an untrusted depot
// identity and shows it as "Not Verified"; one whose root the device trusts shows "Verified".
import { generateKeyPair } from 'node:crypto';
import forge from 'node-forge';
import { signCertificateNatively } from '../pairing/certificates.ts';

export interface SigningIdentity {
  certificatePem: string;
  privateKeyPem: string;
  /** Intermediate certificates to include, signer's issuer first. */
  chainPem?: string[];
}

/** The DER SignedData: what a signed .mobileconfig file contains. */
export function signMobileconfig(
  profile: Buffer,
  identity: SigningIdentity,
  signingTime = new Date(),
): Buffer {
  const certificate = forge.pki.certificateFromPem(identity.certificatePem);
  const signedData = forge.pkcs7.createSignedData();
  signedData.content = forge.util.createBuffer(profile.toString('binary'));
  signedData.addCertificate(certificate);
  for (const pem of identity.chainPem ?? []) signedData.addCertificate(pem);
  signedData.addSigner({
    key: forge.pki.privateKeyFromPem(identity.privateKeyPem),
    certificate,
    digestAlgorithm: forge.pki.oids.sha256!,
    authenticatedAttributes: [
      { type: forge.pki.oids.contentType!, value: forge.pki.oids.data! },
      { type: forge.pki.oids.messageDigest! },
      // forge's types say string; its encoder takes a Date (and turns a string into one).
      { type: forge.pki.oids.signingTime!, value: signingTime as unknown as string },
    ],
  });
  signedData.sign({ detached: false });
  return Buffer.from(forge.asn1.toDer(signedData.toAsn1()).getBytes(), 'binary');
}

/** A self-signed depot signing identity (RSA-2048, five years) for the lab and tests. */
export async function createDepotSigningIdentity(
  options: { commonName?: string; organisation?: string } = {},
): Promise<SigningIdentity> {
  const { publicKey, privateKey } = await new Promise<{ publicKey: string; privateKey: string }>(
    (resolve, reject) =>
      generateKeyPair(
        'rsa',
        {
          modulusLength: 2048,
          publicKeyEncoding: { type: 'spki', format: 'pem' },
          privateKeyEncoding: { type: 'pkcs8', format: 'pem' },
        },
        (error, pub, key) => (error ? reject(error) : resolve({ publicKey: pub, privateKey: key })),
      ),
  );
  const certificate = forge.pki.createCertificate();
  certificate.publicKey = forge.pki.publicKeyFromPem(publicKey);
  // A positive random serial: two identities made the same second must not collide.
  certificate.serialNumber = `01${forge.util.bytesToHex(forge.random.getBytesSync(15))}`;
  const now = new Date();
  certificate.validity.notBefore = new Date(now.getTime() - 60_000);
  certificate.validity.notAfter = new Date(now);
  certificate.validity.notAfter.setUTCFullYear(now.getUTCFullYear() + 5);
  const subject = [
    { name: 'commonName', value: options.commonName ?? 'Depotline Profile Signing' },
    { name: 'organizationName', value: options.organisation ?? 'Depotline' },
  ];
  certificate.setSubject(subject);
  certificate.setIssuer(subject);
  certificate.setExtensions([
    { name: 'basicConstraints', cA: false, critical: true },
    { name: 'keyUsage', critical: true, digitalSignature: true },
    { name: 'extKeyUsage', emailProtection: true, codeSigning: true },
    { name: 'subjectKeyIdentifier' },
  ]);
  signCertificateNatively(certificate, privateKey);
  return { certificatePem: forge.pki.certificateToPem(certificate), privateKeyPem: privateKey };
}

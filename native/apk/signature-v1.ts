// JAR (v1) signing: META-INF/<name>.RSA|.DSA|.EC is a PKCS#7 SignedData. We take the signer
// certificate out of it by walking the ASN.1 (so any key type works) and hash its DER.
// v1 signatures are not verified here; APKs signed for Android 7+ carry v2/v3 anyway.
import { createHash } from 'node:crypto';
import forge from 'node-forge';
import { ApkError } from './errors.ts';
import { readZipEntry, type ZipLayout } from './zip.ts';

type Asn1 = forge.asn1.Asn1;

const SIGNATURE_FILE = /^META-INF\/[^/]+\.(RSA|DSA|EC)$/i;

function children(node: Asn1 | undefined, what: string): Asn1[] {
  if (!node || !Array.isArray(node.value))
    throw new ApkError('BAD_SIGNATURE_BLOCK', `malformed PKCS#7: ${what}`);
  return node.value;
}

function der(node: Asn1): string {
  return forge.asn1.toDer(node).getBytes();
}

/** The issuer and serial that identify a certificate, as DER strings for comparison. */
function issuerAndSerialOfCert(cert: Asn1): string {
  const tbs = children(children(cert, 'certificate')[0], 'tbsCertificate');
  // An explicit [0] version is optional; serialNumber and issuer follow it.
  const offset = tbs[0]?.tagClass === forge.asn1.Class.CONTEXT_SPECIFIC ? 1 : 0;
  const serial = tbs[offset];
  const issuer = tbs[offset + 2];
  if (!serial || !issuer) throw new ApkError('BAD_SIGNATURE_BLOCK', 'malformed certificate in PKCS#7');
  return der(issuer) + der(serial);
}

function signerCertificates(pkcs7: Buffer): Buffer[] {
  let root: Asn1;
  try {
    root = forge.asn1.fromDer(forge.util.createBuffer(pkcs7.toString('binary')));
  } catch (err) {
    throw new ApkError('BAD_SIGNATURE_BLOCK', 'v1 signature file is not DER', { cause: err });
  }
  const signedData = children(children(children(root, 'ContentInfo')[1], 'content')[0], 'SignedData');
  const certSet = signedData.find(
    (n) => n.tagClass === forge.asn1.Class.CONTEXT_SPECIFIC && (n.type as number) === 0,
  );
  const certs = certSet ? children(certSet, 'certificates') : [];
  const signerInfos = children(signedData.at(-1), 'signerInfos');
  const out: Buffer[] = [];
  for (const info of signerInfos) {
    const sid = children(info, 'SignerInfo')[1];
    const [issuer, serial] = children(sid, 'issuerAndSerialNumber');
    if (!issuer || !serial) continue;
    const wanted = der(issuer) + der(serial);
    const match = certs.find((c) => issuerAndSerialOfCert(c) === wanted);
    if (match) out.push(Buffer.from(der(match), 'binary'));
  }
  return out;
}

/** Lowercase hex SHA-256 of each v1 signer certificate; empty when the APK has no v1 signature. */
export function readV1SignerDigests(apk: Buffer, zip: ZipLayout): string[] {
  const digests: string[] = [];
  for (const entry of zip.entries.filter((e) => SIGNATURE_FILE.test(e.name))) {
    for (const cert of signerCertificates(readZipEntry(apk, entry))) {
      digests.push(createHash('sha256').update(cert).digest('hex'));
    }
  }
  return [...new Set(digests)];
}

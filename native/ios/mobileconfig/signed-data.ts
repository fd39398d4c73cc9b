// Verifies a PKCS#7 / CMS SignedData message: the form of a signed .mobileconfig, and of
// the signed challenge MCInstall's Escalate expects. node-forge's pkcs7 has no verify()
// (and reads only RSA certificates), so its ASN.1 parser reads the message and the checks
// are done here, with node:crypto for digests and signatures:
//   1. find each signer's certificate (issuerAndSerialNumber) among the message's certificates;
//   2. with signed attributes: their messageDigest must equal the digest of the content,
//      and the signature covers the attributes re-encoded as a DER SET;
//      without them, the signature covers the content itself;
//   3. check the signature with the certificate's public key (RSA PKCS#1 v1.5 or ECDSA).
// Whether the signer is trusted (its chain) is not checked: iOS installs such a profile
// and shows it as "Not Verified"; callers decide what a signer must be.
import { createHash, verify, X509Certificate } from 'node:crypto';
import forge from 'node-forge';
import { MobileconfigError } from './mobileconfig-error.ts';

type Asn1 = forge.asn1.Asn1;

/** Digest algorithm OIDs a signer may name, as node:crypto calls them. */
const DIGESTS: Record<string, string> = {
  '1.3.14.3.2.26': 'sha1',
  '2.16.840.1.101.3.4.2.4': 'sha224',
  '2.16.840.1.101.3.4.2.1': 'sha256',
  '2.16.840.1.101.3.4.2.2': 'sha384',
  '2.16.840.1.101.3.4.2.3': 'sha512',
};
/** Signature algorithm OIDs (the key type; the hash is the signer's digest algorithm). */
const SIGNATURE_KEY_TYPES: Record<string, 'rsa' | 'ec'> = {
  '1.2.840.113549.1.1.1': 'rsa', // rsaEncryption
  '1.2.840.113549.1.1.5': 'rsa', // sha1WithRSAEncryption
  '1.2.840.113549.1.1.11': 'rsa', // sha256WithRSAEncryption
  '1.2.840.113549.1.1.12': 'rsa', // sha384WithRSAEncryption
  '1.2.840.113549.1.1.13': 'rsa', // sha512WithRSAEncryption
  '1.2.840.10045.2.1': 'ec', // id-ecPublicKey
  '1.2.840.10045.4.3.2': 'ec', // ecdsa-with-SHA256
  '1.2.840.10045.4.3.3': 'ec', // ecdsa-with-SHA384
  '1.2.840.10045.4.3.4': 'ec', // ecdsa-with-SHA512
};
const OID_DATA = '1.2.840.113549.1.7.1';
const OID_SIGNED_DATA = '1.2.840.113549.1.7.2';
const OID_MESSAGE_DIGEST = '1.2.840.113549.1.9.4';

export interface VerifiedSignedData {
  /** The signed content (for a profile: the inner plist). */
  content: Buffer;
  /** The first signer's certificate, DER. */
  signerCertificate: Buffer;
  /** The first signer's subject, e.g. "CN=Depotline Profiles, O=Depotline". */
  signerSubject: string;
}

const { Class, Type } = forge.asn1;

function bad(message: string, cause?: unknown): MobileconfigError {
  return new MobileconfigError('BAD_PKCS7', message, cause === undefined ? undefined : { cause });
}

function mismatch(message: string): MobileconfigError {
  return new MobileconfigError('BAD_SIGNATURE', message);
}

/** A context-specific tag ([n]); its number is not one of forge's universal Type values. */
function isContextTag(node: Asn1, n: number): boolean {
  return node.tagClass === Class.CONTEXT_SPECIFIC && Number(node.type) === n;
}

function der(node: Asn1): Buffer {
  return Buffer.from(forge.asn1.toDer(node).getBytes(), 'binary');
}

function children(node: Asn1 | undefined, what: string): Asn1[] {
  if (!node || !Array.isArray(node.value)) throw bad(`malformed PKCS#7: ${what} is not a structure`);
  return node.value;
}

function oidOf(node: Asn1 | undefined, what: string): string {
  if (!node || node.type !== Type.OID || typeof node.value !== 'string')
    throw bad(`malformed PKCS#7: ${what}`);
  return forge.asn1.derToOid(node.value);
}

/** issuer DER + serial bytes of a certificate, read from its own TBSCertificate. */
function certificateId(cert: Asn1): string {
  const tbs = children(children(cert, 'a certificate')[0], 'a TBSCertificate');
  const first = tbs[0];
  const serialAt = first && first.tagClass === Class.CONTEXT_SPECIFIC ? 1 : 0;
  const serial = tbs[serialAt];
  const issuer = tbs[serialAt + 2];
  if (!serial || !issuer || typeof serial.value !== 'string') throw bad('malformed PKCS#7: a certificate');
  return `${der(issuer).toString('hex')}/${Buffer.from(serial.value, 'binary').toString('hex')}`;
}

interface SignerInfo {
  certificateId: string;
  digest: string;
  signedAttributes: Asn1[] | undefined;
  keyType: 'rsa' | 'ec';
  signature: Buffer;
}

function readSignerInfo(node: Asn1): SignerInfo {
  const fields = children(node, 'a SignerInfo');
  let i = 1; // after version
  const sid = children(fields[i++], 'a signer id (only issuerAndSerialNumber is supported)');
  const [issuer, serial] = sid;
  if (!issuer || !serial || typeof serial.value !== 'string') throw bad('malformed PKCS#7: signer id');
  const digestOid = oidOf(children(fields[i++], 'a digest algorithm')[0], 'digest algorithm');
  const digest = DIGESTS[digestOid];
  if (!digest) throw bad(`unsupported digest algorithm ${digestOid}`);
  let signedAttributes: Asn1[] | undefined;
  const maybeAttrs = fields[i];
  if (maybeAttrs && isContextTag(maybeAttrs, 0)) {
    signedAttributes = children(maybeAttrs, 'signed attributes');
    i++;
  }
  const signatureOid = oidOf(children(fields[i++], 'a signature algorithm')[0], 'signature algorithm');
  const keyType = SIGNATURE_KEY_TYPES[signatureOid];
  if (!keyType) throw bad(`unsupported signature algorithm ${signatureOid}`);
  const signature = fields[i];
  if (!signature || signature.type !== Type.OCTETSTRING || typeof signature.value !== 'string')
    throw bad('malformed PKCS#7: signature');
  return {
    certificateId: `${der(issuer).toString('hex')}/${Buffer.from(serial.value, 'binary').toString('hex')}`,
    digest,
    signedAttributes,
    keyType,
    signature: Buffer.from(signature.value, 'binary'),
  };
}

function messageDigestOf(attributes: Asn1[]): Buffer | undefined {
  for (const attribute of attributes) {
    const [type, values] = children(attribute, 'a signed attribute');
    if (oidOf(type, 'attribute type') !== OID_MESSAGE_DIGEST) continue;
    const value = children(values, 'messageDigest values')[0];
    if (!value || typeof value.value !== 'string') throw bad('malformed PKCS#7: messageDigest');
    return Buffer.from(value.value, 'binary');
  }
  return undefined;
}

function subjectOf(cert: X509Certificate): string {
  return cert.subject.split('\n').join(', ');
}

/** The content octets of an EncapsulatedContentInfo's [0]: one OCTET STRING, or (BER) chunks of one. */
function octets(node: Asn1): string {
  if (typeof node.value === 'string') return node.value;
  return node.value.map(octets).join('');
}

/**
 * The parts of SignedData (RFC 5652 §5.1), walked by hand: forge's pkcs7 reader reads
 * only RSA certificates and mangles attached content, so only its ASN.1 parser is used.
 */
function readSignedData(bytes: Uint8Array): { content: Buffer; certificates: Asn1[]; signerInfos: Asn1[] } {
  let root: Asn1;
  try {
    root = forge.asn1.fromDer(Buffer.from(bytes).toString('binary'));
  } catch (err) {
    throw bad(`malformed PKCS#7: ${err instanceof Error ? err.message : String(err)}`, err);
  }
  const [contentType, explicit] = children(root, 'ContentInfo');
  if (oidOf(contentType, 'content type') !== OID_SIGNED_DATA)
    throw bad('the PKCS#7 message is not SignedData');
  const signedData = children(children(explicit, 'SignedData')[0], 'SignedData');
  const encapsulated = children(signedData[2], 'EncapsulatedContentInfo');
  if (oidOf(encapsulated[0], 'encapsulated content type') !== OID_DATA)
    throw bad('the signed content is not plain data');
  const wrapped = encapsulated[1];
  if (!wrapped) throw bad('the PKCS#7 signature is detached: it carries no content');
  const content = Buffer.from(children(wrapped, 'content').map(octets).join(''), 'binary');
  let certificates: Asn1[] = [];
  let signerInfos: Asn1[] | undefined;
  for (const field of signedData.slice(3)) {
    if (isContextTag(field, 0)) certificates = children(field, 'certificates');
    else if (field.tagClass === Class.UNIVERSAL && field.type === Type.SET)
      signerInfos = children(field, 'signerInfos');
  }
  if (!signerInfos) throw bad('malformed PKCS#7: no signerInfos');
  return { content, certificates, signerInfos };
}

/** Parses and verifies SignedData DER; throws MobileconfigError BAD_PKCS7 or BAD_SIGNATURE. */
export function verifySignedData(bytes: Uint8Array): VerifiedSignedData {
  const { content: contentBytes, certificates: certificateList, signerInfos } = readSignedData(bytes);
  const certificates = new Map<string, Asn1>();
  for (const cert of certificateList) certificates.set(certificateId(cert), cert);
  const signers = signerInfos.map(readSignerInfo);
  if (signers.length === 0) throw mismatch('the PKCS#7 message has no signer');

  const verified = signers.map((signer): VerifiedSignedData => {
    const certAsn1 = certificates.get(signer.certificateId);
    if (!certAsn1) throw mismatch("the signer's certificate is not in the PKCS#7 message");
    const certificateDer = der(certAsn1);
    let certificate: X509Certificate;
    try {
      certificate = new X509Certificate(certificateDer);
    } catch (err) {
      throw bad("the signer's certificate cannot be read", err);
    }
    let signedBytes = contentBytes;
    if (signer.signedAttributes) {
      const expected = messageDigestOf(signer.signedAttributes);
      if (!expected) throw mismatch('the signed attributes carry no messageDigest');
      if (!createHash(signer.digest).update(contentBytes).digest().equals(expected))
        throw mismatch(
          'the content does not match the signed messageDigest (the profile was changed after signing)',
        );
      // Signed attributes are signed as a DER SET OF, not as the [0] IMPLICIT they travel in.
      signedBytes = der(forge.asn1.create(Class.UNIVERSAL, Type.SET, true, signer.signedAttributes));
    }
    const keyType = certificate.publicKey.asymmetricKeyType;
    if (keyType !== signer.keyType)
      throw mismatch(`the signature algorithm (${signer.keyType}) does not fit the signer's ${keyType} key`);
    if (!verify(signer.digest, signedBytes, certificate.publicKey, signer.signature))
      throw mismatch("the signature does not verify with the signer's certificate");
    return {
      content: contentBytes,
      signerCertificate: certificateDer,
      signerSubject: subjectOf(certificate),
    };
  });
  return verified[0] as VerifiedSignedData;
}

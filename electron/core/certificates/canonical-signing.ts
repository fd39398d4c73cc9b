// What exactly an erasure certificate's signature covers: the canonical JSON (object keys
// sorted at every depth, audit/canonical-json.ts) of the whole document without its `signature`
// member, as UTF-8. Sorting makes the signed bytes independent of how the file was
// pretty-printed or in which order a reader happened to keep the keys, so a certificate can be
// re-indented without breaking, while any change of a value breaks it.
import { constants, createPublicKey, publicDecrypt, sign, verify, type KeyObject } from 'node:crypto';
import { canonicalJson } from '../audit/canonical-json.ts';

/** DER prefix of a PKCS#1 v1.5 DigestInfo for SHA-256 (RFC 8017 §9.2, note 1); the digest follows. */
const SHA256_DIGEST_INFO = Buffer.from('3031300d060960864801650304020105000420', 'hex');

export function signedBytes(document: object): Buffer {
  const { signature: _signature, ...body } = document as Record<string, unknown>;
  return Buffer.from(canonicalJson(body), 'utf8');
}

/** RSASSA-PKCS1-v1_5 with SHA-256 over the signed bytes, base64. */
export function signDocumentBytes(bytes: Buffer, privateKeyPem: string): string {
  return sign('sha256', bytes, privateKeyPem).toString('base64');
}

/**
 * - `match`: the signature is good for these bytes.
 * - `content-changed`: the certificate's key made this signature, over other bytes: the document
 *   was edited after signing.
 * - `other-key`: the certificate's key did not make this signature at all.
 * RSA makes the difference visible: the public operation on a PKCS#1 v1.5 signature gives back
 * the padded DigestInfo it was made over only when the matching private key made it; with any
 * other key it gives bytes without that structure.
 */
export type SignatureCheck = 'match' | 'content-changed' | 'other-key';

export function checkSignature(
  bytes: Buffer,
  signatureBase64: string,
  certificateKey: KeyObject,
): SignatureCheck {
  if (certificateKey.asymmetricKeyType !== 'rsa') return 'other-key';
  const signature = Buffer.from(signatureBase64, 'base64');
  if (verify('sha256', bytes, certificateKey, signature)) return 'match';
  let recovered: Buffer;
  try {
    recovered = publicDecrypt({ key: certificateKey, padding: constants.RSA_PKCS1_PADDING }, signature);
  } catch {
    return 'other-key';
  }
  const isDigestInfo =
    recovered.length === SHA256_DIGEST_INFO.length + 32 &&
    recovered.subarray(0, SHA256_DIGEST_INFO.length).equals(SHA256_DIGEST_INFO);
  return isDigestInfo ? 'content-changed' : 'other-key';
}

/** The public key of a PEM private key, to check a key file matches its certificate. */
export function publicKeyOf(privateKeyPem: string): KeyObject {
  return createPublicKey(privateKeyPem);
}

// Reads and verifies the signers of an APK Signature Scheme v2 or v3 block. For each signer:
// the signature over its signed data must verify with its public key, that key must be the
// first certificate's, and the signed content digest must match the APK's actual content.
import { createHash, createPublicKey, verify, X509Certificate, constants } from 'node:crypto';
import { computeContentDigest, type DigestAlgorithm } from './content-digest.ts';
import { ApkError } from './errors.ts';
import { LengthPrefixed } from './signing-block.ts';
import type { ZipLayout } from './zip.ts';

interface AlgorithmSpec {
  hash: DigestAlgorithm;
  kind: 'rsa-pss' | 'rsa-pkcs1' | 'ecdsa' | 'dsa';
  /** Verity-based algorithms digest a Merkle tree instead of 1 MiB chunks; their content digest is not checked here. */
  verity?: boolean;
}

// Signature algorithm IDs from the APK Signature Scheme v2 specification.
const ALGORITHMS: ReadonlyMap<number, AlgorithmSpec> = new Map([
  [0x0101, { hash: 'sha256', kind: 'rsa-pss' }],
  [0x0102, { hash: 'sha512', kind: 'rsa-pss' }],
  [0x0103, { hash: 'sha256', kind: 'rsa-pkcs1' }],
  [0x0104, { hash: 'sha512', kind: 'rsa-pkcs1' }],
  [0x0201, { hash: 'sha256', kind: 'ecdsa' }],
  [0x0202, { hash: 'sha512', kind: 'ecdsa' }],
  [0x0301, { hash: 'sha256', kind: 'dsa' }],
  [0x0421, { hash: 'sha256', kind: 'rsa-pkcs1', verity: true }],
  [0x0423, { hash: 'sha256', kind: 'ecdsa', verity: true }],
  [0x0425, { hash: 'sha256', kind: 'dsa', verity: true }],
]);

export interface SchemeSigner {
  /** DER of each certificate in the signer's chain, the signer's own first. */
  certificates: Buffer[];
  /** Lowercase hex SHA-256 of the first certificate: what apksigner prints as "certificate SHA-256 digest". */
  certificateSha256: string;
  verified: boolean;
  problems: string[];
}

function checkSignature(
  spec: AlgorithmSpec,
  publicKeyDer: Buffer,
  signedData: Buffer,
  signature: Buffer,
): boolean {
  const key = createPublicKey({ key: publicKeyDer, format: 'der', type: 'spki' });
  if (spec.kind === 'rsa-pss') {
    const saltLength = spec.hash === 'sha256' ? 32 : 64;
    return verify(
      spec.hash,
      signedData,
      { key, padding: constants.RSA_PKCS1_PSS_PADDING, saltLength },
      signature,
    );
  }
  return verify(spec.hash, signedData, key, signature);
}

function readSigner(
  raw: Buffer,
  v3: boolean,
  contentDigest: (hash: DigestAlgorithm) => Buffer,
): SchemeSigner {
  const signer = new LengthPrefixed(raw);
  const signedData = signer.slice();
  if (v3) {
    signer.uint32(); // minSdkVersion
    signer.uint32(); // maxSdkVersion
  }
  const signatures = LengthPrefixed.items(signer.slice());
  const publicKey = signer.slice();

  const signed = new LengthPrefixed(signedData);
  const digests = LengthPrefixed.items(signed.slice());
  const certificates = LengthPrefixed.items(signed.slice());
  const first = certificates[0];
  if (!first) throw new ApkError('BAD_SIGNATURE_BLOCK', 'signer has no certificate');

  const problems: string[] = [];
  let signatureOk = false;
  for (const item of signatures) {
    const r = new LengthPrefixed(item);
    const spec = ALGORITHMS.get(r.uint32());
    if (!spec) continue;
    try {
      if (checkSignature(spec, publicKey, signedData, r.slice())) signatureOk = true;
      else problems.push('signature over signed data does not verify');
    } catch (err) {
      problems.push(`cannot check signature: ${err instanceof Error ? err.message : String(err)}`);
    }
  }
  if (!signatureOk && problems.length === 0) problems.push('no signature with a supported algorithm');

  let certKeyMatches = false;
  try {
    const certKey = new X509Certificate(first).publicKey.export({ type: 'spki', format: 'der' });
    certKeyMatches = certKey.equals(publicKey);
  } catch (err) {
    problems.push(`unreadable certificate: ${err instanceof Error ? err.message : String(err)}`);
  }
  if (!certKeyMatches) problems.push('public key does not match the signing certificate');

  let digestOk = false;
  for (const item of digests) {
    const r = new LengthPrefixed(item);
    const spec = ALGORITHMS.get(r.uint32());
    if (!spec || spec.verity) continue;
    if (contentDigest(spec.hash).equals(r.slice())) digestOk = true;
    else problems.push('APK content digest mismatch (the APK was modified after signing)');
  }
  if (!digestOk && !problems.some((p) => p.startsWith('APK content')))
    problems.push('no content digest with a supported algorithm');

  return {
    certificates,
    certificateSha256: createHash('sha256').update(first).digest('hex'),
    verified: signatureOk && certKeyMatches && digestOk,
    problems,
  };
}

/** Parses a v2 (or, with v3=true, v3) signature block value into its verified signers. */
export function readSchemeSigners(
  apk: Buffer,
  zip: ZipLayout,
  blockOffset: number,
  value: Buffer,
  v3: boolean,
): SchemeSigner[] {
  const cache = new Map<DigestAlgorithm, Buffer>();
  const contentDigest = (hash: DigestAlgorithm): Buffer => {
    let d = cache.get(hash);
    if (!d) cache.set(hash, (d = computeContentDigest(apk, zip, blockOffset, hash)));
    return d;
  };
  const signers = LengthPrefixed.items(new LengthPrefixed(value).slice()).map((raw) =>
    readSigner(raw, v3, contentDigest),
  );
  if (signers.length === 0)
    throw new ApkError(
      'BAD_SIGNATURE_BLOCK',
      `APK Signature Scheme ${v3 ? 'v3' : 'v2'} block has no signers`,
    );
  return signers;
}

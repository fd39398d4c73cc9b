// Checks an erasure certificate file: is it one, was it changed since it was signed, does the
// signature belong to the certificate it carries, was that certificate valid when the erasure
// certificate was issued, and, when the verifier holds the depot CA, does it lead to that CA.
// Every answer is one outcome with one sentence a person understands; none of them throws.
//
// The validity window is checked at `issuedAt`, not today, so a certificate stays verifiable
// after its station certificate expires. There is no trusted timestamp: someone holding an old
// station key could backdate a document; the depot CA's answer to that is to re-key stations.
import { X509Certificate, createHash } from 'node:crypto';
import {
  CertificateSignatureSchema,
  ERASURE_CERTIFICATE_SCHEMA,
  ErasureCertificateSchema,
  type ErasureCertificate,
} from '../../common/models/erasure-certificate.ts';
import { checkSignature, signedBytes } from './canonical-signing.ts';
import { commonNameOf } from './station-certificates.ts';

/** Far above any real certificate (a few kB); a bigger file is not one. */
const MAX_BYTES = 1_000_000;
const MAX_CHAIN = 5;
const TAMPERED = {
  kind: 'tampered',
  message: 'The content was changed after it was signed: none of it can be trusted.',
} as const;

export interface SignerInfo {
  /** Subject CN of the station certificate. */
  station: string;
  /** SHA-256 fingerprint of the station certificate, colon-separated hex as OpenSSL prints it. */
  certificateFingerprint: string;
  /** SHA-256 of the signature bytes: what the PDF prints, to match paper to file. */
  signatureFingerprint: string;
  /** Subject CN of the trusted CA the chain led to; null when no CA was given. */
  trustedCa: string | null;
}

export type CertificateOutcome =
  | { kind: 'valid'; message: string; document: ErasureCertificate; signer: SignerInfo }
  | { kind: 'unreadable'; message: string }
  | { kind: 'unknown-schema'; message: string }
  | { kind: 'invalid-content'; message: string }
  | { kind: 'tampered'; message: string }
  | { kind: 'signature-mismatch'; message: string }
  | { kind: 'not-valid-at-issue'; message: string }
  | { kind: 'unknown-key'; message: string };
export type CertificateOutcomeKind = CertificateOutcome['kind'];

export interface VerifyOptions {
  /** PEM certificates of the depot CA(s) to trust; none means the chain is not checked. */
  trustedCaPems?: readonly string[] | undefined;
}

/** Reads CA certificates from a PEM file's text (a bundle may hold several). Throws when there are none. */
export function parseTrustedCas(pemText: string): string[] {
  const pems = pemText.match(/-----BEGIN CERTIFICATE-----[\s\S]+?-----END CERTIFICATE-----/g) ?? [];
  if (pems.length === 0) throw new Error('no PEM certificate in it');
  for (const pem of pems) new X509Certificate(pem); // throws on a damaged one
  return pems;
}

export function verifyErasureCertificate(
  file: Buffer | string,
  options: VerifyOptions = {},
): CertificateOutcome {
  const bytes = typeof file === 'string' ? Buffer.from(file, 'utf8') : file;
  if (bytes.length > MAX_BYTES)
    return { kind: 'unreadable', message: 'The file is far too large to be an erasure certificate.' };
  let raw: unknown;
  let protoKey = false;
  try {
    raw = JSON.parse(bytes.toString('utf8').replace(/^\uFEFF/, ''), (key, value: unknown) => {
      if (key === '__proto__') protoKey = true;
      return value;
    });
  } catch {
    return {
      kind: 'unreadable',
      message: 'The file is not complete JSON: it is truncated, damaged or not a certificate.',
    };
  }
  if (raw === null || typeof raw !== 'object' || Array.isArray(raw))
    return { kind: 'unreadable', message: 'The file is JSON but not a certificate document.' };
  const record = raw as Record<string, unknown>;
  if (record.schema !== ERASURE_CERTIFICATE_SCHEMA)
    return {
      kind: 'unknown-schema',
      message:
        typeof record.schema === 'string'
          ? `Unknown certificate format "${record.schema.slice(0, 80)}"; this Depotline reads ${ERASURE_CERTIFICATE_SCHEMA}.`
          : `Not a Depotline erasure certificate (no "schema": "${ERASURE_CERTIFICATE_SCHEMA}").`,
    };

  const signature = CertificateSignatureSchema.safeParse(record.signature);
  if (!signature.success)
    return { kind: 'invalid-content', message: 'The certificate has no usable signature block.' };
  let station: X509Certificate;
  try {
    station = new X509Certificate(signature.data.certificate);
  } catch {
    return { kind: 'invalid-content', message: 'The station certificate inside the file cannot be read.' };
  }

  // canonicalJson assigns keys to a plain object, where "__proto__" sets the prototype instead
  // of a member: such a key would fall out of the signed bytes. Depotline never writes one.
  if (protoKey) return TAMPERED;
  const check = checkSignature(signedBytes(record), signature.data.value, station.publicKey);
  if (check === 'content-changed') return TAMPERED;
  if (check === 'other-key')
    return {
      kind: 'signature-mismatch',
      message: 'The signature was not made by the key of the station certificate in the file.',
    };

  const content = ErasureCertificateSchema.safeParse(raw);
  if (!content.success) {
    const issue = content.error.issues[0]!;
    return {
      kind: 'invalid-content',
      message: `The signature is good but the content is not a valid certificate: ${issue.path.join('.') || 'certificate'}: ${issue.message}.`,
    };
  }
  const document = content.data;

  const issuedAt = new Date(document.issuedAt);
  const chain: X509Certificate[] = [];
  try {
    for (const pem of document.signature.chain) chain.push(new X509Certificate(pem));
  } catch {
    return { kind: 'invalid-content', message: 'A certificate in the chain inside the file cannot be read.' };
  }
  const expired = [station, ...chain].find((certificate) => !validAt(certificate, issuedAt));
  if (expired)
    return {
      kind: 'not-valid-at-issue',
      message: `The certificate of ${commonNameOf(expired.subject)} was not valid on ${document.issuedAt} (valid ${expired.validFrom} to ${expired.validTo}).`,
    };

  let trustedCa: string | null = null;
  if (options.trustedCaPems && options.trustedCaPems.length > 0) {
    let anchors: X509Certificate[];
    try {
      anchors = options.trustedCaPems.map((pem) => new X509Certificate(pem));
    } catch {
      return { kind: 'unreadable', message: 'The depot CA certificate given cannot be read.' };
    }
    const anchor = chainLeadsTo(station, chain, anchors);
    if (!anchor)
      return {
        kind: 'unknown-key',
        message: `Signed by an unknown key: ${commonNameOf(station.subject)} was not issued by the depot CA given.`,
      };
    if (!validAt(anchor, issuedAt))
      return {
        kind: 'not-valid-at-issue',
        message: `The depot CA ${commonNameOf(anchor.subject)} was not valid on ${document.issuedAt}.`,
      };
    trustedCa = commonNameOf(anchor.subject);
  }

  const signer: SignerInfo = {
    station: commonNameOf(station.subject),
    certificateFingerprint: station.fingerprint256,
    signatureFingerprint: signatureFingerprint(document.signature.value),
    trustedCa,
  };
  return {
    kind: 'valid',
    message: `Signed by ${signer.station}${trustedCa ? `, whose certificate the depot CA ${trustedCa} issued` : '; not checked against a depot CA (use --ca)'}.`,
    document,
    signer,
  };
}

/** SHA-256 of the signature bytes, colon-separated upper-case hex like certificate fingerprints. */
export function signatureFingerprint(signatureBase64: string): string {
  const hex = createHash('sha256').update(Buffer.from(signatureBase64, 'base64')).digest('hex');
  return hex.toUpperCase().match(/../g)!.join(':');
}

function validAt(certificate: X509Certificate, at: Date): boolean {
  return new Date(certificate.validFrom) <= at && at <= new Date(certificate.validTo);
}

/**
 * The trusted CA the station certificate leads to, through the file's chain, or null. A given
 * CA equal to the station certificate itself also counts: a depot may pin one station's
 * self-issued certificate instead of running a CA.
 */
function chainLeadsTo(
  station: X509Certificate,
  chain: readonly X509Certificate[],
  anchors: readonly X509Certificate[],
): X509Certificate | null {
  const pinned = anchors.find((anchor) => anchor.fingerprint256 === station.fingerprint256);
  if (pinned) return pinned;
  let current = station;
  for (let depth = 0; depth <= MAX_CHAIN; depth += 1) {
    const anchor = anchors.find((candidate) => issued(current, candidate));
    if (anchor) return anchor;
    const next = chain.find((candidate) => candidate !== current && issued(current, candidate));
    if (!next) return null;
    current = next;
  }
  return null;
}

/** `issuer` is a CA certificate whose name and key signed `certificate`. */
function issued(certificate: X509Certificate, issuer: X509Certificate): boolean {
  return issuer.ca && certificate.checkIssued(issuer) && certificate.verify(issuer.publicKey);
}

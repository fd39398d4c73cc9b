// From the facts of a finished wipe to a signed erasure certificate. Depotline decides what the
// facts do not say (the Clear/Purge method, by the rule in common/models/erasure-certificate.ts;
// the tool and its version; the id and the time of issue) and refuses facts that do not certify
// a sanitization, so no certificate ever records as wiped a device that was not.
import type { z } from 'zod';
import {
  ERASURE_CERTIFICATE_SCHEMA,
  ErasureCertificateSchema,
  ErasureFactsSchema,
  SIGNATURE_ALGORITHM,
  UnsignedErasureCertificateSchema,
  sanitizationMethodFor,
  type ErasureCertificate,
  type UnsignedErasureCertificate,
} from '../../common/models/erasure-certificate.ts';
import { signDocumentBytes, signedBytes } from './canonical-signing.ts';
import type { StationSigner } from './station-signing-key.ts';

/** The facts do not make a certificate; the message says why, for the technician. */
export class CertificateRefused extends Error {
  override readonly name = 'CertificateRefused';
}

function refuse(error: z.ZodError): never {
  throw new CertificateRefused(
    `no erasure certificate: ${error.issues.map((issue) => `${issue.path.join('.') || 'certificate'}: ${issue.message}`).join('; ')}`,
  );
}

/** Devices pad what they report ("R58N123 "); the certificate holds the values without the padding. */
function trimStrings(value: unknown): unknown {
  if (typeof value === 'string') return value.trim();
  if (Array.isArray(value)) return value.map(trimStrings);
  if (value !== null && typeof value === 'object')
    return Object.fromEntries(Object.entries(value).map(([key, child]) => [key, trimStrings(child)]));
  return value;
}

export function buildErasureCertificate(
  facts: unknown,
  issue: { id: string; issuedAt: string; toolVersion: string },
): UnsignedErasureCertificate {
  const parsedFacts = ErasureFactsSchema.safeParse(trimStrings(facts));
  if (!parsedFacts.success) refuse(parsedFacts.error);
  const f = parsedFacts.data;
  const { method, methodUsed } = sanitizationMethodFor({
    encryption: f.media.encryption,
    verificationResult: f.verification.result,
  });
  const body = UnsignedErasureCertificateSchema.safeParse({
    schema: ERASURE_CERTIFICATE_SCHEMA,
    id: issue.id,
    issuedAt: issue.issuedAt,
    assetId: f.assetId,
    device: f.device,
    media: {
      type: 'flash memory (eMMC/UFS/NAND), device-internal',
      encryption: f.media.encryption,
      source: f.media.source,
    },
    sanitization: {
      method,
      methodUsed,
      technique: f.technique,
      tool: { name: 'Depotline', version: issue.toolVersion },
      startedAt: f.startedAt,
      finishedAt: f.finishedAt,
    },
    verification: f.verification,
    station: f.station,
    technician: f.technician,
    destination: f.destination,
  });
  if (!body.success) refuse(body.error);
  return body.data;
}

export function signErasureCertificate(
  body: UnsignedErasureCertificate,
  signer: StationSigner,
): ErasureCertificate {
  const value = signDocumentBytes(signedBytes(body), signer.privateKeyPem);
  return ErasureCertificateSchema.parse({
    ...body,
    signature: {
      algorithm: SIGNATURE_ALGORITHM,
      value,
      certificate: signer.certificatePem,
      chain: signer.chainPem,
    },
  });
}

/** The file as written: two-space indented, keys in the schema's order, a final newline. */
export function certificateJson(document: ErasureCertificate): string {
  return `${JSON.stringify(document, null, 2)}\n`;
}

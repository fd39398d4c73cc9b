// The erasure certificate: one signed document per wiped device, and the facts a finished wipe
// hands over to get one. This file is the one source of both types (the core signs and verifies
// against it, the renderer shows it).
//
// Fields follow NIST SP 800-88 Rev. 1, section 4.7 ("Documentation") and its sample
// certificate of sanitization in Appendix G:
//   Manufacturer / Model / Serial Number         → device.manufacturer / model / serial (+ imeis, udid)
//   Organizationally assigned property number    → device.assetTag (and assetId, the record here)
//   Media Type (magnetic, flash memory, …)        → media.type
//   Media Source (user or computer it came from) → media.source
//   Sanitization Description (Clear/Purge/Destroy) → sanitization.method ("destroy" is never ours)
//   Method Used (overwrite, block erase, crypto erase, …) → sanitization.methodUsed (+ technique)
//   Tool Used (including version)                → sanitization.tool { name, version }
//   Verification Method (full, quick sampling, …) → verification.method, .result, .checks, .note
//   Post-Sanitization Destination                → destination
//   Person: name, position/title                 → technician { name, title }
//   Date                                         → sanitization.startedAt/finishedAt, issuedAt
//   Location, phone or other contact             → station { name, location, contact }
//   Signature                                    → signature (the station key; see core/certificates)
// Not recorded: the optional pre/post confidentiality categorisation and data backup fields
// (the depot does not know them per device). The same technician and tool perform the
// sanitization and the readback, so Appendix G's separate "validation" block is the same person.
import { z } from 'zod';
import { ImeiSchema, PlatformSchema, type PLATFORMS } from './asset.ts';

type Platform = (typeof PLATFORMS)[number];

export const ERASURE_CERTIFICATE_SCHEMA = 'depotline.erasure-certificate/v1';

/** The techniques Depotline runs, by what a technician would recognise. */
export const SANITIZATION_TECHNIQUES = [
  'factory reset via cmd testharness',
  'factory reset via device owner',
  'recovery wipe (guided)',
  'MCInstall EraseDevice (cryptographic erase)',
] as const;
export type SanitizationTechnique = (typeof SANITIZATION_TECHNIQUES)[number];

const TECHNIQUE_PLATFORM: Record<SanitizationTechnique, Platform> = {
  'factory reset via cmd testharness': 'android',
  'factory reset via device owner': 'android',
  'recovery wipe (guided)': 'android',
  'MCInstall EraseDevice (cryptographic erase)': 'ios',
};

/** How the device's internal storage was encrypted when it was wiped, as read from the device. */
export const STORAGE_ENCRYPTION = [
  /** Android 7+ file-based encryption (required for devices launching with Android 10+). */
  'file-based encryption',
  /** Android 5–9 full-disk encryption. */
  'full-disk encryption',
  /** iOS Data Protection: every file key wrapped by keys in Effaceable Storage, from first boot. */
  'iOS Data Protection',
  'none',
  'unknown',
] as const;
export type StorageEncryption = (typeof STORAGE_ENCRYPTION)[number];

export const SANITIZATION_METHODS = ['clear', 'purge'] as const;
export type SanitizationMethod = (typeof SANITIZATION_METHODS)[number];
export const METHODS_USED = ['cryptographic erase', 'manufacturer reset'] as const;
export type MethodUsed = (typeof METHODS_USED)[number];

export const VERIFICATION_RESULTS = ['passed', 'failed', 'not verified by device readback'] as const;
export const DESTINATIONS = ['reissue', 'recycle', 'resale', 'return to vendor', 'storage'] as const;

/**
 * Clear or Purge, from what was done and what was seen. 800-88 Rev. 1 Table A-3 (mobile devices)
 * lists a manufacturer's reset as Clear, and Purge as Cryptographic Erase where the device
 * supports it (iOS "Erase All Content and Settings" destroys the keys in Effaceable Storage).
 * Section 2.6 allows Cryptographic Erase as Purge only when all the data was encrypted from the
 * start and the keys are reliably destroyed. So:
 * - every technique here is a reset that deletes the storage keys when the storage is encrypted,
 *   so the method used is "cryptographic erase" there, a plain "manufacturer reset" elsewhere;
 * - Purge needs encryption from first boot: iOS Data Protection, or Android file-based
 *   encryption. Android full-disk encryption stays Clear, because Android 5 and earlier could
 *   encrypt in place after data was written, which section 2.6 excludes;
 * - and Purge needs the device itself to show the wipe happened (readback passed); a wipe we
 *   could not read back is certified as no more than Clear.
 */
export function sanitizationMethodFor(input: {
  encryption: StorageEncryption;
  verificationResult: (typeof VERIFICATION_RESULTS)[number];
}): { method: SanitizationMethod; methodUsed: MethodUsed } {
  const { encryption, verificationResult } = input;
  const encrypted = ['file-based encryption', 'full-disk encryption', 'iOS Data Protection'].includes(
    encryption,
  );
  const fromFirstBoot = encryption === 'file-based encryption' || encryption === 'iOS Data Protection';
  return {
    method: fromFirstBoot && verificationResult === 'passed' ? 'purge' : 'clear',
    methodUsed: encrypted ? 'cryptographic erase' : 'manufacturer reset',
  };
}

/**
 * Text as signed: no transform (what a verifier shows is exactly what was signed), so a value
 * with spaces around it is refused rather than silently trimmed; the issuer trims facts first.
 */
const text = (max: number) =>
  z
    .string()
    .min(1)
    .max(max)
    .refine((value) => value.trim() === value, 'no spaces around the value');
const Instant = z.iso.datetime();

export const DeviceIdentitySchema = z.strictObject({
  manufacturer: text(100),
  model: text(200),
  serial: text(200),
  imeis: z.array(ImeiSchema).max(2),
  udid: z.string().max(100).nullable(),
  assetTag: text(64).nullable(),
  platform: PlatformSchema,
  osVersionBefore: z.string().max(50),
});

export const VerificationCheckSchema = z.strictObject({
  name: text(120),
  expected: z.string().max(500),
  observed: z.string().max(500),
  passed: z.boolean(),
});

export const VerificationSchema = z.strictObject({
  method: z.enum(['device readback', 'none']),
  result: z.enum(VERIFICATION_RESULTS),
  checks: z.array(VerificationCheckSchema).max(50),
  note: z.string().max(2000).nullable(),
});
export type Verification = z.infer<typeof VerificationSchema>;

const StationSchema = z.strictObject({
  name: text(100),
  location: z.string().max(200).nullable(),
  /** Phone or e-mail of the depot, 800-88's "phone or other contact information". */
  contact: z.string().max(200).nullable(),
});
const TechnicianSchema = z.strictObject({ name: text(200), title: z.string().max(100).nullable() });
const DestinationSchema = z.enum(DESTINATIONS);
const AssetIdSchema = z.number().int().positive();

/** What the repair flow knows when a wipe has finished: everything but what Depotline adds. */
export const ErasureFactsSchema = z.strictObject({
  assetId: AssetIdSchema,
  device: DeviceIdentitySchema,
  media: z.strictObject({ encryption: z.enum(STORAGE_ENCRYPTION), source: z.string().max(200).nullable() }),
  technique: z.enum(SANITIZATION_TECHNIQUES),
  startedAt: Instant,
  finishedAt: Instant,
  verification: VerificationSchema,
  station: StationSchema,
  technician: TechnicianSchema,
  destination: DestinationSchema,
});
export type ErasureFacts = z.infer<typeof ErasureFactsSchema>;

export const SIGNATURE_ALGORITHM = 'RSASSA-PKCS1-v1_5-SHA256';
const Pem = z
  .string()
  .max(20_000)
  .regex(/^-----BEGIN CERTIFICATE-----[\s\S]+-----END CERTIFICATE-----\s*$/);

export const CertificateSignatureSchema = z.strictObject({
  algorithm: z.literal(SIGNATURE_ALGORITHM),
  /** Over the canonical JSON of the whole document without `signature` (core/certificates). */
  value: z.string().regex(/^[A-Za-z0-9+/]+={0,2}$/, 'base64'),
  /** The station certificate whose key signed. */
  certificate: Pem,
  /** Issuers above the station certificate, nearest first, up to the depot CA; empty when self-issued. */
  chain: z.array(Pem).max(5),
});
export type CertificateSignature = z.infer<typeof CertificateSignatureSchema>;

const CertificateBodyShape = {
  schema: z.literal(ERASURE_CERTIFICATE_SCHEMA),
  id: z.uuid(),
  issuedAt: Instant,
  assetId: AssetIdSchema,
  device: DeviceIdentitySchema,
  media: z.strictObject({
    type: z.literal('flash memory (eMMC/UFS/NAND), device-internal'),
    encryption: z.enum(STORAGE_ENCRYPTION),
    source: z.string().max(200).nullable(),
  }),
  sanitization: z.strictObject({
    method: z.enum(SANITIZATION_METHODS),
    methodUsed: z.enum(METHODS_USED),
    technique: z.enum(SANITIZATION_TECHNIQUES),
    tool: z.strictObject({ name: z.literal('Depotline'), version: text(50) }),
    startedAt: Instant,
    finishedAt: Instant,
  }),
  verification: VerificationSchema,
  station: StationSchema,
  technician: TechnicianSchema,
  destination: DestinationSchema,
};

/**
 * Why a certificate's content contradicts itself, or null. The verifier runs this on signed
 * documents too, so a certificate claiming Purge for an unverified wipe is refused even when its
 * signature is good ("nothing recorded as wiped that was not").
 */
export function certificateContentProblem(body: UnsignedErasureCertificate): string | null {
  const { device, media, sanitization: s, verification: v } = body;
  if (TECHNIQUE_PLATFORM[s.technique] !== device.platform)
    return `"${s.technique}" is not a technique for ${device.platform} devices`;
  if (
    (media.encryption === 'iOS Data Protection') !== (device.platform === 'ios') &&
    media.encryption !== 'unknown'
  )
    return `storage encryption "${media.encryption}" is impossible on ${device.platform}`;
  if (v.result === 'failed') return 'the wipe failed its verification, so there is nothing to certify';
  if (v.result === 'passed' && (v.method !== 'device readback' || v.checks.length === 0))
    return 'a passed verification needs device readback checks';
  if (v.checks.some((check) => !check.passed)) return 'a verification check failed';
  if (v.result === 'not verified by device readback' && (v.method !== 'none' || v.checks.length > 0))
    return 'an unverified wipe cannot list readback checks';
  const expected = sanitizationMethodFor({ encryption: media.encryption, verificationResult: v.result });
  if (expected.method !== s.method || expected.methodUsed !== s.methodUsed)
    return `the method must be ${expected.method} (${expected.methodUsed}) for this wipe, not ${s.method} (${s.methodUsed})`;
  const [started, finished, issued] = [s.startedAt, s.finishedAt, body.issuedAt].map((at) => Date.parse(at));
  if (!(started! <= finished! && finished! <= issued!))
    return 'the dates are out of order (started, finished, issued)';
  return null;
}

const refineContent = (body: UnsignedErasureCertificate, ctx: z.RefinementCtx) => {
  const problem = certificateContentProblem(body);
  if (problem) ctx.addIssue({ code: 'custom', message: problem });
};

export const UnsignedErasureCertificateSchema = z
  .strictObject(CertificateBodyShape)
  .superRefine(refineContent);
export type UnsignedErasureCertificate = z.infer<z.ZodObject<typeof CertificateBodyShape>>;

export const ErasureCertificateSchema = z
  .strictObject({ ...CertificateBodyShape, signature: CertificateSignatureSchema })
  .superRefine(refineContent);
export type ErasureCertificate = z.infer<typeof ErasureCertificateSchema>;

import { z } from 'zod';

/** One link of the hash chain. `hash` = SHA-256 over the canonical form of every other field. */
export const AuditEntrySchema = z.strictObject({
  seq: z.number().int().positive(),
  at: z.string(),
  actor: z.string(),
  station: z.string(),
  action: z.string(),
  subject: z.string(),
  details: z.record(z.string(), z.unknown()),
  prevHash: z.string(),
  hash: z.string(),
});
export type AuditEntry = z.infer<typeof AuditEntrySchema>;

export const AuditVerificationSchema = z.discriminatedUnion('ok', [
  z.strictObject({ ok: z.literal(true), entries: z.number().int().nonnegative(), headHash: z.string() }),
  z.strictObject({
    ok: z.literal(false),
    entries: z.number().int().nonnegative(),
    /** The first sequence number whose link does not hold. */
    brokenAtSeq: z.number().int().positive(),
    reason: z.enum(['hash_mismatch', 'prev_hash_mismatch', 'missing_entry', 'head_mismatch']),
    message: z.string(),
  }),
]);
export type AuditVerification = z.infer<typeof AuditVerificationSchema>;

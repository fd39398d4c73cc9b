// What may be stored: names a connector's config refers to (e.g. `snipeit.token`,
// `webhook.<id>.secret`) and values small enough for a token, an HMAC key or a client secret.
import { z } from 'zod';
// One rule for names, shared with the connector configs that refer to them.
import { SecretNameSchema } from '../../common/models/sync.ts';

export { SecretNameSchema };

/** A value is at most 16 KiB of UTF-8: a client certificate fits, a stray file does not. */
export const MAX_SECRET_VALUE_BYTES = 16 * 1024;

export const SecretValueSchema = z
  .string()
  .min(1, 'a secret value cannot be empty')
  .refine((value) => Buffer.byteLength(value, 'utf8') <= MAX_SECRET_VALUE_BYTES, {
    message: `a secret value is at most ${MAX_SECRET_VALUE_BYTES} bytes`,
  });

/** The decrypted content of the secrets file. */
export const SecretMapSchema = z.record(SecretNameSchema, SecretValueSchema);
export type SecretMap = z.infer<typeof SecretMapSchema>;

/** Throws an Error naming the bad name (never a value) in plain words. */
export function checkSecretName(name: string): string {
  const parsed = SecretNameSchema.safeParse(name);
  if (!parsed.success)
    throw new Error(`"${name.slice(0, 120)}" is not a secret name: ${parsed.error.issues[0]?.message}`);
  return parsed.data;
}

/** Throws an Error that never echoes the value. */
export function checkSecretValue(value: string): string {
  const parsed = SecretValueSchema.safeParse(value);
  if (!parsed.success) throw new Error(`cannot store this value: ${parsed.error.issues[0]?.message}`);
  return parsed.data;
}

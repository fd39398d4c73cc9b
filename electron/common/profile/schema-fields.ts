// Field types shared by every part of a staging profile (Android and iOS).
import { z } from 'zod';
import { TEMPLATE_VARIABLES, unknownTemplateVariables } from './template.ts';

/** A string that may hold `${variable}` placeholders; unknown variables are refused at import. */
export const Templated = z.string().superRefine((value, ctx) => {
  const unknown = unknownTemplateVariables(value);
  if (unknown.length > 0) {
    ctx.addIssue({
      code: 'custom',
      message: `unknown template variable${unknown.length > 1 ? 's' : ''} ${unknown.map((n) => `\${${n}}`).join(', ')}; known: ${TEMPLATE_VARIABLES.join(', ')}`,
    });
  }
});

export const Sha256 = z
  .string()
  .transform((value) => value.replaceAll(':', '').toLowerCase())
  .pipe(z.string().regex(/^[0-9a-f]{64}$/, 'must be a SHA-256 digest (64 hex digits, colons allowed)'));

/** A file next to the profile: relative, inside the profile's folder, no tricks. */
export const RelativePath = z
  .string()
  .min(1)
  .refine(
    (path) => !path.startsWith('/') && !/^[A-Za-z]:/.test(path) && !path.includes('\\'),
    'must be a path relative to the profile',
  )
  .refine((path) => !path.split('/').includes('..'), 'must stay inside the profile’s folder (no "..")')
  .refine((path) => !path.includes('\0'), 'must not contain a NUL byte');

export const DevicePath = z
  .string()
  .regex(/^\/[^\0]*$/, 'must be an absolute path on the device')
  .refine((p) => !p.split('/').includes('..'), 'must not contain ".."');

/** A step: its type, an optional label for the tile, and its own fields (unknown keys refused). */
export const step = <T extends string, S extends z.ZodRawShape>(type: T, shape: S) =>
  z.strictObject({ type: z.literal(type), label: z.string().max(120).optional(), ...shape });

/** A major OS version range, checked min ≤ max. */
export const VersionRange = z
  .strictObject({ min: z.number().int().min(1).optional(), max: z.number().int().min(1).optional() })
  .superRefine(({ min, max }, ctx) => {
    if (min !== undefined && max !== undefined && min > max)
      ctx.addIssue({ code: 'custom', message: `min (${min}) is above max (${max})` });
  })
  .default({});

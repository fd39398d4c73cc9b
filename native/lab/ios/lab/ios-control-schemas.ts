// Request bodies of the iOS routes of the lab control API (documented in ../CONTROL-API.md).
// Strict like the Android ones: an unknown key is an error, not silently ignored.
import { z } from 'zod';

export { EmptyBody } from '../../adb/lab/control-schemas.ts';

export const ActivationLockBody = z.object({ on: z.boolean() }).strict();

export const SetUpBody = z
  .object({ done: z.boolean().describe('true: leave Setup Assistant (activated); false: back to it') })
  .strict();

export const SuperviseBody = z
  .object({ organisation: z.string().trim().min(1).max(200).nullable() })
  .strict();

export const PasscodeBody = z
  .object({
    set: z.boolean(),
    locked: z
      .boolean()
      .optional()
      .describe('locked with the passcode: untrusted hosts get PasswordProtected'),
  })
  .strict();

export const IosBatteryBody = z
  .object({
    level: z.number().int().min(0).max(100).optional(),
    charging: z.boolean().optional(),
  })
  .strict()
  .refine((body) => body.level !== undefined || body.charging !== undefined, {
    message: 'give at least one of level, charging',
  });

export const IosFailInstallBody = z
  .object({
    error: z
      .string()
      .regex(
        /^[A-Za-z][A-Za-z0-9]{0,99}$/,
        'an installation_proxy error name such as ApplicationVerificationFailed',
      )
      .optional(),
    description: z.string().min(1).max(1000).optional(),
  })
  .strict();

/** Another organisation prepared the device: its cloud configuration, supervised or not; null removes it. */
export const ManagedByBody = z
  .object({
    organisation: z.string().trim().min(1).max(200).nullable(),
    supervised: z.boolean().optional(),
    mdmServer: z
      .url({ protocol: /^https$/ })
      .max(500)
      .optional(),
  })
  .strict();

/** Paths are relative to the media root, e.g. DCIM/100APPLE/IMG_0001.HEIC. */
export const MediaBody = z
  .object({
    files: z
      .array(
        z
          .object({
            path: z
              .string()
              .min(1)
              .max(300)
              .regex(/^(?!\/)(?!.*(^|\/)\.\.?(\/|$))[^\0]+$/, 'a relative path, without . or ..'),
            bytes: z
              .number()
              .int()
              .min(0)
              .max(64 * 1024 * 1024),
          })
          .strict(),
      )
      .min(1)
      .max(500),
  })
  .strict();

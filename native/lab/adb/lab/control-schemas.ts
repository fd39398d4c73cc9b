// Request bodies of the lab control API (documented in ../CONTROL-API.md). Every body is
// checked here before it reaches a device; unknown keys are errors, so a typo such as
// {"levl": 5} is reported instead of silently doing nothing.
import { z } from 'zod';

export const EmptyBody = z.object({}).strict();

export const RebootBody = z
  .object({ target: z.enum(['', 'recovery', 'bootloader', 'sideload']).default('') })
  .strict();

export const FactoryResetBody = z.object({ keepAdb: z.boolean() }).strict();

export const AccountBody = z
  .object({
    type: z.string().min(1).max(200).describe('account type, e.g. com.google'),
    name: z.string().min(1).max(200),
  })
  .strict();

export const BatteryBody = z
  .object({
    level: z.number().int().min(0).max(100).optional(),
    health: z.enum(['good', 'overheat', 'dead', 'cold']).optional(),
    charging: z.boolean().optional(),
    temperatureTenthsC: z.number().int().min(-400).max(1000).optional(),
  })
  .strict()
  .refine((body) => Object.keys(body).length > 0, {
    message: 'give at least one of level, health, charging, temperatureTenthsC',
  });

export const FillStorageBody = z
  .object({ bytes: z.number().int().min(0).max(Number.MAX_SAFE_INTEGER) })
  .strict();

export const FailInstallBody = z
  .object({
    code: z
      .string()
      .regex(/^[A-Z][A-Z0-9_]*$/, 'an Android failure code such as INSTALL_FAILED_INSUFFICIENT_STORAGE'),
  })
  .strict();

export const SlowdownBody = z.object({ factor: z.number().positive().max(1000) }).strict();

export const ScreenLockBody = z
  .object({
    kind: z.enum(['pin', 'pattern', 'password', 'none']),
    credential: z
      .string()
      .min(4)
      .max(64)
      .regex(/^\S+$/, 'no spaces: it is typed after --old in a shell command')
      .optional(),
  })
  .strict()
  .refine((body) => (body.kind === 'none') === (body.credential === undefined), {
    message: 'give a credential with pin, pattern or password, and none with kind "none"',
  });

export const TestHarnessSupportBody = z.object({ supported: z.boolean() }).strict();

/** Paths are relative to /sdcard, e.g. DCIM/Camera/IMG_20240601_101500.jpg. */
export const UserFilesBody = z
  .object({
    files: z
      .array(
        z
          .object({
            path: z
              .string()
              .min(1)
              .max(300)
              .regex(
                /^(?!\/)(?!.*(^|\/)\.\.?(\/|$))[^\0]+$/,
                'a relative path under /sdcard, without . or ..',
              ),
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

export const DpcWipeActionBody = z
  .object({
    component: z
      .string()
      .regex(/^[\w.]+\/[\w.$]+$/, 'a receiver component such as org.example.dpc/.CommandReceiver'),
    action: z.string().regex(/^[\w.]+$/, 'an intent action such as org.example.dpc.action.WIPE'),
  })
  .strict();

export const NextWipeBody = z
  .object({ outcome: z.enum(['same-phone', 'different-phone', 'never-returns']) })
  .strict();

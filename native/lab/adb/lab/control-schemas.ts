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

import { z } from 'zod';
import { TEMPLATE_VARIABLES, unknownTemplateVariables } from './template.ts';

/** A string that may hold `${variable}` placeholders; unknown variables are refused at import. */
const Templated = z.string().superRefine((value, ctx) => {
  const unknown = unknownTemplateVariables(value);
  if (unknown.length > 0) {
    ctx.addIssue({
      code: 'custom',
      message: `unknown template variable${unknown.length > 1 ? 's' : ''} ${unknown.map((n) => `\${${n}}`).join(', ')}; known: ${TEMPLATE_VARIABLES.join(', ')}`,
    });
  }
});

const PackageName = z
  .string()
  .regex(/^[A-Za-z][\w]*(\.[A-Za-z][\w]*)+$/, 'must be an Android package name such as org.example.app');
const Component = z
  .string()
  .regex(/^[A-Za-z][\w.]*\/[\w.$]+$/, 'must be a component such as org.example.dpc/.AdminReceiver');
const Permission = z
  .string()
  .regex(/^[A-Za-z][\w.]*$/, 'must be a permission such as android.permission.CAMERA');
const Sha256 = z
  .string()
  .transform((value) => value.replaceAll(':', '').toLowerCase())
  .pipe(z.string().regex(/^[0-9a-f]{64}$/, 'must be a SHA-256 digest (64 hex digits, colons allowed)'));
/** A file next to the profile: relative, inside the profile's folder, no tricks. */
const RelativePath = z
  .string()
  .min(1)
  .refine(
    (path) => !path.startsWith('/') && !/^[A-Za-z]:/.test(path) && !path.includes('\\'),
    'must be a path relative to the profile',
  )
  .refine((path) => !path.split('/').includes('..'), 'must stay inside the profile’s folder (no "..")')
  .refine((path) => !path.includes('\0'), 'must not contain a NUL byte');
const DevicePath = z
  .string()
  .regex(/^\/[^\0]*$/, 'must be an absolute path on the device')
  .refine((p) => !p.split('/').includes('..'), 'must not contain ".."');

const step = <T extends string, S extends z.ZodRawShape>(type: T, shape: S) =>
  z.strictObject({ type: z.literal(type), label: z.string().max(120).optional(), ...shape });

export const ProfileStepSchema = z.discriminatedUnion('type', [
  step('install', {
    apk: RelativePath,
    package: PackageName,
    minVersionCode: z.number().int().nonnegative().optional(),
    signerSha256: Sha256,
    grantRuntimePermissions: z.boolean().default(false),
  }),
  step('uninstall', { package: PackageName }),
  step('permission', { package: PackageName, permission: Permission, grant: z.boolean().default(true) }),
  step('setting', {
    namespace: z.enum(['global', 'secure', 'system']),
    key: z.string().regex(/^[\w.]+$/, 'must be a settings key such as stay_on_while_plugged_in'),
    value: z.union([z.string(), z.number(), z.boolean()]).transform(String),
  }),
  step('deviceOwner', { component: Component }),
  step('pushFile', { source: RelativePath, destination: DevicePath }),
  step('deviceName', { name: Templated.pipe(z.string().min(1).max(64)) }),
  step('enrol', {
    component: Component,
    action: z
      .string()
      .regex(/^[\w.]+$/)
      .optional(),
    extras: z
      .record(z.string().regex(/^[\w.]+$/, 'extra names are letters, digits, _ and .'), Templated)
      .default({}),
  }),
  step('reboot', { timeoutSeconds: z.number().int().min(10).max(1800).default(180) }),
  step('shell', { command: Templated, expectExitCode: z.number().int().min(0).max(255).default(0) }),
]);
export type ProfileStep = z.infer<typeof ProfileStepSchema>;
export type ProfileStepType = ProfileStep['type'];

export const PreflightSchema = z.strictObject({
  minBatteryPercent: z.number().int().min(0).max(100).default(20),
  androidVersion: z
    .strictObject({ min: z.number().int().min(1).optional(), max: z.number().int().min(1).optional() })
    .default({}),
  requireNoAccounts: z.boolean().default(true),
  requireNoDeviceOwner: z.boolean().default(true),
  setupWizard: z.enum(['incomplete', 'complete', 'any']).default('any'),
  requireFreeStorageForPayload: z.boolean().default(true),
});
export type Preflight = z.infer<typeof PreflightSchema>;

export const StagingProfileSchema = z
  .strictObject({
    schema: z.literal('depotline.profile/v1'),
    id: z.string().regex(/^[a-z0-9][a-z0-9-]{1,62}$/, 'must be lower-case letters, digits and dashes'),
    name: z.string().min(1).max(120),
    version: z.number().int().positive(),
    platform: z.literal('android'),
    description: z.string().max(2000).default(''),
    /** A profile must say so before it may run raw shell commands; the UI shows it. */
    allowShell: z.boolean().default(false),
    preflight: PreflightSchema.default(PreflightSchema.parse({})),
    steps: z.array(ProfileStepSchema).min(1, 'a profile needs at least one step'),
  })
  .superRefine((profile, ctx) => {
    profile.steps.forEach((s, index) => {
      if (s.type === 'shell' && !profile.allowShell) {
        ctx.addIssue({
          code: 'custom',
          path: ['steps', index],
          message: 'shell steps need "allowShell: true" at the top of the profile',
        });
      }
    });
    const { min, max } = profile.preflight.androidVersion;
    if (min !== undefined && max !== undefined && min > max) {
      ctx.addIssue({
        code: 'custom',
        path: ['preflight', 'androidVersion'],
        message: `min (${min}) is above max (${max})`,
      });
    }
  });
export type StagingProfile = z.infer<typeof StagingProfileSchema>;

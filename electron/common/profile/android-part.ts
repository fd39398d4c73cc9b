// The Android part of a staging profile: preflight rules and ordered steps run through adb.
import { z } from 'zod';
import { DevicePath, RelativePath, Sha256, step, Templated, VersionRange } from './schema-fields.ts';

const PackageName = z
  .string()
  .regex(/^[A-Za-z][\w]*(\.[A-Za-z][\w]*)+$/, 'must be an Android package name such as org.example.app');
const Component = z
  .string()
  .regex(/^[A-Za-z][\w.]*\/[\w.$]+$/, 'must be a component such as org.example.dpc/.AdminReceiver');
const Permission = z
  .string()
  .regex(/^[A-Za-z][\w.]*$/, 'must be a permission such as android.permission.CAMERA');

export const AndroidStepSchema = z.discriminatedUnion('type', [
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
export type AndroidStep = z.infer<typeof AndroidStepSchema>;
export type AndroidStepType = AndroidStep['type'];

export const AndroidPreflightSchema = z.strictObject({
  minBatteryPercent: z.number().int().min(0).max(100).default(20),
  androidVersion: VersionRange,
  requireNoAccounts: z.boolean().default(true),
  requireNoDeviceOwner: z.boolean().default(true),
  setupWizard: z.enum(['incomplete', 'complete', 'any']).default('any'),
  requireFreeStorageForPayload: z.boolean().default(true),
});
export type AndroidPreflight = z.infer<typeof AndroidPreflightSchema>;

export const AndroidPartSchema = z.strictObject({
  preflight: AndroidPreflightSchema.default(AndroidPreflightSchema.parse({})),
  steps: z.array(AndroidStepSchema).min(1, 'the Android part needs at least one step'),
});
export type AndroidPart = z.infer<typeof AndroidPartSchema>;

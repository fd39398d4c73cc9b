// The iOS part of a staging profile: preflight rules and ordered steps run through usbmuxd,
// lockdownd and its services (AFC, installation_proxy, MCInstall, diagnostics_relay).
import { z } from 'zod';
import { RelativePath, step, Templated, VersionRange } from './schema-fields.ts';

const BundleId = z
  .string()
  .regex(/^[A-Za-z0-9-]+(\.[A-Za-z0-9-]+)+$/, 'must be a bundle identifier such as org.example.app');
const PayloadIdentifier = z
  .string()
  .regex(/^[\w.-]+$/, 'must be a profile PayloadIdentifier such as org.example.wifi');
/** The Setup Assistant panes Apple lets a cloud configuration skip (SkipSetup keys). */
export const SETUP_PANES = [
  'AppleID',
  'Biometric',
  'Diagnostics',
  'Location',
  'Passcode',
  'Payment',
  'Privacy',
  'Restore',
  'ScreenTime',
  'Siri',
  'TOS',
  'Android',
  'DisplayTone',
  'Keyboard',
  'Welcome',
  'Appearance',
  'SoftwareUpdate',
  'WatchMigration',
  'iMessageAndFaceTime',
  'ActionButton',
] as const;

export const IosStepSchema = z.discriminatedUnion('type', [
  /** Installs a .mobileconfig; `sign` signs it with the depot's signing identity first. */
  step('configurationProfile', { file: RelativePath, sign: z.boolean().default(false) }),
  step('removeConfigurationProfile', { identifier: PayloadIdentifier }),
  step('app', {
    ipa: RelativePath,
    bundleId: BundleId,
    /** Lowest acceptable CFBundleVersion; an app at or above it is not reinstalled. */
    minVersion: z
      .string()
      .regex(/^\d+(\.\d+)*$/)
      .optional(),
  }),
  step('removeApp', { bundleId: BundleId }),
  step('deviceName', { name: Templated.pipe(z.string().min(1).max(64)) }),
  /** SetCloudConfiguration: only a device still in Setup Assistant can be prepared. */
  step('prepare', {
    organisation: z.strictObject({
      name: z.string().min(1).max(120),
      department: z.string().max(120).optional(),
      email: z.email().optional(),
      phone: z.string().max(40).optional(),
    }),
    supervise: z.boolean().default(true),
    skipSetup: z.array(z.enum(SETUP_PANES)).default([]),
    mdm: z
      .strictObject({
        url: z.url({ protocol: /^https$/, error: 'must be an https:// URL' }),
        anchorCertificates: z.array(RelativePath).default([]),
      })
      .optional(),
    allowPairing: z.boolean().default(true),
    mandatory: z.boolean().default(false),
    mdmUnremovable: z.boolean().default(false),
  }),
  step('erase', {}),
  step('restart', { timeoutSeconds: z.number().int().min(10).max(1800).default(180) }),
]);
export type IosStep = z.infer<typeof IosStepSchema>;
export type IosStepType = IosStep['type'];

export const IosPreflightSchema = z.strictObject({
  minBatteryPercent: z.number().int().min(0).max(100).default(20),
  iosVersion: VersionRange,
  /** Activation Lock makes an erased device unusable without the owner's Apple ID. */
  requireActivationLockOff: z.boolean().default(true),
  /** 'setupAssistant': only devices not yet set up (a `prepare` step implies it). */
  setupState: z.enum(['setupAssistant', 'setUp', 'any']).default('any'),
  requireFreeStorageForPayload: z.boolean().default(true),
});
export type IosPreflight = z.infer<typeof IosPreflightSchema>;

export const IosPartSchema = z.strictObject({
  preflight: IosPreflightSchema.default(IosPreflightSchema.parse({})),
  steps: z.array(IosStepSchema).min(1, 'the iOS part needs at least one step'),
});
export type IosPart = z.infer<typeof IosPartSchema>;

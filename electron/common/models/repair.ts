// The repair bench as the contract shows it: intake, the blocker checklist and its overrides,
// the durable wipe job, diagnostics and grade, the erasure certificates and one row per device
// on the bench. The renderer's repair page (renderer/features/repair/) reads these shapes; the
// core (electron/core/repair/) writes them. Every type is derived from these schemas.
import { z } from 'zod';
import { AssetSchema, ConditionGradeSchema } from './asset.ts';
import { DESTINATIONS, VerificationCheckSchema, type VERIFICATION_RESULTS } from './erasure-certificate.ts';

/** Why a device came back to the depot. */
export const INTAKE_REASONS = ['leaver', 'broken', 'upgrade', 'lost_and_found'] as const;
export const IntakeReasonSchema = z.enum(INTAKE_REASONS);
export type IntakeReason = z.infer<typeof IntakeReasonSchema>;

/**
 * A photo of the device's condition, by file name only (the file lives in the data folder's
 * photos/ folder; the database keeps the reference, never the bytes). No separators, no "..",
 * no leading dot: a reference cannot point outside that folder.
 */
export const PhotoRefSchema = z
  .string()
  .trim()
  .regex(
    /^[A-Za-z0-9][A-Za-z0-9 _.-]{0,150}\.(jpe?g|png|heic|webp)$/i,
    'a photo file name (letters, digits, space, _ . -) ending in .jpg, .jpeg, .png, .heic or .webp, without a folder',
  )
  .refine((name) => !name.includes('..'), 'a photo file name cannot contain ".."');

/** The wipe methods a device can offer (the device layer's WIPE_METHODS; the core checks they match). */
export const WIPE_METHOD_NAMES = [
  'android-testharness',
  'android-device-owner',
  'android-recovery',
  'ios-erase-device',
] as const;
export const WipeMethodSchema = z.enum(WIPE_METHOD_NAMES);
export type WipeMethodName = z.infer<typeof WipeMethodSchema>;
export const AndroidWipeMethodSchema = z.enum([
  'android-testharness',
  'android-device-owner',
  'android-recovery',
]);
export const IosWipeMethodSchema = z.enum(['ios-erase-device']);

/** What a plugged device says about one wipe method (the device layer's WipeSupport). */
export const WipeSupportSchema = z.strictObject({
  method: WipeMethodSchema,
  supported: z.boolean(),
  reason: z.string().optional(),
  instructions: z.array(z.string()).optional(),
});

/** What a device reports for grading (the device layer's Diagnostics). */
export const DiagnosticsSchema = z.strictObject({
  batteryLevel: z.number().nullable(),
  batteryHealth: z.number().nullable(),
  batteryCycles: z.number().nullable(),
  storageTotalBytes: z.number().nullable(),
  storageFreeBytes: z.number().nullable(),
  osVersion: z.string(),
});
export type DiagnosticsValues = z.infer<typeof DiagnosticsSchema>;

export const BLOCKER_CODES = [
  'android.accounts',
  'android.device_owner',
  'android.screen_lock',
  'ios.activation_lock',
  'ios.supervised_elsewhere',
  'ios.passcode',
] as const;
export const BlockerCodeSchema = z.enum(BLOCKER_CODES);
export type BlockerCode = z.infer<typeof BlockerCodeSchema>;

/** An override a technician recorded for one blocker of one intake (audited). */
export const OverrideSchema = z.strictObject({
  code: BlockerCodeSchema,
  reason: z.string(),
  by: z.string(),
  station: z.string(),
  at: z.string(),
});
export type Override = z.infer<typeof OverrideSchema>;

/** One line of the checklist shown before a wipe. */
export const ChecklistItemSchema = z.strictObject({
  code: BlockerCodeSchema,
  /** e.g. "Google and other accounts". */
  label: z.string(),
  /** What the device said; unknown counts as blocking unless overridden. */
  status: z.enum(['blocking', 'clear', 'unknown']),
  /** What was found, e.g. "Google account a@b.c". */
  detail: z.string(),
  /** What the technician must do, in plain words; null when clear. */
  action: z.string().nullable(),
  /** Why the device could not tell, when unknown. */
  unknownReason: z.string().nullable(),
  override: OverrideSchema.nullable(),
  /** Still in the way of a wipe: blocking or unknown, and not overridden. */
  open: z.boolean(),
});
export type ChecklistItem = z.infer<typeof ChecklistItemSchema>;

export const ChecklistSchema = z.strictObject({
  checkedAt: z.string(),
  items: z.array(ChecklistItemSchema),
  /** True when no item is open. A wipe re-reads the device and builds the checklist again first. */
  wipeAllowed: z.boolean(),
});
export type Checklist = z.infer<typeof ChecklistSchema>;

/** A proposed grade and the rules that led to it (see electron/core/repair/grade-rules.ts). */
export const GradeProposalSchema = z.strictObject({
  grade: ConditionGradeSchema,
  reasons: z.array(z.string()),
});
export type GradeProposal = z.infer<typeof GradeProposalSchema>;

/**
 * A wipe job's phase, written before and after each step so a restarted core follows the device
 * instead of wiping again: started (about to ask the device) → accepted (the device took the
 * command) → device_gone (it left the bus to reset) → device_back (it is back; reading it) →
 * verified | not_verified | failed.
 */
export const REPAIR_JOB_PHASES = [
  'started',
  'accepted',
  'device_gone',
  'device_back',
  'verified',
  'not_verified',
  'failed',
] as const;
export const RepairJobPhaseSchema = z.enum(REPAIR_JOB_PHASES);
export type RepairJobPhase = z.infer<typeof RepairJobPhaseSchema>;
export const FINISHED_REPAIR_PHASES: readonly RepairJobPhase[] = ['verified', 'not_verified', 'failed'];

export const DestinationSchema = z.enum(DESTINATIONS);

export const RepairJobViewSchema = z.strictObject({
  id: z.number().int().positive(),
  assetId: z.number().int().positive(),
  serial: z.string(),
  method: WipeMethodSchema,
  /** Where the device goes after the wipe (the certificate's post-sanitization destination). */
  destination: DestinationSchema,
  phase: RepairJobPhaseSchema,
  finished: z.boolean(),
  startedAt: z.string(),
  updatedAt: z.string(),
  finishedAt: z.string().nullable(),
  /** Until when the job waits for the device to come back. */
  waitUntil: z.string().nullable(),
  /** Guided methods: the steps the technician follows while the job waits. */
  instructions: z.array(z.string()),
  /** Why it failed or could not be verified, or what happened on the way, in plain words. */
  message: z.string().nullable(),
  /** The readback checks, once the device came back. */
  checks: z.array(VerificationCheckSchema),
  /** A not-verified wipe the technician confirmed (the asset then became wiped). */
  confirmation: z.strictObject({ by: z.string(), at: z.string(), note: z.string() }).nullable(),
  /** Why the erasure certificate could not be issued yet (repair.certify tries again). */
  certificateError: z.string().nullable(),
});
export type RepairJobView = z.infer<typeof RepairJobViewSchema>;

/** A certificate is issued for a verified wipe or a confirmed unverified one, never a failed one. */
export const CertificateVerificationSchema = z.enum([
  'passed',
  'not verified by device readback',
] as const satisfies readonly (typeof VERIFICATION_RESULTS)[number][]);

/** An erasure certificate kept with its asset: the signed JSON and the PDF beside it. */
export const CertificateRecordSchema = z.strictObject({
  id: z.string(),
  assetId: z.number().int().positive(),
  jobId: z.number().int().positive(),
  issuedAt: z.string(),
  verification: CertificateVerificationSchema,
  jsonPath: z.string(),
  pdfPath: z.string(),
  /** SHA-256 of the JSON file as written, so a later edit of the file is noticed. */
  sha256: z.string(),
});
export type CertificateRecord = z.infer<typeof CertificateRecordSchema>;

export const CertificateFileFormatSchema = z.enum(['json', 'pdf']);
export type CertificateFileFormat = z.infer<typeof CertificateFileFormatSchema>;

/** A stored certificate checked again from its file on disk (verifyErasureCertificate's outcome). */
export const CertificateCheckSchema = z.strictObject({
  certificateId: z.string(),
  kind: z.enum([
    'valid',
    'unreadable',
    'unknown-schema',
    'invalid-content',
    'tampered',
    'signature-mismatch',
    'not-valid-at-issue',
    'unknown-key',
  ]),
  message: z.string(),
  /** Who signed it, when valid. */
  signer: z
    .strictObject({
      station: z.string(),
      certificateFingerprint: z.string(),
      signatureFingerprint: z.string(),
      trustedCa: z.string().nullable(),
    })
    .nullable(),
});
export type CertificateCheck = z.infer<typeof CertificateCheckSchema>;

/** "org.example.dpc/.WipeReceiver" on "org.example.dpc.action.WIPE", as `am broadcast -n … -a …` takes them. */
export const DpcWipeCommandSchema = z.strictObject({
  component: z
    .string()
    .trim()
    .regex(
      /^[A-Za-z][A-Za-z0-9_]*(\.[A-Za-z0-9_]+)*\/\.?[A-Za-z0-9_$]+(\.[A-Za-z0-9_$]+)*$/,
      'package/receiver, e.g. org.example.dpc/.WipeReceiver',
    )
    .max(300),
  action: z
    .string()
    .trim()
    .regex(/^[A-Za-z][A-Za-z0-9_]*(\.[A-Za-z0-9_]+)*$/, 'an intent action, e.g. org.example.dpc.action.WIPE')
    .max(200),
});

/** The packages of the depot's own device-owner apps. */
export function depotDpcPackages(commands: readonly { component: string }[]): string[] {
  return commands.map((command) => command.component.split('/')[0] ?? '');
}

const VersionSchema = z
  .string()
  .trim()
  .regex(/^(\d+(\.\d+){0,2})?$/, 'a version such as 13 or 17.4, or empty for none');

/** The repair bench's own settings (kept apart from the station settings). */
export const RepairSettingsSchema = z.strictObject({
  /**
   * The organisation name the depot supervises its iPhones under; a device supervised by any
   * other name is blocked. Empty: every supervised device is blocked, with its organisation shown.
   */
  depotOrganisation: z.string().trim().max(200),
  /**
   * The depot's own device-owner apps (DPCs) and the broadcast that makes each wipe its phone
   * (the android-device-owner method). A phone one of them manages is not blocked by it.
   */
  dpcWipeCommands: z.array(DpcWipeCommandSchema).max(10),
  /** The fleet's minimum OS versions; below them a device grades D. Empty: no minimum. */
  minimumOsVersion: z.strictObject({ android: VersionSchema, ios: VersionSchema }),
  /** The method a wipe uses when the technician names none (the depot's repair profile). */
  defaultWipeMethod: z.strictObject({
    android: AndroidWipeMethodSchema.nullable(),
    ios: IosWipeMethodSchema.nullable(),
  }),
  /** For the certificate: where the station is and how to reach the depot. */
  stationLocation: z.string().trim().max(200),
  stationContact: z.string().trim().max(200),
});
export type RepairSettings = z.infer<typeof RepairSettingsSchema>;

export const DEFAULT_REPAIR_SETTINGS: RepairSettings = {
  depotOrganisation: '',
  dpcWipeCommands: [],
  minimumOsVersion: { android: '', ios: '' },
  defaultWipeMethod: { android: null, ios: 'ios-erase-device' },
  stationLocation: '',
  stationContact: '',
};

export const RepairSettingsPatchSchema = RepairSettingsSchema.partial().refine(
  (patch) => Object.keys(patch).length > 0,
  { message: 'name at least one setting to change' },
);

/** What the technician should do next with a device on the bench. */
export const NEXT_STEPS = [
  'check_blockers', // no checklist yet
  'resolve_blockers', // a blocker is open: fix it on the device or override it
  'wipe', // the checklist is clear
  'wiping', // a wipe job is running
  'confirm_wipe', // the wipe could not be verified: confirm it or wipe again
  'wipe_again', // the wipe failed
  'certify', // wiped, but its certificate could not be issued yet
  'grade', // wiped and certified: confirm a grade (diagnose first for a proposal)
  'release', // graded A–C: release it for re-issue
  'retire', // graded D: retire or recycle it
  'done', // released, or left the bench
] as const;
export const NextStepSchema = z.enum(NEXT_STEPS);

/** One device on the repair bench: everything the repair page shows for it. */
export const BenchRowSchema = z.strictObject({
  asset: AssetSchema.pick({
    id: true,
    assetTag: true,
    serial: true,
    platform: true,
    manufacturer: true,
    model: true,
    osVersion: true,
    imeis: true,
    udid: true,
    state: true,
    conditionGrade: true,
    batteryHealth: true,
  }),
  /** The device is plugged in on this bench and ready. */
  plugged: z.boolean(),
  intake: z.strictObject({
    id: z.number().int().positive(),
    reason: IntakeReasonSchema,
    conditionNotes: z.string(),
    photos: z.array(z.string()),
    at: z.string(),
    by: z.string(),
    station: z.string(),
    /** Set when the device left the bench (released, or its state moved on). */
    closedAt: z.string().nullable(),
  }),
  /** The last checklist read from the device, with today's overrides; null before the first check. */
  checklist: ChecklistSchema.nullable(),
  overrides: z.array(OverrideSchema),
  /** The latest wipe job of this intake. */
  job: RepairJobViewSchema.nullable(),
  diagnostics: z.strictObject({ at: z.string(), values: DiagnosticsSchema }).nullable(),
  grade: z.strictObject({
    proposed: GradeProposalSchema.nullable(),
    confirmed: z
      .strictObject({ grade: ConditionGradeSchema, by: z.string(), at: z.string(), note: z.string() })
      .nullable(),
  }),
  certificate: CertificateRecordSchema.nullable(),
  nextStep: NextStepSchema,
});
export type BenchRow = z.infer<typeof BenchRowSchema>;

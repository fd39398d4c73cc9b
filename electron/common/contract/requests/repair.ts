import { z } from 'zod';
import { defineRequest, NoInput } from '../define.ts';
import { AssetFieldsSchema, ConditionGradeSchema } from '../../models/asset.ts';
import { GeneratedFileSchema } from '../../models/asset-import.ts';
import {
  BenchRowSchema,
  BlockerCodeSchema,
  CertificateCheckSchema,
  CertificateFileFormatSchema,
  CertificateRecordSchema,
  DestinationSchema,
  IntakeReasonSchema,
  PhotoRefSchema,
  RepairSettingsPatchSchema,
  RepairSettingsSchema,
  WipeMethodSchema,
  WipeSupportSchema,
} from '../../models/repair.ts';

const AssetRef = z.strictObject({ assetId: z.number().int().positive() });
const JobRef = z.strictObject({ jobId: z.number().int().positive() });

/** Typed details of a device nobody registered yet (the rest of the record stays empty). */
export const NewDeviceSchema = AssetFieldsSchema.pick({
  serial: true,
  platform: true,
  manufacturer: true,
  model: true,
  assetTag: true,
  imeis: true,
  udid: true,
  osVersion: true,
}).partial({ model: true, assetTag: true, imeis: true, udid: true, osVersion: true });

/**
 * The repair bench: returns intake, blocker checks and overrides, the wipe and its job, erasure
 * certificates, diagnostics and grade, release for re-issue. Most requests answer with the
 * device's bench row (BenchRowSchema), so the page redraws that row from the answer.
 */
export const repairRequests = {
  'repair.intake': defineRequest(
    'Take a returned device in: a scanned tag, serial, IMEI or UDID (or the serial of a plugged device) becomes returned with the reason, condition notes and photo file names; an unknown device is registered on the spot.',
    z
      .strictObject({
        code: z.string().trim().min(1).max(200).optional(),
        pluggedSerial: z.string().trim().min(1).max(200).optional(),
        reason: IntakeReasonSchema,
        conditionNotes: z.string().trim().max(2000).default(''),
        photos: z.array(PhotoRefSchema).max(20).default([]),
        /** Used only when nothing matches and the plugged device cannot tell who it is. */
        register: NewDeviceSchema.optional(),
      })
      .refine((input) => (input.code === undefined) !== (input.pluggedSerial === undefined), {
        message: 'give either a scanned code or the serial of a plugged device',
        path: ['code'],
      }),
    z.strictObject({ registered: z.boolean(), row: BenchRowSchema }),
  ),
  'repair.checkBlockers': defineRequest(
    'Read the plugged device’s blockers (accounts, device owner, screen lock; Activation Lock, supervision, passcode) into a checklist with what to do for each.',
    AssetRef,
    BenchRowSchema,
  ),
  'repair.override': defineRequest(
    'Record an override for one blocker of this intake, with a reason (audited); an overridden blocker no longer stops a wipe.',
    z.strictObject({
      assetId: z.number().int().positive(),
      code: BlockerCodeSchema,
      reason: z.string().trim().min(10, 'give a reason of at least 10 characters').max(1000),
    }),
    BenchRowSchema,
  ),
  'repair.wipeMethods': defineRequest(
    'The wipe methods the plugged device supports (with why not, and the steps of guided ones), and the default the repair settings name.',
    AssetRef,
    z.strictObject({ methods: z.array(WipeSupportSchema), defaultMethod: WipeMethodSchema.nullable() }),
  ),
  'repair.wipe': defineRequest(
    'Wipe the plugged device: blockers are read again and must all be clear or overridden; the job follows the device through its reset and verifies it by readback.',
    z.strictObject({
      assetId: z.number().int().positive(),
      /** Default: the repair settings' method for the platform. */
      method: WipeMethodSchema.optional(),
      destination: DestinationSchema.default('reissue'),
    }),
    BenchRowSchema,
  ),
  'repair.stopWaiting': defineRequest(
    'Stop waiting for a wiping device (a guided wipe marked done, or a device that will not come back on USB): the job ends as not verified by device readback.',
    z.strictObject({ jobId: z.number().int().positive(), note: z.string().trim().max(500).default('') }),
    BenchRowSchema,
  ),
  'repair.confirmWipe': defineRequest(
    'Confirm a wipe that could not be verified by device readback (audited): the asset becomes wiped and its certificate says "not verified by device readback".',
    z.strictObject({
      jobId: z.number().int().positive(),
      note: z.string().trim().min(10, 'say what you saw, in at least 10 characters').max(1000),
    }),
    BenchRowSchema,
  ),
  'repair.certify': defineRequest(
    'Issue the erasure certificate of a wiped device again after it failed (the error is on the job).',
    JobRef,
    BenchRowSchema,
  ),
  'repair.diagnose': defineRequest(
    'Read battery, storage and OS version from the plugged device and propose a grade from the rules.',
    AssetRef,
    BenchRowSchema,
  ),
  'repair.grade': defineRequest(
    'Confirm or change the grade (A–D, audited); it is stored on the asset.',
    z.strictObject({
      assetId: z.number().int().positive(),
      grade: ConditionGradeSchema,
      note: z.string().trim().max(500).default(''),
    }),
    BenchRowSchema,
  ),
  'repair.release': defineRequest(
    'A wiped, certified device graded A–C becomes ready for reissue; staging and rollout take it from there.',
    AssetRef,
    BenchRowSchema,
  ),
  'repair.bench': defineRequest(
    'The devices on the repair bench: taken in and plugged, wiping, or waiting for the technician (scope "all": every open intake).',
    z.strictObject({ scope: z.enum(['bench', 'all']).default('bench') }),
    z.array(BenchRowSchema),
  ),
  'repair.certificates': defineRequest(
    'The erasure certificates of an asset, newest first.',
    AssetRef,
    z.array(CertificateRecordSchema),
  ),
  'repair.certificateFile': defineRequest(
    'One stored erasure certificate as a file to save: the signed JSON or the PDF, as stored, with a safe file name.',
    z.strictObject({
      certificateId: z.string().trim().min(1).max(100),
      format: CertificateFileFormatSchema,
    }),
    GeneratedFileSchema,
  ),
  'repair.verifyCertificate': defineRequest(
    'Check a stored erasure certificate again from its JSON file on disk: signature and content (a file edited since it was issued shows as tampered).',
    z.strictObject({ certificateId: z.string().trim().min(1).max(100) }),
    CertificateCheckSchema,
  ),
  'repair.settings.get': defineRequest('The repair bench’s settings.', NoInput, RepairSettingsSchema),
  'repair.settings.set': defineRequest(
    'Change repair settings (depot organisation, depot device-owner apps, minimum OS versions, default wipe methods, station location); audited.',
    RepairSettingsPatchSchema,
    RepairSettingsSchema,
  ),
};

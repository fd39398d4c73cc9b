import { z } from 'zod';

export const PersonFieldsSchema = z.strictObject({
  name: z.string().trim().min(1).max(200),
  email: z.email().max(320).nullable(),
  employeeId: z.string().trim().min(1).max(64).nullable(),
  /** What the person's badge barcode encodes, when it is not the employee id. */
  badge: z.string().trim().min(1).max(128).nullable(),
  department: z.string().trim().max(200).nullable(),
  costCentre: z.string().trim().max(64).nullable(),
});
export type PersonFields = z.infer<typeof PersonFieldsSchema>;

export const PersonSchema = PersonFieldsSchema.extend({
  id: z.number().int().positive(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type Person = z.infer<typeof PersonSchema>;

export const AssignmentSchema = z.strictObject({
  id: z.number().int().positive(),
  assetId: z.number().int().positive(),
  personId: z.number().int().positive(),
  personName: z.string(),
  assignedAt: z.string(),
  assignedBy: z.string(),
  station: z.string(),
  /** Null while the person still holds the device. */
  endedAt: z.string().nullable(),
  endedBy: z.string().nullable(),
  /** "returned", "undone" (a scan mistake corrected at once) or "reassigned". */
  endReason: z.enum(['returned', 'undone', 'reassigned']).nullable(),
});
export type Assignment = z.infer<typeof AssignmentSchema>;

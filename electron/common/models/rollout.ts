import { z } from 'zod';
import { AssetSchema } from './asset.ts';
import { AssignmentSchema, PersonSchema } from './person.ts';
import { AssetStateSchema } from './asset.ts';

export const HandoverSchema = z.strictObject({
  assignment: AssignmentSchema,
  asset: AssetSchema,
  person: PersonSchema,
});
export type Handover = z.infer<typeof HandoverSchema>;

const Tally = z.strictObject({
  key: z.string(),
  issued: z.number().int().nonnegative(),
  remaining: z.number().int().nonnegative(),
});

/** The live board of a rollout day. */
export const RolloutBoardSchema = z.strictObject({
  day: z.iso.date(),
  rosterSize: z.number().int().nonnegative(),
  issued: z.number().int().nonnegative(),
  remaining: z.number().int().nonnegative(),
  byDepartment: z.array(Tally),
  byTechnician: z.array(z.strictObject({ key: z.string(), issued: z.number().int().nonnegative() })),
  /** Handovers per hour since the first of the day (null before the second). */
  ratePerHour: z.number().nonnegative().nullable(),
  recent: z.array(HandoverSchema).max(20),
});
export type RolloutBoard = z.infer<typeof RolloutBoardSchema>;

const Count = z.strictObject({ key: z.string(), count: z.number().int().nonnegative() });

export const FleetOverviewSchema = z.strictObject({
  total: z.number().int().nonnegative(),
  byState: z.array(z.strictObject({ key: AssetStateSchema, count: z.number().int().nonnegative() })),
  byModel: z.array(Count),
  byOsVersion: z.array(Count),
  /** Age since purchase: "<1y", "1–2y", "2–3y", "3–4y", "≥4y", "unknown". */
  byAge: z.array(Count),
  /** Warranty end: "expired", "this quarter", "next quarter", "later", "unknown". */
  byWarranty: z.array(Count),
  spendByDepartment: z.array(
    z.strictObject({
      key: z.string(),
      currency: z.string(),
      totalMinor: z.number().int(),
      count: z.number().int(),
    }),
  ),
  /** Issues of devices that had been issued before, over all issues. */
  reuse: z.strictObject({
    reissued: z.number().int(),
    firstIssue: z.number().int(),
    rate: z.number().nullable(),
  }),
});
export type FleetOverview = z.infer<typeof FleetOverviewSchema>;

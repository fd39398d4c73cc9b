import { z } from 'zod';
import { defineRequest, NoInput } from '../define.ts';
import { AssignmentSchema, PersonFieldsSchema, PersonSchema } from '../../models/person.ts';
import { FleetOverviewSchema, HandoverSchema, RolloutBoardSchema } from '../../models/rollout.ts';
import { GeneratedFileSchema } from '../../models/asset-import.ts';

const Day = z.iso.date();

/** People, assignments, rollout days and the fleet overview. */
export const peopleRequests = {
  'people.list': defineRequest(
    'People matching a search (name, email, employee id, badge, department).',
    z.strictObject({
      search: z.string().trim().max(200).default(''),
      offset: z.number().int().min(0).default(0),
      limit: z.number().int().min(1).max(500).default(100),
    }),
    z.strictObject({ items: z.array(PersonSchema), total: z.number().int().nonnegative() }),
  ),
  'people.get': defineRequest(
    'One person and the devices they hold and held.',
    z.strictObject({ id: z.number().int().positive() }),
    z.strictObject({ person: PersonSchema, assignments: z.array(AssignmentSchema) }),
  ),
  'people.upsert': defineRequest(
    'Add a person, or update the one with the same employee id or email.',
    PersonFieldsSchema,
    PersonSchema,
  ),

  'rollout.assign': defineRequest(
    'Hand a device to a person: scan the device (tag, serial or IMEI), then the person (badge, employee id or email); the asset becomes issued.',
    z.strictObject({
      device: z.string().trim().min(1).max(200),
      person: z.string().trim().min(1).max(320),
    }),
    HandoverSchema,
  ),
  'rollout.undo': defineRequest(
    'Undo a handover made by mistake: the assignment ends as "undone" and the asset returns to its previous state.',
    z.strictObject({ assignmentId: z.number().int().positive() }),
    HandoverSchema,
  ),
  'rollout.return': defineRequest(
    'A person hands a device back: the assignment ends and the asset becomes returned.',
    z.strictObject({ device: z.string().trim().min(1).max(200) }),
    HandoverSchema,
  ),
  'rollout.setRoster': defineRequest(
    'Who is expected on a rollout day (people by id), replacing that day’s roster.',
    z.strictObject({ day: Day, personIds: z.array(z.number().int().positive()).max(100_000) }),
    z.strictObject({ day: Day, rosterSize: z.number().int().nonnegative() }),
  ),
  'rollout.board': defineRequest(
    'The live board of a day: issued and remaining per department, per technician, rate per hour.',
    z.strictObject({ day: Day }),
    RolloutBoardSchema,
  ),
  'rollout.report': defineRequest(
    'The end-of-day report: every handover of the day, as CSV or PDF.',
    z.strictObject({ day: Day, format: z.enum(['csv', 'pdf']) }),
    GeneratedFileSchema,
  ),

  'fleet.overview': defineRequest(
    'Counts by state, model, OS, age and warranty; spend by department; reuse rate.',
    NoInput,
    FleetOverviewSchema,
  ),
};

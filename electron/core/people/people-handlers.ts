import type { CoreContext } from '../core-context.ts';
import type { HandlerTable } from '../contract-server/dispatcher.ts';
import { rowToAssignment } from '../rollout/rollout-service.ts';
import { rolloutBoard } from '../rollout/rollout-board.ts';
import { fleetOverview } from '../rollout/fleet-overview.ts';

/** People, rollout-day handovers and the fleet overview. */
export function setupPeople({
  db,
  people,
  rollout,
  assets,
  settings,
}: CoreContext): Pick<
  HandlerTable,
  | 'people.list'
  | 'people.get'
  | 'people.upsert'
  | 'rollout.assign'
  | 'rollout.undo'
  | 'rollout.return'
  | 'rollout.setRoster'
  | 'rollout.board'
  | 'fleet.overview'
> {
  return {
    'people.list': ({ search, offset, limit }) => people.list(search, offset, limit),
    'people.get': ({ id }) => ({
      person: people.get(id),
      assignments: assets.assignments.ofPerson(id).map(rowToAssignment),
    }),
    'people.upsert': (fields) => people.upsert(fields, settings.who()),
    'rollout.assign': ({ device, person }) => rollout.assign(device, person, settings.who()),
    'rollout.undo': ({ assignmentId }) => rollout.undo(assignmentId, settings.who()),
    'rollout.return': ({ device }) => rollout.giveBack(device, settings.who()),
    'rollout.setRoster': ({ day, personIds }) => ({
      day,
      rosterSize: people.setRoster(day, personIds, settings.who()),
    }),
    'rollout.board': ({ day }) => rolloutBoard(rollout, people, day),
    'fleet.overview': () => fleetOverview(db, assets.now()),
  };
}

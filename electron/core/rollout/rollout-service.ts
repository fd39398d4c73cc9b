import type { Assignment } from '../../common/models/person.ts';
import type { Handover } from '../../common/models/rollout.ts';
import type { AssetState } from '../../common/models/asset.ts';
import type { AssetsService, Who } from '../assets/assets-service.ts';
import type { PeopleService } from '../people/people-service.ts';
import { rowToPerson } from '../people/people-service.ts';
import type { AssignmentRow } from '../store/assignments-queries.ts';
import type { AssetRow } from '../store/assets-queries.ts';
import { describeAsset } from '../assets/asset-rows.ts';
import { CoreError } from '../core-error.ts';

export function rowToAssignment(row: AssignmentRow): Assignment {
  return {
    id: row.id,
    assetId: row.asset_id,
    personId: row.person_id,
    personName: row.person_name,
    assignedAt: row.assigned_at,
    assignedBy: row.assigned_by,
    station: row.station,
    endedAt: row.ended_at,
    endedBy: row.ended_by,
    endReason: row.end_reason,
  };
}

/**
 * Rollout day: a scanned device goes to a scanned person. Every handover is one transaction:
 * the lifecycle move to issued, the assignment (with the state to restore on undo), the
 * asset's holder and the audit entries.
 */
export class RolloutService {
  readonly #assets: AssetsService;
  readonly #people: PeopleService;

  constructor(assets: AssetsService, people: PeopleService) {
    this.#assets = assets;
    this.#people = people;
  }

  /** The one asset a scanned code names (tag, serial or IMEI, or the end of an IMEI). */
  resolveDevice(code: string): AssetRow {
    const matches = this.#assets.lookup(code);
    if (matches.length === 0)
      throw new CoreError('not_found', `No asset has the tag, serial or IMEI "${code}".`);
    if (matches.length > 1)
      throw new CoreError(
        'conflict',
        `"${code}" matches ${matches.length >= 20 ? 'more than 20' : matches.length} assets (${matches
          .slice(0, 3)
          .map((asset) => asset.assetTag ?? asset.serial)
          .join(', ')}${matches.length > 3 ? ', …' : ''}); scan the asset tag or the full serial.`,
        { assetIds: matches.map((asset) => asset.id) },
      );
    return this.#assets.row(matches[0]!.id);
  }

  resolvePerson(code: string) {
    const matches = this.#people.resolve(code);
    if (matches.length === 0)
      throw new CoreError('not_found', `No person has the badge, employee id or email "${code}".`);
    if (matches.length > 1)
      throw new CoreError(
        'conflict',
        `"${code}" names ${matches.length} people (${matches.map((person) => person.name).join(', ')}); scan another of their codes.`,
      );
    return matches[0]!;
  }

  handover(assignmentId: number): Handover {
    const assignment = this.#assets.assignments.byId(assignmentId);
    if (!assignment) throw new CoreError('not_found', `There is no handover with id ${assignmentId}.`);
    return {
      assignment: rowToAssignment(assignment),
      asset: this.#assets.get(assignment.asset_id),
      person: this.#people.get(assignment.person_id),
    };
  }

  assign(deviceCode: string, personCode: string, who: Who): Handover {
    const { db, assignments, queries } = this.#assets;
    return db
      .transaction(() => {
        const asset = this.resolveDevice(deviceCode);
        const person = this.resolvePerson(personCode);
        const holder = assignments.current(asset.id);
        if (holder)
          throw new CoreError(
            'conflict',
            holder.person_id === person.id
              ? `${describeAsset(asset)} is already issued to ${person.name}.`
              : `${describeAsset(asset)} is issued to ${holder.person_name}; return it before handing it to ${person.name}.`,
            { holderId: holder.person_id },
          );
        const previousState = asset.state;
        this.#assets.moveState(asset, 'issued', who, { reason: 'rollout', personId: person.id });
        const at = this.#assets.now().toISOString();
        const id = assignments.insert({
          asset_id: asset.id,
          person_id: person.id,
          assigned_at: at,
          assigned_by: who.actor,
          station: who.station,
          previous_state: previousState,
        });
        queries.setAssignee(asset.id, person.id, at);
        this.#assets.audit.append({
          ...who,
          action: 'asset.assigned',
          subject: `asset:${asset.id}`,
          details: { assignmentId: id, personId: person.id, personName: person.name },
        });
        return this.handover(id);
      })
      .immediate();
  }

  /** A scan mistake corrected: the handover ends as undone and the asset goes back to where it was. */
  undo(assignmentId: number, who: Who): Handover {
    const { db, assignments } = this.#assets;
    return db
      .transaction(() => {
        const assignment = assignments.byId(assignmentId);
        if (!assignment) throw new CoreError('not_found', `There is no handover with id ${assignmentId}.`);
        if (assignment.ended_at !== null)
          throw new CoreError(
            'conflict',
            `That handover already ended (${assignment.end_reason ?? 'ended'}).`,
          );
        const asset = this.#assets.row(assignment.asset_id);
        this.#assets.endAssignment(assignment, asset, 'undone', who);
        // Undo restores the recorded state directly: it corrects a mistake rather than making
        // a lifecycle move (issued → in stock is not one), and the audit entry says so.
        const at = this.#assets.now().toISOString();
        this.#assets.queries.setState(asset.id, assignment.previous_state, at);
        this.#assets.audit.append({
          ...who,
          action: 'asset.transition',
          subject: `asset:${asset.id}`,
          details: {
            from: asset.state,
            to: assignment.previous_state,
            reason: `undo of handover ${assignmentId}`,
          },
        });
        return this.handover(assignmentId);
      })
      .immediate();
  }

  /** A person hands a device back: the assignment ends and the asset becomes returned. */
  giveBack(deviceCode: string, who: Who): Handover {
    const { db, assignments } = this.#assets;
    return db
      .transaction(() => {
        const asset = this.resolveDevice(deviceCode);
        const holder = assignments.current(asset.id);
        if (!holder) throw new CoreError('conflict', `${describeAsset(asset)} is not issued to anyone.`);
        this.#assets.moveState(asset, 'returned' satisfies AssetState, who, { reason: 'returned by holder' });
        return this.handover(holder.id);
      })
      .immediate();
  }

  /** Every handover of a day (local time), undone ones left out, oldest first: the day report. */
  handoversOf(day: string): Handover[] {
    const { from, to } = dayBounds(day);
    return this.#assets.assignments.ofDay(from, to).map((row) => ({
      assignment: rowToAssignment(row),
      asset: this.#assets.get(row.asset_id),
      person: rowToPerson(this.#people.queries.byId(row.person_id)!),
    }));
  }
}

/** A rollout day is the station's local calendar day, as ISO instants [from, to). */
export function dayBounds(day: string): { from: string; to: string } {
  const start = new Date(`${day}T00:00:00`);
  const end = new Date(start);
  end.setDate(end.getDate() + 1);
  return { from: start.toISOString(), to: end.toISOString() };
}

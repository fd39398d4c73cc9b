import type { RolloutBoard } from '../../common/models/rollout.ts';
import type { PeopleService } from '../people/people-service.ts';
import type { RolloutService } from './rollout-service.ts';

const NO_DEPARTMENT = 'No department';

/** Below this span a pace is noise: two scans seconds apart would read as thousands an hour. */
export const MIN_RATE_SPAN_MS = 10 * 60_000;

/** Handovers per hour between the first and the latest of the day, once they span long enough to mean something. */
export function handoverRate(assignedAt: readonly string[]): number | null {
  const first = assignedAt[0];
  const last = assignedAt.at(-1);
  if (first === undefined || last === undefined) return null;
  const span = Date.parse(last) - Date.parse(first);
  if (span < MIN_RATE_SPAN_MS) return null;
  return (assignedAt.length - 1) / (span / 3_600_000);
}

/**
 * The live board of a rollout day: issued per department (anyone served that day) and
 * remaining (rostered people not yet served), per technician, and the pace between the first
 * and the latest handover.
 */
export function rolloutBoard(rollout: RolloutService, people: PeopleService, day: string): RolloutBoard {
  const handovers = rollout.handoversOf(day);
  const roster = people.queries.rosterPeople(day);
  const served = new Set(handovers.map((handover) => handover.person.id));

  const departments = new Map<string, { issued: number; remaining: number }>();
  const tally = (department: string | null) => {
    const key = department ?? NO_DEPARTMENT;
    let entry = departments.get(key);
    if (!entry) departments.set(key, (entry = { issued: 0, remaining: 0 }));
    return entry;
  };
  for (const handover of handovers) tally(handover.person.department).issued += 1;
  for (const person of roster) if (!served.has(person.person_id)) tally(person.department).remaining += 1;

  const technicians = new Map<string, number>();
  for (const { assignment } of handovers)
    technicians.set(assignment.assignedBy, (technicians.get(assignment.assignedBy) ?? 0) + 1);

  return {
    day,
    rosterSize: roster.length,
    issued: handovers.length,
    remaining: roster.filter((person) => !served.has(person.person_id)).length,
    byDepartment: [...departments]
      .map(([key, counts]) => ({ key, ...counts }))
      .sort((a, b) => a.key.localeCompare(b.key)),
    byTechnician: [...technicians]
      .map(([key, issued]) => ({ key, issued }))
      .sort((a, b) => b.issued - a.issued),
    ratePerHour: handoverRate(handovers.map(({ assignment }) => assignment.assignedAt)),
    recent: handovers.slice(-20).reverse(),
  };
}

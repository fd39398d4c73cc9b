import type { RolloutBoard } from '../../common/models/rollout.ts';
import type { PeopleService } from '../people/people-service.ts';
import type { RolloutService } from './rollout-service.ts';

const NO_DEPARTMENT = 'No department';

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

  const first = handovers[0];
  const last = handovers.at(-1);
  const hours =
    first && last
      ? (Date.parse(last.assignment.assignedAt) - Date.parse(first.assignment.assignedAt)) / 3_600_000
      : 0;
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
    ratePerHour: handovers.length >= 2 && hours > 0 ? (handovers.length - 1) / hours : null,
    recent: handovers.slice(-20).reverse(),
  };
}

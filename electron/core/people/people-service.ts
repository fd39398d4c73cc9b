import type { Person, PersonFields } from '../../common/models/person.ts';
import type { RowConflict, RowIssue } from '../../common/models/asset-import.ts';
import type { Db } from '../store/db.ts';
import type { AuditLog } from '../audit/audit-log.ts';
import { peopleQueries, type PersonColumns, type PersonRow } from '../store/people-queries.ts';
import { CoreError } from '../core-error.ts';
import { ftsQuery } from '../assets/asset-search.ts';
import { withLargeCache } from '../assets/asset-bulk-writer.ts';
import type { BulkImportOptions, BulkImportResult, ImportRow } from '../assets/import-types.ts';

type Who = { actor: string; station: string };

export function rowToPerson(row: PersonRow): Person {
  return {
    id: row.id,
    name: row.name,
    email: row.email,
    employeeId: row.employee_id,
    badge: row.badge,
    department: row.department,
    costCentre: row.cost_centre,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

const toColumns = (fields: PersonFields): PersonColumns => ({
  name: fields.name,
  email: fields.email,
  employee_id: fields.employeeId,
  badge: fields.badge,
  department: fields.department,
  cost_centre: fields.costCentre,
});

const KEYS = ['employeeId', 'email', 'badge'] as const;
const KEY_LABEL = { employeeId: 'employee id', email: 'email', badge: 'badge' } as const;

/** People who receive devices: added or updated by employee id or email, from a form or a roster file. */
export class PeopleService {
  readonly db: Db;
  readonly queries: ReturnType<typeof peopleQueries>;
  readonly #audit: AuditLog;
  readonly #now: () => Date;

  constructor(db: Db, audit: AuditLog, now: () => Date = () => new Date()) {
    this.db = db;
    this.queries = peopleQueries(db);
    this.#audit = audit;
    this.#now = now;
  }

  get(id: number): Person {
    const row = this.queries.byId(id);
    if (!row) throw new CoreError('not_found', `There is no person with id ${id}.`);
    return rowToPerson(row);
  }

  list(search: string, offset: number, limit: number): { items: Person[]; total: number } {
    const fts = ftsQuery(search);
    if (!fts)
      return { items: this.queries.page(limit, offset).map(rowToPerson), total: this.queries.count() };
    return {
      items: this.queries.search(fts, limit, offset).map(rowToPerson),
      total: this.queries.searchCount(fts),
    };
  }

  /** The people these fields name by employee id, email or badge (distinct, at most three). */
  #matches(
    fields: Pick<PersonFields, (typeof KEYS)[number]>,
  ): { key: (typeof KEYS)[number]; row: PersonRow }[] {
    const found: { key: (typeof KEYS)[number]; row: PersonRow }[] = [];
    const lookups = {
      employeeId: (v: string) => this.queries.byEmployeeId(v),
      email: (v: string) => this.queries.byEmail(v),
      badge: (v: string) => this.queries.byBadge(v),
    };
    for (const key of KEYS) {
      const value = fields[key];
      const row = value ? lookups[key](value) : undefined;
      if (row) found.push({ key, row });
    }
    return found;
  }

  /** Who a scanned or typed code names: badge, employee id or email (exact, case-insensitive but badge). */
  resolve(code: string): PersonRow[] {
    const rows = new Map<number, PersonRow>();
    for (const row of [
      this.queries.byBadge(code),
      this.queries.byEmployeeId(code),
      this.queries.byEmail(code),
    ])
      if (row) rows.set(row.id, row);
    return [...rows.values()];
  }

  upsert(fields: PersonFields, who: Who): Person {
    return this.db
      .transaction(() => {
        const ids = new Set(this.#matches(fields).map((match) => match.row.id));
        if (ids.size > 1)
          throw new CoreError(
            'conflict',
            `These details name ${ids.size} different people (${this.#matches(fields)
              .map((m) => `${KEY_LABEL[m.key]} → ${m.row.name}`)
              .join(', ')}); correct them first.`,
          );
        const [id] = [...ids];
        return this.get(this.#write(fields, id, who, {}));
      })
      .immediate();
  }

  /** Inserts or updates one person with its audit entry (in the caller's transaction). */
  #write(fields: PersonFields, id: number | undefined, who: Who, details: Record<string, unknown>): number {
    const at = this.#now().toISOString();
    if (id === undefined) {
      const newId = this.queries.insert(toColumns(fields), at);
      this.#audit.append({
        ...who,
        action: 'person.created',
        subject: `person:${newId}`,
        details: { ...details, fields },
      });
      return newId;
    }
    const before = rowToPerson(this.queries.byId(id)!);
    const changes = Object.fromEntries(
      (Object.keys(fields) as (keyof PersonFields)[])
        .filter((key) => before[key] !== fields[key])
        .map((key) => [key, { before: before[key], after: fields[key] }]),
    );
    if (Object.keys(changes).length === 0) return id;
    this.queries.update(id, toColumns(fields), at);
    this.#audit.append({
      ...who,
      action: 'person.updated',
      subject: `person:${id}`,
      details: { ...details, changes },
    });
    return id;
  }

  /**
   * A roster file's all-or-nothing commit (same rules as AssetsService.importAssets): people
   * match by employee id, email or badge; `rosterDay` makes the file's people that day's roster.
   */
  importPeople(
    rows: readonly ImportRow<PersonFields>[],
    options: Omit<BulkImportOptions, 'state'> & { rosterDay?: string },
  ): BulkImportResult & { rosterSize?: number } {
    const who = { actor: options.actor, station: options.station };
    const run = () => {
      const issues: RowIssue[] = [];
      const conflicts: RowConflict[] = [];
      const plans: { row: ImportRow<PersonFields>; id: number | undefined }[] = [];
      const seen = new Map<string, number>();
      for (const row of rows) {
        for (const key of KEYS) {
          const value = row.fields[key];
          if (!value) continue;
          const seenKey = `${key}:${key === 'badge' ? value : value.toLowerCase()}`;
          const first = seen.get(seenKey);
          if (first === undefined) seen.set(seenKey, row.row);
          else
            issues.push({
              row: row.row,
              column: key,
              message: `${KEY_LABEL[key]} ${value} is also on row ${first} of this file`,
            });
        }
        const matches = this.#matches(row.fields);
        const ids = new Set(matches.map((match) => match.row.id));
        if (ids.size === 0 || (ids.size === 1 && options.updateExisting))
          plans.push({ row, id: [...ids][0] });
        else
          conflicts.push(
            ...matches.map((m) => ({
              row: row.row,
              field: m.key,
              value: String(row.fields[m.key]),
              existingId: m.row.id,
              existing: [m.row.name, m.row.employee_id, m.row.email, m.row.department]
                .filter(Boolean)
                .join(' · '),
            })),
          );
      }
      const created = plans.filter((plan) => plan.id === undefined).length;
      const result = { created, updated: plans.length - created, issues, conflicts };
      if (issues.length > 0 || conflicts.length > 0 || options.dryRun) return { ...result, committed: false };
      const details = { source: 'import', fileName: options.fileName };
      let updated = 0;
      const ids = plans.map(({ row, id }) => {
        const given = row.given ?? (Object.keys(row.fields) as (keyof PersonFields)[]);
        const existing = id === undefined ? undefined : rowToPerson(this.queries.byId(id)!);
        // An update changes only the columns the file has; the rest keep their values.
        const fields = existing
          ? { ...existing, ...Object.fromEntries(given.map((k) => [k, row.fields[k]])) }
          : row.fields;
        if (existing) updated += 1;
        const { id: _id, createdAt: _c, updatedAt: _u, ...personFields } = fields as Person;
        return this.#write(existing ? personFields : row.fields, id, who, details);
      });
      const rosterSize =
        options.rosterDay === undefined ? undefined : this.setRoster(options.rosterDay, ids, who);
      return { ...result, updated, committed: true, ...(rosterSize === undefined ? {} : { rosterSize }) };
    };
    if (options.dryRun) return this.db.transaction(run).deferred();
    return withLargeCache(this.db, () => this.db.transaction(run).immediate());
  }

  /** Who is expected on a rollout day, replacing that day's roster; audited. */
  setRoster(day: string, personIds: readonly number[], who: Who): number {
    return this.db
      .transaction(() => {
        for (const id of personIds) this.get(id);
        const size = this.queries.setRoster(day, personIds);
        this.#audit.append({
          ...who,
          action: 'rollout.roster_set',
          subject: `rollout:${day}`,
          details: { size },
        });
        return size;
      })
      .immediate();
  }
}

import { CustomFieldDefinitionSchema, type CustomFieldDefinition } from '../../common/models/asset.ts';
import { AssetQuerySchema, type AssetQuery, type SavedFilter } from '../../common/models/asset-query.ts';
import type { Db } from '../store/db.ts';
import type { AuditLog } from '../audit/audit-log.ts';
import { customFieldsQueries } from '../store/custom-fields-queries.ts';
import { savedFiltersQueries } from '../store/saved-filters-queries.ts';

type Who = { actor: string; station: string };

/** The depot lead's custom asset fields; each definition change is audited. */
export class CustomFields {
  readonly #queries: ReturnType<typeof customFieldsQueries>;
  readonly #audit: AuditLog;
  readonly #now: () => Date;
  readonly #db: Db;

  constructor(db: Db, audit: AuditLog, now: () => Date) {
    this.#db = db;
    this.#queries = customFieldsQueries(db);
    this.#audit = audit;
    this.#now = now;
  }

  list(): CustomFieldDefinition[] {
    return this.#queries.all().map((row) =>
      CustomFieldDefinitionSchema.parse({
        key: row.key,
        name: row.name,
        type: row.type,
        required: row.required === 1,
      }),
    );
  }

  define(definition: CustomFieldDefinition, who: Who): CustomFieldDefinition {
    return this.#db
      .transaction(() => {
        const before = this.list().find((field) => field.key === definition.key) ?? null;
        this.#queries.upsert({
          ...definition,
          required: definition.required ? 1 : 0,
          created_at: this.#now().toISOString(),
        });
        this.#audit.append({
          ...who,
          action: 'customField.defined',
          subject: `customField:${definition.key}`,
          details: { before, after: definition },
        });
        return definition;
      })
      .immediate();
  }
}

/** Named searches of the asset table, shared by everyone at the depot. */
export class SavedFilters {
  readonly #queries: ReturnType<typeof savedFiltersQueries>;
  readonly #now: () => Date;

  constructor(db: Db, now: () => Date) {
    this.#queries = savedFiltersQueries(db);
    this.#now = now;
  }

  list(): SavedFilter[] {
    return this.#queries.all().map((row) => ({
      id: row.id,
      name: row.name,
      // Stored JSON goes through the schema again, so an older saved shape gets today's defaults.
      query: AssetQuerySchema.parse(JSON.parse(row.query)),
      createdBy: row.created_by,
      createdAt: row.created_at,
    }));
  }

  save(name: string, query: AssetQuery, who: Who): SavedFilter {
    this.#queries.upsert({
      name,
      query: JSON.stringify(query),
      created_by: who.actor,
      created_at: this.#now().toISOString(),
    });
    return this.list().find((filter) => filter.name.toLowerCase() === name.toLowerCase())!;
  }

  delete(id: number): boolean {
    return this.#queries.remove(id);
  }
}

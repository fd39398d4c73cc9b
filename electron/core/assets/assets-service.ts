import type { z } from 'zod';
import type { Asset, AssetFields, AssetState } from '../../common/models/asset.ts';
import type { AssetQuery, TimelineEntry } from '../../common/models/asset-query.ts';
import type { assetRequests } from '../../common/contract/requests/assets.ts';
import type { Db } from '../store/db.ts';
import { assetsQueries, type AssetRow } from '../store/assets-queries.ts';
import { assignmentsQueries, type AssignmentRow } from '../store/assignments-queries.ts';
import type { AuditLog } from '../audit/audit-log.ts';
import { CoreError } from '../core-error.ts';
import {
  completeFields,
  diffFields,
  fieldsToColumns,
  flatToColumns,
  flattenFields,
  rowToAsset,
} from './asset-rows.ts';
import { conflictMessage, findAssetConflicts } from './asset-conflicts.ts';
import { assertTransition } from './lifecycle.ts';
import { validateCustomFields } from './custom-fields.ts';
import { CustomFields, SavedFilters } from './registry-settings.ts';
import { AssetSearch } from './asset-search.ts';
import { assetTimeline, toTimelineEntry } from './asset-timeline.ts';
import { mergeAssets } from './asset-merge.ts';
import { recordStaged, type StagedDevice } from './asset-staging.ts';
import { importAssets, importAssetsInSteps } from './asset-bulk-writer.ts';
import { withoutEmpty } from './asset-created-details.ts';
import type { BulkImportOptions, BulkImportResult, ImportRow } from './import-types.ts';

export type { StagedDevice } from './asset-staging.ts';
export type Who = { actor: string; station: string };
export type NewAssetInput = z.output<(typeof assetRequests)['assets.create']['input']>;

/**
 * The asset registry: records, edits (audited field by field), the lifecycle, search and the
 * bulk writer. Every change and its audit entry commit in one transaction.
 */
export class AssetsService {
  readonly db: Db;
  readonly queries: ReturnType<typeof assetsQueries>;
  readonly assignments: ReturnType<typeof assignmentsQueries>;
  readonly audit: AuditLog;
  readonly now: () => Date;
  readonly customFields: CustomFields;
  readonly savedFilters: SavedFilters;
  readonly #search: AssetSearch;

  constructor(db: Db, audit: AuditLog, now: () => Date = () => new Date()) {
    this.db = db;
    this.queries = assetsQueries(db);
    this.assignments = assignmentsQueries(db);
    this.audit = audit;
    this.now = now;
    this.customFields = new CustomFields(db, audit, now);
    this.savedFilters = new SavedFilters(db, now);
    this.#search = new AssetSearch(db);
  }

  get(id: number): Asset {
    return this.toAsset(this.row(id));
  }

  row(id: number): AssetRow {
    const row = this.queries.byId(id);
    if (!row) throw new CoreError('not_found', `There is no asset with id ${id}.`);
    return row;
  }

  toAsset(row: AssetRow): Asset {
    const holder = row.assignee_id === null ? undefined : this.assignments.current(row.id);
    const assignee = holder
      ? {
          personId: holder.person_id,
          name: holder.person_name,
          department: holder.department,
          email: holder.email,
          since: holder.assigned_at,
        }
      : null;
    return rowToAsset(row, this.queries.imeisOf(row.id), assignee);
  }

  /**
   * What a scanner or a label gives: exact tag, serial or IMEI first; when nothing matches
   * exactly, 4–14 digits are the end of an IMEI.
   */
  lookup(code: string): Asset[] {
    const exact = new Map<number, AssetRow>();
    const tag = this.queries.byTag(code);
    if (tag) exact.set(tag.id, tag);
    for (const row of this.queries.bySerial(code)) exact.set(row.id, row);
    const imei = /^\d{15}$/.test(code) ? this.queries.byImei(code) : undefined;
    if (imei) exact.set(imei.id, imei);
    if (exact.size > 0) return [...exact.values()].slice(0, 20).map((row) => this.toAsset(row));
    if (/^\d{4,14}$/.test(code))
      return this.queries
        .byImeiSuffix(code)
        .slice(0, 20)
        .map((row) => this.toAsset(row));
    return [];
  }

  list(
    query: AssetQuery,
    offset: number,
    limit: number,
  ): { items: Asset[]; total: number; totalCapped: boolean; offset: number } {
    const { rows, total, totalCapped } = this.#search.page(query, offset, limit);
    return { items: rows.map((row) => this.toAsset(row)), total, totalCapped, offset };
  }

  /** Every asset matching the query, in its sort order, without holding them all in memory (exports). */
  *iterate(query: AssetQuery): Generator<Asset> {
    for (const row of this.#search.iterate(query)) yield this.toAsset(row);
  }

  create(input: NewAssetInput, who: Who): Asset {
    const fields = completeFields(input.fields);
    const state = input.state ?? 'in_stock';
    return this.db
      .transaction(() => {
        const issues = validateCustomFields(this.customFields.list(), fields.custom);
        if (issues.length > 0)
          throw new CoreError('invalid_input', issues.map((issue) => issue.message).join('; '), {
            issues: issues.map((issue) => ({ path: `fields.custom.${issue.key}`, message: issue.message })),
          });
        const id = this.insert(fields, state, who, { source: 'hand' });
        return this.get(id);
      })
      .immediate();
  }

  /** Inserts a new asset and its IMEIs, audited; refuses a twin (in the caller's transaction). */
  insert(
    fields: AssetFields,
    state: AssetState,
    who: Who,
    details: Record<string, unknown>,
    /** The bulk writer checked the whole file in this transaction already. */
    conflictsChecked = false,
  ): number {
    const conflicts = conflictsChecked ? [] : findAssetConflicts(this.queries, fields);
    if (conflicts.length > 0)
      throw new CoreError('conflict', `Not registered: ${conflictMessage(conflicts)}.`, { conflicts });
    const at = this.now().toISOString();
    const id = this.queries.insert({ ...fieldsToColumns(fields), state, created_at: at, updated_at: at });
    this.queries.addImeis(id, fields.imeis);
    this.audit.append({
      ...who,
      action: 'asset.created',
      subject: `asset:${id}`,
      details: { ...details, state, fields: withoutEmpty(fields) },
    });
    return id;
  }

  update(id: number, changes: Partial<AssetFields>, who: Who, expectedUpdatedAt?: string): Asset {
    return this.db
      .transaction(() => {
        const row = this.row(id);
        if (expectedUpdatedAt !== undefined && expectedUpdatedAt !== row.updated_at)
          throw new CoreError(
            'conflict',
            'Someone else changed this asset while you were editing it; reload it and make your change again.',
            { updatedAt: row.updated_at },
          );
        if (changes.custom) {
          const before = JSON.parse(row.custom) as Record<string, unknown>;
          // A field made required later does not lock older assets out of edits: only values
          // that were already there must stay.
          const issues = validateCustomFields(this.customFields.list(), changes.custom).filter(
            (issue) => !issue.message.endsWith('is required') || before[issue.key] !== undefined,
          );
          if (issues.length > 0)
            throw new CoreError('invalid_input', issues.map((issue) => issue.message).join('; '));
        }
        this.applyChanges(row, changes, who, 'asset.updated', {});
        return this.get(id);
      })
      .immediate();
  }

  /** Writes the fields that differ, with one audit entry listing them before → after. */
  applyChanges(
    row: AssetRow,
    changes: Partial<AssetFields>,
    who: Who,
    action: string,
    details: Record<string, unknown>,
  ): Record<string, { before: unknown; after: unknown }> {
    const current = this.toAsset(row);
    const after = flattenFields(changes);
    const diff = diffFields(flattenFields(current), after);
    if (Object.keys(diff).length === 0) return diff;
    const merged = { ...current, ...changes };
    const conflicts = findAssetConflicts(this.queries, merged, row.id);
    if (conflicts.length > 0)
      throw new CoreError('conflict', `Not changed: ${conflictMessage(conflicts)}.`, { conflicts });
    const changed = Object.fromEntries(
      Object.keys(diff).map((key) => [key, after[key as keyof typeof after]]),
    );
    this.queries.update(row.id, flatToColumns(changed), this.now().toISOString());
    if ('imeis' in diff) this.queries.setImeis(row.id, merged.imeis);
    this.audit.append({ ...who, action, subject: `asset:${row.id}`, details: { ...details, changes: diff } });
    return diff;
  }

  transition(id: number, to: AssetState, who: Who, reason?: string): Asset {
    return this.db
      .transaction(() => {
        this.moveState(this.row(id), to, who, reason === undefined ? {} : { reason });
        return this.get(id);
      })
      .immediate();
  }

  /**
   * One lifecycle move through the LIFECYCLE check, audited (in the caller's transaction). A
   * device coming back (issued or lost → returned) ends its holder's assignment with it, so
   * the registry never shows a returned phone as still held.
   */
  moveState(row: AssetRow, to: AssetState, who: Who, details: Record<string, unknown>): void {
    const from = row.state as AssetState;
    assertTransition(from, to, `Asset ${row.asset_tag ?? row.serial}`);
    if (to === 'returned') {
      const holder = this.assignments.current(row.id);
      if (holder) this.endAssignment(holder, row, 'returned', who);
    }
    this.queries.setState(row.id, to, this.now().toISOString());
    row.state = to;
    this.audit.append({
      ...who,
      action: 'asset.transition',
      subject: `asset:${row.id}`,
      details: { ...details, from, to },
    });
  }

  /** Ends a handover (returned, or undone as a scan mistake) and clears the holder, audited. */
  endAssignment(assignment: AssignmentRow, row: AssetRow, reason: 'returned' | 'undone', who: Who): void {
    const at = this.now().toISOString();
    this.assignments.end({ id: assignment.id, ended_at: at, ended_by: who.actor, end_reason: reason });
    this.queries.setAssignee(row.id, null, at);
    row.assignee_id = null;
    this.audit.append({
      ...who,
      action: 'asset.unassigned',
      subject: `asset:${row.id}`,
      details: {
        assignmentId: assignment.id,
        personId: assignment.person_id,
        personName: assignment.person_name,
        reason,
      },
    });
  }

  addNote(id: number, text: string, who: Who): TimelineEntry {
    return this.db
      .transaction(() => {
        this.row(id);
        this.queries.touch(id, this.now().toISOString());
        const entry = this.audit.append({
          ...who,
          action: 'asset.note',
          subject: `asset:${id}`,
          details: { text },
        });
        return toTimelineEntry(entry)!;
      })
      .immediate();
  }

  timeline(id: number): TimelineEntry[] {
    return assetTimeline(this.audit, id, this.row(id).serial);
  }

  merge(keepId: number, mergeId: number, who: Who): Asset {
    return mergeAssets(this, keepId, mergeId, who);
  }

  /** Staging (#4) finished a device: see asset-staging.ts for how it drives the lifecycle. */
  recordStaged(device: StagedDevice, who: Who): Asset {
    return recordStaged(this, device, who);
  }

  /** All-or-nothing bulk commit for imports; see import-types.ts. */
  importAssets(rows: readonly ImportRow<AssetFields>[], options: BulkImportOptions): BulkImportResult {
    return importAssets(this, rows, options);
  }

  /**
   * The same commit, its rows staged a chunk per event-loop turn first, so a big file holds
   * the core's loop only for the final transaction (see asset-bulk-writer.ts).
   */
  importAssetsInSteps(
    rows: readonly ImportRow<AssetFields>[],
    options: BulkImportOptions,
  ): Promise<BulkImportResult> {
    return importAssetsInSteps(this, rows, options);
  }
}

// Writes values pulled from a connector into the local record, audited like any other change,
// without the outbox echoing them back to the connector they came from (sync_apply_origin).
import type { SyncField, SyncValue, SyncValues } from '../../common/models/sync.ts';
import type { Db } from '../store/db.ts';
import type { AssetsService, Who } from '../assets/assets-service.ts';
import type { RolloutService } from '../rollout/rollout-service.ts';
import { canTransition } from '../../common/models/lifecycle.ts';
import type { AssetState } from '../../common/models/asset.ts';
import { CoreError } from '../core-error.ts';

export interface PullOutcome {
  applied: SyncField[];
  /** Fields that could not be written locally, with why (recorded as open conflicts). */
  refused: { field: SyncField; value: SyncValue; reason: string }[];
}

export class RemoteApplier {
  readonly #db: Db;
  readonly #assets: AssetsService;
  readonly #rollout: RolloutService;
  readonly #setOrigin;
  readonly #clearOrigin;

  constructor(db: Db, assets: AssetsService, rollout: RolloutService) {
    this.#db = db;
    this.#assets = assets;
    this.#rollout = rollout;
    this.#setOrigin = db.prepare<{ id: string }>(
      'INSERT OR IGNORE INTO sync_apply_origin (connector_id) VALUES (@id)',
    );
    this.#clearOrigin = db.prepare<{ id: string }>('DELETE FROM sync_apply_origin WHERE connector_id = @id');
  }

  /** Call inside the caller's transaction. */
  apply(connectorId: string, assetId: number, pull: SyncValues, who: Who): PullOutcome {
    const outcome: PullOutcome = { applied: [], refused: [] };
    if (!this.#db.inTransaction) throw new Error('RemoteApplier.apply must run inside a transaction');
    this.#setOrigin.run({ id: connectorId });
    try {
      for (const [field, value] of Object.entries(pull) as [SyncField, SyncValue][]) {
        // Each field in its own savepoint: one refused field does not undo the others.
        try {
          this.#db.transaction(() => this.#applyField(assetId, field, value, who))();
          outcome.applied.push(field);
        } catch (error) {
          if (!(error instanceof CoreError)) throw error;
          outcome.refused.push({ field, value, reason: error.message });
        }
      }
    } finally {
      this.#clearOrigin.run({ id: connectorId });
    }
    return outcome;
  }

  #applyField(assetId: number, field: SyncField, value: SyncValue, who: Who): void {
    const row = this.#assets.row(assetId);
    const action = 'asset.updated';
    const details = { source: 'sync' };
    switch (field) {
      case 'assetTag':
        this.#assets.applyChanges(row, { assetTag: value }, who, action, details);
        return;
      case 'notes':
        this.#assets.applyChanges(row, { notes: value ?? '' }, who, action, details);
        return;
      case 'location':
        this.#assets.applyChanges(row, { location: value }, who, action, details);
        return;
      case 'assignee':
        this.#applyAssignee(assetId, value, who);
        return;
      default:
        throw new CoreError('invalid_input', `Depotline does not take ${field} from a central system.`);
    }
  }

  /** Checked out to someone in the central system → handed over here; checked in → returned here. */
  #applyAssignee(assetId: number, email: SyncValue, who: Who): void {
    const row = this.#assets.row(assetId);
    const holder = this.#assets.assignments.current(assetId);
    if (email === null) {
      if (!holder) return;
      if (canTransition(row.state as AssetState, 'returned'))
        this.#assets.moveState(row, 'returned', who, { reason: 'checked in centrally', source: 'sync' });
      else this.#assets.endAssignment(holder, row, 'returned', who);
      return;
    }
    if (holder) {
      throw new CoreError(
        'conflict',
        `It is issued to ${holder.person_name} here but to ${email} centrally; return it here first or keep the local holder.`,
      );
    }
    this.#rollout.assign(row.asset_tag ?? row.serial, email, who);
  }
}

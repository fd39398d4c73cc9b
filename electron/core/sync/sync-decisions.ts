// What a person decides on the Sync page: dead letters retried or discarded, conflicts
// settled for the local or the remote value. Each decision is one audited transaction.
import type { ConflictView, OutboxItemView, SyncValue, SyncValues } from '../../common/models/sync.ts';
import type { Who } from '../assets/assets-service.ts';
import { CoreError } from '../core-error.ts';
import type { DeliveryDeps } from './deliver-item.ts';
import { newChangeKey } from './deliver-item.ts';
import { conflictView, outboxItemView } from './sync-row-views.ts';

export class SyncDecisions {
  readonly #deps: DeliveryDeps;
  readonly #changed: () => void;

  constructor(deps: DeliveryDeps, changed: () => void) {
    this.#deps = deps;
    this.#changed = changed;
  }

  pending(connectorId: string, limit: number): { items: OutboxItemView[]; total: number } {
    const { outbox } = this.#deps;
    return {
      items: outbox.list(connectorId, 'pending', limit).map(outboxItemView),
      total: outbox.total(connectorId, 'pending'),
    };
  }

  deadLetters(connectorId: string | null, limit: number): { items: OutboxItemView[]; total: number } {
    const { outbox } = this.#deps;
    return {
      items: outbox.list(connectorId, 'dead', limit).map(outboxItemView),
      total: outbox.total(connectorId, 'dead'),
    };
  }

  retryDead(ids: readonly number[], who: Who): number {
    const { db, outbox, audit, now } = this.#deps;
    const retried = db
      .transaction(() => {
        let count = 0;
        for (const id of ids) {
          const row = outbox.byId(id);
          if (row?.state !== 'dead') continue;
          const outcome = outbox.retryDead(id, now().toISOString());
          if (outcome === 'missing') continue;
          count += 1;
          audit.append({
            ...who,
            action: 'sync.dead_letter.retried',
            subject: `asset:${row.asset_id}`,
            details: {
              connector: row.connector_id,
              kind: row.kind,
              changeKey: row.change_key,
              lastError: row.last_error,
              outcome,
            },
          });
        }
        return count;
      })
      .immediate();
    this.#changed();
    return retried;
  }

  discardDead(ids: readonly number[], reason: string, who: Who): number {
    const { db, outbox, audit } = this.#deps;
    const discarded = db
      .transaction(() => {
        let count = 0;
        for (const id of ids) {
          const row = outbox.byId(id);
          if (row?.state !== 'dead' || !outbox.remove(id)) continue;
          count += 1;
          audit.append({
            ...who,
            action: 'sync.dead_letter.discarded',
            subject: `asset:${row.asset_id}`,
            details: {
              connector: row.connector_id,
              kind: row.kind,
              changeKey: row.change_key,
              lastError: row.last_error,
              reason,
            },
          });
        }
        return count;
      })
      .immediate();
    this.#changed();
    return discarded;
  }

  conflicts(connectorId: string | null, limit: number): { items: ConflictView[]; total: number } {
    const { links } = this.#deps;
    return {
      items: links.listOpen(connectorId, limit).map(conflictView),
      total: links.countOpen(connectorId),
    };
  }

  /**
   * Local: the remote value becomes the base, so the next sync sees only a local change and
   * pushes it. Remote: the value is written here (not echoed back) and becomes the base.
   */
  resolve(id: number, keep: 'local' | 'remote', who: Who): ConflictView & { resolution: 'local' | 'remote' } {
    const { db, links, outbox, audit, applier, now } = this.#deps;
    const view = db
      .transaction(() => {
        const row = links.conflict(id);
        if (!row) throw new CoreError('not_found', `There is no conflict ${id}.`);
        if (row.state !== 'open')
          throw new CoreError('conflict', `Conflict ${id} was already decided (${row.resolution}).`);
        const at = now().toISOString();
        const remote = JSON.parse(row.remote_value ?? 'null') as SyncValue;
        if (keep === 'remote') {
          const outcome = applier.apply(row.connector_id, row.asset_id, { [row.field]: remote }, who);
          const refused = outcome.refused[0];
          if (refused) throw new CoreError('conflict', `The remote value cannot be kept: ${refused.reason}`);
        }
        const link = links.link(row.connector_id, row.asset_id);
        if (link) {
          const base = { ...(JSON.parse(link.base) as SyncValues), [row.field]: remote };
          links.saveLink({ ...link, base: JSON.stringify(base) });
        }
        if (keep === 'local') outbox.enqueueChange(row.connector_id, row.asset_id, newChangeKey(), at);
        links.resolve(id, keep, who.actor, at);
        audit.append({
          ...who,
          action: 'sync.conflict.resolved',
          subject: `asset:${row.asset_id}`,
          details: {
            connector: row.connector_id,
            field: row.field,
            keep,
            local: row.local_value,
            remote: row.remote_value,
          },
        });
        return { ...conflictView(row), resolution: keep };
      })
      .immediate();
    this.#changed();
    return view;
  }
}

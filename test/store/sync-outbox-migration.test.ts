import { describe, expect, it } from 'vitest';
import { openDatabase, type Db } from '../../electron/core/store/db.ts';
import { AuditLog } from '../../electron/core/audit/audit-log.ts';
import { AssetsService } from '../../electron/core/assets/assets-service.ts';
import { useTempDirs } from '../helpers/temp-dir.ts';

const tempDir = useTempDirs();
const who = { actor: 'Kari', station: 'Bench 1' };

function setup(
  connectors: [string, 'snipeit' | 'webhook'][] = [
    ['snipe', 'snipeit'],
    ['hook', 'webhook'],
  ],
) {
  const db = openDatabase(tempDir());
  const now = new Date().toISOString();
  for (const [id, kind] of connectors)
    db.prepare(
      `INSERT INTO sync_connectors (id, kind, mode, name, config, created_at, updated_at) VALUES (?, ?, ?, ?, '{}', ?, ?)`,
    ).run(id, kind, kind === 'webhook' ? 'events' : 'state', id, now, now);
  const assets = new AssetsService(db, new AuditLog(db));
  return { db, assets };
}

const outbox = (db: Db) =>
  db
    .prepare<[], { connector_id: string; kind: string; details: string; changes: number }>(
      'SELECT connector_id, kind, details, changes FROM sync_outbox ORDER BY id',
    )
    .all();

const newAsset = (serial: string) => ({
  fields: {
    serial,
    platform: 'android' as const,
    manufacturer: 'Google',
    model: 'Pixel 8',
    osVersion: '15',
  },
  state: 'received' as const,
});

describe('migration 0070: the sync outbox', () => {
  it('enqueues nothing while no connector exists (an import pays nothing for sync it does not use)', () => {
    const { db, assets } = setup([]);
    assets.create(newAsset('A1'), who);
    expect(outbox(db)).toEqual([]);
  });

  it('enqueues a created item per connector in the same transaction as the asset', () => {
    const { db, assets } = setup();
    const asset = assets.create(newAsset('A1'), who);
    expect(outbox(db).map((row) => [row.connector_id, row.kind])).toEqual([
      ['snipe', 'created'],
      ['hook', 'created'],
    ]);
    // A change that rolls back leaves no outbox row behind.
    expect(() =>
      db.transaction(() => {
        assets.update(asset.id, { notes: 'scratched' }, who);
        throw new Error('abort');
      })(),
    ).toThrow('abort');
    expect(outbox(db).map((row) => row.changes)).toEqual([1, 1]);
  });

  it('folds edits into one pending item per asset, and keeps lifecycle moves as events of their own', () => {
    const { db, assets } = setup();
    const asset = assets.create(newAsset('A1'), who);
    assets.update(asset.id, { notes: 'one' }, who);
    assets.update(asset.id, { notes: 'two' }, who);
    assets.transition(asset.id, 'in_stock', who);
    const rows = outbox(db);
    expect(rows.filter((row) => row.connector_id === 'snipe')).toEqual([
      { connector_id: 'snipe', kind: 'created', details: '{}', changes: 4 },
    ]);
    expect(rows.filter((row) => row.connector_id === 'hook').map((row) => [row.kind, row.details])).toEqual([
      ['created', '{}'],
      ['lifecycle', JSON.stringify({ from: 'received', to: 'in_stock' })],
    ]);
  });

  it('does not echo a change back to the connector it came from, but tells the others', () => {
    const { db, assets } = setup();
    const asset = assets.create(newAsset('A1'), who);
    db.prepare('DELETE FROM sync_outbox').run();
    db.transaction(() => {
      db.prepare(`INSERT INTO sync_apply_origin (connector_id) VALUES ('snipe')`).run();
      assets.update(asset.id, { notes: 'from Snipe-IT' }, who);
      db.prepare('DELETE FROM sync_apply_origin').run();
    })();
    expect(outbox(db).map((row) => [row.connector_id, row.kind])).toEqual([['hook', 'changed']]);
  });

  it('records a removed asset for events connectors with the serial it had', () => {
    const { db, assets } = setup();
    const asset = assets.create(newAsset('A1'), who);
    db.prepare('DELETE FROM assets WHERE id = ?').run(asset.id);
    const removed = outbox(db).find((row) => row.kind === 'removed');
    expect(removed?.connector_id).toBe('hook');
    expect(JSON.parse(removed!.details)).toMatchObject({ serial: 'A1', manufacturer: 'Google' });
  });
});

import { join } from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { createCore } from '../../../electron/core/core.ts';
import { DATABASE_FILE } from '../../../electron/core/store/db.ts';
import { hashEntry } from '../../../electron/core/audit/audit-log.ts';
import type { AuditRow } from '../../../electron/core/store/audit-queries.ts';
import { useTempDirs } from '../../helpers/temp-dir.ts';

const tempDir = useTempDirs();

/** A station with a few audited settings changes, closed again, so a test can tamper with the file. */
function stationWithHistory(changes: number): string {
  const dir = tempDir();
  const core = createCore({ dataDir: dir, frontDoor: 'cli', log: () => {} });
  for (let i = 1; i <= changes; i += 1) core.context.settings.set({ stationName: `Bench ${i + 1}` });
  core.close();
  return dir;
}

/** What a person with the sqlite3 shell would do: drop the guards, then edit. */
function tamper(dir: string, sql: string): void {
  const db = new Database(join(dir, DATABASE_FILE));
  db.exec('DROP TRIGGER audit_log_no_update; DROP TRIGGER audit_log_no_delete;');
  db.exec(sql);
  db.close();
}

async function verify(dir: string) {
  const core = createCore({ dataDir: dir, frontDoor: 'cli', log: () => {} });
  const result = await core.dispatch('audit.verify', {});
  core.close();
  if (!result.ok) throw new Error(result.error.message);
  return result.value;
}

describe('audit chain', () => {
  it('records each settings change with who, where and before → after', async () => {
    const dir = tempDir();
    const core = createCore({ dataDir: dir, frontDoor: 'cli', log: () => {} });
    await core.dispatch('settings.set', { technicianName: 'Kari Nordmann' });
    await core.dispatch('settings.set', { stationName: 'Hub A', theme: 'dark' });
    await core.dispatch('settings.set', { stationName: 'Hub A' }); // no change, no entry
    const list = await core.dispatch('audit.list', {});
    expect(list).toMatchObject({
      ok: true,
      value: {
        total: 2,
        entries: [
          {
            seq: 2,
            actor: 'Kari Nordmann',
            station: 'Hub A',
            action: 'settings.changed',
            details: {
              changes: {
                stationName: { before: 'Bench 1', after: 'Hub A' },
                theme: { before: 'system', after: 'dark' },
              },
            },
          },
          { seq: 1, details: { changes: { technicianName: { before: '', after: 'Kari Nordmann' } } } },
        ],
      },
    });
    core.close();
  });

  it('verifies an untouched chain', async () => {
    expect(await verify(stationWithHistory(5))).toMatchObject({ ok: true, entries: 5 });
  });

  it('finds an entry edited by hand', async () => {
    const dir = stationWithHistory(5);
    tamper(dir, `UPDATE audit_log SET actor = 'someone else' WHERE seq = 3`);
    expect(await verify(dir)).toMatchObject({ ok: false, brokenAtSeq: 3, reason: 'hash_mismatch' });
  });

  it('finds an edit whose author also recomputed that entry’s own hash', async () => {
    const dir = stationWithHistory(5);
    tamper(dir, 'SELECT 1');
    const db = new Database(join(dir, DATABASE_FILE));
    const row = db.prepare<[], AuditRow>('SELECT * FROM audit_log WHERE seq = 2').get()!;
    const forged = { ...row, details: '{"changes":{}}' };
    const { hash: _old, ...unhashed } = forged;
    db.prepare('UPDATE audit_log SET details = ?, hash = ? WHERE seq = 2').run(
      forged.details,
      hashEntry(unhashed),
    );
    db.close();
    // Entry 2 is self-consistent now, but entry 3 still points at its old hash.
    expect(await verify(dir)).toMatchObject({ ok: false, brokenAtSeq: 3, reason: 'prev_hash_mismatch' });
  });

  it('finds an entry deleted from the middle', async () => {
    const dir = stationWithHistory(5);
    tamper(dir, 'DELETE FROM audit_log WHERE seq = 4');
    expect(await verify(dir)).toMatchObject({ ok: false, brokenAtSeq: 4, reason: 'missing_entry' });
  });

  it('finds entries deleted from the end', async () => {
    const dir = stationWithHistory(5);
    tamper(dir, 'DELETE FROM audit_log WHERE seq >= 4');
    expect(await verify(dir)).toMatchObject({
      ok: false,
      brokenAtSeq: 4,
      reason: 'head_mismatch',
      entries: 3,
    });
  });

  it('keeps appending a valid chain after the station restarts', async () => {
    const dir = stationWithHistory(2);
    const core = createCore({ dataDir: dir, frontDoor: 'cli', log: () => {} });
    core.context.settings.set({ locale: 'nb' });
    core.close();
    expect(await verify(dir)).toMatchObject({ ok: true, entries: 3 });
  });
});

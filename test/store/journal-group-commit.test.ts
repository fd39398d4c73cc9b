// The staging journal's group commit (electron/core/staging/journal.ts): step marks made in
// one turn of the event loop by many jobs reach the disk in one transaction, each job's
// promise resolves only once its mark is committed (a second connection, as a restarted core
// would open, reads it), and a write that fails fails every job in its group, not just one.
import Database from 'better-sqlite3';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DATABASE_FILE, openDatabase } from '../../electron/core/store/db.ts';
import { StagingJournal } from '../../electron/core/staging/journal.ts';
import { useTempDirs } from '../helpers/temp-dir.ts';

const tempDir = useTempDirs();
const JOBS = 20;

function journalWithJobs() {
  const dir = tempDir();
  const db = openDatabase(dir);
  db.prepare(
    "INSERT INTO profiles (id, profile_id, version, name, content, content_hash, source_dir, payload_bytes, imported_at) VALUES (1, 'test', 1, 'Test', '{}', 'h', '/', 0, 't')",
  ).run();
  const journal = new StagingJournal(db);
  const devices = Array.from({ length: JOBS }, (_, i) => ({
    serial: `SER${i}`,
    platform: 'android' as const,
    stepCount: 3,
  }));
  const { jobIds } = journal.createBatch(1, devices, { technician: 'Kari', station: 'B1' });
  db.pragma('wal_autocheckpoint = 0');
  /** Empties the write-ahead log; walFrames() then counts what was committed since. */
  const emptyWal = () => db.pragma('wal_checkpoint(TRUNCATE)');
  /** WAL frames written since emptyWal(): each commit appends every page it changed. */
  const walFrames = () => (db.pragma('wal_checkpoint(PASSIVE)') as { log: number }[])[0]!.log;
  return { db, dir, journal, jobIds, emptyWal, walFrames };
}

describe('staging journal group commit', () => {
  it('commits marks made in the same turn together, far fewer disk writes than one by one', async () => {
    const grouped = journalWithJobs();
    grouped.emptyWal();
    await Promise.all(grouped.jobIds.map((jobId) => grouped.journal.stepVerified(jobId, 0, 'applied')));
    const groupedFrames = grouped.walFrames();

    const oneByOne = journalWithJobs();
    oneByOne.emptyWal();
    for (const jobId of oneByOne.jobIds) await oneByOne.journal.stepVerified(jobId, 0, 'applied');
    const oneByOneFrames = oneByOne.walFrames();

    expect(oneByOneFrames).toBeGreaterThanOrEqual(JOBS);
    expect(groupedFrames).toBeLessThan(oneByOneFrames / 4);
    for (const { journal, jobIds } of [grouped, oneByOne])
      for (const jobId of jobIds) expect(journal.steps(jobId)[0]!.status).toBe('verified');
  });

  it('resolves a mark only once another connection can read it', async () => {
    const { dir, journal, jobIds } = journalWithJobs();
    const other = new Database(join(dir, DATABASE_FILE), { readonly: true, fileMustExist: true });
    const status = () =>
      (
        other.prepare('SELECT status FROM job_steps WHERE job_id = ? AND step_index = 1').get(jobIds[0]) as {
          status: string;
        }
      ).status;
    const pending = journal.stepVerified(jobIds[0]!, 1, 'applied');
    expect(status()).toBe('pending'); // queued for this turn's commit, not written yet
    await pending;
    expect(status()).toBe('verified');
    other.close();
  });

  it('fails every job in a group whose commit fails, and commits none of their marks', async () => {
    const { db, journal, jobIds } = journalWithJobs();
    const marks = [journal.stepVerified(jobIds[0]!, 0, 'applied'), journal.stepStarted(jobIds[1]!, 0)];
    db.close(); // as a full disk or a lost volume would: the transaction cannot run
    for (const mark of marks) await expect(mark).rejects.toThrow(/not open/);
  });
});

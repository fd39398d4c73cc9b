// A staging job on fake Android devices with a real journal (a temporary SQLite file): what
// the engine's unit tests run jobs on.
import { openDatabase } from '../../../../electron/core/store/db.ts';
import { StagingJournal } from '../../../../electron/core/staging/journal.ts';
import { runJob, type DeviceAccess, type JobProgress } from '../../../../electron/core/staging/job-runner.ts';
import { createAndroidPlan } from '../../../../electron/core/staging/android-plan.ts';
import {
  partFor,
  StagingProfileSchema,
  type StagingProfile,
} from '../../../../electron/common/profile/profile-schema.ts';
import { useTempDirs } from '../../../helpers/temp-dir.ts';
import type { FakeAndroidDevice } from './fake-android-driver.ts';

const tempDir = useTempDirs();
export const SETTINGS = { waitForDeviceMs: 2_000, maxAttempts: 3, retryBaseMs: 1 };

export function profileOf(steps: unknown[], extra: Record<string, unknown> = {}): StagingProfile {
  return StagingProfileSchema.parse({
    schema: 'depotline.profile/v1',
    id: 'test',
    name: 'Test',
    version: 1,
    platform: 'android',
    steps,
    ...extra,
  });
}

/** Where the profile's files are, and how a large transfer waits for its hub's turn. */
export interface BenchFiles {
  profileDir: string;
  transfer: <T>(work: () => Promise<T>) => Promise<T>;
}

export function bench(
  devices: FakeAndroidDevice[],
  settings = SETTINGS,
  override?: DeviceAccess,
  files: BenchFiles = { profileDir: '/nonexistent', transfer: (work) => work() },
) {
  const db = openDatabase(tempDir());
  db.prepare(
    "INSERT INTO profiles (id, profile_id, version, name, content, content_hash, source_dir, payload_bytes, imported_at) VALUES (1, 'test', 1, 'Test', '{}', 'h', '/', 0, 't')",
  ).run();
  const journal = new StagingJournal(db);
  const access: DeviceAccess = {
    async waitForDevice(serial, timeoutMs, signal) {
      const device = devices.find((d) => d.serial === serial)!;
      const until = Date.now() + timeoutMs;
      while (!device.connected) {
        if (signal.aborted) throw new Error('cancelled');
        if (Date.now() > until) throw new Error('not connected');
        await new Promise((resolve) => setTimeout(resolve, 5));
      }
      return device.driver();
    },
  };
  const updates: JobProgress[] = [];
  const done: string[] = [];
  const run = (jobId: number, profile: StagingProfile, signal = new AbortController().signal) =>
    runJob(
      {
        jobId,
        plan: createAndroidPlan({
          serial: journal.job(jobId).serial,
          profile,
          part: partFor(profile, 'android')!,
          profileDir: files.profileDir,
          payloadBytes: 0,
          transfer: files.transfer,
          devices: override ?? access,
        }),
        values: (facts) => ({ serial: facts.serial }),
        onDone: (facts) => done.push(facts.serial),
        signal,
      },
      journal,
      settings,
      (u) => updates.push(u),
    );
  return { db, journal, run, updates, done };
}

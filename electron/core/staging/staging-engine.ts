import type { AuditLog } from '../audit/audit-log.ts';
import type { AssetsService } from '../assets/assets-service.ts';
import { CoreError } from '../core-error.ts';
import type { ProfileStore, StoredProfile } from './profile-store.ts';
import type { StagingJournal } from './journal.ts';
import { runJob, SHUTDOWN, type JobProgress, type JobSettings } from './job-runner.ts';
import { Semaphore } from './semaphore.ts';
import { partFor, stepCountFor, type Platform } from '../../common/profile/profile-schema.ts';
import { createAndroidPlan, type AndroidDeviceAccess } from './android-plan.ts';
import { createIosPlan, type IosDeviceAccess } from './ios/ios-plan.ts';
import type { IosPayloads } from './ios/ios-step-context.ts';
import type { DeviceFacts, DevicePlan } from './device-plan.ts';

export interface EngineSettings extends JobSettings {
  /** Devices staged at once on this bench. */
  concurrency: number;
  /** Devices staged at once on one USB hub (a hub shares one upstream link and its power). */
  jobsPerHub: number;
  /** Large transfers (APK installs, file pushes) at once per USB hub. */
  transfersPerHub: number;
}

export interface EngineDependencies {
  journal: StagingJournal;
  profiles: ProfileStore;
  devices: AndroidDeviceAccess &
    IosDeviceAccess & {
      hubOf(serial: string): string;
      slotNameOf(serial: string): string;
      /** Which platform a listed device is (Android serials and iOS UDIDs share one namespace). */
      platformOf(serial: string): Platform;
    };
  /** Reads (and signs) the iOS part's files, once per profile. */
  iosPayloads(stored: StoredProfile): IosPayloads;
  assets: AssetsService;
  audit: AuditLog;
  who(): { actor: string; station: string };
  onProgress(progress: JobProgress): void;
  log(message: string): void;
}

/**
 * Runs staging batches: one job per device, at most `concurrency` at once, with each hub's
 * transfers rationed. Jobs that a previous run left unfinished are resumed by `resume()`.
 */
/** The tag the registry gave this phone, if it has one (read when the job starts its steps). */
function assetTagOf(assets: AssetsService, identity: Pick<DeviceFacts, 'manufacturer' | 'serial'>) {
  const tag = assets.queries.byDevice(identity.manufacturer, identity.serial)?.asset_tag;
  return tag ? { assetTag: tag } : {};
}

export class StagingEngine {
  readonly #deps: EngineDependencies;
  readonly #settings: EngineSettings;
  readonly #slots: Semaphore;
  readonly #hubJobs = new Map<string, Semaphore>();
  readonly #hubTransfers = new Map<string, Semaphore>();
  readonly #running = new Map<number, { controller: AbortController; done: Promise<void> }>();

  constructor(deps: EngineDependencies, settings: EngineSettings) {
    this.#deps = deps;
    this.#settings = settings;
    this.#slots = new Semaphore(settings.concurrency);
  }

  /** Starts a batch; a device that already has a live job is refused before anything starts. */
  start(profileRow: number, serials: string[]): { batchId: number; jobIds: number[] } {
    const stored = this.#deps.profiles.get(profileRow);
    const unique = [...new Set(serials)];
    if (unique.length === 0) throw new CoreError('invalid_input', 'Choose at least one device to stage.');
    const live = new Set(this.#deps.journal.unfinishedJobs().map((job) => job.serial));
    const busy = unique.filter((serial) => live.has(serial));
    if (busy.length > 0)
      throw new CoreError('conflict', `Already staging: ${busy.join(', ')}. Cancel those jobs first.`);
    const { technician, station } = this.#technician();
    const devices = unique.map((serial) => {
      const platform = this.#deps.devices.platformOf(serial);
      return { serial, platform, stepCount: stepCountFor(stored.profile, platform) };
    });
    const batch = this.#deps.journal.createBatch(stored.row, devices, { technician, station });
    this.#deps.audit.append({
      actor: technician,
      station,
      action: 'staging.batch_started',
      subject: `batch:${batch.batchId}`,
      details: {
        profile: stored.profile.id,
        version: stored.profile.version,
        contentHash: stored.contentHash,
        devices: unique,
      },
    });
    batch.jobIds.forEach((jobId) => this.#launch(jobId, stored));
    return batch;
  }

  /** Picks up every job the journal says is unfinished (after a crash or a restart). */
  resume(): number[] {
    const jobs = this.#deps.journal.unfinishedJobs().filter((job) => !this.#running.has(job.id));
    for (const job of jobs) {
      const batch = this.#deps.journal.batch(job.batch_id);
      this.#launch(job.id, this.#deps.profiles.get(batch.profile_row));
    }
    return jobs.map((job) => job.id);
  }

  cancel(jobIds: number[]): void {
    for (const jobId of jobIds) {
      const running = this.#running.get(jobId);
      if (running) running.controller.abort();
      else if (this.#deps.journal.job(jobId).finished_at === null)
        this.#deps.journal.setState(jobId, 'cancelled', ['Cancelled by the technician.']);
    }
  }

  /** A failed, blocked or cancelled device gets a new job in a new batch with the same profile. */
  retry(jobIds: number[]): { batchId: number; jobIds: number[] }[] {
    const byProfile = new Map<number, string[]>();
    for (const jobId of jobIds) {
      const job = this.#deps.journal.job(jobId);
      if (!['failed', 'blocked', 'cancelled'].includes(job.state)) continue;
      const profileRow = this.#deps.journal.batch(job.batch_id).profile_row;
      byProfile.set(profileRow, [...(byProfile.get(profileRow) ?? []), job.serial]);
    }
    return [...byProfile].map(([profileRow, serials]) => this.start(profileRow, serials));
  }

  /** Resolves when every running job has settled (for a clean shutdown and for tests). */
  async idle(): Promise<void> {
    while (this.#running.size > 0) await Promise.all([...this.#running.values()].map((run) => run.done));
  }

  /** The core is stopping: jobs stop where they are and stay unfinished, to resume at the next start. */
  stop(): void {
    for (const run of this.#running.values()) run.controller.abort(SHUTDOWN);
  }

  #launch(jobId: number, stored: StoredProfile): void {
    const controller = new AbortController();
    const done = this.#runQueued(jobId, stored, controller.signal).finally(() => this.#running.delete(jobId));
    this.#running.set(jobId, { controller, done });
  }

  async #runQueued(jobId: number, stored: StoredProfile, signal: AbortSignal): Promise<void> {
    const job = this.#deps.journal.job(jobId);
    const hub = this.#deps.devices.hubOf(job.serial);
    const releaseHub = await perKey(this.#hubJobs, hub, this.#settings.jobsPerHub).acquire();
    const releaseSlot = await this.#slots.acquire();
    const release = () => {
      releaseSlot();
      releaseHub();
    };
    try {
      if (signal.aborted) {
        if (signal.reason !== SHUTDOWN)
          this.#deps.journal.setState(jobId, 'cancelled', ['Cancelled by the technician.']);
        return;
      }
      const transfers = perKey(this.#hubTransfers, hub, this.#settings.transfersPerHub);
      const transfer = async <T>(work: () => Promise<T>): Promise<T> => {
        const releaseTransfer = await transfers.acquire();
        try {
          return await work();
        } finally {
          releaseTransfer();
        }
      };
      const plan = this.#planFor(job, stored, transfer, signal);
      if (!plan) {
        const platformName = job.platform === 'ios' ? 'iOS' : 'Android';
        const reasons = [
          `The profile “${stored.profile.name}” has no ${platformName} part: stage this device with a profile that has one.`,
        ];
        this.#deps.journal.setState(jobId, 'blocked', reasons);
        const progress = { jobId, serial: job.serial, stepIndex: 0, stepCount: 0, stepLabel: undefined };
        this.#onProgress({ ...progress, state: 'blocked', reasons }, stored);
        return;
      }
      await runJob(
        {
          jobId,
          plan,
          signal,
          onDone: (facts) => this.#recordDone(jobId, facts, stored),
          values: (facts) => {
            const { technician, station } = this.#technician();
            return {
              serial: facts.serial,
              manufacturer: facts.manufacturer,
              model: facts.model,
              slot: this.#deps.devices.slotNameOf(job.serial),
              station,
              technician,
              ...(facts.imei ? { imei: facts.imei } : {}),
              ...(facts.udid ? { udid: facts.udid } : {}),
              ...assetTagOf(this.#deps.assets, facts),
            };
          },
        },
        this.#deps.journal,
        this.#settings,
        (progress) => this.#onProgress(progress, stored),
      );
    } catch (error) {
      if (signal.reason === SHUTDOWN) return; // the database may already be closed
      this.#deps.log(`staging job ${jobId} crashed: ${String(error)}`);
      try {
        this.#deps.journal.setState(jobId, 'failed', [`Internal error: ${String(error)}`]);
      } catch (journalError) {
        this.#deps.log(`cannot record the failure of job ${jobId}: ${String(journalError)}`);
      }
    } finally {
      release();
    }
  }

  #onProgress(progress: JobProgress, stored: StoredProfile): void {
    const who = this.#deps.who();
    const subject = `device:${progress.serial}`;
    const details = { job: progress.jobId, profile: stored.profile.id, version: stored.profile.version };
    if (progress.state === 'preflight')
      this.#deps.audit.append({ ...who, action: 'staging.job_started', subject, details });
    if (progress.state === 'failed' || progress.state === 'blocked' || progress.state === 'cancelled') {
      this.#deps.audit.append({
        ...who,
        action: `staging.job_${progress.state}`,
        subject,
        details: { ...details, step: progress.stepIndex, reasons: progress.reasons },
      });
    }
    this.#deps.onProgress(progress);
  }

  #planFor(
    job: { serial: string; platform: Platform },
    stored: StoredProfile,
    transfer: <T>(work: () => Promise<T>) => Promise<T>,
    signal: AbortSignal,
  ): DevicePlan | undefined {
    const { devices } = this.#deps;
    if (job.platform === 'ios') {
      const part = partFor(stored.profile, 'ios');
      return part
        ? createIosPlan({
            udid: job.serial,
            part,
            profileDir: stored.filesDir,
            payloads: this.#deps.iosPayloads(stored),
            transfer,
            devices,
            signal,
          })
        : undefined;
    }
    const part = partFor(stored.profile, 'android');
    return part
      ? createAndroidPlan({
          serial: job.serial,
          profile: stored.profile,
          part,
          profileDir: stored.filesDir,
          payloadBytes: stored.payloadBytes,
          transfer,
          devices,
        })
      : undefined;
  }

  /** Inside the transaction that marks the job done (see RunJobInput.onDone). */
  #recordDone(jobId: number, facts: DeviceFacts, stored: StoredProfile): void {
    const who = this.#deps.who();
    const { profile } = stored;
    this.#deps.assets.recordStaged(
      {
        platform: facts.platform,
        serial: facts.serial,
        manufacturer: facts.manufacturer,
        model: facts.model,
        osVersion: facts.osVersion,
        ...(facts.udid ? { udid: facts.udid } : {}),
        ...(facts.ecid ? { ecid: facts.ecid } : {}),
        ...(facts.imei ? { imei: facts.imei } : {}),
        profile: profile.id,
        profileVersion: profile.version,
      },
      who,
    );
    const serial = this.#deps.journal.job(jobId).serial;
    this.#deps.audit.append({
      ...who,
      action: 'staging.job_done',
      subject: `device:${serial}`,
      details: { job: jobId, profile: profile.id, version: profile.version },
    });
  }

  #technician(): { technician: string; station: string } {
    const { actor, station } = this.#deps.who();
    return { technician: actor, station };
  }
}

function perKey(semaphores: Map<string, Semaphore>, key: string, limit: number): Semaphore {
  let semaphore = semaphores.get(key);
  if (!semaphore) {
    semaphore = new Semaphore(limit);
    semaphores.set(key, semaphore);
  }
  return semaphore;
}

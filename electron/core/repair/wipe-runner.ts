// Runs a wipe job from the phase its journal row says, so a restarted core follows the device
// instead of wiping it again: only a fresh job in `started` sends the wipe. Each phase is written
// before the next wait; nothing is recorded as wiped without a readback that shows it, or the
// technician's audited confirmation (repair-service.ts).
import { setTimeout as sleep } from 'node:timers/promises';
import { DeviceGoneError } from '../../../native/device-errors.ts';
import type { RepairJobPhase } from '../../common/models/repair.ts';
import { FINISHED_REPAIR_PHASES } from '../../common/models/repair.ts';
import { canTransition } from '../../common/models/lifecycle.ts';
import type { AssetState } from '../../common/models/asset.ts';
import type { RepairJobRow } from '../store/repair-queries.ts';
import type { RepairDeps } from './repair-deps.ts';
import type { RepairDevice, WipeMethod } from './repair-device.ts';
import { judgeReadback, type ExpectedDevice } from './readback-checks.ts';
import type { Certifier } from './certify.ts';

/** The job stopped being ours to move: the core is stopping, or the technician ended it. */
class Stopped extends Error {}

/** After its deadline passed (the core was off), a job still looks this long for the device. */
const LAST_LOOK_MS = 5_000;

const errorText = (error: unknown) => (error instanceof Error ? error.message : String(error));
const duration = (ms: number) =>
  ms < 90_000 ? `${Math.ceil(ms / 1000)} s` : `${Math.round(ms / 60_000)} min`;

export class WipeRunner {
  readonly #deps: RepairDeps;
  readonly #certifier: Certifier;
  readonly #running = new Map<number, { controller: AbortController; done: Promise<void> }>();

  constructor(deps: RepairDeps, certifier: Certifier) {
    this.#deps = deps;
    this.#certifier = certifier;
  }

  /** Runs a job in the background; `fresh` only for a job just created (it may send the wipe). */
  launch(jobId: number, fresh: boolean): void {
    if (this.#running.has(jobId)) return;
    const controller = new AbortController();
    const done = this.#run(jobId, fresh, controller.signal)
      .catch((error: unknown) => this.#crashed(jobId, error, controller.signal))
      .finally(() => this.#running.delete(jobId));
    this.#running.set(jobId, { controller, done });
  }

  /** Stops following a job (the technician ended it, or the core stops); its row is left as written. */
  abort(jobId: number): void {
    this.#running.get(jobId)?.controller.abort();
  }

  /** Stops every job; each stays unfinished in its journal row for the next start to resume. */
  stop(): void {
    for (const { controller } of this.#running.values()) controller.abort();
  }

  /** For tests and shutdown: resolves when every running job has returned. */
  async idle(): Promise<void> {
    await Promise.all([...this.#running.values()].map((running) => running.done));
  }

  isRunning(jobId: number): boolean {
    return this.#running.has(jobId);
  }

  #job(jobId: number): RepairJobRow {
    const job = this.#deps.queries.job(jobId);
    if (!job) throw new Error(`no repair job ${jobId}`);
    return job;
  }

  /** Writes a phase; throws Stopped when the core stops or the job was ended meanwhile. */
  #phase(job: RepairJobRow, signal: AbortSignal, phase: RepairJobPhase, message: string | null = null): void {
    if (signal.aborted) throw new Stopped();
    const at = this.#deps.now().toISOString();
    const finished = FINISHED_REPAIR_PHASES.includes(phase);
    if (!this.#deps.queries.setPhase({ id: job.id, phase, message, at, finished_at: finished ? at : null }))
      throw new Stopped();
    job.phase = phase;
    this.#deps.changed(job.asset_id);
  }

  async #run(jobId: number, fresh: boolean, signal: AbortSignal): Promise<void> {
    const { devices, timings } = this.#deps;
    const job = this.#job(jobId);
    let device: RepairDevice | undefined;
    if (job.phase === 'started' && fresh) {
      const sent = await this.#send(job, signal);
      if (!sent) return;
    }
    if (job.phase === 'started' || job.phase === 'accepted') {
      // The wipe was sent (or may have been, before a restart): never send it again; watch the
      // device leave the bus, or read it as it is if it never does.
      if (await this.#leftBus(job.serial, signal)) this.#phase(job, signal, 'device_gone');
      else
        this.#phase(
          job,
          signal,
          'device_back',
          'The device did not leave the bus after the wipe was sent; reading it as it is.',
        );
    }
    if (job.phase === 'device_gone') {
      const left = Date.parse(job.wait_until ?? '') - this.#deps.now().getTime();
      // NaN (no deadline) or past (the core was off meanwhile): one last look, then not verified.
      device = await devices.waitForReturn(job.serial, left > 0 ? left : LAST_LOOK_MS, signal);
      if (signal.aborted) return;
      if (!device) {
        this.#phase(
          job,
          signal,
          'not_verified',
          `The device did not come back on USB within ${duration(timings.returnTimeoutMs)}: the wipe is not verified by device readback. ` +
            'If the device shows its setup screen, confirm the wipe; otherwise wipe it again.',
        );
        return;
      }
      this.#phase(job, signal, 'device_back');
    }
    if (job.phase === 'device_back') await this.#readBack(job, device, signal);
  }

  /** Sends the wipe; false when the job ended (refused, or the device was not there). */
  async #send(job: RepairJobRow, signal: AbortSignal): Promise<boolean> {
    const device = this.#deps.devices.get(job.serial);
    if (!device) {
      this.#phase(
        job,
        signal,
        'failed',
        'The device was unplugged before the wipe was sent; nothing was wiped.',
      );
      return false;
    }
    try {
      await device.startWipe(job.method as WipeMethod);
    } catch (error) {
      if (signal.aborted) return false;
      if (error instanceof DeviceGoneError) {
        // It may have taken the command as it dropped off (a reset drops the connection): follow it.
        this.#phase(
          job,
          signal,
          'device_gone',
          `The device dropped off as the wipe was sent (${errorText(error)}).`,
        );
        return true;
      }
      this.#phase(
        job,
        signal,
        'failed',
        `The device refused the wipe: ${errorText(error)}. Nothing was wiped.`,
      );
      return false;
    }
    this.#phase(job, signal, 'accepted');
    return true;
  }

  /**
   * Polls until the device is off the bus, or is already back as a new appearance (it left and
   * came back between two looks: a fast reboot, an adb reconnect) — true; false when the grace
   * time ends with the same appearance still there.
   */
  async #leftBus(serial: string, signal: AbortSignal): Promise<boolean> {
    const { devices, timings } = this.#deps;
    const deadline = Date.now() + timings.goneGraceMs;
    while (devices.get(serial) !== undefined) {
      if (devices.hasReturned?.(serial)) return true;
      if (Date.now() >= deadline) return false;
      try {
        await sleep(timings.pollMs, undefined, { signal });
      } catch {
        throw new Stopped();
      }
    }
    return true;
  }

  async #readBack(job: RepairJobRow, known: RepairDevice | undefined, signal: AbortSignal): Promise<void> {
    const { devices, timings } = this.#deps;
    const device =
      known ??
      devices.get(job.serial) ??
      (await devices.waitForReturn(job.serial, timings.goneGraceMs, signal));
    if (signal.aborted) return;
    if (!device) {
      this.#phase(
        job,
        signal,
        'not_verified',
        'The device left again before it could be read back: not verified by device readback.',
      );
      return;
    }
    let readback;
    try {
      readback = await device.readback();
    } catch (error) {
      if (signal.aborted) return;
      this.#phase(
        job,
        signal,
        'not_verified',
        `The device came back but could not be read back (${errorText(error)}): not verified by device readback.`,
      );
      return;
    }
    if (signal.aborted) return;
    const outcome = judgeReadback(JSON.parse(job.expected) as ExpectedDevice, readback);
    if (outcome.kind === 'different_device') {
      this.#phase(job, signal, 'failed', outcome.message);
      return;
    }
    job.checks = JSON.stringify(outcome.checks);
    this.#deps.queries.setChecks(job.id, job.checks);
    if (outcome.kind === 'not_wiped') {
      this.#phase(job, signal, 'failed', outcome.message);
      return;
    }
    this.#recordVerified(job, signal);
    await this.#certifier.certify(job.id);
  }

  /** The job verified and the asset wiped, in one transaction with the audit entries. */
  #recordVerified(job: RepairJobRow, signal: AbortSignal): void {
    const { db, assets, audit } = this.#deps;
    const who = { actor: job.actor, station: job.station };
    db.transaction(() => {
      this.#phase(job, signal, 'verified', 'Wipe verified by device readback.');
      const row = assets.row(job.asset_id);
      const details = { reason: 'wipe verified by device readback', jobId: job.id, method: job.method };
      if (canTransition(row.state as AssetState, 'wiped')) assets.moveState(row, 'wiped', who, details);
      else
        // Moved on by another path meanwhile (retired, lost): the wipe is recorded, the state left.
        audit.append({
          ...who,
          action: 'asset.transition_refused',
          subject: `asset:${row.id}`,
          details: {
            from: row.state,
            to: 'wiped',
            reason: `wiped on the repair bench while recorded as ${row.state}`,
          },
        });
      audit.append({
        ...who,
        action: 'repair.wipe_verified',
        subject: `asset:${row.id}`,
        details: { jobId: job.id, method: job.method, checks: JSON.parse(job.checks) as unknown },
      });
    }).immediate();
  }

  #crashed(jobId: number, error: unknown, signal: AbortSignal): void {
    if (error instanceof Stopped || signal.aborted) return;
    this.#deps.log(
      `repair job ${jobId} stopped on an error: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`,
    );
    try {
      const job = this.#job(jobId);
      this.#phase(
        job,
        signal,
        'failed',
        `The wipe job stopped on an error: ${errorText(error)}. Nothing was recorded as wiped.`,
      );
    } catch {
      // The database is gone (the core stopped): the next start resumes the job.
    }
  }
}

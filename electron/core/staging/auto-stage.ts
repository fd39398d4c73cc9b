import type { SettingsService } from '../settings/settings-service.ts';
import type { ProfileStore } from './profile-store.ts';
import type { StagingEngine } from './staging-engine.ts';
import type { JobViews } from './job-views.ts';

/**
 * Auto-stage mode: with a default profile set, a phone that appears on the bench (plugged in,
 * or its USB-debugging prompt accepted) is staged with no click. Each appearance counts once;
 * a phone whose last job is done, or still running, is left alone.
 */
/** A device as auto-stage sees it, whatever its platform. */
export interface AutoStageDevice {
  serial: string;
  /** Connected and authorised (adb `device`; usbmuxd attached and trusted). */
  connected: boolean;
  /** Which appearance this is (adb's transport id, the iOS attach count): each counts once. */
  appearance: string | undefined;
  /** Its identity has been read, so preflight can judge it. */
  read: boolean;
}

export interface AutoStageDeps {
  settings: SettingsService;
  profiles: ProfileStore;
  engine: StagingEngine;
  jobViews: JobViews;
  log: (message: string) => void;
}

export class AutoStage {
  /** serial → the appearance (connection) it was last considered in. */
  readonly #considered = new Map<string, string | undefined>();
  readonly #deps: AutoStageDeps;

  constructor(deps: AutoStageDeps) {
    this.#deps = deps;
  }

  onDevices(devices: readonly AutoStageDevice[]): void {
    const profileId = this.#deps.settings.get().autoStageProfile;
    for (const device of devices) {
      if (!device.connected) {
        this.#considered.delete(device.serial);
        continue;
      }
      const seen =
        this.#considered.has(device.serial) && this.#considered.get(device.serial) === device.appearance;
      if (!device.read || seen) continue;
      this.#considered.set(device.serial, device.appearance);
      if (profileId === '') continue;
      const last = this.#deps.jobViews.latestPerDevice().find((job) => job.serial === device.serial);
      if (last && (last.state === 'done' || last.finishedAt === undefined)) continue;
      const stored = this.#deps.profiles.latest().find((candidate) => candidate.profile.id === profileId);
      if (!stored) {
        this.#deps.log(`auto-stage: no imported profile "${profileId}"; ${device.serial} was not staged`);
        continue;
      }
      try {
        this.#deps.engine.start(stored.row, [device.serial]);
      } catch (error) {
        this.#deps.log(
          `auto-stage of ${device.serial} failed to start: ${error instanceof Error ? error.message : String(error)}`,
        );
      }
    }
  }
}

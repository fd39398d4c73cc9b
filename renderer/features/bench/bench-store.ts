import type { DeviceView } from '../../../electron/common/models/device.ts';
import type { JobView } from '../../../electron/common/models/staging.ts';

/** What the bench shows: devices in slot order and the latest job of each, keyed by adb serial. */
export interface BenchSnapshot {
  /** Serials in the core's slot order; the same array while the order has not changed. */
  order: readonly string[];
  devices: ReadonlyMap<string, DeviceView>;
  /** The latest job of each device; an unchanged job keeps its object, so memoised tiles skip it. */
  jobs: ReadonlyMap<string, JobView>;
  loaded: boolean;
}

export interface BenchStore {
  get: () => BenchSnapshot;
  subscribe: (listener: () => void) => () => void;
  /** The whole bench (`devices.list`, `devices.changed`). */
  setDevices(devices: readonly DeviceView[]): void;
  /** Changed jobs (`staging.progress`), or every latest job (`staging.jobs`) with `replace`. */
  applyJobs(jobs: readonly JobView[], replace?: boolean): void;
  dispose(): void;
}

const EMPTY: BenchSnapshot = { order: [], devices: new Map(), jobs: new Map(), loaded: false };

function sameJson(a: unknown, b: unknown): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

function sameOrder(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((serial, index) => serial === b[index]);
}

/**
 * A small external store for the bench. Events are applied as they come but listeners hear
 * of them at most once per animation frame, and objects that did not change are kept, so a
 * bench of 64 phones all reporting at once re-renders only the tiles that moved, once.
 */
export function createBenchStore(schedule: (flush: () => void) => () => void = nextFrame): BenchStore {
  let snapshot = EMPTY;
  let cancelFlush: (() => void) | undefined;
  const listeners = new Set<() => void>();

  const flush = () => {
    if (!cancelFlush) return;
    cancelFlush(); // the frame and its fallback timer: whichever comes second does nothing
    cancelFlush = undefined;
    for (const listener of [...listeners]) listener();
  };
  const changed = (next: BenchSnapshot) => {
    snapshot = next;
    cancelFlush ??= schedule(flush);
  };

  return {
    get: () => snapshot,
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    setDevices(list) {
      const devices = new Map<string, DeviceView>();
      let same = snapshot.loaded && list.length === snapshot.devices.size;
      for (const device of list) {
        const previous = snapshot.devices.get(device.serial);
        const kept = previous && sameJson(previous, device) ? previous : device;
        if (kept !== previous) same = false;
        devices.set(device.serial, kept);
      }
      const order = list.map((device) => device.serial);
      if (same && sameOrder(order, snapshot.order)) return;
      changed({
        ...snapshot,
        devices,
        order: sameOrder(order, snapshot.order) ? snapshot.order : order,
        loaded: true,
      });
    },
    applyJobs(list, replace = false) {
      const jobs = new Map(replace ? [] : snapshot.jobs);
      let dirty = replace;
      for (const job of list) {
        const previous = snapshot.jobs.get(job.serial);
        if (!replace && previous && previous.jobId > job.jobId) continue; // an older job's late news
        if (previous && sameJson(previous, job)) {
          jobs.set(job.serial, previous);
          continue;
        }
        jobs.set(job.serial, job);
        dirty = true;
      }
      if (dirty) changed({ ...snapshot, jobs });
    },
    dispose() {
      cancelFlush?.();
      cancelFlush = undefined;
      listeners.clear();
    },
  };
}

/** The next frame while the page is shown; a timer otherwise (hidden tabs get no frames). */
function nextFrame(flush: () => void): () => void {
  if (typeof document !== 'undefined' && document.visibilityState === 'visible') {
    const frame = requestAnimationFrame(flush);
    const fallback = setTimeout(flush, 250);
    return () => {
      cancelAnimationFrame(frame);
      clearTimeout(fallback);
    };
  }
  const timer = setTimeout(flush, 50);
  return () => clearTimeout(timer);
}

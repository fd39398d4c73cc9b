import type { DeviceView } from '../../../electron/common/models/device.ts';
import type { JobView } from '../../../electron/common/models/staging.ts';
import type { BenchSnapshot } from './bench-store.ts';

/** A job the engine is still working on (queued, checking, running or waiting for its phone). */
export function isLive(job: JobView | undefined): job is JobView {
  return job !== undefined && job.finishedAt === undefined;
}

/** Connected, read, and not already staging: the engine would accept it. */
export function canStage(device: DeviceView, job: JobView | undefined): boolean {
  return device.connection === 'device' && device.identity !== undefined && !isLive(job);
}

export function canRetry(job: JobView | undefined): job is JobView {
  return (
    job !== undefined && (job.state === 'failed' || job.state === 'blocked' || job.state === 'cancelled')
  );
}

export interface SelectionTargets {
  /** Selected devices present on the bench. */
  selected: string[];
  stage: string[];
  retryJobIds: number[];
  cancelJobIds: number[];
}

/** What each toolbar action would act on, for the ticked devices that are on the bench. */
export function selectionTargets(bench: BenchSnapshot, selection: ReadonlySet<string>): SelectionTargets {
  const targets: SelectionTargets = { selected: [], stage: [], retryJobIds: [], cancelJobIds: [] };
  for (const serial of bench.order) {
    if (!selection.has(serial)) continue;
    const device = bench.devices.get(serial);
    if (!device) continue;
    const job = bench.jobs.get(serial);
    targets.selected.push(serial);
    if (canStage(device, job)) targets.stage.push(serial);
    if (canRetry(job)) targets.retryJobIds.push(job.jobId);
    if (isLive(job)) targets.cancelJobIds.push(job.jobId);
  }
  return targets;
}

/** Serials from one slot to another, inclusive, in the bench's order (either direction). */
export function slotRange(bench: BenchSnapshot, fromSerial: string, toSerial: string): string[] {
  const from = bench.order.indexOf(fromSerial);
  const to = bench.order.indexOf(toSerial);
  if (from < 0 || to < 0) return [];
  return bench.order.slice(Math.min(from, to), Math.max(from, to) + 1);
}

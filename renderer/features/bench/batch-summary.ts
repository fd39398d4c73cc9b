import type { BenchSnapshot } from './bench-store.ts';

export interface BatchSummary {
  total: number;
  done: number;
  failed: number;
  blocked: number;
  /** Queued, checking, running or waiting for its phone. */
  running: number;
  cancelled: number;
  /** Epoch ms of the first job's start. */
  startedAt: number;
  /** Epoch ms of the last job's end; undefined while any job runs. */
  finishedAt: number | undefined;
}

/**
 * The current batch as the technician sees it: the latest job of every phone still on the
 * bench (an unplugged phone whose job had ended has left the batch; one yanked mid-job has
 * not). Elapsed time runs from the first of those jobs' start to the last one's end.
 */
export function batchSummary(bench: BenchSnapshot): BatchSummary | undefined {
  const summary: BatchSummary = {
    total: 0,
    done: 0,
    failed: 0,
    blocked: 0,
    running: 0,
    cancelled: 0,
    startedAt: Infinity,
    finishedAt: 0,
  };
  let live = false;
  for (const serial of bench.order) {
    const job = bench.jobs.get(serial);
    const device = bench.devices.get(serial);
    if (!job || !device || device.state === 'offline') continue;
    summary.total += 1;
    summary.startedAt = Math.min(summary.startedAt, Date.parse(job.startedAt));
    if (job.finishedAt === undefined) live = true;
    else summary.finishedAt = Math.max(summary.finishedAt ?? 0, Date.parse(job.finishedAt));
    if (job.state === 'done') summary.done += 1;
    else if (job.state === 'failed') summary.failed += 1;
    else if (job.state === 'blocked') summary.blocked += 1;
    else if (job.state === 'cancelled') summary.cancelled += 1;
    else summary.running += 1;
  }
  if (summary.total === 0) return undefined;
  return { ...summary, finishedAt: live ? undefined : summary.finishedAt };
}

/** 42 → "0:42", 3725 → "1:02:05". */
export function formatElapsed(ms: number): string {
  const seconds = Math.max(0, Math.floor(ms / 1000));
  const h = Math.floor(seconds / 3600);
  const m = Math.floor((seconds % 3600) / 60);
  const s = String(seconds % 60).padStart(2, '0');
  return h > 0 ? `${h}:${String(m).padStart(2, '0')}:${s}` : `${m}:${s}`;
}

import type { JobView } from '../common/models/staging.ts';

const BAR_WIDTH = 20;

/** One line per device: slot, serial, state, a progress bar and the current step or reason. */
export function progressLine(job: JobView, slotName: string): string {
  const filled = job.stepCount === 0 ? BAR_WIDTH : Math.round((job.stepIndex / job.stepCount) * BAR_WIDTH);
  const bar = `[${'#'.repeat(filled)}${'.'.repeat(BAR_WIDTH - filled)}]`;
  const detail =
    job.reasons.length > 0 && job.state !== 'running' ? job.reasons.join(' / ') : (job.stepLabel ?? '');
  return `${slotName.padEnd(12).slice(0, 12)} ${job.serial.padEnd(20).slice(0, 20)} ${job.state.padEnd(18)} ${bar} ${job.stepIndex}/${job.stepCount} ${detail}`;
}

/**
 * Live progress on a terminal: the table is redrawn in place. Elsewhere (a pipe, a CI log,
 * --json) every change is one JSON line, which scripts can follow.
 */
export class StageProgress {
  readonly #tty: boolean;
  readonly #out: NodeJS.WriteStream;
  readonly #jobs = new Map<number, JobView>();
  readonly #slotOf: (serial: string) => string;
  #drawnLines = 0;

  constructor(out: NodeJS.WriteStream, json: boolean, slotOf: (serial: string) => string) {
    this.#out = out;
    this.#tty = Boolean(out.isTTY) && !json;
    this.#slotOf = slotOf;
  }

  update(jobs: JobView[]): void {
    for (const job of jobs) {
      const before = this.#jobs.get(job.jobId);
      this.#jobs.set(job.jobId, job);
      if (!this.#tty && JSON.stringify(before) !== JSON.stringify(job))
        this.#out.write(`${JSON.stringify({ event: 'job', ...job })}\n`);
    }
    if (this.#tty) this.#draw();
  }

  #draw(): void {
    const lines = [...this.#jobs.values()].map((job) => progressLine(job, this.#slotOf(job.serial)));
    const columns = this.#out.columns || 120;
    const up = this.#drawnLines > 0 ? `\x1b[${this.#drawnLines}F` : '';
    this.#out.write(`${up}${lines.map((line) => `\x1b[2K${line.slice(0, columns - 1)}`).join('\n')}\n`);
    this.#drawnLines = lines.length;
  }

  summary(): { done: number; failed: number; blocked: number; cancelled: number; total: number } {
    const jobs = [...this.#jobs.values()];
    const count = (state: JobView['state']) => jobs.filter((job) => job.state === state).length;
    return {
      done: count('done'),
      failed: count('failed'),
      blocked: count('blocked'),
      cancelled: count('cancelled'),
      total: jobs.length,
    };
  }
}

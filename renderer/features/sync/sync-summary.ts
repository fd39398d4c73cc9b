import type { ConnectorView } from '../../../electron/common/models/sync.ts';

export type SyncSummary = 'idle' | 'syncing' | 'paused' | 'offline' | 'failing';

/** Most pressing first: one failing connector makes the whole of sync "failing". */
const PRESSING: readonly SyncSummary[] = ['failing', 'offline', 'syncing', 'paused'];

/**
 * All connectors in one word (the most pressing state any of them is in) and how many changes
 * they have queued together; undefined when there is no connector (disabled ones do not count).
 */
export function summarizeSync(
  connectors: readonly ConnectorView[],
): { summary: SyncSummary; queued: number } | undefined {
  const active = connectors.filter((c) => c.state !== 'disabled');
  if (active.length === 0) return undefined;
  const queued = active.reduce((sum, c) => sum + c.queueDepth, 0);
  const summary = PRESSING.find((state) => active.some((c) => c.state === state)) ?? 'idle';
  return { summary, queued };
}

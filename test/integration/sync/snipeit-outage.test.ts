// Snipe-IT unreachable for a whole minute (connection refused, as when the depot's uplink or
// the server is down): changes keep queuing, the connector shows offline, and once the server
// is back every change arrives once.
import { afterEach, describe, expect, it } from 'vitest';
import { useTempDirs } from '../../helpers/temp-dir.ts';
import { createAssets, expectRemoteMirrorsLocal, startSyncBench, type SyncBench } from './sync-harness.ts';

const tempDir = useTempDirs();
let bench: SyncBench | undefined;
afterEach(async () => {
  await bench?.close();
  bench = undefined;
});

describe('sync through a minute-long Snipe-IT outage', () => {
  it('queues changes while the server is down and delivers each once when it is back', async () => {
    bench = await startSyncBench({ dataDir: tempDir() });
    const b = bench;
    const before = await createAssets(b.call, 3, 'PRE');
    await b.drained();

    await b.double.faults.down(60_000);
    const downAt = Date.now();
    await createAssets(b.call, 5, 'OUT', 100);
    await b.call('assets.update', { id: before[0]!.id, changes: { notes: 'changed while offline' } });
    await b.call('assets.transition', { id: before[1]!.id, to: 'staging' });
    await expect.poll(async () => (await b.connector()).state, { timeout: 10_000 }).toBe('offline');
    const offline = await b.connector();
    expect(offline.queueDepth).toBe(7);
    expect(offline.lastError).toMatch(/refused the connection/);
    expect(offline.deadLetters).toBe(0);

    await b.double.faults.whenUp();
    expect(Date.now() - downAt).toBeGreaterThanOrEqual(59_000);
    await b.drained(30_000);
    await expectRemoteMirrorsLocal(b);
    expect((await b.connector()).state).toBe('idle');
  }, 120_000);
});

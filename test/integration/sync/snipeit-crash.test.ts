// The station killed with SIGKILL while requests to Snipe-IT are in flight (Snipe-IT has
// committed the creates; the answers never arrive), then started again on the same data
// folder: every change is delivered, none twice.
import { randomBytes } from 'node:crypto';
import { afterAll, describe, expect, it } from 'vitest';
import { useTempDirs } from '../../helpers/temp-dir.ts';
import { call, kill9, killStations, startStation, type Station } from '../support/station-process.ts';
import { startSnipeItDouble } from '../../support/snipeit/index.ts';
import { createAssets, expectRemoteMirrorsLocal, startSyncBench } from './sync-harness.ts';
import type { RequestInput, RequestName, RequestOutput } from '../../../electron/common/contract/index.ts';

const tempDir = useTempDirs();
afterAll(() => killStations());

const stationArgs = (dataDir: string) => ['--lab', 'off', '--lab-ios', 'off', '--data-dir', dataDir];

describe('sync survives the station being killed mid-request', () => {
  it('delivers every change exactly once after a SIGKILL and a restart', async () => {
    const double = await startSnipeItDouble({ throttlePerMinute: 0 });
    const dataDir = tempDir();
    const secretsKey = randomBytes(32).toString('hex');
    try {
      // Set up the connector and 12 assets with the queue not yet sent (a CLI-style core sends nothing).
      const setup = await startSyncBench({ dataDir, reuseDouble: double, secretsKey, runSync: false });
      await createAssets(setup.call, 12);
      await setup.close();

      // Snipe-IT commits each create, then holds the answer for 5 s: the kill lands mid-request.
      double.faults.slowNext(5_000, { times: Infinity, method: 'POST', when: 'after' });
      const env = { ...process.env, DEPOTLINE_SECRETS_KEY: secretsKey };
      let station: Station = await startStation(stationArgs(dataDir), env);
      await expect.poll(() => double.assets().length, { timeout: 20_000 }).toBeGreaterThanOrEqual(3);
      const committedBeforeKill = double.assets().length;
      await kill9(station.child);
      double.faults.clear();

      station = await startStation(stationArgs(dataDir), env);
      const stationCall = <N extends RequestName>(name: N, input: RequestInput<N>) =>
        call<RequestOutput<N>>(station, name, input);
      await expect
        .poll(
          async () => {
            const overview = await stationCall('sync.overview', {});
            const connector = overview.connectors[0]!;
            return connector.queueDepth === 0 && connector.state === 'idle';
          },
          { timeout: 30_000, interval: 200 },
        )
        .toBe(true);
      expect(committedBeforeKill).toBeLessThan(12);
      await expectRemoteMirrorsLocal({ double, call: stationCall });
      await kill9(station.child);
    } finally {
      await double.stop();
    }
  }, 90_000);
});

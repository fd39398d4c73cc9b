import { describe, expect, it } from 'vitest';
import { useTempDirs } from '../../../helpers/temp-dir.ts';
import { registryCore } from '../assets/registry-fixture.ts';

const tempDir = useTempDirs();

/** YYYY-MM-DD, `days` from today (UTC, as the overview counts). */
const fromToday = (days: number) => new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);

describe('fleet overview', () => {
  it('counts by state, model, age and warranty; sums spend per department and currency; reuse rate', async () => {
    const { core, ok, device, person } = registryCore(tempDir());
    const purchase = (
      date: string | null,
      warrantyEnd: string | null,
      priceMinor: number | null,
      currency: string | null,
    ) => ({
      orderNumber: null,
      supplier: null,
      date,
      priceMinor,
      currency,
      warrantyEnd,
    });
    await ok('assets.create', {
      fields: device('A', { purchase: purchase(fromToday(-100), fromToday(-1), 400_000, 'NOK') }),
    });
    await ok('assets.create', {
      fields: device('B', { purchase: purchase(fromToday(-800), fromToday(400), 500_000, 'NOK') }),
    });
    await ok('assets.create', {
      fields: device('C', { model: 'TC58', purchase: purchase(fromToday(-2000), null, 30_000, 'EUR') }),
    });
    await ok('assets.create', { fields: device('D', { model: 'TC58' }), state: 'retired' });
    await ok('people.upsert', person('Kari', 'E1', 'Home care'));
    await ok('people.upsert', person('Ola', 'E2', 'Schools'));
    await ok('rollout.assign', { device: 'A', person: 'E1' });
    await ok('rollout.assign', { device: 'C', person: 'E1' });
    const first = await ok('rollout.assign', { device: 'B', person: 'E2' });
    await ok('rollout.return', { device: 'B' });
    await ok('assets.transition', { id: first.asset.id, to: 'wiped' });
    await ok('assets.transition', { id: first.asset.id, to: 'ready_for_reissue' });
    await ok('rollout.assign', { device: 'B', person: 'E2' }); // re-issued
    const mistake = await ok('rollout.assign', { device: 'D', person: 'E2' }).catch(() => null); // retired: refused
    expect(mistake).toBeNull();

    const overview = await ok('fleet.overview', {});
    expect(overview.total).toBe(4);
    expect(overview.byState).toEqual([
      { key: 'issued', count: 3 },
      { key: 'retired', count: 1 },
    ]);
    expect(overview.byModel).toEqual([
      { key: 'Galaxy XCover7', count: 2 },
      { key: 'TC58', count: 2 },
    ]);
    expect(overview.byAge).toEqual([
      { key: '<1y', count: 1 },
      { key: '1–2y', count: 0 },
      { key: '2–3y', count: 1 },
      { key: '3–4y', count: 0 },
      { key: '≥4y', count: 1 },
      { key: 'unknown', count: 1 },
    ]);
    expect(overview.byWarranty.find((b) => b.key === 'expired')!.count).toBe(1);
    expect(overview.byWarranty.find((b) => b.key === 'unknown')!.count).toBe(2);
    expect(overview.byWarranty.find((b) => b.key === 'later')!.count).toBe(1);
    expect(overview.spendByDepartment).toEqual([
      { key: 'Schools', currency: 'NOK', totalMinor: 500_000, count: 1 },
      { key: 'Home care', currency: 'NOK', totalMinor: 400_000, count: 1 },
      { key: 'Home care', currency: 'EUR', totalMinor: 30_000, count: 1 },
    ]);
    expect(overview.reuse).toEqual({ reissued: 1, firstIssue: 3, rate: 0.25 });
    core.close();
  });
});

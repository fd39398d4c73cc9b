import { describe, expect, it } from 'vitest';
import { ASSET_STATES, type AssetState } from '../../../../electron/common/models/asset.ts';
import { LIFECYCLE } from '../../../../electron/common/models/lifecycle.ts';
import { useTempDirs } from '../../../helpers/temp-dir.ts';
import { registryCore } from './registry-fixture.ts';

const tempDir = useTempDirs();

describe('asset lifecycle', () => {
  it('accepts every move LIFECYCLE allows, each audited and on the timeline', async () => {
    const { core, ok } = registryCore(tempDir());
    let n = 0;
    for (const from of ASSET_STATES) {
      for (const to of LIFECYCLE[from]) {
        n += 1;
        const asset = await ok('assets.create', {
          fields: { serial: `S${n}`, manufacturer: 'Zebra', platform: 'android' },
          state: from,
        });
        const moved = await ok('assets.transition', { id: asset.id, to, reason: 'test' });
        expect(moved.state).toBe(to);
        const timeline = await ok('assets.timeline', { id: asset.id });
        expect(timeline[0]).toMatchObject({
          kind: 'lifecycle',
          summary: `${from.replaceAll('_', ' ')} → ${to.replaceAll('_', ' ')} (test)`,
        });
      }
    }
    expect(n).toBeGreaterThan(40);
    core.close();
  });

  const refusedMoves: [AssetState, AssetState, string][] = [
    ['issued', 'in_stock', 'returned, lost'],
    ['ordered', 'issued', 'received, lost'],
    ['recycled', 'in_stock', 'nothing else (it is final)'],
    ['staging', 'issued', 'staged, in stock, in repair, lost'],
    ['retired', 'issued', 'recycled'],
  ];
  for (const [from, to, allowed] of refusedMoves) {
    it(`refuses ${from} → ${to}, naming the allowed moves, and changes nothing`, async () => {
      const { core, ok, refused } = registryCore(tempDir());
      const asset = await ok('assets.create', {
        fields: { serial: 'S1', manufacturer: 'Zebra', platform: 'android' },
        state: from,
      });
      const error = await refused('assets.transition', { id: asset.id, to });
      expect(error.code).toBe('conflict');
      expect(error.message).toContain(`can become ${allowed}`);
      expect(await ok('assets.get', { id: asset.id })).toMatchObject({
        state: from,
        updatedAt: asset.updatedAt,
      });
      core.close();
    });
  }
});

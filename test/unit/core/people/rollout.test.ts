import { describe, expect, it } from 'vitest';
import { useTempDirs } from '../../../helpers/temp-dir.ts';
import { IMEI, registryCore } from '../assets/registry-fixture.ts';
import { handoverRate } from '../../../../electron/core/rollout/rollout-board.ts';

const tempDir = useTempDirs();
const localDay = () => {
  const now = new Date();
  return `${now.getFullYear()}-${String(now.getMonth() + 1).padStart(2, '0')}-${String(now.getDate()).padStart(2, '0')}`;
};

async function rolloutDay(dir: string) {
  const registry = registryCore(dir);
  const { ok, device, person } = registry;
  await ok('assets.create', { fields: device('S1', { assetTag: 'DL-1', imeis: [IMEI.a] }), state: 'staged' });
  await ok('assets.create', { fields: device('S2', { assetTag: 'DL-2' }), state: 'in_stock' });
  await ok('assets.create', { fields: device('S3', { assetTag: 'DL-3' }), state: 'in_stock' });
  const kari = await ok('people.upsert', { ...person('Kari Nordmann', 'E1', 'Home care'), badge: 'BADGE-1' });
  const ola = await ok('people.upsert', person('Ola Hansen', 'E2', 'Schools'));
  const nora = await ok('people.upsert', person('Nora Berg', 'E3', 'Schools'));
  return { ...registry, people: { kari, ola, nora } };
}

describe('people', () => {
  it('upserts by employee id or email, and refuses details naming two people', async () => {
    const { core, ok, refused, person } = registryCore(tempDir());
    const kari = await ok('people.upsert', person('Kari Nordmann', 'E1'));
    const moved = await ok('people.upsert', {
      ...person('Kari Nordmann', 'E1', 'Schools'),
      email: 'kari@new.example',
    });
    expect(moved).toMatchObject({ id: kari.id, department: 'Schools', email: 'kari@new.example' });
    const byEmail = await ok('people.upsert', {
      ...person('Kari N.', 'E1'),
      employeeId: null,
      email: 'KARI@new.example',
    });
    expect(byEmail.id).toBe(kari.id);
    await ok('people.upsert', person('Ola Hansen', 'E2'));
    const error = await refused('people.upsert', { ...person('Mixed', 'E2'), email: 'kari@new.example' });
    expect(error).toMatchObject({
      code: 'conflict',
      message: expect.stringMatching(/name 2 different people/),
    });
    expect((await ok('people.list', { search: 'hansen' })).items.map((p) => p.name)).toEqual(['Ola Hansen']);
    expect((await ok('people.list', {})).total).toBe(2);
    core.close();
  });
});

describe('rollout day', () => {
  it('hands a scanned device to a scanned person: issued, held, audited; undo puts it back as it was', async () => {
    const { core, ok, people } = await rolloutDay(tempDir());
    const handover = await ok('rollout.assign', { device: IMEI.a.slice(-6), person: 'BADGE-1' });
    expect(handover).toMatchObject({
      asset: {
        assetTag: 'DL-1',
        state: 'issued',
        assignee: { personId: people.kari.id, name: 'Kari Nordmann', department: 'Home care' },
      },
      person: { id: people.kari.id },
      assignment: { endedAt: null, assignedBy: 'unnamed technician' },
    });
    const undone = await ok('rollout.undo', { assignmentId: handover.assignment.id });
    expect(undone).toMatchObject({
      asset: { state: 'staged', assignee: null },
      assignment: { endReason: 'undone' },
    });
    const timeline = await ok('assets.timeline', { id: handover.asset.id });
    expect(timeline.slice(0, 4).map((entry) => entry.summary)).toEqual([
      `issued → staged (undo of handover ${handover.assignment.id})`,
      'handover to Kari Nordmann undone',
      'issued to Kari Nordmann',
      'staged → issued (rollout)',
    ]);
    expect((await ok('people.get', { id: people.kari.id })).assignments).toMatchObject([
      { endReason: 'undone' },
    ]);
    core.close();
  });

  it('refuses an unknown or ambiguous code and a device issued to someone else, naming them', async () => {
    const { core, ok, refused } = await rolloutDay(tempDir());
    expect(await refused('rollout.assign', { device: 'DL-404', person: 'E1' })).toMatchObject({
      code: 'not_found',
    });
    expect(await refused('rollout.assign', { device: 'DL-1', person: 'nobody@x.example' })).toMatchObject({
      code: 'not_found',
    });
    // Two IMEIs ending in 3809: the last four digits do not say which phone.
    await ok('assets.create', {
      fields: { serial: 'S9', manufacturer: 'Zebra', platform: 'android', imeis: ['490154200073809'] },
    });
    const ambiguous = await refused('rollout.assign', { device: '3809', person: 'E1' });
    expect(ambiguous).toMatchObject({
      code: 'conflict',
      message: expect.stringMatching(/^"3809" matches 2 assets \(DL-1, S9\)/),
    });
    expect((await ok('assets.lookup', { code: 'DL-1' })).matches[0]!.state).toBe('staged');
    await ok('rollout.assign', { device: 'DL-2', person: 'E2' });
    const taken = await refused('rollout.assign', { device: 'DL-2', person: 'E1' });
    expect(taken).toMatchObject({
      code: 'conflict',
      message: expect.stringContaining('is issued to Ola Hansen'),
    });
    const retired = await ok('assets.create', {
      fields: { serial: 'R1', manufacturer: 'Zebra', platform: 'android' },
      state: 'retired',
    });
    const lifecycle = await refused('rollout.assign', { device: 'R1', person: 'E1' });
    expect(lifecycle.message).toMatch(/cannot become issued; from retired it can become recycled/);
    expect((await ok('assets.get', { id: retired.id })).assignee).toBeNull();
    core.close();
  });

  it('a return ends the assignment and makes the asset returned', async () => {
    const { core, ok, refused } = await rolloutDay(tempDir());
    await ok('rollout.assign', { device: 'DL-3', person: 'E3' });
    const back = await ok('rollout.return', { device: 'S3' });
    expect(back).toMatchObject({
      asset: { state: 'returned', assignee: null },
      assignment: { endReason: 'returned' },
    });
    expect(await refused('rollout.return', { device: 'S3' })).toMatchObject({
      message: expect.stringMatching(/not issued to anyone/),
    });

    // Marking a lost phone as returned from the asset page ends its holder's assignment too.
    const lost = await ok('rollout.assign', { device: 'DL-2', person: 'E2' });
    await ok('assets.transition', { id: lost.asset.id, to: 'lost' });
    expect(
      (await ok('assets.get', { id: lost.asset.id })).assignee,
      'a lost phone is still theirs',
    ).toMatchObject({ name: 'Ola Hansen' });
    const found = await ok('assets.transition', {
      id: lost.asset.id,
      to: 'returned',
      reason: 'found in a locker',
    });
    expect(found).toMatchObject({ state: 'returned', assignee: null });
    expect((await ok('people.get', { id: lost.person.id })).assignments).toMatchObject([
      { endReason: 'returned' },
    ]);
    core.close();
  });

  it('shows the day: issued and remaining per department from the roster, per technician, rate', async () => {
    const { core, ok, people } = await rolloutDay(tempDir());
    const day = localDay();
    await ok('rollout.setRoster', { day, personIds: [people.kari.id, people.ola.id, people.nora.id] });
    await ok('rollout.assign', { device: 'DL-1', person: 'E1' });
    const mistake = await ok('rollout.assign', { device: 'DL-2', person: 'E3' });
    await ok('rollout.undo', { assignmentId: mistake.assignment.id });
    await ok('rollout.assign', { device: 'DL-2', person: 'E2' });
    const board = await ok('rollout.board', { day });
    expect(board).toMatchObject({
      day,
      rosterSize: 3,
      issued: 2,
      remaining: 1,
      byDepartment: [
        { key: 'Home care', issued: 1, remaining: 0 },
        { key: 'Schools', issued: 1, remaining: 1 },
      ],
      byTechnician: [{ key: 'unnamed technician', issued: 2 }],
    });
    expect(board.recent.map((h) => h.person.name)).toEqual(['Ola Hansen', 'Kari Nordmann']);
    // Seconds apart: too soon for a pace.
    expect(board.ratePerHour).toBeNull();
    expect((await ok('rollout.board', { day: '2020-01-01' })).issued).toBe(0);
    core.close();
  });
});

describe('handover rate', () => {
  const at = (minutes: number) => new Date(Date.UTC(2026, 10, 28, 8) + minutes * 60_000).toISOString();

  it('gives no pace before the day has ten minutes of handovers', () => {
    expect(handoverRate([])).toBeNull();
    expect(handoverRate([at(0)])).toBeNull();
    expect(handoverRate([at(0), at(1), at(9)])).toBeNull();
  });

  it('counts handovers per hour between the first and the latest', () => {
    // 13 handovers in 30 minutes: 12 intervals in half an hour.
    expect(handoverRate(Array.from({ length: 13 }, (_, i) => at(i * 2.5)))).toBeCloseTo(24);
    expect(handoverRate([at(0), at(10)])).toBeCloseTo(6);
  });
});

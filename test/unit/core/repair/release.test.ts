import { describe, expect, it } from 'vitest';
import { useTempDirs } from '../../../helpers/temp-dir.ts';
import { IMEI, repairCore } from './repair-fixture.ts';
import { FakeRepairDevice } from './fake-repair-devices.ts';

const tempDir = useTempDirs();

/** A returned phone wiped and verified, plugged in again afterwards. */
async function wiped(fixture: ReturnType<typeof repairCore>, notes = '') {
  const { ok, devices, until, android } = fixture;
  const asset = await ok('assets.create', {
    fields: android('G1', { assetTag: 'DL-G1', imeis: [IMEI.a] }),
    state: 'issued',
  });
  await ok('repair.intake', { code: 'DL-G1', reason: 'leaver', conditionNotes: notes });
  devices.plug(new FakeRepairDevice({ serial: 'G1' }));
  await ok('repair.wipe', { assetId: asset.id, method: 'android-testharness' });
  await until(asset.id, (row) => row.job?.phase === 'device_gone');
  const back = devices.plug(
    new FakeRepairDevice({ serial: 'G1', diagnostics: { batteryHealth: 93, osVersion: '15' } }),
  );
  await until(asset.id, (row) => row.certificate !== null);
  return { asset, back };
}

describe('diagnostics, grade and release', () => {
  it('runs the loop: graded, released for re-issue, staged again and handed out', async () => {
    const fixture = repairCore(tempDir());
    const { core, ok, refused, auditOf } = fixture;
    const { asset } = await wiped(fixture, 'light scratches on the back');

    expect(await refused('repair.release', { assetId: asset.id })).toMatchObject({
      code: 'conflict',
      message: 'DL-G1 · Samsung Galaxy XCover7 · wiped has no grade from this intake; confirm a grade first.',
    });
    const diagnosed = await ok('repair.diagnose', { assetId: asset.id });
    expect(diagnosed).toMatchObject({
      diagnostics: { values: { batteryHealth: 93, osVersion: '15', batteryCycles: 210 } },
      grade: {
        proposed: { grade: 'C', reasons: ['condition notes mention cosmetic wear (scratch)'] },
        confirmed: null,
      },
      asset: { batteryHealth: 93, osVersion: '15' },
      nextStep: 'grade',
    });
    const graded = await ok('repair.grade', {
      assetId: asset.id,
      grade: 'B',
      note: 'scratches barely visible',
    });
    expect(graded).toMatchObject({
      asset: { conditionGrade: 'B' },
      grade: { confirmed: { grade: 'B', note: 'scratches barely visible' } },
      nextStep: 'release',
    });
    expect(auditOf(asset.id).find((entry) => entry.action === 'repair.graded')?.details).toMatchObject({
      grade: 'B',
      proposed: 'C',
      changedFromProposal: true,
    });

    const released = await ok('repair.release', { assetId: asset.id });
    expect(released).toMatchObject({ asset: { state: 'ready_for_reissue' }, nextStep: 'done' });
    expect(released.intake.closedAt).not.toBeNull();
    expect(await ok('repair.bench', { scope: 'all' })).toEqual([]);
    const timeline = await ok('assets.timeline', { id: asset.id });
    expect(
      timeline
        .filter((entry) => entry.kind === 'lifecycle')
        .map((entry) => entry.summary)
        .reverse(),
    ).toEqual([
      'issued → returned (repair intake: leaver)',
      'returned → wiped (wipe verified by device readback)',
      expect.stringMatching(/^erasure certificate \S+ issued \(verified by device readback\)$/),
      'wiped → ready for reissue (repair released, grade B)',
    ]);

    // From here staging and rollout take it, as any stock phone.
    const staged = core.context.assets.recordStaged(
      {
        platform: 'android',
        serial: 'G1',
        manufacturer: 'Samsung',
        model: 'Galaxy XCover7',
        osVersion: '15',
        profile: 'home-care',
        profileVersion: 3,
      },
      core.context.settings.who(),
    );
    expect(staged.state).toBe('staged');
    await ok('people.upsert', {
      name: 'Nora Berg',
      email: 'nora@kommune.example',
      employeeId: 'E9',
      badge: null,
      department: 'Schools',
      costCentre: null,
    });
    const handover = await ok('rollout.assign', { device: 'DL-G1', person: 'E9' });
    expect(handover.asset).toMatchObject({ state: 'issued', conditionGrade: 'B' });

    // Its next return starts a new intake: nothing from the last one carries over.
    const again = await ok('repair.intake', { code: 'DL-G1', reason: 'upgrade' });
    expect(again.row).toMatchObject({
      overrides: [],
      job: null,
      certificate: null,
      grade: { confirmed: null },
    });
    expect(await ok('repair.certificates', { assetId: asset.id })).toHaveLength(1);
    core.close();
  });

  it('keeps a D device from re-issue and grades below the fleet minimum as D', async () => {
    const fixture = repairCore(tempDir());
    const { core, ok, refused } = fixture;
    const { asset } = await wiped(fixture);
    const settings = await ok('repair.settings.set', { minimumOsVersion: { android: '16', ios: '' } });
    expect(settings.minimumOsVersion.android).toBe('16');
    expect((await ok('repair.diagnose', { assetId: asset.id })).grade.proposed).toEqual({
      grade: 'D',
      reasons: ['Android 15 is below the fleet minimum 16'],
    });
    await ok('repair.grade', { assetId: asset.id, grade: 'D' });
    expect(await refused('repair.release', { assetId: asset.id })).toMatchObject({
      message: expect.stringMatching(/is graded D: it is not re-issued/),
    });
    expect((await ok('repair.bench', { scope: 'all' }))[0]?.nextStep).toBe('retire');
    await ok('assets.transition', { id: asset.id, to: 'retired' });
    // Retired by the asset page: it has left the bench.
    expect(await ok('repair.bench', { scope: 'all' })).toEqual([]);
    expect(await refused('repair.grade', { assetId: asset.id, grade: 'A' })).toMatchObject({
      message: expect.stringMatching(/is not on the repair bench/),
    });
    core.close();
  });

  it('keeps its settings, audited, and refuses ones that do not validate', async () => {
    const { core, ok, refused } = repairCore(tempDir());
    expect(await ok('repair.settings.get', {})).toMatchObject({
      depotOrganisation: '',
      defaultWipeMethod: { ios: 'ios-erase-device' },
    });
    await ok('repair.settings.set', {
      depotOrganisation: 'Acme Kommune IT',
      defaultWipeMethod: { android: 'android-testharness', ios: null },
    });
    expect(await ok('repair.settings.get', {})).toMatchObject({
      depotOrganisation: 'Acme Kommune IT',
      defaultWipeMethod: { android: 'android-testharness', ios: null },
    });
    // An iOS method as Android's default: the contract refuses it (sent untyped, as a client could).
    const wrongPlatform = await core.dispatch('repair.settings.set', {
      defaultWipeMethod: { android: 'ios-erase-device', ios: null },
    });
    expect(wrongPlatform).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
    expect(
      await refused('repair.settings.set', { minimumOsVersion: { android: 'fourteen', ios: '' } }),
    ).toMatchObject({
      code: 'invalid_input',
    });
    const entries = core.context.audit.list({ subject: 'settings', limit: 10 }).entries;
    expect(entries[0]).toMatchObject({
      action: 'repair.settings_changed',
      details: { changes: { depotOrganisation: { before: '', after: 'Acme Kommune IT' } } },
    });
    core.close();
  });
});

import { describe, expect, it } from 'vitest';
import { useTempDirs } from '../../../helpers/temp-dir.ts';
import { IMEI, repairCore } from './repair-fixture.ts';
import { FakeRepairDevice } from './fake-repair-devices.ts';

const tempDir = useTempDirs();

describe('repair intake', () => {
  it('finds the asset by tag, serial or IMEI and moves it to returned with reason, notes and photos', async () => {
    const { core, ok, auditOf, android } = repairCore(tempDir());
    const byTag = await ok('assets.create', {
      fields: android('S1', { assetTag: 'DL-1' }),
      state: 'in_stock',
    });
    const issued = await ok('assets.create', { fields: android('S2', { imeis: [IMEI.a] }), state: 'staged' });
    const lost = await ok('assets.create', { fields: android('S3', { imeis: [IMEI.b] }), state: 'ordered' });
    await ok('assets.transition', { id: lost.id, to: 'lost' });
    const person = await ok('people.upsert', {
      name: 'Kari Nordmann',
      email: 'kari@kommune.example',
      employeeId: 'E1',
      badge: null,
      department: 'Home care',
      costCentre: null,
    });
    await ok('rollout.assign', { device: 'S2', person: 'E1' });

    // By serial: an issued phone comes back from a leaver; its assignment ends with the return.
    const leaver = await ok('repair.intake', {
      code: 'S2',
      reason: 'leaver',
      conditionNotes: 'light scratches on the back',
      photos: ['back.jpg', 'front side 2.PNG'],
    });
    expect(leaver.registered).toBe(false);
    expect(leaver.row).toMatchObject({
      asset: { id: issued.id, state: 'returned' },
      intake: {
        reason: 'leaver',
        conditionNotes: 'light scratches on the back',
        photos: ['back.jpg', 'front side 2.PNG'],
      },
      nextStep: 'check_blockers',
      plugged: false,
    });
    expect((await ok('assets.get', { id: issued.id })).assignee).toBeNull();
    expect((await ok('people.get', { id: person.id })).assignments[0]).toMatchObject({
      endReason: 'returned',
    });
    const actions = auditOf(issued.id).map((entry) => entry.action);
    expect(actions.slice(-3)).toEqual(['asset.unassigned', 'asset.transition', 'repair.intake']);

    // By the last digits of an IMEI off the label: a lost phone turns up.
    const found = await ok('repair.intake', { code: IMEI.b.slice(-6), reason: 'lost_and_found' });
    expect(found.row.asset).toMatchObject({ id: lost.id, state: 'returned' });

    // By tag: a stock phone that comes to the bench cannot be "returned", so it goes to repair.
    const stock = await ok('repair.intake', {
      code: 'dl-1',
      reason: 'broken',
      conditionNotes: 'cracked screen',
    });
    expect(stock.row.asset).toMatchObject({ id: byTag.id, state: 'in_repair' });

    expect(core.context.repair.bench('all').map((row) => row.asset.id)).toEqual([
      issued.id,
      lost.id,
      byTag.id,
    ]);
    core.close();
  });

  it('finds an iPhone by its UDID', async () => {
    const { core, ok } = repairCore(tempDir());
    const phone = await ok('assets.create', {
      fields: {
        serial: 'F2LX1',
        platform: 'ios',
        manufacturer: 'Apple',
        model: 'iPhone 13',
        udid: '00008110-001A2B3C4D5E',
      },
      state: 'in_stock',
    });
    const { row } = await ok('repair.intake', { code: '00008110-001A2B3C4D5E', reason: 'upgrade' });
    expect(row.asset).toMatchObject({ id: phone.id, state: 'in_repair' });
    core.close();
  });

  it('registers an unknown device on the spot, from typed details or from the plugged device', async () => {
    const { core, ok, refused, devices, auditOf } = repairCore(tempDir(), {
      repair: {
        identityOf: (serial) =>
          serial === 'R58PLUG'
            ? {
                platform: 'android',
                serial: 'R58PLUG',
                manufacturer: 'Samsung',
                model: 'SM-G556B',
                osVersion: '14',
                imeis: [IMEI.c],
                udid: null,
                ecid: null,
              }
            : undefined,
      },
    });
    const unknown = await refused('repair.intake', { code: 'NOPE-1', reason: 'lost_and_found' });
    expect(unknown).toMatchObject({
      code: 'not_found',
      message: expect.stringMatching(/type the device's details/),
    });

    const typed = await ok('repair.intake', {
      code: 'NOPE-1',
      reason: 'lost_and_found',
      register: { serial: 'NOPE-1', platform: 'android', manufacturer: 'Zebra', model: 'TC58' },
    });
    expect(typed.registered).toBe(true);
    expect(typed.row.asset).toMatchObject({ serial: 'NOPE-1', manufacturer: 'Zebra', state: 'returned' });
    expect(auditOf(typed.row.asset.id).map((entry) => [entry.action, entry.details.state ?? null])).toEqual([
      ['asset.created', 'returned'],
      ['repair.intake', null],
    ]);

    devices.plug(new FakeRepairDevice({ serial: 'R58PLUG' }));
    const plugged = await ok('repair.intake', { pluggedSerial: 'R58PLUG', reason: 'leaver' });
    expect(plugged).toMatchObject({
      registered: true,
      row: {
        plugged: true,
        asset: {
          serial: 'R58PLUG',
          manufacturer: 'Samsung',
          model: 'SM-G556B',
          imeis: [IMEI.c],
          state: 'returned',
        },
      },
    });
    core.close();
  });

  it('refuses an ambiguous code, naming the candidates', async () => {
    const { core, ok, refused, android } = repairCore(tempDir());
    // Serials are unique per manufacturer: two makers' phones can share one.
    await ok('assets.create', { fields: android('DUP1', { assetTag: 'DL-7' }), state: 'issued' });
    await ok('assets.create', {
      fields: android('DUP1', { manufacturer: 'Zebra', model: 'TC58' }),
      state: 'issued',
    });
    const error = await refused('repair.intake', { code: 'DUP1', reason: 'leaver' });
    expect(error.code).toBe('conflict');
    expect(error.message).toBe(
      '"DUP1" matches 2 assets: DL-7 · Samsung Galaxy XCover7 · issued (serial DUP1); ' +
        'serial DUP1 · Zebra TC58 · issued (serial DUP1). Scan the asset tag or the full serial.',
    );
    expect(error.details?.candidates).toEqual([
      expect.objectContaining({ serial: 'DUP1', assetTag: 'DL-7', model: 'Galaxy XCover7' }),
      expect.objectContaining({ serial: 'DUP1', assetTag: null, model: 'TC58' }),
    ]);
    // The tag names one of them.
    expect((await ok('repair.intake', { code: 'DL-7', reason: 'leaver' })).row.asset.model).toBe(
      'Galaxy XCover7',
    );
    core.close();
  });

  it('refuses bad input: photo paths, no code, a second intake, a state that cannot come back', async () => {
    const { core, ok, refused, android } = repairCore(tempDir());
    await ok('assets.create', { fields: android('B1'), state: 'issued' });
    for (const photo of ['../../etc/passwd.jpg', 'photos/front.jpg', '..\\x.png', '.hidden.jpg', 'front.exe'])
      expect(await refused('repair.intake', { code: 'B1', reason: 'leaver', photos: [photo] })).toMatchObject(
        {
          code: 'invalid_input',
          details: { issues: expect.arrayContaining([expect.objectContaining({ path: 'photos.0' })]) },
        },
      );
    expect(await refused('repair.intake', { reason: 'leaver' })).toMatchObject({ code: 'invalid_input' });
    expect(
      await refused('repair.intake', { code: 'B1', pluggedSerial: 'B1', reason: 'leaver' }),
    ).toMatchObject({
      code: 'invalid_input',
    });
    await ok('repair.intake', { code: 'B1', reason: 'leaver' });
    expect(await refused('repair.intake', { code: 'B1', reason: 'broken' })).toMatchObject({
      code: 'conflict',
      message: expect.stringMatching(/already taken in on .* \(leaver\)/),
    });
    await ok('assets.create', { fields: android('B2'), state: 'received' });
    expect(await refused('repair.intake', { code: 'B2', reason: 'broken' })).toMatchObject({
      code: 'conflict',
      message: expect.stringMatching(/is received and cannot become returned/),
    });
    core.close();
  });
});

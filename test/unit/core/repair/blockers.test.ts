import { describe, expect, it } from 'vitest';
import { useTempDirs } from '../../../helpers/temp-dir.ts';
import { applyOverrides, checklistItems } from '../../../../electron/core/repair/blocker-checklist.ts';
import { repairCore } from './repair-fixture.ts';
import { FakeRepairDevice } from './fake-repair-devices.ts';

const tempDir = useTempDirs();
const policy = { depotOrganisation: '', depotDeviceOwners: [] as string[] };

describe('the blocker checklist', () => {
  it('turns Android facts into blockers that say what to do', () => {
    const items = checklistItems(
      {
        platform: 'android',
        accounts: [{ type: 'com.google', name: 'a@b.c' }],
        deviceOwner: 'com.acme.mdm/.AdminReceiver',
        screenLock: true,
      },
      policy,
    );
    expect(items.map((item) => [item.code, item.status])).toEqual([
      ['android.accounts', 'blocking'],
      ['android.device_owner', 'blocking'],
      ['android.screen_lock', 'blocking'],
    ]);
    expect(items[0]).toMatchObject({
      detail: 'Google account a@b.c.',
      action:
        'Remove the Google account a@b.c in Settings › Accounts, or ask the former user to remove the device from ' +
        'their Google account; after a reset Factory Reset Protection will ask for this account.',
    });
    expect(items[1]!.detail).toBe('Managed by com.acme.mdm/.AdminReceiver.');
    expect(items[1]!.action).toMatch(/Retire or wipe the phone from the MDM console .*com\.acme\.mdm/);
    expect(items[2]!.action).toMatch(/^Ask the former user for the PIN, pattern or password/);
  });

  it('marks what the device could not tell as unknown, with its reason, and clears what is fine', () => {
    const items = checklistItems(
      {
        platform: 'android',
        accounts: [],
        deviceOwner: 'com.depot.owner/.Admin',
        screenLock: 'unknown',
        unknownReasons: { screenLock: 'locksettings needs Android 8' },
      },
      { depotOrganisation: '', depotDeviceOwners: ['com.depot.owner'] },
    );
    expect(items.map((item) => [item.status, item.unknownReason])).toEqual([
      ['clear', null],
      ['clear', null],
      ['unknown', 'locksettings needs Android 8'],
    ]);
    expect(items[1]!.detail).toMatch(/depot's own app/);
    const checklist = applyOverrides(items, [], '2025-01-01T00:00:00.000Z');
    expect(checklist.wipeAllowed).toBe(false);
    const overridden = applyOverrides(
      items,
      [
        {
          code: 'android.screen_lock',
          reason: 'no lock: checked by hand',
          by: 'Kari',
          station: 'Bench 1',
          at: 'x',
        },
      ],
      'x',
    );
    expect(overridden.wipeAllowed).toBe(true);
    expect(overridden.items[2]).toMatchObject({ status: 'unknown', open: false });
  });

  it('names the iOS blockers, and clears supervision by the depot’s own organisation', () => {
    const facts = {
      platform: 'ios' as const,
      activationLock: true,
      supervisedBy: 'Acme Kommune IT',
      passcodeSet: true,
    };
    const unset = checklistItems(facts, policy);
    expect(unset.map((item) => [item.code, item.status])).toEqual([
      ['ios.activation_lock', 'blocking'],
      ['ios.supervised_elsewhere', 'blocking'],
      ['ios.passcode', 'blocking'],
    ]);
    expect(unset[0]!.action).toMatch(/turn off Find My/);
    expect(unset[1]).toMatchObject({ detail: 'Supervised by Acme Kommune IT.' });
    expect(unset[1]!.action).toMatch(
      /If Acme Kommune IT is the depot itself, set the depot’s organisation name/,
    );
    const depot = checklistItems(facts, { ...policy, depotOrganisation: 'acme kommune it' });
    expect(depot[1]).toMatchObject({ status: 'clear', detail: 'Supervised by the depot (Acme Kommune IT).' });
    const other = checklistItems(facts, { ...policy, depotOrganisation: 'Other Org' });
    expect(other[1]).toMatchObject({
      status: 'blocking',
      detail: 'Supervised by Acme Kommune IT, not by Other Org.',
    });
    expect(checklistItems({ platform: 'ios' }, policy).every((item) => item.status === 'unknown')).toBe(true);
  });
});

describe('blocker checks and overrides through the contract', () => {
  it('reads the checklist, refuses a wipe while a blocker is open, and audits each override', async () => {
    const { core, ok, refused, devices, android, auditOf } = repairCore(tempDir());
    const asset = await ok('assets.create', { fields: android('R1'), state: 'issued' });
    await ok('repair.intake', { code: 'R1', reason: 'leaver' });
    const device = devices.plug(
      new FakeRepairDevice({
        serial: 'R1',
        blockers: {
          accounts: [{ type: 'com.google', name: 'ola@gmail.com' }],
          screenLock: 'unknown',
          unknownReasons: { screenLock: 'locksettings is not readable on this build' },
        },
      }),
    );
    const checked = await ok('repair.checkBlockers', { assetId: asset.id });
    expect(checked.nextStep).toBe('resolve_blockers');
    expect(checked.checklist?.items.map((item) => [item.code, item.status, item.open])).toEqual([
      ['android.accounts', 'blocking', true],
      ['android.device_owner', 'clear', false],
      ['android.screen_lock', 'unknown', true],
    ]);

    const blocked = await refused('repair.wipe', { assetId: asset.id, method: 'android-testharness' });
    expect(blocked.code).toBe('conflict');
    expect(blocked.message).toMatch(
      /^Not wiped: 2 blockers are open: Google and other accounts: Google account ola@gmail.com/,
    );
    expect(blocked.message).toMatch(/Screen lock: unknown \(locksettings is not readable on this build\)/);
    expect(device.wipes).toEqual([]);

    expect(
      await refused('repair.override', { assetId: asset.id, code: 'android.accounts', reason: 'too short' }),
    ).toMatchObject({ code: 'invalid_input' });
    expect(
      await refused('repair.override', {
        assetId: asset.id,
        code: 'ios.passcode',
        reason: 'not an android blocker',
      }),
    ).toMatchObject({
      code: 'invalid_input',
      message: expect.stringMatching(/not a blocker of Android devices/),
    });

    const overridden = await ok('repair.override', {
      assetId: asset.id,
      code: 'android.screen_lock',
      reason: 'Screen shows no lock when woken; checked by hand',
    });
    expect(overridden.checklist?.items[2]).toMatchObject({
      open: false,
      override: { reason: 'Screen shows no lock when woken; checked by hand', by: 'unnamed technician' },
    });
    expect(overridden.overrides).toHaveLength(1);
    const entry = auditOf(asset.id).find((e) => e.action === 'repair.blocker_overridden');
    expect(entry?.details).toMatchObject({
      code: 'android.screen_lock',
      reason: 'Screen shows no lock when woken; checked by hand',
      status: 'unknown',
    });

    // Still blocked by the account until it is removed on the phone: the wipe reads it again.
    expect(
      (await refused('repair.wipe', { assetId: asset.id, method: 'android-testharness' })).message,
    ).toMatch(/1 blocker is open: Google and other accounts/);
    device.facts = { ...device.facts, accounts: [] };
    const wiping = await ok('repair.wipe', { assetId: asset.id, method: 'android-testharness' });
    expect(wiping.job).toMatchObject({ method: 'android-testharness', finished: false });
    expect(wiping.checklist?.wipeAllowed).toBe(true);
    expect(auditOf(asset.id).find((e) => e.action === 'repair.wipe_started')?.details).toMatchObject({
      overridden: ['android.screen_lock'],
    });
    core.close(); // mid-wipe: the job stays unfinished for the next start
  });

  it('asks for a device that is not plugged in, and for a method when the settings name none', async () => {
    const { core, ok, refused, devices, android } = repairCore(tempDir());
    const asset = await ok('assets.create', { fields: android('R2'), state: 'issued' });
    await ok('repair.intake', { code: 'R2', reason: 'upgrade' });
    expect(await refused('repair.checkBlockers', { assetId: asset.id })).toMatchObject({
      code: 'not_found',
      message: expect.stringMatching(/is not plugged in on this bench/),
    });
    devices.plug(new FakeRepairDevice({ serial: 'R2' }));
    expect(await refused('repair.wipe', { assetId: asset.id })).toMatchObject({
      code: 'invalid_input',
      message:
        'Choose a wipe method: this device supports android-testharness, android-recovery, and the repair settings name no default.',
    });
    expect(await refused('repair.wipe', { assetId: asset.id, method: 'android-device-owner' })).toMatchObject(
      {
        code: 'conflict',
        message: expect.stringMatching(
          /cannot be wiped with android-device-owner: no depot device-owner app/,
        ),
      },
    );
    expect(await refused('repair.wipe', { assetId: asset.id, method: 'ios-erase-device' })).toMatchObject({
      code: 'conflict',
      message: expect.stringMatching(/does not offer that method/),
    });
    expect(await ok('repair.wipeMethods', { assetId: asset.id })).toMatchObject({
      defaultMethod: null,
      methods: [{ method: 'android-testharness', supported: true }, expect.anything(), expect.anything()],
    });
    core.close();
  });
});

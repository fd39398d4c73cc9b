// The repair flow with the real certificate module (station key made on first use, signed JSON
// and PDF under <data>/certificates): the facts it hands over certify, and what it records
// matches the files.
import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { verifyErasureCertificate } from '../../../../electron/core/certificates/verify-certificate.ts';
import { useTempDirs } from '../../../helpers/temp-dir.ts';
import { IMEI, repairCore } from './repair-fixture.ts';
import { FakeRepairDevice } from './fake-repair-devices.ts';

const tempDir = useTempDirs();

describe('erasure certificates from the repair bench', () => {
  it('issues signed certificates for a verified wipe and for a confirmed unverified one', async () => {
    const dir = tempDir();
    const fixture = repairCore(dir, { repair: { issueCertificate: undefined } });
    const { core, ok, devices, until, android } = fixture;
    await ok('settings.set', { technicianName: 'Kari Nordmann', stationName: 'Depot Oslo 1' });
    await ok('repair.settings.set', {
      stationLocation: 'Oslo, Storgata 1',
      stationContact: 'it@kommune.example',
    });

    const iphone = await ok('assets.create', {
      fields: {
        serial: 'F2LXK1',
        platform: 'ios',
        manufacturer: 'Apple',
        model: 'iPhone 13',
        udid: '00008110-000A1B2C3D4E',
        imeis: [IMEI.b],
        osVersion: '17.5',
      },
      state: 'issued',
    });
    await ok('repair.intake', { code: 'F2LXK1', reason: 'leaver' });
    devices.plug(new FakeRepairDevice({ platform: 'ios', serial: 'F2LXK1' }));
    await ok('repair.wipe', { assetId: iphone.id }); // the settings' default for iOS: EraseDevice
    await until(iphone.id, (row) => row.job?.phase === 'device_gone');
    devices.plug(
      new FakeRepairDevice({
        platform: 'ios',
        serial: 'F2LXK1',
        readback: { udid: '00008110-000A1B2C3D4E', imeis: [IMEI.b] },
      }),
    );
    const verified = await until(
      iphone.id,
      (row) => row.certificate !== null || row.job?.certificateError != null,
      20_000,
    );
    expect(verified.job?.certificateError).toBeNull();
    const record = verified.certificate!;
    const json = readFileSync(record.jsonPath);
    expect(record.sha256).toBe(createHash('sha256').update(json).digest('hex'));
    expect(existsSync(record.pdfPath)).toBe(true);
    const outcome = verifyErasureCertificate(json);
    expect(outcome.kind).toBe('valid');
    if (outcome.kind !== 'valid') return;
    expect(outcome.document).toMatchObject({
      id: record.id,
      issuedAt: record.issuedAt,
      device: { serial: 'F2LXK1', udid: '00008110-000A1B2C3D4E', platform: 'ios' },
      sanitization: { method: 'purge', technique: 'MCInstall EraseDevice (cryptographic erase)' },
      verification: { method: 'device readback', result: 'passed' },
      station: { name: 'Depot Oslo 1', location: 'Oslo, Storgata 1', contact: 'it@kommune.example' },
      technician: { name: 'Kari Nordmann' },
    });

    // An Android phone whose wipe could not be read back, confirmed: Clear, "not verified".
    const phone = await ok('assets.create', { fields: android('R58X'), state: 'issued' });
    await ok('repair.intake', { code: 'R58X', reason: 'broken' });
    devices.plug(new FakeRepairDevice({ serial: 'R58X' }));
    await ok('repair.wipe', { assetId: phone.id, method: 'android-recovery', destination: 'recycle' });
    const waiting = await until(phone.id, (row) => row.job?.phase === 'device_gone');
    await ok('repair.stopWaiting', { jobId: waiting.job!.id, note: 'adb is off after the recovery wipe' });
    const confirmed = await ok('repair.confirmWipe', {
      jobId: waiting.job!.id,
      note: 'Setup screen shows after the recovery wipe',
    });
    const unverified = verifyErasureCertificate(readFileSync(confirmed.certificate!.jsonPath));
    expect(unverified.kind).toBe('valid');
    if (unverified.kind !== 'valid') return;
    expect(unverified.document).toMatchObject({
      sanitization: { method: 'clear', technique: 'recovery wipe (guided)' },
      verification: { method: 'none', result: 'not verified by device readback', checks: [] },
      destination: 'recycle',
    });
    core.close();
  });
});

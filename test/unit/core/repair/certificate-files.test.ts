// Stored erasure certificates through the contract: repair.certificateFile hands the stored
// bytes out under a safe name; repair.verifyCertificate checks the file as it is on disk now.
import { readFileSync, unlinkSync, writeFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { useTempDirs } from '../../../helpers/temp-dir.ts';
import { IMEI, repairCore } from './repair-fixture.ts';
import { FakeRepairDevice } from './fake-repair-devices.ts';

const tempDir = useTempDirs();

/** A phone wiped and verified with the real certificate module: its certificate record. */
async function certified(fixture: ReturnType<typeof repairCore>) {
  const { ok, devices, until, android } = fixture;
  const asset = await ok('assets.create', {
    fields: android('C1', { assetTag: 'DL/../C1', imeis: [IMEI.a] }),
    state: 'issued',
  });
  await ok('repair.intake', { code: 'C1', reason: 'leaver' });
  devices.plug(new FakeRepairDevice({ serial: 'C1', readback: { imeis: [IMEI.a] } }));
  await ok('repair.wipe', { assetId: asset.id, method: 'android-testharness' });
  await until(asset.id, (row) => row.job?.phase === 'device_gone');
  devices.plug(new FakeRepairDevice({ serial: 'C1', readback: { imeis: [IMEI.a] } }));
  const done = await until(
    asset.id,
    (row) => row.certificate !== null || row.job?.certificateError != null,
    20_000,
  );
  expect(done.job?.certificateError).toBeNull();
  return done.certificate!;
}

describe('certificate files through the contract', () => {
  it('downloads the stored JSON and PDF bytes and verifies the stored file', async () => {
    const fixture = repairCore(tempDir(), { repair: { issueCertificate: undefined } });
    const { core, ok } = fixture;
    const record = await certified(fixture);

    const json = await ok('repair.certificateFile', { certificateId: record.id, format: 'json' });
    expect(json.contentType).toBe('application/json');
    expect(json.fileName).toMatch(/^[A-Za-z0-9._-]+\.json$/);
    expect(json.fileName).not.toContain('..');
    expect(Buffer.from(json.contentBase64, 'base64').equals(readFileSync(record.jsonPath))).toBe(true);

    const pdf = await ok('repair.certificateFile', { certificateId: record.id, format: 'pdf' });
    expect(pdf.contentType).toBe('application/pdf');
    expect(pdf.fileName).toMatch(/^[A-Za-z0-9._-]+\.pdf$/);
    expect(Buffer.from(pdf.contentBase64, 'base64').equals(readFileSync(record.pdfPath))).toBe(true);

    expect(await ok('repair.verifyCertificate', { certificateId: record.id })).toMatchObject({
      certificateId: record.id,
      kind: 'valid',
      signer: { station: expect.any(String) as string },
    });
    core.close();
  });

  it('shows a stored JSON edited on disk as tampered, and a missing one or unknown id as not found', async () => {
    const fixture = repairCore(tempDir(), { repair: { issueCertificate: undefined } });
    const { core, ok, refused } = fixture;
    const record = await certified(fixture);

    const text = readFileSync(record.jsonPath, 'utf8');
    const edited = text.replace('"destination":"reissue"', '"destination":"resale"');
    const tampered = edited === text ? text.replace('"C1"', '"C2"') : edited;
    expect(tampered).not.toBe(text);
    writeFileSync(record.jsonPath, tampered);
    const check = await ok('repair.verifyCertificate', { certificateId: record.id });
    expect(check).toMatchObject({ kind: 'tampered', signer: null });

    expect(await refused('repair.verifyCertificate', { certificateId: 'no-such-id' })).toMatchObject({
      code: 'not_found',
    });
    unlinkSync(record.pdfPath);
    expect(
      await refused('repair.certificateFile', { certificateId: record.id, format: 'pdf' }),
    ).toMatchObject({ code: 'not_found' });
    core.close();
  });
});

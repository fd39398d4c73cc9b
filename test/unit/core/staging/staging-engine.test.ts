import { describe, expect, it } from 'vitest';
import { AssetQuerySchema } from '../../../../electron/common/models/asset-query.ts';
import { openDatabase } from '../../../../electron/core/store/db.ts';
import { AuditLog } from '../../../../electron/core/audit/audit-log.ts';
import { AssetsService } from '../../../../electron/core/assets/assets-service.ts';
import { StagingJournal } from '../../../../electron/core/staging/journal.ts';
import { ProfileStore } from '../../../../electron/core/staging/profile-store.ts';
import { StagingEngine, type EngineSettings } from '../../../../electron/core/staging/staging-engine.ts';
import { StagingProfileSchema } from '../../../../electron/common/profile/profile-schema.ts';
import { canonicalJson } from '../../../../electron/core/audit/canonical-json.ts';
import { useTempDirs } from '../../../helpers/temp-dir.ts';
import { FakeAndroidDevice } from './fake-android-driver.ts';

const tempDir = useTempDirs();
const SETTINGS: EngineSettings = {
  concurrency: 10,
  jobsPerHub: 2,
  transfersPerHub: 1,
  waitForDeviceMs: 1_000,
  maxAttempts: 2,
  retryBaseMs: 1,
};

function engineFor(
  devices: FakeAndroidDevice[],
  hubOf: (serial: string) => string,
  settings = SETTINGS,
  deviceName = 'DL-${serial}',
) {
  const db = openDatabase(tempDir());
  const audit = new AuditLog(db);
  const assets = new AssetsService(db, audit);
  const profile = StagingProfileSchema.parse({
    schema: 'depotline.profile/v1',
    id: 'settings-only',
    name: 'Settings only',
    version: 2,
    platform: 'android',
    steps: [
      { type: 'setting', namespace: 'global', key: 'auto_time', value: '1' },
      { type: 'deviceName', name: deviceName },
    ],
  });
  db.prepare(
    'INSERT INTO profiles (id, profile_id, version, name, content, content_hash, source_dir, payload_bytes, imported_at) VALUES (1, ?, 2, ?, ?, ?, ?, 0, ?)',
  ).run(
    profile.id,
    profile.name,
    canonicalJson(profile),
    'h'.repeat(64),
    tempDir(),
    new Date().toISOString(),
  );
  // Track how many devices are inside a step at once, per hub.
  let running = 0;
  let peak = 0;
  for (const device of devices) {
    const driver = device.driver();
    const original = driver.putSetting.bind(driver);
    device.driver = () => ({
      ...driver,
      putSetting: async (...args) => {
        running += 1;
        peak = Math.max(peak, running);
        await new Promise((resolve) => setTimeout(resolve, 20));
        running -= 1;
        return original(...args);
      },
    });
  }
  const journal = new StagingJournal(db);
  const engine = new StagingEngine(
    {
      journal,
      profiles: new ProfileStore(db, audit, tempDir()),
      assets,
      audit,
      who: () => ({ actor: 'Kari', station: 'Bench 1' }),
      log: () => {},
      onProgress: () => {},
      devices: {
        waitForDevice: (serial) => Promise.resolve(devices.find((d) => d.serial === serial)!.driver()),
        waitForIosDevice: () => Promise.reject(new Error('no iOS devices here')),
        waitForIosReturn: () => Promise.reject(new Error('no iOS devices here')),
        generationOf: () => 0,
        platformOf: () => 'android',
        hubOf,
        slotNameOf: (serial) => `Slot ${serial}`,
      },
      iosPayloads: () => {
        throw new Error('no iOS part in these profiles');
      },
    },
    settings,
  );
  return { engine, journal, audit, assets, db, peak: () => peak };
}

describe('staging engine', () => {
  it('keeps at most jobsPerHub phones of one hub busy at once', async () => {
    const devices = ['A', 'B', 'C', 'D', 'E'].map((serial) => new FakeAndroidDevice(serial));
    const { engine, journal, peak } = engineFor(devices, () => 'hub-1');
    const { batchId } = engine.start(
      1,
      devices.map((d) => d.serial),
    );
    await engine.idle();
    expect(journal.jobsOfBatch(batchId).map((job) => job.state)).toEqual(Array(5).fill('done'));
    expect(peak()).toBe(2);
  });

  it('runs phones on different hubs side by side', async () => {
    const devices = ['A', 'B', 'C', 'D'].map((serial) => new FakeAndroidDevice(serial));
    const { engine, peak } = engineFor(devices, (serial) => `hub-${serial}`);
    engine.start(
      1,
      devices.map((d) => d.serial),
    );
    await engine.idle();
    expect(peak()).toBe(4);
  });

  it('records each done phone as a staged asset with the profile version, and audits the batch', async () => {
    const devices = [new FakeAndroidDevice('A', { manufacturer: 'Zebra', model: 'TC52' })];
    const { engine, audit, assets } = engineFor(devices, () => 'hub');
    engine.start(1, ['A']);
    await engine.idle();
    expect(assets.list(AssetQuerySchema.parse({ sort: { field: 'serial' } }), 0, 10).items).toMatchObject([
      {
        serial: 'A',
        manufacturer: 'Zebra',
        model: 'TC52',
        state: 'staged',
        staging: { profile: 'settings-only', profileVersion: 2, by: 'Kari', station: 'Bench 1' },
      },
    ]);
    const actions = audit.list({ limit: 20 }).entries.map((entry) => entry.action);
    expect(actions).toEqual(
      expect.arrayContaining([
        'staging.batch_started',
        'staging.job_started',
        'asset.created',
        'asset.staged',
        'staging.job_done',
      ]),
    );
    expect(audit.verify().ok).toBe(true);
  });

  it('names a phone after its asset tag from the registry, and fails one without a tag, saying so', async () => {
    const devices = [new FakeAndroidDevice('A'), new FakeAndroidDevice('B')];
    const { engine, journal, assets } = engineFor(devices, () => 'hub', SETTINGS, 'Phone ${assetTag}');
    const who = { actor: 'Kari', station: 'Bench 1' };
    assets.create(
      { fields: { serial: 'A', manufacturer: 'Google', platform: 'android', assetTag: 'DL-0042' } },
      who,
    );
    const { jobIds } = engine.start(1, ['A', 'B']);
    await engine.idle();
    expect(devices[0]!.settings.get('global/device_name')).toBe('Phone DL-0042');
    expect(journal.job(jobIds[0]!).state).toBe('done');
    expect(journal.job(jobIds[1]!)).toMatchObject({
      state: 'failed',
      reasons: expect.stringContaining('${assetTag}'),
    });
    expect(devices[1]!.settings.has('global/device_name')).toBe(false);
  });

  it('refuses to stage a phone that already has a live job', async () => {
    const devices = [new FakeAndroidDevice('A')];
    devices[0]!.connected = false; // its job will wait for it
    const { engine } = engineFor(devices, () => 'hub', { ...SETTINGS, waitForDeviceMs: 60_000 });
    const first = engine.start(1, ['A']);
    expect(() => engine.start(1, ['A'])).toThrow(/Already staging: A/);
    engine.cancel(first.jobIds);
    await engine.idle();
  });

  it('retries only failed, blocked or cancelled jobs, in a new batch', async () => {
    const devices = [
      new FakeAndroidDevice('A'),
      new FakeAndroidDevice('B', {
        battery: {
          levelPercent: 3,
          health: 'good',
          status: 'discharging',
          temperatureC: 25,
          pluggedIn: false,
        },
      }),
    ];
    const { engine, journal } = engineFor(devices, () => 'hub');
    const { jobIds } = engine.start(1, ['A', 'B']);
    await engine.idle();
    expect(jobIds.map((id) => journal.job(id).state)).toEqual(['done', 'blocked']);
    devices[1]!.identity.battery.levelPercent = 90;
    const retried = engine.retry(jobIds);
    expect(retried).toHaveLength(1);
    expect(retried[0]!.jobIds).toHaveLength(1);
    await engine.idle();
    expect(journal.job(retried[0]!.jobIds[0]!)).toMatchObject({ serial: 'B', state: 'done' });
  });

  it('blocks a device whose platform the profile has no part for, saying so, and changes nothing', async () => {
    const device = new FakeAndroidDevice('A');
    const { engine, journal, db } = engineFor([device], () => 'hub-1');
    const iosOnly = StagingProfileSchema.parse({
      schema: 'depotline.profile/v2',
      id: 'iphones-only',
      name: 'iPhones only',
      version: 1,
      ios: { steps: [{ type: 'restart' }] },
    });
    db.prepare(
      'INSERT INTO profiles (id, profile_id, version, name, content, content_hash, source_dir, payload_bytes, imported_at) VALUES (2, ?, 1, ?, ?, ?, ?, 0, ?)',
    ).run(
      iosOnly.id,
      iosOnly.name,
      canonicalJson(iosOnly),
      'i'.repeat(64),
      tempDir(),
      new Date().toISOString(),
    );
    const { jobIds } = engine.start(2, ['A']);
    await engine.idle();
    expect(journal.job(jobIds[0]!)).toMatchObject({ state: 'blocked', platform: 'android' });
    expect(JSON.parse(journal.job(jobIds[0]!).reasons)).toEqual([
      'The profile “iPhones only” has no Android part: stage this device with a profile that has one.',
    ]);
    expect(device.log).toEqual([]);
  });
});

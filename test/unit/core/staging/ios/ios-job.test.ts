import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openDatabase } from '../../../../../electron/core/store/db.ts';
import { StagingJournal } from '../../../../../electron/core/staging/journal.ts';
import { runJob, type JobProgress } from '../../../../../electron/core/staging/job-runner.ts';
import { createIosPlan, type IosDeviceAccess } from '../../../../../electron/core/staging/ios/ios-plan.ts';
import { IosPayloadStore } from '../../../../../electron/core/staging/ios/ios-payloads.ts';
import { partFor, StagingProfileSchema } from '../../../../../electron/common/profile/profile-schema.ts';
import {
  createDepotSigningIdentity,
  signMobileconfig,
} from '../../../../../native/ios/mobileconfig/sign-mobileconfig.ts';
import { DeviceCommandError } from '../../../../../native/device-errors.ts';
import { useTempDirs } from '../../../../helpers/temp-dir.ts';
import { FakeIosDevice } from './fake-ios-driver.ts';

const tempDir = useTempDirs();
const SAMPLES = resolve(import.meta.dirname, '../../../../../resources/profiles');
const SETTINGS = { waitForDeviceMs: 2_000, maxAttempts: 3, retryBaseMs: 1 };
const signer = createDepotSigningIdentity({ commonName: 'Test depot' });

const PROFILE = StagingProfileSchema.parse({
  schema: 'depotline.profile/v2',
  id: 'ios-test',
  name: 'iOS test',
  version: 1,
  ios: {
    steps: [
      { type: 'prepare', organisation: { name: 'Test Depot' }, skipSetup: ['Siri'] },
      { type: 'configurationProfile', file: 'ios/wifi.mobileconfig', sign: true },
      { type: 'app', ipa: 'ios/field-notes.ipa', bundleId: 'org.depotline.field-notes' },
      { type: 'deviceName', name: 'DL-${serial}' },
      { type: 'restart' },
    ],
  },
});
const STEP_COUNT = partFor(PROFILE, 'ios')!.steps.length;
/** The usual shape: configuration profiles, then the app (uploaded while they install). */
const PROFILES_THEN_APP = StagingProfileSchema.parse({
  schema: 'depotline.profile/v2',
  id: 'ios-ahead',
  name: 'iOS upload ahead',
  version: 1,
  ios: {
    steps: [
      { type: 'configurationProfile', file: 'ios/wifi.mobileconfig', sign: true },
      { type: 'configurationProfile', file: 'ios/restrictions.mobileconfig', sign: true },
      { type: 'app', ipa: 'ios/field-notes.ipa', bundleId: 'org.depotline.field-notes' },
    ],
  },
});
const IPA = resolve(SAMPLES, 'ios/field-notes.ipa');

function bench(devices: FakeIosDevice[], profile = PROFILE) {
  const db = openDatabase(tempDir());
  db.prepare(
    "INSERT INTO profiles (id, profile_id, version, name, content, content_hash, source_dir, payload_bytes, imported_at) VALUES (1, 'ios-test', 1, 'iOS test', '{}', 'h', '/', 0, 't')",
  ).run();
  const journal = new StagingJournal(db);
  const waitUntil = async (udid: string, since: number, timeoutMs: number, signal: AbortSignal) => {
    const device = devices.find((d) => d.udid === udid)!;
    const until = Date.now() + timeoutMs;
    while (!device.connected || device.generation <= since) {
      if (signal.aborted) throw new Error('cancelled');
      if (Date.now() > until) throw new Error('not attached');
      await new Promise((r) => setTimeout(r, 5));
    }
    return device.driver();
  };
  const access: IosDeviceAccess = {
    waitForIosDevice: (udid, timeoutMs, signal) => waitUntil(udid, 0, timeoutMs, signal),
    waitForIosReturn: (udid, since, timeoutMs, signal) => waitUntil(udid, since, timeoutMs, signal),
    generationOf: (udid) => devices.find((d) => d.udid === udid)!.generation,
  };
  const payloads = new IosPayloadStore({
    signProfile: async (bytes) => signMobileconfig(bytes, await signer),
    supervisionCertificateDer: () => Promise.resolve(Buffer.from('supervision-cert')),
  }).forProfile('h');
  const updates: JobProgress[] = [];
  const done: { serial: string; udid?: string; manufacturer: string }[] = [];
  const start = (udid: string) =>
    journal.createBatch(
      1,
      [{ serial: udid, platform: 'ios', stepCount: partFor(profile, 'ios')!.steps.length }],
      {
        technician: 'Kari',
        station: 'B1',
      },
    ).jobIds[0]!;
  const run = (jobId: number, signal = new AbortController().signal) => {
    const udid = journal.job(jobId).serial;
    return runJob(
      {
        jobId,
        plan: createIosPlan({
          udid,
          part: partFor(profile, 'ios')!,
          profileDir: SAMPLES,
          payloads,
          transfer: (work) => work(),
          devices: access,
          signal,
        }),
        values: (facts) => ({ serial: facts.serial }),
        onDone: (facts) => done.push(facts),
        signal,
      },
      journal,
      SETTINGS,
      (u) => updates.push(u),
    );
  };
  return { journal, start, run, updates, done };
}

describe('iOS staging job', () => {
  it('prepares, installs a signed profile and the app, names and restarts a fresh iPhone', async () => {
    const device = new FakeIosDevice('00008110-001A2B3C4D5E601E');
    const { journal, start, run, done } = bench([device]);
    const jobId = start(device.udid);
    await run(jobId);
    expect(journal.job(jobId).state).toBe('done');
    expect(journal.steps(jobId).map((s) => s.outcome)).toEqual(Array(STEP_COUNT).fill('applied'));
    expect(device.cloud).toMatchObject({ OrganizationName: 'Test Depot', IsSupervised: true });
    expect(device.profiles.get('org.depotline.profile.wifi')?.signed).toBe(true);
    expect(device.apps.get('org.depotline.field-notes')?.version).toBe('14');
    expect(device.identity.deviceName).toBe(`DL-${device.identity.serial}`);
    expect(device.generation).toBe(2); // restarted once, and back
    expect(done).toEqual([
      expect.objectContaining({
        platform: 'ios',
        manufacturer: 'Apple',
        udid: device.udid,
        ecid: '1234567890123',
      }),
    ]);
  });

  it('changes nothing on a device that is already as the profile wants it', async () => {
    const device = new FakeIosDevice('00008110-000000000000000A');
    const { journal, start, run } = bench([device]);
    await run(start(device.udid));
    device.log.length = 0;
    const second = start(device.udid);
    await run(second);
    expect(journal.job(second).state).toBe('done');
    // prepare is checked by the cloud configuration; the restart has no check and runs again.
    expect(journal.steps(second).map((s) => s.outcome)).toEqual([
      'already-satisfied',
      'already-satisfied',
      'already-satisfied',
      'already-satisfied',
      'applied',
    ]);
    expect(device.count('installApp')).toBe(0);
    expect(device.count('installProfile')).toBe(0);
    expect(device.count('prepare')).toBe(0);
  });

  it('blocks a device already set up, with Activation Lock on and a flat battery, listing every reason', async () => {
    const device = new FakeIosDevice('00008110-000000000000000B', {
      inSetupAssistant: false,
      activationState: 'Activated',
      activationLock: 'on',
      batteryPercent: 4,
    });
    const { journal, start, run } = bench([device]);
    const jobId = start(device.udid);
    await run(jobId);
    expect(journal.job(jobId).state).toBe('blocked');
    const reasons = JSON.parse(journal.job(jobId).reasons) as string[];
    expect(reasons).toHaveLength(3);
    expect(reasons.join('\n')).toMatch(/Battery at 4 %/);
    expect(reasons.join('\n')).toMatch(/Activation Lock is on/);
    expect(reasons.join('\n')).toMatch(/Already set up: supervision .* Erase the device/);
    expect(device.log.filter((line) => line !== 'identity')).toEqual([]);
  });

  it('waits for a device detached mid-install and resumes at that step when it returns', async () => {
    const device = new FakeIosDevice('00008110-000000000000000C');
    device.fail('installApp', 'vanish');
    const { journal, start, run, updates } = bench([device]);
    const jobId = start(device.udid);
    const running = run(jobId);
    await expect.poll(() => updates.some((u) => u.state === 'waiting_for_device')).toBe(true);
    device.connected = true;
    await running;
    expect(journal.job(jobId).state).toBe('done');
    expect(device.count('prepare')).toBe(1);
    expect(device.count('installApp')).toBe(1);
  });

  it('resumes after a crash at the first unverified step without repeating verified ones', async () => {
    const device = new FakeIosDevice('00008110-000000000000000D');
    const { journal, start, run } = bench([device]);
    const jobId = start(device.udid);
    // A previous core verified prepare and the profile, then died (kill -9) during the app install.
    await run(jobId, AbortSignal.abort('depotline-core-shutdown'));
    await journal.stepVerified(jobId, 0, 'applied');
    await journal.stepVerified(jobId, 1, 'applied');
    await journal.stepStarted(jobId, 2);
    await run(jobId);
    expect(journal.job(jobId).state).toBe('done');
    expect(device.count('prepare')).toBe(0);
    expect(device.count('installProfile')).toBe(0);
    expect(device.count('installApp')).toBe(1);
  });

  it('fails with the device’s own words when it refuses, and names the step', async () => {
    const device = new FakeIosDevice('00008110-000000000000000E');
    device.fail(
      'installProfile',
      new DeviceCommandError('The profile could not be installed: restricted state.'),
    );
    const { journal, start, run } = bench([device]);
    const jobId = start(device.udid);
    await run(jobId);
    expect(journal.job(jobId).state).toBe('failed');
    expect(JSON.parse(journal.job(jobId).reasons)).toEqual([
      'Install configuration profile ios/wifi.mobileconfig: The profile could not be installed: restricted state.',
    ]);
    expect(device.count('installApp')).toBe(0);
  });
});

describe('iOS staging job: the app uploaded ahead', () => {
  it('starts the upload once preflight passed, before the profiles are installed, and installs it', async () => {
    const device = new FakeIosDevice('00008110-00000000000000A1');
    device.latencyMs = { installProfile: 30, prestageApp: 10 };
    const { journal, start, run } = bench([device], PROFILES_THEN_APP);
    const jobId = start(device.udid);
    await run(jobId);
    expect(journal.job(jobId).state).toBe('done');
    expect(device.timeline.indexOf('start prestageApp')).toBeGreaterThan(-1);
    expect(device.timeline.indexOf('start prestageApp')).toBeLessThan(
      device.timeline.lastIndexOf('end installProfile'),
    );
    expect(device.installs).toEqual([{ path: IPA, prestaged: true }]);
    expect(device.apps.get('org.depotline.field-notes')?.version).toBe('14');
    expect(device.staged.size).toBe(0);
    expect(device.discarded).toBe(0);
  });

  it('uploads nothing ahead when the app is already installed at the wanted version', async () => {
    const device = new FakeIosDevice('00008110-00000000000000A2');
    device.apps.set('org.depotline.field-notes', {
      bundleId: 'org.depotline.field-notes',
      version: '14',
      shortVersion: undefined,
      name: undefined,
    });
    const { journal, start, run } = bench([device], PROFILES_THEN_APP);
    const jobId = start(device.udid);
    await run(jobId);
    expect(journal.job(jobId).state).toBe('done');
    expect(journal.steps(jobId)[2]!.outcome).toBe('already-satisfied');
    expect(device.count('prestageApp')).toBe(0);
    expect(device.count('installApp')).toBe(0);
  });

  it('uploads nothing to a device preflight blocks', async () => {
    const device = new FakeIosDevice('00008110-00000000000000A3', { batteryPercent: 4 });
    const { journal, start, run } = bench([device], PROFILES_THEN_APP);
    const jobId = start(device.udid);
    await run(jobId);
    expect(journal.job(jobId).state).toBe('blocked');
    expect(device.count('prestageApp')).toBe(0);
    expect(device.log.filter((line) => line !== 'identity')).toEqual([]);
  });

  it('removes the package uploaded ahead when the job fails before the app step', async () => {
    const device = new FakeIosDevice('00008110-00000000000000A4');
    // The profile step reads the device slowly: the upload ahead is on the device by then.
    device.latencyMs = { installedProfiles: 40 };
    device.fail(
      'installProfile',
      new DeviceCommandError('The profile could not be installed: restricted state.'),
    );
    const { journal, start, run } = bench([device], PROFILES_THEN_APP);
    const jobId = start(device.udid);
    await run(jobId);
    expect(journal.job(jobId).state).toBe('failed');
    expect(device.count('prestageApp')).toBe(1);
    expect(device.count('discardStaged')).toBe(1);
    expect(device.discarded).toBe(1);
    expect(device.staged.size).toBe(0);
    expect(device.count('installApp')).toBe(0);
  });

  it('removes the package uploaded ahead when the job is cancelled before the app step', async () => {
    const device = new FakeIosDevice('00008110-00000000000000A5');
    device.latencyMs = { installProfile: 200 };
    const { journal, start, run } = bench([device], PROFILES_THEN_APP);
    const jobId = start(device.udid);
    const cancel = new AbortController();
    const running = run(jobId, cancel.signal);
    await expect.poll(() => device.timeline.includes('end prestageApp')).toBe(true);
    cancel.abort();
    await running;
    expect(journal.job(jobId).state).toBe('cancelled');
    expect(device.count('discardStaged')).toBe(1);
    expect(device.discarded).toBe(1);
    expect(device.count('installApp')).toBe(0);
  });

  it('installs the app with a fresh upload when the upload ahead failed', async () => {
    const device = new FakeIosDevice('00008110-00000000000000A6');
    device.latencyMs = { installProfile: 20 };
    device.fail('prestageApp', new DeviceCommandError('AFC: the connection was reset'));
    const { journal, start, run } = bench([device], PROFILES_THEN_APP);
    const jobId = start(device.udid);
    await run(jobId);
    expect(journal.job(jobId).state).toBe('done');
    expect(device.timeline).toContain('fail prestageApp');
    expect(device.installs).toEqual([{ path: IPA, prestaged: false }]);
    expect(device.apps.get('org.depotline.field-notes')?.version).toBe('14');
    expect(journal.steps(jobId).map((s) => s.outcome)).toEqual(['applied', 'applied', 'applied']);
  });
});

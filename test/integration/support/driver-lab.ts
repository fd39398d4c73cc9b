// The ground the adb driver's integration tests stand on: a private adb server, the test APKs,
// and a lab whose phones offer the features each test file asks for (one phone per entry, plus
// `spare` phones with every feature), started before the file's tests and stopped after them.
import { afterAll, beforeAll } from 'vitest';
import { adbAndroidDriver } from '../../../native/adb/adb-android-driver.ts';
import { createAdbClient } from '../../../native/adb/adb-client.ts';
import type { LabController } from '../../../native/lab/adb/lab/lab-controller.ts';
import type { AdbFeature } from '../../../native/lab/adb/protocol/features.ts';
import { DEFAULT_APK_FIXTURE_DIR, makeTestApks, type TestApkSet } from '../../../scripts/make-test-apks.ts';
import { AdbFixture, ADB, startLab } from '../../conformance/support/adb-fixture.ts';

export interface DriverLab {
  adb: AdbFixture;
  lab: LabController;
  /** The phones' adb serials, in the order of the features asked for. */
  serials: string[];
  apks: TestApkSet;
  /** A fresh driver for phone `index`, through the real adb server. */
  driverOf: (index: number) => ReturnType<typeof adbAndroidDriver>;
  /** The lab's log lines about phone `index` (the services adb opened on it, among others). */
  logsOf: (index: number) => string[];
  /** The lab's id of phone `index`, for its controls and its command log. */
  labId: (index: number) => string;
}

export function useDriverLab(features: readonly (readonly AdbFeature[])[], spare = 1): DriverLab {
  const ground = {} as DriverLab;
  let logs: string[] = [];
  beforeAll(async () => {
    ground.adb = await AdbFixture.start();
    ground.apks = await makeTestApks(DEFAULT_APK_FIXTURE_DIR);
    const started = await startLab(ground.adb, {
      android: features.length + spare,
      featuresFor: (index) => features[index],
    });
    ground.lab = started.lab;
    ground.serials = started.serials;
    logs = started.logs;
    await ground.adb.waitForStates(ground.serials, 'device');
  }, 120_000);
  afterAll(async () => {
    await ground.lab?.stop();
    await ground.adb?.stop();
  });
  ground.driverOf = (index) =>
    adbAndroidDriver(
      createAdbClient({ adbPath: ADB, host: '127.0.0.1', port: ground.adb.port }),
      ground.serials[index]!,
    );
  ground.logsOf = (index) => logs.filter((line) => line.includes(`[${ground.lab.list()[index]!.serial}]`));
  ground.labId = (index) => ground.lab.list()[index]!.adbSerial;
  return ground;
}

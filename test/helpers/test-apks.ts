// The signed test APKs (scripts/make-test-apks.ts: built once, then cached by recipe), ready
// before a file's tests run. The set is filled in place, so a file can hold it in a const.
import { beforeAll } from 'vitest';
import { DEFAULT_APK_FIXTURE_DIR, makeTestApks, type TestApkSet } from '../../scripts/make-test-apks.ts';

export function useTestApks(): TestApkSet {
  const apks = {} as TestApkSet;
  beforeAll(async () => {
    Object.assign(apks, await makeTestApks(DEFAULT_APK_FIXTURE_DIR));
  }, 120_000);
  return apks;
}

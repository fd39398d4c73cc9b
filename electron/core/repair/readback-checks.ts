// What a device that came back from a wipe must show before Depotline calls it wiped: the same
// device (serial, IMEI, UDID), in its setup wizard / Setup Assistant, with no accounts, only the
// factory apps, no user files and no configuration profiles. Pure; the wipe runner acts on it.
import type { ErasureFacts, Verification } from '../../common/models/erasure-certificate.ts';
import type { ReadbackFacts } from './repair-device.ts';

/** The device as the registry and the pre-wipe read knew it (the certificate's device block). */
export type ExpectedDevice = ErasureFacts['device'];
export type VerificationCheck = Verification['checks'][number];

export type ReadbackOutcome =
  | { kind: 'different_device'; message: string }
  | { kind: 'verified'; checks: VerificationCheck[] }
  | { kind: 'not_wiped'; checks: VerificationCheck[]; message: string };

const norm = (text: string) => text.trim().toUpperCase();

/** Why the device that came back is not the one that was wiped, or null when it is. */
export function identityMismatch(expected: ExpectedDevice, readback: ReadbackFacts): string | null {
  if (norm(readback.serial) !== norm(expected.serial))
    return `A different device came back (serial ${readback.serial}, expected ${expected.serial}); nothing was recorded as wiped.`;
  // Android 10+ hides the IMEI from adb, so an empty list on either side proves nothing.
  if (
    expected.imeis.length > 0 &&
    readback.imeis.length > 0 &&
    !readback.imeis.some((imei) => expected.imeis.includes(imei))
  )
    return `A different device came back (IMEI ${readback.imeis.join(', ')}, expected ${expected.imeis.join(', ')}); nothing was recorded as wiped.`;
  if (expected.udid !== null && readback.udid !== null && norm(readback.udid) !== norm(expected.udid))
    return `A different device came back (UDID ${readback.udid}, expected ${expected.udid}); nothing was recorded as wiped.`;
  return null;
}

const yesNo = (value: boolean) => (value ? 'yes' : 'no');

/** The readback checks, in the words the certificate prints. */
export function readbackChecks(platform: 'android' | 'ios', readback: ReadbackFacts): VerificationCheck[] {
  const accounts = readback.accounts.map((account) => `${account.type} ${account.name}`);
  const checks: VerificationCheck[] = [
    {
      name: 'Device identity',
      expected: 'the device that was wiped',
      observed: `serial ${readback.serial}`,
      passed: true,
    },
    {
      name: platform === 'ios' ? 'In Setup Assistant (not activated)' : 'Setup wizard not completed',
      expected: 'yes',
      observed: yesNo(readback.inSetup),
      passed: readback.inSetup,
    },
    {
      name: 'Accounts on the device',
      expected: 'none',
      observed: accounts.length === 0 ? 'none' : accounts.join(', ').slice(0, 500),
      passed: accounts.length === 0,
    },
    {
      name: 'Installed apps',
      expected: 'factory set only',
      observed: readback.onlyFactoryPackages ? 'factory set only' : 'apps beyond the factory set',
      passed: readback.onlyFactoryPackages,
    },
    {
      name: 'Files in user storage',
      expected: '0',
      observed: String(readback.userFiles),
      passed: readback.userFiles === 0,
    },
  ];
  if (readback.profiles !== undefined)
    checks.push({
      name: 'Configuration profiles',
      expected: '0',
      observed: String(readback.profiles),
      passed: readback.profiles === 0,
    });
  return checks;
}

/** Same device and every check passed: verified; otherwise why not, with the checks. */
export function judgeReadback(expected: ExpectedDevice, readback: ReadbackFacts): ReadbackOutcome {
  const mismatch = identityMismatch(expected, readback);
  if (mismatch !== null) return { kind: 'different_device', message: mismatch };
  const checks = readbackChecks(expected.platform, readback);
  const failed = checks.filter((check) => !check.passed);
  if (failed.length === 0) return { kind: 'verified', checks };
  return {
    kind: 'not_wiped',
    checks,
    message:
      `The device came back but does not show a clean wipe: ` +
      `${failed.map((check) => `${check.name.toLowerCase()}: ${check.observed} (expected ${check.expected})`).join('; ')}. ` +
      `Nothing was recorded as wiped.`,
  };
}

import { describe, expect, it } from 'vitest';
import {
  sanitizationMethodFor,
  STORAGE_ENCRYPTION,
  type ErasureFacts,
} from '../../../../electron/common/models/erasure-certificate.ts';
import {
  buildErasureCertificate,
  CertificateRefused,
} from '../../../../electron/core/certificates/sign-certificate.ts';
import { androidFacts, CERTIFICATE_ID, ISSUED_AT } from './erasure-facts.ts';

const issue = { id: CERTIFICATE_ID, issuedAt: ISSUED_AT.toISOString(), toolVersion: '0.1.0' };
const unverified: ErasureFacts['verification'] = {
  method: 'none',
  result: 'not verified by device readback',
  checks: [],
  note: 'phone stuck in recovery; reset by hand',
};

describe('Clear or Purge (NIST SP 800-88 Rev. 1)', () => {
  it('is Purge only for a verified cryptographic erase of storage encrypted from first boot', () => {
    const table = STORAGE_ENCRYPTION.flatMap((encryption) =>
      (['passed', 'not verified by device readback'] as const).map((result) => {
        const { method, methodUsed } = sanitizationMethodFor({ encryption, verificationResult: result });
        return `${encryption} / ${result}: ${method}, ${methodUsed}`;
      }),
    );
    expect(table).toEqual([
      'file-based encryption / passed: purge, cryptographic erase',
      'file-based encryption / not verified by device readback: clear, cryptographic erase',
      'full-disk encryption / passed: clear, cryptographic erase',
      'full-disk encryption / not verified by device readback: clear, cryptographic erase',
      'iOS Data Protection / passed: purge, cryptographic erase',
      'iOS Data Protection / not verified by device readback: clear, cryptographic erase',
      'none / passed: clear, manufacturer reset',
      'none / not verified by device readback: clear, manufacturer reset',
      'unknown / passed: clear, manufacturer reset',
      'unknown / not verified by device readback: clear, manufacturer reset',
    ]);
  });

  it('an iOS EraseDevice that was read back is Purge; a guided recovery wipe without readback is Clear', () => {
    const ios = buildErasureCertificate(
      androidFacts({
        device: { ...androidFacts().device, platform: 'ios', manufacturer: 'Apple', model: 'iPhone 13' },
        media: { encryption: 'iOS Data Protection', source: null },
        technique: 'MCInstall EraseDevice (cryptographic erase)',
      }),
      issue,
    );
    expect(ios.sanitization).toMatchObject({ method: 'purge', methodUsed: 'cryptographic erase' });
    const guided = buildErasureCertificate(
      androidFacts({ technique: 'recovery wipe (guided)', verification: unverified }),
      issue,
    );
    expect(guided.sanitization.method).toBe('clear');
    expect(guided.verification.result).toBe('not verified by device readback');
  });
});

describe('facts that certify nothing are refused, with the reason', () => {
  const refused = (facts: unknown) => {
    try {
      buildErasureCertificate(facts, issue);
    } catch (error) {
      expect(error).toBeInstanceOf(CertificateRefused);
      return (error as Error).message;
    }
    throw new Error('expected a refusal');
  };

  it('a failed readback', () => {
    const failed = androidFacts({
      verification: {
        method: 'device readback',
        result: 'failed',
        checks: [{ name: 'accounts on device', expected: '0', observed: '1', passed: false }],
        note: null,
      },
    });
    expect(refused(failed)).toMatch(/failed its verification/);
  });

  it('"passed" with a failed check, or with no checks', () => {
    const facts = androidFacts();
    const failedCheck = { ...facts.verification.checks[0]!, observed: '1', passed: false };
    expect(refused(androidFacts({ verification: { ...facts.verification, checks: [failedCheck] } }))).toMatch(
      /check failed/,
    );
    expect(refused(androidFacts({ verification: { ...facts.verification, checks: [] } }))).toMatch(
      /needs device readback checks/,
    );
  });

  it('a technique or an encryption of the other platform', () => {
    expect(refused(androidFacts({ technique: 'MCInstall EraseDevice (cryptographic erase)' }))).toMatch(
      /not a technique for android/,
    );
    expect(refused(androidFacts({ media: { encryption: 'iOS Data Protection', source: null } }))).toMatch(
      /impossible on android/,
    );
  });

  it('dates out of order, and missing or malformed fields', () => {
    expect(refused(androidFacts({ finishedAt: '2025-03-04T09:00:00.000Z' }))).toMatch(/out of order/);
    expect(refused(androidFacts({ finishedAt: '2025-03-04T09:30:00.000Z' }))).toMatch(/out of order/); // after issue
    expect(refused({ ...androidFacts(), device: undefined })).toMatch(/device/);
    expect(refused(androidFacts({ device: { ...androidFacts().device, imeis: ['123'] } }))).toMatch(/IMEI/);
    expect(refused(androidFacts({ device: { ...androidFacts().device, serial: '   ' } }))).toMatch(/serial/);
  });

  it('padding around reported values is trimmed, not signed', () => {
    const padded = androidFacts({ device: { ...androidFacts().device, serial: ' R58N91ABCDE\n' } });
    expect(buildErasureCertificate(padded, issue).device.serial).toBe('R58N91ABCDE');
  });
});

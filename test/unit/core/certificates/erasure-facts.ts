import type { ErasureFacts } from '../../../../electron/common/models/erasure-certificate.ts';

/** A finished, verified Android wipe on a file-based-encrypted phone: a Purge. */
export function androidFacts(overrides: Partial<ErasureFacts> = {}): ErasureFacts {
  return {
    assetId: 42,
    device: {
      manufacturer: 'Samsung',
      model: 'Galaxy A55',
      serial: 'R58N91ABCDE',
      imeis: ['490154203237518'],
      udid: null,
      assetTag: 'DL-00042',
      platform: 'android',
      osVersionBefore: '14',
    },
    media: { encryption: 'file-based encryption', source: 'returned by holder' },
    technique: 'factory reset via cmd testharness',
    startedAt: '2025-03-04T09:15:00.000Z',
    finishedAt: '2025-03-04T09:21:30.000Z',
    verification: {
      method: 'device readback',
      result: 'passed',
      checks: [
        { name: 'setup wizard shown', expected: 'true', observed: 'true', passed: true },
        { name: 'accounts on device', expected: '0', observed: '0', passed: true },
        { name: 'user packages', expected: '0', observed: '0', passed: true },
      ],
      note: null,
    },
    station: { name: 'Bench 2', location: 'Oslo depot, room 3', contact: '+47 22 00 00 00' },
    technician: { name: 'Kari Nordmann', title: 'Repair technician' },
    destination: 'reissue',
    ...overrides,
  };
}

export const ISSUED_AT = new Date('2025-03-04T09:22:00.000Z');
export const CERTIFICATE_ID = '6f1c2a9e-4b7d-4e1a-9c3b-2d5e8f7a1b0c';

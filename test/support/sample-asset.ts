// A complete Asset for connector tests, with every field a connector might read filled in.
import type { Asset } from '../../electron/common/models/asset.ts';

export function sampleAsset(overrides: Partial<Asset> = {}): Asset {
  return {
    id: 42,
    assetTag: 'DL-0042',
    serial: 'R58N12345AB',
    platform: 'android',
    manufacturer: 'Samsung',
    model: 'Galaxy XCover7',
    storageGb: 128,
    osVersion: '14',
    imeis: ['356938035643809'],
    udid: null,
    ecid: null,
    purchase: {
      orderNumber: 'PO-981',
      supplier: 'Atea',
      date: '2025-01-15',
      priceMinor: 429_900,
      currency: 'NOK',
      warrantyEnd: '2027-01-15',
    },
    location: 'Depot Oslo',
    roleProfile: 'frontline',
    conditionGrade: 'A',
    batteryHealth: 98,
    tags: ['home-care'],
    notes: 'screen protector fitted',
    custom: { cost_centre: '4410' },
    state: 'issued',
    createdAt: '2025-02-01T08:00:00.000Z',
    updatedAt: '2025-03-01T09:30:00.000Z',
    assignee: {
      personId: 7,
      name: 'Kari Nordmann',
      department: 'Home care',
      email: 'kari.nordmann@example.org',
      since: '2025-03-01T09:30:00.000Z',
    },
    staging: {
      profile: 'frontline-android',
      profileVersion: 3,
      at: '2025-02-20T10:00:00.000Z',
      by: 'Ola Tekniker',
      station: 'bench-1',
    },
    ...overrides,
  };
}

// Microsoft Graph beta's importedDeviceIdentity endpoints as documented under
// learn.microsoft.com/graph/api/resources/intune-enrollment-importeddeviceidentity:
//   GET  /beta/deviceManagement/importedDeviceIdentities                     (List; $top honoured)
//   POST /beta/deviceManagement/importedDeviceIdentities/searchExistingIdentities
//   POST /beta/deviceManagement/importedDeviceIdentities/importDeviceIdentityList
// Responses are collections in `value`; import answers importedDeviceIdentityResult items with
// a per-item `status`. What Graph does not document (which items fail) the double decides
// plainly: an existing identity without overwrite, a description over the 128 characters the
// Intune docs allow, or an identifier the test marked as refused.
import { randomUUID } from 'node:crypto';
import { graphError, type DoubleReply, type DoubleRequest } from './double-http.ts';

export const IDENTITY_TYPES = ['unknown', 'imei', 'serialNumber', 'manufacturerModelSerial'] as const;
export const ENROLLMENT_STATES = [
  'unknown',
  'enrolled',
  'pendingReset',
  'failed',
  'notContacted',
  'blocked',
] as const;
export const PLATFORMS = [
  'unknown',
  'ios',
  'android',
  'windows',
  'windowsMobile',
  'macOS',
  'visionOS',
  'tvos',
  'unknownFutureValue',
] as const;

/** An importedDeviceIdentity with every documented property. */
export interface StoredIdentity {
  id: string;
  importedDeviceIdentifier: string;
  importedDeviceIdentityType: (typeof IDENTITY_TYPES)[number];
  lastModifiedDateTime: string;
  createdDateTime: string;
  lastContactedDateTime: string;
  description: string;
  enrollmentState: (typeof ENROLLMENT_STATES)[number];
  platform: (typeof PLATFORMS)[number];
}

export interface IdentityStore {
  identities: Map<string, StoredIdentity>;
  /** Identifiers importDeviceIdentityList answers status false for. */
  refused: Set<string>;
  graphUrl: string;
}

const BASE = '/beta/deviceManagement/importedDeviceIdentities';

function keyOf(type: string, identifier: string): string {
  return `${type}:${identifier.toUpperCase()}`;
}

function find(store: IdentityStore, type: string, identifier: string): StoredIdentity | undefined {
  return store.identities.get(keyOf(type, identifier));
}

function collection(store: IdentityStore, odataType: string, items: object[]): DoubleReply {
  return {
    status: 200,
    body: {
      '@odata.context': `${store.graphUrl}/beta/$metadata#Collection(microsoft.graph.${odataType})`,
      value: items.map((item) => ({ '@odata.type': `#microsoft.graph.${odataType}`, ...item })),
    },
  };
}

interface ItemInput {
  importedDeviceIdentifier?: unknown;
  importedDeviceIdentityType?: unknown;
  description?: unknown;
  platform?: unknown;
}

/** The request's importedDeviceIdentities, or the 400 Graph gives a body it cannot bind. */
function items(body: string): ItemInput[] | DoubleReply {
  let parsed: unknown;
  try {
    parsed = JSON.parse(body);
  } catch {
    return graphError(400, 'BadRequest', 'The request body is not valid JSON.');
  }
  const list = (parsed as { importedDeviceIdentities?: unknown } | null)?.importedDeviceIdentities;
  if (!Array.isArray(list))
    return graphError(400, 'BadRequest', "Parameter 'importedDeviceIdentities' is missing.");
  for (const item of list as ItemInput[]) {
    if (
      typeof item?.importedDeviceIdentifier !== 'string' ||
      !IDENTITY_TYPES.includes(item.importedDeviceIdentityType as never)
    )
      return graphError(
        400,
        'BadRequest',
        'Each importedDeviceIdentity needs an identifier and a valid type.',
      );
  }
  return list as ItemInput[];
}

function importList(store: IdentityStore, body: string, now: string): DoubleReply {
  const list = items(body);
  if (!Array.isArray(list)) return list;
  const overwrite = (JSON.parse(body) as { overwriteImportedDeviceIdentities?: unknown })
    .overwriteImportedDeviceIdentities;
  const results = list.map((item) => {
    const identifier = item.importedDeviceIdentifier as string;
    const type = item.importedDeviceIdentityType as StoredIdentity['importedDeviceIdentityType'];
    const description = typeof item.description === 'string' ? item.description : '';
    const platform = PLATFORMS.includes(item.platform as never)
      ? (item.platform as StoredIdentity['platform'])
      : 'unknown';
    const existing = find(store, type, identifier);
    const refused =
      store.refused.has(identifier) ||
      [...description].length > 128 ||
      (existing !== undefined && overwrite !== true);
    if (refused) {
      const shown = existing ?? {
        id: '00000000-0000-0000-0000-000000000000',
        importedDeviceIdentifier: identifier,
        importedDeviceIdentityType: type,
        lastModifiedDateTime: now,
        createdDateTime: now,
        lastContactedDateTime: '0001-01-01T00:00:00Z',
        description,
        enrollmentState: 'unknown' as const,
        platform,
      };
      return { ...shown, status: false };
    }
    const stored: StoredIdentity = {
      id: existing?.id ?? randomUUID(),
      importedDeviceIdentifier: identifier,
      importedDeviceIdentityType: type,
      lastModifiedDateTime: now,
      createdDateTime: existing?.createdDateTime ?? now,
      lastContactedDateTime: existing?.lastContactedDateTime ?? '0001-01-01T00:00:00Z',
      description,
      enrollmentState: existing?.enrollmentState ?? 'notContacted',
      platform,
    };
    store.identities.set(keyOf(type, identifier), stored);
    return { ...stored, status: true };
  });
  return collection(store, 'importedDeviceIdentityResult', results);
}

export function identityRoute(store: IdentityStore, request: DoubleRequest, now: string): DoubleReply {
  const { method, path } = request;
  const json = String(request.headers['content-type'] ?? '').startsWith('application/json');
  if (path === BASE) {
    if (method !== 'GET') return graphError(405, 'BadRequest', `${method} is not allowed on this resource.`);
    const top = Number(request.query.get('$top') ?? Infinity);
    return collection(store, 'importedDeviceIdentity', [...store.identities.values()].slice(0, top));
  }
  if (path === `${BASE}/searchExistingIdentities` || path === `${BASE}/importDeviceIdentityList`) {
    if (method !== 'POST') return graphError(405, 'BadRequest', `${method} is not allowed on this action.`);
    if (!json) return graphError(415, 'UnsupportedMediaType', 'The request must be application/json.');
    if (path.endsWith('importDeviceIdentityList')) return importList(store, request.body, now);
    const list = items(request.body);
    if (!Array.isArray(list)) return list;
    const found = list
      .map((item) =>
        find(store, item.importedDeviceIdentityType as string, item.importedDeviceIdentifier as string),
      )
      .filter((identity): identity is StoredIdentity => identity !== undefined);
    return collection(store, 'importedDeviceIdentity', found);
  }
  return graphError(400, 'BadRequest', `Resource not found for the segment '${path.split('/').pop()}'.`);
}

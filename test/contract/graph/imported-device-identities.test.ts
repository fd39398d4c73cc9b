// The double's Graph endpoints against the Graph beta reference for importedDeviceIdentity:
// - resource: learn.microsoft.com/graph/api/resources/intune-enrollment-importeddeviceidentity?view=graph-rest-beta
// - importDeviceIdentityList: learn.microsoft.com/graph/api/intune-enrollment-importeddeviceidentity-importdeviceidentitylist?view=graph-rest-beta
// - searchExistingIdentities: learn.microsoft.com/graph/api/intune-enrollment-importeddeviceidentity-searchexistingidentities?view=graph-rest-beta
// - list: learn.microsoft.com/graph/api/intune-enrollment-importeddeviceidentity-list?view=graph-rest-beta
// - result: learn.microsoft.com/graph/api/resources/intune-enrollment-importeddeviceidentityresult?view=graph-rest-beta
// - errors: learn.microsoft.com/graph/errors
// The request bodies below are the examples on those pages.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { GraphDouble } from '../../support/graph/graph-double.ts';
import { ENROLLMENT_STATES, IDENTITY_TYPES, PLATFORMS } from '../../support/graph/identity-routes.ts';

let double: GraphDouble;
let token: string;
beforeAll(async () => {
  double = await GraphDouble.start();
  const response = await fetch(`${double.loginUrl}/${double.tenantId}/oauth2/v2.0/token`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({
      client_id: double.clientId,
      scope: `${double.graphUrl}/.default`,
      client_secret: double.clientSecret,
      grant_type: 'client_credentials',
    }).toString(),
  });
  token = ((await response.json()) as { access_token: string }).access_token;
});
afterAll(async () => {
  await double.close();
});

const BASE = '/beta/deviceManagement/importedDeviceIdentities';

async function graph(method: string, path: string, body?: unknown, bearer = token) {
  const response = await fetch(`${double.graphUrl}${path}`, {
    method,
    headers: {
      authorization: `Bearer ${bearer}`,
      accept: 'application/json',
      ...(body === undefined ? {} : { 'content-type': 'application/json' }),
    },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}

/** The documented example item of both actions. */
const exampleIdentity = {
  '@odata.type': '#microsoft.graph.importedDeviceIdentity',
  id: '9f70a12f-a12f-9f70-2fa1-709f2fa1709f',
  importedDeviceIdentifier: 'Imported Device Identifier value',
  importedDeviceIdentityType: 'imei',
  lastModifiedDateTime: '2017-01-01T00:00:35.1329464-08:00',
  createdDateTime: '2017-01-01T00:02:43.5775965-08:00',
  lastContactedDateTime: '2016-12-31T23:58:44.2908994-08:00',
  description: 'Description value',
  enrollmentState: 'enrolled',
  platform: 'ios',
};

const PROPERTIES = [
  '@odata.type',
  'id',
  'importedDeviceIdentifier',
  'importedDeviceIdentityType',
  'lastModifiedDateTime',
  'createdDateTime',
  'lastContactedDateTime',
  'description',
  'enrollmentState',
  'platform',
];

function expectDocumentedIdentity(item: Record<string, unknown>) {
  for (const property of PROPERTIES) expect(item).toHaveProperty(property);
  expect(IDENTITY_TYPES).toContain(item.importedDeviceIdentityType);
  expect(ENROLLMENT_STATES).toContain(item.enrollmentState);
  expect(PLATFORMS).toContain(item.platform);
  for (const stamp of ['lastModifiedDateTime', 'createdDateTime', 'lastContactedDateTime'])
    expect(Number.isNaN(Date.parse(item[stamp] as string))).toBe(false);
}

describe('importDeviceIdentityList', () => {
  it('answers the documented example with 200 and importedDeviceIdentityResult items in value, each with status', async () => {
    const { status, body } = await graph('POST', `${BASE}/importDeviceIdentityList`, {
      importedDeviceIdentities: [exampleIdentity],
      overwriteImportedDeviceIdentities: true,
    });
    expect(status).toBe(200);
    const value = body.value as Record<string, unknown>[];
    expect(value).toHaveLength(1);
    expectDocumentedIdentity(value[0]!);
    expect(value[0]).toMatchObject({
      '@odata.type': '#microsoft.graph.importedDeviceIdentityResult',
      importedDeviceIdentifier: 'Imported Device Identifier value',
      importedDeviceIdentityType: 'imei',
      description: 'Description value',
      platform: 'ios',
      status: true,
    });
  });

  it('answers status false for an existing identity when overwriteImportedDeviceIdentities is false', async () => {
    const { status, body } = await graph('POST', `${BASE}/importDeviceIdentityList`, {
      importedDeviceIdentities: [{ ...exampleIdentity, description: 'other details' }],
      overwriteImportedDeviceIdentities: false,
    });
    expect(status).toBe(200);
    expect((body.value as { status: boolean }[])[0]!.status).toBe(false);
  });
});

describe('searchExistingIdentities and list', () => {
  it('answers the documented search example with the matching importedDeviceIdentity items', async () => {
    const { status, body } = await graph('POST', `${BASE}/searchExistingIdentities`, {
      importedDeviceIdentities: [exampleIdentity, { ...exampleIdentity, importedDeviceIdentifier: 'absent' }],
    });
    expect(status).toBe(200);
    const value = body.value as Record<string, unknown>[];
    expect(value).toHaveLength(1);
    expectDocumentedIdentity(value[0]!);
    expect(value[0]!['@odata.type']).toBe('#microsoft.graph.importedDeviceIdentity');
  });

  it('lists identities as a value collection', async () => {
    const { status, body } = await graph('GET', `${BASE}?$top=1`);
    expect(status).toBe(200);
    expect(body.value).toHaveLength(1);
    expectDocumentedIdentity((body.value as Record<string, unknown>[])[0]!);
  });
});

describe('errors', () => {
  it('answers a missing or stale token with 401 and the documented error object', async () => {
    const missing = await graph('GET', BASE, undefined, '');
    expect(missing.status).toBe(401);
    const stale = await graph('GET', BASE, undefined, 'not-a-token');
    expect(stale.status).toBe(401);
    expect(stale.body).toMatchObject({
      error: {
        code: 'InvalidAuthenticationToken',
        message: expect.any(String),
        innerError: expect.any(Object),
      },
    });
  });

  it('answers a body it cannot bind with 400 BadRequest', async () => {
    const { status, body } = await graph('POST', `${BASE}/importDeviceIdentityList`, { something: [] });
    expect(status).toBe(400);
    expect(body).toMatchObject({ error: { code: 'BadRequest' } });
  });
});

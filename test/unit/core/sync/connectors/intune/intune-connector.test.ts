import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { IntuneConfigSchema } from '../../../../../../electron/common/models/sync.ts';
import { IntuneConnector } from '../../../../../../electron/core/sync/connectors/intune/intune-connector.ts';
import { IntuneToken } from '../../../../../../electron/core/sync/connectors/intune/intune-token.ts';
import { SyncHttp } from '../../../../../../electron/core/sync/http/sync-http.ts';
import { SyncError } from '../../../../../../electron/core/sync/sync-error.ts';
import { testIo, type TestIo } from '../../../../../support/connector-io.ts';
import { GraphDouble } from '../../../../../support/graph/graph-double.ts';
import { recordingServer, type RecordingServer } from '../../../../../support/recording-server.ts';
import { sampleAsset } from '../../../../../support/sample-asset.ts';

let double: GraphDouble;
let elsewhere: RecordingServer;
beforeEach(async () => {
  double = await GraphDouble.start();
  elsewhere = await recordingServer();
});
afterEach(async () => {
  await double.close();
  await elsewhere.close();
});

/** `secret: null` leaves the client secret unset on the station. */
function setup(secret: string | null = double.clientSecret) {
  const config = IntuneConfigSchema.parse({
    tenantId: double.tenantId,
    clientId: double.clientId,
    clientSecret: 'intune.client-secret',
    graphUrl: double.graphUrl,
    loginUrl: double.loginUrl,
  });
  // The login host's own client, at a test rate (the default spaces token requests 2 s apart).
  const token = new IntuneToken(config, new SyncHttp({ baseUrl: config.loginUrl, ratePerMinute: 60_000 }));
  const io: TestIo = testIo(double.graphUrl, secret === null ? {} : { 'intune.client-secret': secret });
  return { connector: new IntuneConnector({ config, token }), token, io };
}

async function failure(promise: Promise<unknown>): Promise<SyncError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(SyncError);
  return error as SyncError;
}

const phone = sampleAsset(); // Android, IMEI 356938035643809, serial R58N12345AB

describe('Intune connector against the Graph double', () => {
  it('maps imei, serial, manufacturer and model, pushes everything and pulls nothing', () => {
    const { connector } = setup();
    expect([connector.mode, connector.fields, connector.remoteOnly]).toEqual([
      'state',
      ['imei', 'serial', 'manufacturer', 'model'],
      [],
    ]);
    expect(connector.localValues(phone)).toEqual({
      imei: '356938035643809',
      serial: 'R58N12345AB',
      manufacturer: 'Samsung',
      model: 'Galaxy XCover7',
    });
  });

  it('check() signs in and lists one identity', async () => {
    const { connector, io } = setup();
    expect(await connector.check(io)).toMatch(
      /Signed in to tenant contoso\.onmicrosoft\.com .*none declared yet/,
    );
    expect(double.requestsTo('login')).toHaveLength(1);
    expect(double.requestsTo('graph').map((r) => `${r.method} ${r.path}?${r.query.toString()}`)).toEqual([
      'GET /beta/deviceManagement/importedDeviceIdentities?%24top=1',
    ]);
  });

  it('creates the identity once (no overwrite), then reads it back equal to the local values', async () => {
    const { connector, io } = setup();
    expect(await connector.read(phone, null, io)).toBeNull();
    const written = await connector.write(phone, null, connector.localValues(phone), io);
    const importRequest = double
      .requestsTo('graph')
      .find((r) => r.path.endsWith('/importDeviceIdentityList'))!;
    expect(JSON.parse(importRequest.body)).toEqual({
      importedDeviceIdentities: [
        {
          '@odata.type': '#microsoft.graph.importedDeviceIdentity',
          importedDeviceIdentifier: '356938035643809',
          importedDeviceIdentityType: 'imei',
          description: 'Samsung | Galaxy XCover7 | R58N12345AB',
          platform: 'android',
        },
      ],
      overwriteImportedDeviceIdentities: false,
    });
    expect(written.values).toEqual(connector.localValues(phone));
    const read = await connector.read(phone, null, io);
    expect(read).toEqual({ ...written, updatedAt: read!.updatedAt });
    expect(double.store.identities.size).toBe(1);
  });

  it('declares an iPhone by serial (periods removed), as Microsoft recommends for iOS', async () => {
    const { connector, io } = setup();
    const iphone = sampleAsset({
      platform: 'ios',
      serial: 'F2L.XK1.23N4',
      manufacturer: 'Apple',
      model: 'iPhone 15',
    });
    const written = await connector.write(iphone, null, {}, io);
    expect(written.values).toEqual({
      imei: null,
      serial: 'F2LXK123N4',
      manufacturer: 'Apple',
      model: 'iPhone 15',
    });
    expect([...double.store.identities.values()][0]).toMatchObject({
      importedDeviceIdentifier: 'F2LXK123N4',
      importedDeviceIdentityType: 'serialNumber',
      description: 'Apple | iPhone 15',
      platform: 'ios',
    });
  });

  it('updates an identity it read with overwrite; one declared meanwhile is refused, not clobbered', async () => {
    const { connector, io } = setup();
    double.seed({
      importedDeviceIdentifier: '356938035643809',
      importedDeviceIdentityType: 'imei',
      description: 'declared by hand',
    });
    const refused = await failure(connector.write(phone, null, {}, io));
    expect([refused.code, refused.scope]).toEqual(['rejected', 'item']);
    expect(refused.message).toMatch(/did not import IMEI 356938035643809/);
    const remote = await connector.read(phone, null, io);
    expect(remote!.values).toMatchObject({ manufacturer: 'declared by hand', model: null });
    const updated = await connector.write(phone, remote, { manufacturer: 'Samsung' }, io);
    expect(updated.remoteId).toBe(remote!.remoteId);
    expect(updated.values).toEqual(connector.localValues(phone));
  });

  it("a per-item failure is rejected with Graph's answer for that item", async () => {
    const { connector, io } = setup();
    double.store.refused.add('356938035643809');
    const error = await failure(connector.write(phone, null, {}, io));
    expect([error.code, error.message]).toEqual([
      'rejected',
      expect.stringContaining('importDeviceIdentityList answered status false'),
    ]);
  });

  it("a refused request is rejected with Graph's error message", async () => {
    const { connector, io } = setup();
    double.intercept = (request) =>
      request.host === 'graph' && request.path.endsWith('/importDeviceIdentityList')
        ? { status: 400, body: { error: { code: 'BadRequest', message: 'Invalid identifier format.' } } }
        : undefined;
    const error = await failure(connector.write(phone, null, {}, io));
    expect([error.code, error.status]).toEqual(['rejected', 400]);
    expect(error.message).toContain('BadRequest: Invalid identifier format.');
  });

  it('a wrong client secret is an auth error, and Graph is never called', async () => {
    const { connector, io } = setup('not-the-secret');
    const error = await failure(connector.read(phone, null, io));
    expect([error.code, error.status, error.needsPerson]).toEqual(['auth', 401, true]);
    expect(error.message).toMatch(/check the client secret/);
    expect(double.requestsTo('login')).toHaveLength(1);
    expect(double.requestsTo('graph')).toHaveLength(0);
  });

  it('a missing client secret is a credentials error before any request', async () => {
    const { connector, io } = setup(null);
    expect((await failure(connector.check(io))).code).toBe('credentials');
    expect(double.requests).toHaveLength(0);
  });

  it('keeps the token until shortly before it expires', async () => {
    const { connector, io } = setup();
    await connector.read(phone, null, io);
    await connector.read(phone, null, io);
    expect(double.tokensIssued).toBe(1);
    io.advance((3599 - 60) * 1000); // inside the renewal margin
    await connector.read(phone, null, io);
    expect(double.tokensIssued).toBe(2);
  });

  it('a token Graph refuses before its expiry is fetched again once, and the request repeated', async () => {
    const { connector, io } = setup();
    await connector.read(phone, null, io);
    double.expireTokens();
    expect(await connector.read(phone, null, io)).toBeNull();
    expect(double.tokensIssued).toBe(2);
    expect(double.requestsTo('graph').map((r) => r.path.split('/').pop())).toEqual([
      'searchExistingIdentities',
      'searchExistingIdentities', // 401
      'searchExistingIdentities',
    ]);
  });

  it('only once: a Graph that refuses the fresh token too is an auth error', async () => {
    const { connector, io } = setup();
    double.intercept = (request) =>
      request.host === 'graph'
        ? {
            status: 401,
            body: { error: { code: 'InvalidAuthenticationToken', message: 'Access token is empty.' } },
          }
        : undefined;
    const error = await failure(connector.read(phone, null, io));
    expect([error.code, error.status]).toEqual(['auth', 401]);
    expect([double.tokensIssued, double.requestsTo('graph').length]).toEqual([2, 2]);
  });

  it('a 403 says which permission the app registration lacks', async () => {
    const { connector, io } = setup();
    double.permitted = false;
    const error = await failure(connector.check(io));
    expect([error.code, error.status]).toEqual(['auth', 403]);
    expect(error.message).toContain('DeviceManagementServiceConfig.ReadWrite.All');
  });

  it('never leaves the configured hosts: a redirect from Graph or from login is not followed', async () => {
    const { connector, io } = setup();
    double.intercept = (request) =>
      request.host === 'graph'
        ? { status: 307, headers: { location: `${elsewhere.url}/beta/x` } }
        : undefined;
    expect((await failure(connector.write(phone, null, {}, io))).code).toBe('redirect');
    double.intercept = (request) =>
      request.host === 'login' ? { status: 302, headers: { location: `${elsewhere.url}/token` } } : undefined;
    const fresh = setup(); // no token cached yet, so the login host is asked
    expect((await failure(fresh.connector.check(fresh.io))).code).toBe('redirect');
    expect(elsewhere.requests).toHaveLength(0);
  });

  it('sends the client secret only to the login host and the token only to Graph', async () => {
    const { connector, io } = setup();
    await connector.write(phone, null, {}, io);
    await connector.read(phone, null, io);
    for (const request of double.requestsTo('login')) {
      expect(request.path).toBe(`/${double.tenantId}/oauth2/v2.0/token`);
      expect(new URLSearchParams(request.body).get('scope')).toBe(`${double.graphUrl}/.default`);
      expect(request.headers.authorization).toBeUndefined();
    }
    for (const request of double.requestsTo('graph')) {
      expect(request.headers.authorization).toMatch(/^Bearer /);
      expect(request.body).not.toContain(double.clientSecret);
    }
  });

  it('prepareBatch finds a batch of devices in one search, and the reads use it', async () => {
    const { connector, io } = setup();
    const assets = [
      phone,
      sampleAsset({ id: 43, serial: 'R58N00002', imeis: ['490154203237518'] }),
      sampleAsset({ id: 44, platform: 'ios', serial: 'F2LXK0003', imeis: [] }),
    ];
    await connector.write(assets[1]!, null, {}, io);
    const before = double.requestsTo('graph').length;
    await connector.prepareBatch(assets, io);
    const reads = await Promise.all(assets.map((asset) => connector.read(asset, null, io)));
    expect(double.requestsTo('graph').length - before).toBe(1);
    expect(reads.map((read) => read?.values.imei ?? null)).toEqual([null, '490154203237518', null]);
  });
});

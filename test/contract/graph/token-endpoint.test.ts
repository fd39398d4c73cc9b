// The double's token endpoint against "Microsoft identity platform and the OAuth 2.0 client
// credentials flow" (learn.microsoft.com/entra/identity-platform/v2-oauth2-client-creds-grant-flow):
// "First case: Access token request with a shared secret", "Successful response", "Error response".
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { GraphDouble } from '../../support/graph/graph-double.ts';

let double: GraphDouble;
beforeAll(async () => {
  double = await GraphDouble.start();
});
afterAll(async () => {
  await double.close();
});

function tokenRequest(form: Record<string, string>, tenant = double.tenantId) {
  return fetch(`${double.loginUrl}/${tenant}/oauth2/v2.0/token`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams(form).toString(),
  });
}

const valid = () => ({
  client_id: double.clientId,
  scope: `${double.graphUrl}/.default`,
  client_secret: double.clientSecret,
  grant_type: 'client_credentials',
});

const ERROR_FIELDS = ['error', 'error_description', 'error_codes', 'timestamp', 'trace_id', 'correlation_id'];

describe('token endpoint (client credentials with a shared secret)', () => {
  it('answers the documented request with token_type Bearer, expires_in seconds and access_token', async () => {
    const response = await tokenRequest(valid());
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^application\/json/);
    const body = (await response.json()) as Record<string, unknown>;
    expect(body).toMatchObject({ token_type: 'Bearer', expires_in: 3599 });
    expect(typeof body.access_token).toBe('string');
  });

  it('answers an invalid scope as the documented error response: 400 with the six fields, AADSTS first', async () => {
    const response = await tokenRequest({ ...valid(), scope: 'https://foo.microsoft.com/.default' });
    expect(response.status).toBe(400);
    const body = (await response.json()) as Record<string, unknown>;
    expect(Object.keys(body).sort()).toEqual([...ERROR_FIELDS].sort());
    expect(body.error).toBe('invalid_scope');
    expect(body.error_description).toMatch(/^AADSTS70011: /);
    expect(body.error_codes).toEqual([70011]);
  });

  it('refuses a wrong client secret with invalid_client (401, as RFC 6749 §5.2 allows and Entra does)', async () => {
    const response = await tokenRequest({ ...valid(), client_secret: 'wrong' });
    expect(response.status).toBe(401);
    expect(await response.json()).toMatchObject({ error: 'invalid_client', error_codes: [7000215] });
  });

  it('refuses an unknown tenant, an unknown client and another grant type with 400', async () => {
    expect((await tokenRequest(valid(), 'fabrikam.onmicrosoft.com')).status).toBe(400);
    const client = await tokenRequest({ ...valid(), client_id: '99999999-2222-3333-4444-555555555555' });
    expect([client.status, ((await client.json()) as { error: string }).error]).toEqual([
      400,
      'unauthorized_client',
    ]);
    const grant = await tokenRequest({ ...valid(), grant_type: 'password' });
    expect(((await grant.json()) as { error: string }).error).toBe('unsupported_grant_type');
  });

  it('wants the form encoding the docs show', async () => {
    const response = await fetch(`${double.loginUrl}/${double.tenantId}/oauth2/v2.0/token`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(valid()),
    });
    expect(response.status).toBe(400);
  });
});

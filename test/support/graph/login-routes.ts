// The Microsoft identity platform's token endpoint as the client credentials flow documents it
// (learn.microsoft.com/entra/identity-platform/v2-oauth2-client-creds-grant-flow, "Get a
// token", "Successful response", "Error response"): POST /{tenant}/oauth2/v2.0/token, form
// encoded; 200 with token_type, expires_in, access_token; errors as error, error_description
// (AADSTS code first), error_codes, timestamp, trace_id, correlation_id. A wrong client secret
// is 401 invalid_client (RFC 6749 §5.2 lets the server answer 401 for invalid_client, and
// Entra does, with AADSTS7000215); other refusals are 400.
import { randomBytes, randomUUID } from 'node:crypto';
import type { DoubleReply, DoubleRequest } from './double-http.ts';

export interface LoginSettings {
  tenantId: string;
  clientId: string;
  clientSecret: string;
  /** The scope a token is issued for: "<graph origin>/.default". */
  scope: string;
  tokenLifetimeSeconds: number;
}

function refusal(status: number, error: string, code: number, text: string): DoubleReply {
  const traceId = randomUUID();
  const correlationId = randomUUID();
  const timestamp = new Date().toISOString().replace('T', ' ').slice(0, 19) + 'Z';
  return {
    status,
    body: {
      error,
      error_description: `AADSTS${code}: ${text}\r\nTrace ID: ${traceId}\r\nCorrelation ID: ${correlationId}\r\nTimestamp: ${timestamp}`,
      error_codes: [code],
      timestamp,
      trace_id: traceId,
      correlation_id: correlationId,
    },
  };
}

/** Answers a token request; `issue` records a new token and returns it. */
export function tokenRoute(
  request: DoubleRequest,
  settings: LoginSettings,
  issue: () => string,
): DoubleReply {
  const match = /^\/([^/]+)\/oauth2\/v2\.0\/token$/.exec(request.path);
  if (!match) return { status: 404, body: 'Not Found' };
  if (request.method !== 'POST') return { status: 405, body: 'Method Not Allowed' };
  if (!String(request.headers['content-type'] ?? '').startsWith('application/x-www-form-urlencoded'))
    return refusal(
      400,
      'invalid_request',
      900144,
      "The request body must contain the following parameter: 'grant_type'.",
    );
  const form = new URLSearchParams(request.body);
  if (decodeURIComponent(match[1]!) !== settings.tenantId)
    return refusal(400, 'invalid_request', 90002, `Tenant '${match[1]}' not found.`);
  if (form.get('grant_type') !== 'client_credentials')
    return refusal(400, 'unsupported_grant_type', 70003, 'The app requested an unsupported grant type.');
  if (form.get('client_id') !== settings.clientId)
    return refusal(
      400,
      'unauthorized_client',
      700016,
      `Application with identifier '${form.get('client_id')}' was not found in the directory.`,
    );
  if (form.get('client_secret') !== settings.clientSecret)
    return refusal(401, 'invalid_client', 7000215, 'Invalid client secret provided.');
  if (form.get('scope') !== settings.scope)
    return refusal(
      400,
      'invalid_scope',
      70011,
      `The provided value for the input parameter 'scope' is not valid. The scope ${form.get('scope')} is not valid.`,
    );
  return {
    status: 200,
    body: {
      token_type: 'Bearer',
      expires_in: settings.tokenLifetimeSeconds,
      ext_expires_in: settings.tokenLifetimeSeconds,
      access_token: issue(),
    },
  };
}

/** An opaque token; the double only compares it. */
export function newToken(): string {
  return `eyJ0eXAiOiJKV1Qi.${randomBytes(24).toString('base64url')}`;
}

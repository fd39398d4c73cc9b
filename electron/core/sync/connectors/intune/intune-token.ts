// An app-only access token for Microsoft Graph by the OAuth 2.0 client credentials grant
// (learn.microsoft.com/entra/identity-platform/v2-oauth2-client-creds-grant-flow): POST
// <loginUrl>/<tenant>/oauth2/v2.0/token with client_id, client_secret, grant_type and the
// scope "<graph origin>/.default", form-encoded. The app registration needs the application
// permission DeviceManagementServiceConfig.ReadWrite.All with admin consent.
//
// The login host is a different origin from Graph, so it gets its own SyncHttp: the client
// secret only ever goes to the configured login host, the token only to the Graph host.
import { z } from 'zod';
import type { IntuneConfig } from '../../../../common/models/sync.ts';
import type { SyncIo } from '../../connector.ts';
import { SyncHttp } from '../../http/sync-http.ts';
import { SyncError } from '../../sync-error.ts';

/** Renew this long before the token's own expiry: clocks differ and a request takes time. */
const EXPIRY_MARGIN_MS = 2 * 60_000;
/** Token requests are rare (about one an hour); this only stops a loop from hammering the login host. */
const LOGIN_RATE_PER_MINUTE = 30;

const TokenResponseSchema = z.looseObject({
  token_type: z.string(),
  // Seconds; the v1 endpoint and some proxies send it as a string.
  expires_in: z.union([z.number(), z.string().regex(/^\d+$/).transform(Number)]),
  access_token: z.string().min(1),
});

const TokenErrorSchema = z.looseObject({ error: z.string(), error_description: z.string().optional() });

interface Cached {
  token: string;
  expiresAt: number;
  /** The secret it was issued for: a secret changed in the store means a new token. */
  secret: string;
}

export class IntuneToken {
  readonly #config: IntuneConfig;
  readonly #http: SyncHttp;
  #cached: Cached | null = null;
  #pending: Promise<string> | null = null;

  constructor(config: IntuneConfig, http?: SyncHttp) {
    this.#config = config;
    this.#http = http ?? new SyncHttp({ baseUrl: config.loginUrl, ratePerMinute: LOGIN_RATE_PER_MINUTE });
  }

  /** The login host's client (its request count shows how many tokens were fetched). */
  get http(): SyncHttp {
    return this.#http;
  }

  /** "https://graph.microsoft.com/.default", or the sovereign cloud's Graph origin. */
  get scope(): string {
    return `${new URL(this.#config.graphUrl).origin}/.default`;
  }

  /** A valid token: the cached one until shortly before it expires, else a new one. */
  async get(io: SyncIo): Promise<string> {
    const secret = io.secret(this.#config.clientSecret);
    if (!secret) {
      throw new SyncError(
        'credentials',
        `the Intune client secret "${this.#config.clientSecret}" is not set on this station`,
      );
    }
    const cached = this.#cached;
    if (cached && cached.secret === secret && io.now().getTime() < cached.expiresAt - EXPIRY_MARGIN_MS)
      return cached.token;
    // Requests that need a token at the same moment share one token request.
    this.#pending ??= this.#fetch(io, secret).finally(() => {
      this.#pending = null;
    });
    return this.#pending;
  }

  /** Graph refused the token (expired early, revoked): the next `get` fetches a new one. */
  invalidate(): void {
    this.#cached = null;
  }

  async #fetch(io: SyncIo, secret: string): Promise<string> {
    const { tenantId, clientId } = this.#config;
    const form = new URLSearchParams({
      client_id: clientId,
      scope: this.scope,
      client_secret: secret,
      grant_type: 'client_credentials',
    });
    let response;
    try {
      response = await this.#http.request('POST', `${tenantId}/oauth2/v2.0/token`, {
        body: form.toString(),
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        signal: io.signal,
      });
    } catch (error) {
      if (error instanceof SyncError && error.code === 'auth') {
        throw new SyncError(
          'auth',
          `${this.#http.origin.host} refused app ${clientId} in tenant ${tenantId} (HTTP ${error.status}): check the client secret and that it has not expired`,
          { status: error.status, cause: error },
        );
      }
      throw error;
    }
    if (response.status !== 200) {
      const refusal = TokenErrorSchema.safeParse(response.json);
      // AADSTS messages carry trace ids on later lines; the first line says what is wrong.
      const why = refusal.success
        ? `${refusal.data.error}: ${(refusal.data.error_description ?? '').split(/\r?\n/)[0]}`
        : `HTTP ${response.status}`;
      throw new SyncError('auth', `${this.#http.origin.host} refused the sign-in: ${why}`, {
        status: response.status,
      });
    }
    const parsed = TokenResponseSchema.safeParse(response.json);
    if (!parsed.success || parsed.data.token_type.toLowerCase() !== 'bearer') {
      throw new SyncError(
        'bad_response',
        `${this.#http.origin.host} answered the token request without a bearer token`,
      );
    }
    this.#cached = {
      token: parsed.data.access_token,
      expiresAt: io.now().getTime() + parsed.data.expires_in * 1000,
      secret,
    };
    return parsed.data.access_token;
  }
}

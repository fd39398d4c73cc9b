// A stand-in for Microsoft Entra's token endpoint and Microsoft Graph's corporate device
// identifier endpoints, on two real HTTP servers on 127.0.0.1 (two origins, as login and Graph
// are two hosts), following the documented request and response shapes. The contract tests
// under test/contract/graph/ hold it to the documentation; connector tests drive it.
import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { graphError, readBody, send, type DoubleReply, type DoubleRequest } from './double-http.ts';
import { identityRoute, type IdentityStore, type StoredIdentity } from './identity-routes.ts';
import { newToken, tokenRoute } from './login-routes.ts';

export interface GraphDoubleOptions {
  tenantId?: string;
  clientId?: string;
  clientSecret?: string;
  tokenLifetimeSeconds?: number;
}

export class GraphDouble {
  readonly tenantId: string;
  readonly clientId: string;
  readonly clientSecret: string;
  readonly tokenLifetimeSeconds: number;
  loginUrl = '';
  graphUrl = '';
  /** Every request either server got, in order. */
  readonly requests: DoubleRequest[] = [];
  readonly store: IdentityStore = { identities: new Map(), refused: new Set(), graphUrl: '' };
  /** Tokens Graph accepts now. */
  readonly #valid = new Set<string>();
  /** Answers instead of the documented behaviour when it returns a reply (faults, redirects). */
  intercept: (request: DoubleRequest) => DoubleReply | undefined = () => undefined;
  /** When false, Graph answers 403 as for an app without DeviceManagementServiceConfig.ReadWrite.All. */
  permitted = true;
  tokensIssued = 0;
  readonly #servers: Server[] = [];

  constructor(options: GraphDoubleOptions = {}) {
    this.tenantId = options.tenantId ?? 'contoso.onmicrosoft.com';
    this.clientId = options.clientId ?? '11111111-2222-3333-4444-555555555555';
    this.clientSecret = options.clientSecret ?? 'double~client~secret';
    this.tokenLifetimeSeconds = options.tokenLifetimeSeconds ?? 3599;
  }

  static async start(options: GraphDoubleOptions = {}): Promise<GraphDouble> {
    const double = new GraphDouble(options);
    double.loginUrl = await double.#listen('login');
    double.graphUrl = await double.#listen('graph');
    double.store.graphUrl = double.graphUrl;
    return double;
  }

  /** Every token issued so far stops working (Graph then answers 401 InvalidAuthenticationToken). */
  expireTokens(): void {
    this.#valid.clear();
  }

  /** Puts an identity in place as if an administrator had declared it. */
  seed(
    identity: Partial<StoredIdentity> &
      Pick<StoredIdentity, 'importedDeviceIdentifier' | 'importedDeviceIdentityType'>,
  ): StoredIdentity {
    const now = new Date().toISOString();
    const stored: StoredIdentity = {
      id: randomUUID(),
      lastModifiedDateTime: now,
      createdDateTime: now,
      lastContactedDateTime: '0001-01-01T00:00:00Z',
      description: '',
      enrollmentState: 'notContacted',
      platform: 'unknown',
      ...identity,
    };
    this.store.identities.set(
      `${stored.importedDeviceIdentityType}:${stored.importedDeviceIdentifier.toUpperCase()}`,
      stored,
    );
    return stored;
  }

  requestsTo(host: DoubleRequest['host']): DoubleRequest[] {
    return this.requests.filter((request) => request.host === host);
  }

  async close(): Promise<void> {
    await Promise.all(
      this.#servers.map(
        (server) =>
          new Promise<void>((resolve) => {
            server.closeAllConnections();
            server.close(() => resolve());
          }),
      ),
    );
  }

  async #listen(host: DoubleRequest['host']): Promise<string> {
    const server = createServer((request, response) => void this.#handle(host, request, response));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    this.#servers.push(server);
    return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  }

  async #handle(
    host: DoubleRequest['host'],
    incoming: IncomingMessage,
    response: ServerResponse,
  ): Promise<void> {
    const url = new URL(incoming.url ?? '/', 'http://double');
    const request: DoubleRequest = {
      host,
      method: incoming.method ?? '',
      path: url.pathname,
      query: url.searchParams,
      headers: incoming.headers,
      body: await readBody(incoming),
    };
    this.requests.push(request);
    send(response, this.intercept(request) ?? this.#route(request));
  }

  #route(request: DoubleRequest): DoubleReply {
    if (request.host === 'login') {
      return tokenRoute(
        request,
        {
          tenantId: this.tenantId,
          clientId: this.clientId,
          clientSecret: this.clientSecret,
          scope: `${this.graphUrl}/.default`,
          tokenLifetimeSeconds: this.tokenLifetimeSeconds,
        },
        () => {
          const token = newToken();
          this.#valid.add(token);
          this.tokensIssued += 1;
          return token;
        },
      );
    }
    const bearer = /^Bearer (.+)$/.exec(String(request.headers.authorization ?? ''))?.[1];
    if (!bearer) return graphError(401, 'InvalidAuthenticationToken', 'Access token is empty.');
    if (!this.#valid.has(bearer))
      return graphError(401, 'InvalidAuthenticationToken', 'Access token has expired or is not yet valid.');
    if (!this.permitted)
      return graphError(403, 'Forbidden', 'Application is not authorized to perform this operation.');
    return identityRoute(this.store, request, new Date().toISOString());
  }
}

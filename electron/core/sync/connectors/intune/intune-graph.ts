// The three Microsoft Graph (beta) calls the Intune connector makes, on importedDeviceIdentity
// (learn.microsoft.com/graph/api/resources/intune-enrollment-importeddeviceidentity):
//   POST deviceManagement/importedDeviceIdentities/searchExistingIdentities
//   POST deviceManagement/importedDeviceIdentities/importDeviceIdentityList
//   GET  deviceManagement/importedDeviceIdentities?$top=1   (the connection check)
// Each carries the bearer token; a 401 means the token went stale before its expiry (revoked,
// clock skew), so the token is fetched again and the request repeated once.
import { z } from 'zod';
import type { SyncIo } from '../../connector.ts';
import type { SyncRequest, SyncResponse } from '../../http/sync-http.ts';
import { SyncError } from '../../sync-error.ts';
import type { IntuneDevice } from './intune-identity.ts';
import type { IntuneToken } from './intune-token.ts';

const BASE = 'beta/deviceManagement/importedDeviceIdentities';
const IDENTITY_TYPE = '#microsoft.graph.importedDeviceIdentity';

export const GraphIdentitySchema = z.looseObject({
  id: z.string().optional(),
  importedDeviceIdentifier: z.string(),
  importedDeviceIdentityType: z.string(),
  description: z.string().nullish(),
  platform: z.string().nullish(),
  lastModifiedDateTime: z.string().nullish(),
  /** Only on importDeviceIdentityList results (importedDeviceIdentityResult). */
  status: z.boolean().optional(),
});
export type GraphIdentity = z.infer<typeof GraphIdentitySchema>;

const CollectionSchema = z.looseObject({ value: z.array(GraphIdentitySchema) });
const GraphErrorSchema = z.looseObject({ error: z.looseObject({ code: z.string(), message: z.string() }) });

/** The identifier and type a search or an import names a device by. */
export type IdentityKey = Pick<IntuneDevice, 'type' | 'identifier'>;

/** Same device: Intune's identifiers are compared here without regard to letter case. */
export function sameIdentity(identity: GraphIdentity, key: IdentityKey): boolean {
  return (
    identity.importedDeviceIdentityType === key.type &&
    identity.importedDeviceIdentifier.toUpperCase() === key.identifier.toUpperCase()
  );
}

export class IntuneGraph {
  readonly #token: IntuneToken;

  constructor(token: IntuneToken) {
    this.#token = token;
  }

  /** The existing identities among `keys` (those Intune does not have are simply absent). */
  async search(io: SyncIo, keys: readonly IdentityKey[]): Promise<GraphIdentity[]> {
    const response = await this.#call(io, 'POST', `${BASE}/searchExistingIdentities`, {
      json: {
        importedDeviceIdentities: keys.map((key) => ({
          '@odata.type': IDENTITY_TYPE,
          importedDeviceIdentifier: key.identifier,
          importedDeviceIdentityType: key.type,
        })),
      },
    });
    return collection(response, 'searchExistingIdentities');
  }

  /**
   * Imports one device; Graph answers per item in `value[]` (importedDeviceIdentityResult,
   * whose `status` says whether that item was taken). `overwrite` replaces the description of
   * an identity that already exists; without it such an item is refused.
   */
  async importOne(io: SyncIo, device: IntuneDevice, overwrite: boolean): Promise<GraphIdentity | undefined> {
    const response = await this.#call(io, 'POST', `${BASE}/importDeviceIdentityList`, {
      json: {
        importedDeviceIdentities: [
          {
            '@odata.type': IDENTITY_TYPE,
            importedDeviceIdentifier: device.identifier,
            importedDeviceIdentityType: device.type,
            description: device.description,
            platform: device.platform,
          },
        ],
        overwriteImportedDeviceIdentities: overwrite,
      },
    });
    const results = collection(response, 'importDeviceIdentityList');
    return (
      results.find((result) => sameIdentity(result, device)) ??
      (results.length === 1 ? results[0] : undefined)
    );
  }

  /** One identity of the tenant, or none: proves the token and the permission. */
  async listOne(io: SyncIo): Promise<GraphIdentity[]> {
    return collection(await this.#call(io, 'GET', BASE, { query: { $top: 1 } }), 'importedDeviceIdentities');
  }

  async #call(io: SyncIo, method: string, path: string, options: SyncRequest): Promise<SyncResponse> {
    const send = (token: string) =>
      io.http.request(method, path, {
        ...options,
        headers: { authorization: `Bearer ${token}` },
        signal: io.signal,
      });
    // Outside the retry: a refused sign-in (wrong secret) is final, not a stale token.
    const token = await this.#token.get(io);
    let response: SyncResponse;
    try {
      try {
        response = await send(token);
      } catch (error) {
        if (!(error instanceof SyncError && error.code === 'auth' && error.status === 401)) throw error;
        this.#token.invalidate();
        response = await send(await this.#token.get(io));
      }
    } catch (error) {
      if (error instanceof SyncError && error.code === 'auth' && error.status === 403) {
        throw new SyncError(
          'auth',
          `${io.http.origin.host} refused ${path.split('/').pop()} (HTTP 403): the app registration needs the application permission DeviceManagementServiceConfig.ReadWrite.All with admin consent`,
          { status: 403, cause: error },
        );
      }
      throw error;
    }
    if (response.status >= 200 && response.status < 300) return response;
    // A 4xx other than 401/403/429 (SyncHttp throws for those): Graph refused this request.
    const graph = GraphErrorSchema.safeParse(response.json);
    const message = graph.success
      ? `${graph.data.error.code}: ${graph.data.error.message}`
      : response.text.slice(0, 200);
    throw new SyncError(
      'rejected',
      `Graph refused ${path.split('/').pop()} (HTTP ${response.status}) ${message}`.trim(),
      {
        status: response.status,
      },
    );
  }
}

function collection(response: SyncResponse, what: string): GraphIdentity[] {
  const parsed = CollectionSchema.safeParse(response.json);
  if (!parsed.success) {
    throw new SyncError('bad_response', `Graph answered ${what} without the documented "value" collection`, {
      status: response.status,
    });
  }
  return parsed.data.value;
}

// Keeps each asset declared in Intune as a corporate device (an importedDeviceIdentity), so a
// phone handed out from the depot is marked corporate-owned when it enrols. Which identifier
// and details an asset gets is intune-identity.ts; the Graph calls are intune-graph.ts.
//
// Intune holds only the identifier and a description, so the mapped fields are the identifier
// (IMEI or serial) and, through the description, manufacturer, model and (on an IMEI
// identity) the serial. Nothing is pulled: Intune never changes these itself.
import type { Asset } from '../../../../common/models/asset.ts';
import type { IntuneConfig, SyncValues } from '../../../../common/models/sync.ts';
import type { RemoteRecord, StateConnector, SyncIo, SyncLink } from '../../connector.ts';
import { SyncError } from '../../sync-error.ts';
import { IntuneGraph, sameIdentity, type GraphIdentity, type IdentityKey } from './intune-graph.ts';
import { intuneDevice, valuesOfIdentity, type IdentityType, type IntuneDevice } from './intune-identity.ts';
import { IntuneToken } from './intune-token.ts';

/** Devices named in one searchExistingIdentities request by prepareBatch (Graph documents no limit). */
const SEARCH_CHUNK = 100;

export interface IntuneConnectorOptions {
  config: IntuneConfig;
  /** The token source; by default one on `config.loginUrl` with its own SyncHttp. */
  token?: IntuneToken;
}

function keyOf(key: IdentityKey): string {
  return `${key.type}:${key.identifier.toUpperCase()}`;
}

function record(identity: GraphIdentity): RemoteRecord {
  if (!identity.id)
    throw new SyncError('bad_response', 'Graph answered an imported device identity without its id');
  return {
    remoteId: identity.id,
    values: valuesOfIdentity(
      identity.importedDeviceIdentityType as IdentityType,
      identity.importedDeviceIdentifier,
      identity.description ?? null,
    ),
    updatedAt: identity.lastModifiedDateTime ?? null,
  };
}

export class IntuneConnector implements StateConnector {
  readonly mode = 'state' as const;
  readonly fields = ['imei', 'serial', 'manufacturer', 'model'] as const;
  readonly remoteOnly = [] as const;
  readonly #config: IntuneConfig;
  readonly #graph: IntuneGraph;
  /** Search results of the last prepareBatch, by identity key; null = Intune has none. Used once. */
  readonly #prepared = new Map<string, GraphIdentity | null>();

  constructor(options: IntuneConnectorOptions) {
    this.#config = options.config;
    this.#graph = new IntuneGraph(options.token ?? new IntuneToken(options.config));
  }

  /** The asset's values as Intune can hold them (details shortened to 128 characters, periods out of serials). */
  localValues(asset: Asset): SyncValues {
    return intuneDevice(asset).values;
  }

  /**
   * Found by the asset's current identifier, linked or not: an identity is its identifier, so
   * a device that gained an IMEI since its last sync is declared anew under it.
   */
  async read(asset: Asset, _link: SyncLink | null, io: SyncIo): Promise<RemoteRecord | null> {
    const device = intuneDevice(asset);
    // An identifier Intune cannot hold was never imported; `write` says why.
    if (device.problem) return null;
    const key = keyOf(device);
    if (this.#prepared.has(key)) {
      const found = this.#prepared.get(key) ?? null;
      this.#prepared.delete(key);
      return found ? record(found) : null;
    }
    const found = (await this.#graph.search(io, [device])).find((identity) => sameIdentity(identity, device));
    return found ? record(found) : null;
  }

  /** Searches a batch's devices a hundred at a time instead of one request per asset. */
  async prepareBatch(assets: readonly Asset[], io: SyncIo): Promise<void> {
    this.#prepared.clear();
    const devices = assets.map(intuneDevice).filter((device) => !device.problem);
    for (let start = 0; start < devices.length; start += SEARCH_CHUNK) {
      const chunk = devices.slice(start, start + SEARCH_CHUNK);
      const found = await this.#graph.search(io, chunk);
      for (const device of chunk) {
        this.#prepared.set(keyOf(device), found.find((identity) => sameIdentity(identity, device)) ?? null);
      }
    }
  }

  /**
   * Imports the device. A new identity is imported without overwrite, so one that someone
   * declared in the meantime is refused rather than clobbered (the next read finds and links
   * it); an identity read a moment ago is updated with overwrite.
   */
  async write(
    asset: Asset,
    remote: RemoteRecord | null,
    _changes: SyncValues,
    io: SyncIo,
  ): Promise<RemoteRecord> {
    const device = intuneDevice(asset);
    if (device.problem)
      throw new SyncError('rejected', `Intune cannot declare this device: ${device.problem}`);
    const result = await this.#graph.importOne(io, device, remote !== null);
    if (!result) {
      throw new SyncError(
        'bad_response',
        `Graph's importDeviceIdentityList answer does not mention ${label(device)}`,
      );
    }
    if (result.status === false) {
      throw new SyncError(
        'rejected',
        `Intune did not import ${label(device)}: importDeviceIdentityList answered status false for it` +
          (remote === null ? ' (is it already declared with other details?)' : ''),
      );
    }
    if (result.id) return record(result);
    // Documented results carry the id; should one not, look the identity up rather than guess.
    const found = (await this.#graph.search(io, [device])).find((identity) => sameIdentity(identity, device));
    if (!found) throw new SyncError('bad_response', `Intune accepted ${label(device)} but cannot find it`);
    return record(found);
  }

  async check(io: SyncIo): Promise<string> {
    const listed = await this.#graph.listOne(io);
    return (
      `Signed in to tenant ${this.#config.tenantId} as app ${this.#config.clientId}; ` +
      `corporate device identifiers are readable (${listed.length === 0 ? 'none declared yet' : 'some declared'})`
    );
  }
}

function label(device: IntuneDevice): string {
  return `${device.type === 'imei' ? 'IMEI' : 'serial'} ${device.identifier}`;
}

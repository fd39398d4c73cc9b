// The Snipe-IT connector against the Snipe-IT double: one double per test, the connector's
// own HTTP client (createSnipeItHttp, unpaced), one clock shared by both sides so tests can
// step over the index's freshness window, and the worker's merge to decide what to write.
import { afterEach } from 'vitest';
import type { Asset } from '../../../../../../electron/common/models/asset.ts';
import type { SnipeItConfig } from '../../../../../../electron/common/models/sync.ts';
import type {
  RemoteRecord,
  StateConnector,
  SyncIo,
  SyncLink,
} from '../../../../../../electron/core/sync/connector.ts';
import {
  createSnipeItConnector,
  createSnipeItHttp,
} from '../../../../../../electron/core/sync/connectors/snipeit/snipeit-connector.ts';
import { mergeThreeWay } from '../../../../../../electron/core/sync/three-way.ts';
import { sampleAsset } from '../../../../../support/sample-asset.ts';
import {
  startSnipeItDouble,
  type SnipeItDouble,
  type SnipeItDoubleOptions,
} from '../../../../../support/snipeit/index.ts';

export const TOKEN_SECRET = 'snipeit.token';

export interface Bench {
  double: SnipeItDouble;
  config: SnipeItConfig;
  connector: StateConnector;
  io: SyncIo;
  /** Moves the clock of both the connector and the double. */
  advance(ms: number): void;
  /** read → merge → write when there is something to push, as the worker does; the new link. */
  sync(
    asset: Asset,
    link: SyncLink | null,
  ): Promise<{ record: RemoteRecord; link: SyncLink; wrote: boolean }>;
  /** Requests the double saw since the last `clear`, as "METHOD /path". */
  seen(): string[];
  clear(): void;
}

const running: SnipeItDouble[] = [];
afterEach(async () => {
  await Promise.all(running.splice(0).map((double) => double.stop()));
});

export async function startBench(
  options: { double?: SnipeItDoubleOptions; config?: Partial<SnipeItConfig>; token?: string | null } = {},
): Promise<Bench> {
  let now = Date.parse('2026-11-28T10:00:00.000Z');
  const double = await startSnipeItDouble({ throttlePerMinute: 0, clock: () => now, ...options.double });
  running.push(double);
  const store = double.store;
  const modelId = (name: string) => store.models.all().find((model) => model.name === name)!.id;
  const labelId = (name: string) => store.statusLabels.all().find((label) => label.name === name)!.id;
  const column = (name: string) => store.fields.all().find((field) => field.name === name)!.dbColumn;
  const config: SnipeItConfig = {
    baseUrl: double.url,
    tokenSecret: TOKEN_SECRET,
    ratePerMinute: 60_000,
    attemptsBeforeDeadLetter: 8,
    models: { 'Pixel 8': modelId('Pixel 8'), 'Galaxy XCover7': modelId('Galaxy XCover7') },
    statusLabels: {
      received: labelId('Pending'),
      in_stock: labelId('Ready to Deploy'),
      staged: labelId('Ready to Deploy'),
      issued: labelId('Ready to Deploy'),
      retired: labelId('Archived'),
    },
    customFields: {
      imei: column('IMEI'),
      osVersion: column('OS Version'),
      stagingProfile: column('Staging Profile'),
    },
    fieldPolicies: {},
    ...options.config,
  };
  const connector = createSnipeItConnector(config);
  const token = options.token === undefined ? double.token : options.token;
  const io: SyncIo = {
    http: createSnipeItHttp(config, { timeoutMs: 5_000 }),
    secret: (name) => (name === TOKEN_SECRET && token !== null ? token : undefined),
    signal: new AbortController().signal,
    now: () => new Date(now),
  };
  const sync: Bench['sync'] = async (asset, link) => {
    const remote = await connector.read(asset, link, io);
    const merge = mergeThreeWay({
      fields: connector.fields,
      remoteOnly: connector.remoteOnly,
      local: connector.localValues(asset),
      remote: remote?.values ?? null,
      base: link?.base ?? null,
      policies: {},
    });
    const wrote = remote === null || Object.keys(merge.push).length > 0;
    const record = wrote ? await connector.write(asset, remote, merge.push, io) : remote;
    const next = {
      remoteId: record.remoteId,
      base: merge.base,
      remoteUpdatedAt: record.updatedAt,
      syncedAt: '',
    };
    return { record, link: next, wrote };
  };
  return {
    double,
    config,
    connector,
    io,
    advance: (ms) => {
      now += ms;
    },
    sync,
    seen: () => double.requests.all().map((request) => `${request.method} ${request.apiPath}`),
    clear: () => double.requests.clear(),
  };
}

/** A local Pixel 8 with the given serial (and tag), in stock, nobody holding it. */
export function pixel(serial: string, overrides: Partial<Asset> = {}): Asset {
  return sampleAsset({
    serial,
    assetTag: `TAG-${serial}`,
    manufacturer: 'Google',
    model: 'Pixel 8',
    state: 'in_stock',
    assignee: null,
    ...overrides,
  });
}

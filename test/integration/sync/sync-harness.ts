// A real core (in this process, on a real SQLite file) syncing to the Snipe-IT double over
// real HTTP on 127.0.0.1, and the checks every scenario ends with: the remote holds exactly
// one asset per serial, its fields equal the local record, and the audit log shows the syncs.
import { expect } from 'vitest';
import { randomBytes } from 'node:crypto';
import { createCore, type Core } from '../../../electron/core/core.ts';
import type { RequestInput, RequestName, RequestOutput } from '../../../electron/common/contract/index.ts';
import type { Asset } from '../../../electron/common/models/asset.ts';
import type { ConnectorView } from '../../../electron/common/models/sync.ts';
import {
  startSnipeItDouble,
  type SnipeItDouble,
  type SnipeItDoubleOptions,
} from '../../support/snipeit/index.ts';

export const CONNECTOR_ID = 'snipe';
export const TOKEN_SECRET = 'snipeit.token';

export interface SyncBench {
  double: SnipeItDouble;
  core: Core;
  dataDir: string;
  secretsKey: string;
  call: <N extends RequestName>(name: N, input: RequestInput<N>) => Promise<RequestOutput<N>>;
  connector: () => Promise<ConnectorView>;
  /** Resolves once nothing is queued or in flight (dead letters aside). */
  drained(timeoutMs?: number): Promise<ConnectorView>;
  close(): Promise<void>;
}

export interface SyncBenchOptions {
  double?: SnipeItDoubleOptions;
  dataDir: string;
  /** Snipe-IT's allowance the connector plans for; high by default so tests are not paced. */
  ratePerMinute?: number;
  policies?: Record<string, 'local' | 'remote' | 'ask'>;
  /** Reuse a running double (a restarted core). */
  reuseDouble?: SnipeItDouble;
  secretsKey?: string;
  /** The connector's attempts before a dead letter (its own default when not given). */
  maxAttempts?: number;
  requestTimeoutMs?: number;
  /** false: set up and inspect only, send nothing (like a one-shot CLI request). */
  runSync?: boolean;
}

/** Short backoffs so a scenario's retries take milliseconds; the outage itself stays real time. */
const FAST_BACKOFF = { baseMs: 50, capMs: 500 };

export async function startSyncBench(options: SyncBenchOptions): Promise<SyncBench> {
  const double =
    options.reuseDouble ?? (await startSnipeItDouble({ throttlePerMinute: 0, ...options.double }));
  const secretsKey = options.secretsKey ?? randomBytes(32).toString('hex');
  const core = createCore({
    dataDir: options.dataDir,
    frontDoor: 'station',
    log: () => {},
    secrets: { env: { DEPOTLINE_SECRETS_KEY: secretsKey }, keyring: false },
    runSync: options.runSync ?? true,
    syncWorker: {
      idlePollMs: 50,
      itemBackoff: FAST_BACKOFF,
      connectorBackoff: FAST_BACKOFF,
      requestTimeoutMs: options.requestTimeoutMs ?? 2_000,
    },
  });
  const call = async <N extends RequestName>(name: N, input: RequestInput<N>): Promise<RequestOutput<N>> => {
    const result = await core.dispatch(name, input);
    if (!result.ok) throw new Error(`${name}: ${result.error.message}`);
    return result.value as RequestOutput<N>;
  };
  await core.context.sync.start();
  const connector = async () =>
    (await call('sync.overview', {})).connectors.find((c) => c.id === CONNECTOR_ID)!;
  if (!options.reuseDouble || !core.context.sync.overview().connectors.some((c) => c.id === CONNECTOR_ID)) {
    await configureSnipeIt(call, double, options);
  }
  return {
    double,
    core,
    dataDir: options.dataDir,
    secretsKey,
    call,
    connector,
    async drained(timeoutMs = 20_000) {
      const until = Date.now() + timeoutMs;
      for (;;) {
        const view = await connector();
        if (view.queueDepth === 0 && view.state !== 'syncing') return view;
        if (Date.now() > until) throw new Error(`not drained after ${timeoutMs} ms: ${JSON.stringify(view)}`);
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
    },
    async close() {
      await core.context.sync.close();
      core.close();
      if (!options.reuseDouble) await double.stop();
    },
  };
}

type Call = SyncBench['call'];

/** Models, status labels and custom fields mapped by id, as the setup screen would suggest. */
async function configureSnipeIt(call: Call, double: SnipeItDouble, options: SyncBenchOptions): Promise<void> {
  const store = double.store;
  const modelId = (name: string) => store.models.all().find((model) => model.name === name)!.id;
  const labelId = (name: string) => store.statusLabels.all().find((label) => label.name === name)!.id;
  const column = (name: string) => store.fields.all().find((field) => field.name === name)!.dbColumn;
  const ready = labelId('Ready to Deploy');
  await call('sync.connectors.save', {
    id: CONNECTOR_ID,
    name: 'Snipe-IT',
    connector: {
      kind: 'snipeit',
      config: {
        baseUrl: double.url,
        tokenSecret: TOKEN_SECRET,
        ratePerMinute: options.ratePerMinute ?? 100_000,
        ...(options.maxAttempts ? { attemptsBeforeDeadLetter: options.maxAttempts } : {}),
        models: {
          'Pixel 8': modelId('Pixel 8'),
          'Galaxy XCover7': modelId('Galaxy XCover7'),
          'iPhone 15': modelId('iPhone 15'),
        },
        statusLabels: {
          received: labelId('Pending'),
          in_stock: ready,
          staging: labelId('Pending'),
          staged: ready,
          issued: ready,
          returned: labelId('Pending'),
          retired: labelId('Archived'),
        },
        customFields: {
          imei: column('IMEI'),
          osVersion: column('OS Version'),
          stagingProfile: column('Staging Profile'),
        },
        fieldPolicies: options.policies ?? {},
      },
    },
    secretValues: { [TOKEN_SECRET]: double.token },
  });
}

const MODELS = ['Pixel 8', 'Galaxy XCover7', 'iPhone 15'] as const;

/** IMEIs with a valid Luhn digit, distinct per index. */
export function imeiFor(index: number): string {
  const body = `35${String(index).padStart(12, '0')}`;
  let sum = 0;
  for (let i = 0; i < body.length; i += 1) {
    let digit = Number(body[body.length - 1 - i]);
    if (i % 2 === 0) {
      digit *= 2;
      if (digit > 9) digit -= 9;
    }
    sum += digit;
  }
  return `${body}${(10 - (sum % 10)) % 10}`;
}

/** `first` numbers the IMEIs, so batches made with different prefixes need different `first`s. */
export async function createAssets(call: Call, count: number, prefix = 'SN', first = 0): Promise<Asset[]> {
  const created: Asset[] = [];
  for (let i = 0; i < count; i += 1) {
    const model = MODELS[i % MODELS.length]!;
    created.push(
      await call('assets.create', {
        fields: {
          serial: `${prefix}${String(i).padStart(5, '0')}`,
          platform: model === 'iPhone 15' ? 'ios' : 'android',
          manufacturer: model === 'iPhone 15' ? 'Apple' : model === 'Pixel 8' ? 'Google' : 'Samsung',
          model,
          osVersion: model === 'iPhone 15' ? '18.1' : '15',
          imeis: [imeiFor(first + i)],
          assetTag: `TAG-${prefix}-${i}`,
        },
      }),
    );
  }
  return created;
}

/** The end of every scenario: one remote asset per serial, fields equal, each change audited as synced. */
export async function expectRemoteMirrorsLocal(bench: Pick<SyncBench, 'double' | 'call'>): Promise<void> {
  const { items } = await bench.call('assets.list', { limit: 500 });
  expect(items.length).toBeGreaterThan(0);
  const bySerial = bench.double.assetsBySerial();
  expect(bench.double.duplicateSerials()).toEqual([]);
  const store = bench.double.store;
  const imeiColumn = store.fields.all().find((field) => field.name === 'IMEI')!.dbColumn;
  const osColumn = store.fields.all().find((field) => field.name === 'OS Version')!.dbColumn;
  for (const asset of items) {
    const remote = bySerial.get(asset.serial.toUpperCase()) ?? [];
    expect(remote, `remote assets with serial ${asset.serial}`).toHaveLength(1);
    const [record] = remote;
    expect({
      serial: record!.serial,
      assetTag: record!.assetTag,
      model: store.models.get(record!.modelId)?.name,
      imei: record!.custom[imeiColumn] ?? null,
      osVersion: record!.custom[osColumn] ?? null,
      notes: record!.notes ?? '',
    }).toEqual({
      serial: asset.serial,
      assetTag: asset.assetTag,
      model: asset.model,
      imei: asset.imeis[0] ?? null,
      osVersion: asset.osVersion,
      notes: asset.notes,
    });
  }
  const audit = await bench.call('audit.list', { limit: 500 });
  const synced = new Set(
    audit.entries.filter((entry) => entry.action === 'sync.delivered').map((entry) => entry.subject),
  );
  for (const asset of items)
    expect(synced.has(`asset:${asset.id}`), `audit shows asset ${asset.id} synced`).toBe(true);
}

// `npm run bench -- sync [--changes N] [--throttled-minutes M] [--full]`
//
// 10,000 asset changes drained through the outbox to the Snipe-IT double over real HTTP:
//  1. not throttled: N new assets (created in Snipe-IT), then the same N assets edited
//     (updated): requests per change and changes per second;
//  2. throttled at Snipe-IT's default 120 requests a minute, the connector configured for
//     120: N changes queued, drained for M minutes (default 3; --full drains all, which at
//     120/min takes N/120 minutes): the share of the allowed rate used, and 429s received.
// Goals (issue #7): ≥ 95 % of the allowed rate used when throttled, ≤ 1.2 requests per change
// when not, zero duplicates.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir, loadavg } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { parseArgs } from 'node:util';
import { createCore, type Core } from '../../electron/core/core.ts';
import type { RequestInput, RequestName, RequestOutput } from '../../electron/common/contract/index.ts';
import { startSnipeItDouble, type SnipeItDouble } from '../support/snipeit/index.ts';
import { printBenchResult, type BenchResult } from './report.ts';

const { values } = parseArgs({
  options: {
    changes: { type: 'string', default: '10000' },
    'throttled-minutes': { type: 'string', default: '3' },
    full: { type: 'boolean', default: false },
  },
});
const CHANGES = Number(values.changes);
const THROTTLE = 120;
const line = (text: string) => process.stdout.write(`${text}\n`);

interface Rig {
  double: SnipeItDouble;
  core: Core;
  dataDir: string;
  call: <N extends RequestName>(name: N, input: RequestInput<N>) => Promise<RequestOutput<N>>;
  close: () => Promise<void>;
}

async function rig(throttlePerMinute: number, ratePerMinute: number): Promise<Rig> {
  const double = await startSnipeItDouble({ throttlePerMinute });
  const dataDir = mkdtempSync(join(tmpdir(), 'depotline-bench-sync-'));
  const key = randomBytes(32).toString('hex');
  const core = createCore({
    dataDir,
    frontDoor: 'station',
    log: () => {},
    secrets: { env: { DEPOTLINE_SECRETS_KEY: key }, keyring: false },
    syncWorker: { idlePollMs: 50 },
  });
  const call = async <N extends RequestName>(name: N, input: RequestInput<N>) => {
    const result = await core.dispatch(name, input);
    if (!result.ok) throw new Error(`${name}: ${result.error.message}`);
    return result.value as RequestOutput<N>;
  };
  await core.context.sync.start();
  const store = double.store;
  const id = <T extends { id: number; name: string }>(rows: T[], name: string) =>
    rows.find((row) => row.name === name)!.id;
  const ready = id(store.statusLabels.all(), 'Ready to Deploy');
  const column = (name: string) => store.fields.all().find((field) => field.name === name)!.dbColumn;
  // Paused while the changes are queued, so the drain is measured from a full queue.
  await call('sync.connectors.save', {
    id: 'snipe',
    name: 'Snipe-IT',
    connector: {
      kind: 'snipeit',
      config: {
        baseUrl: double.url,
        tokenSecret: 'snipeit.token',
        ratePerMinute,
        models: { 'Pixel 8': id(store.models.all(), 'Pixel 8') },
        statusLabels: { in_stock: ready, staged: ready },
        customFields: { imei: column('IMEI'), osVersion: column('OS Version') },
        fieldPolicies: {},
      },
    },
    secretValues: { 'snipeit.token': double.token },
  });
  await call('sync.connectors.pause', { id: 'snipe' });
  return {
    double,
    core,
    dataDir,
    call,
    async close() {
      await core.context.sync.close();
      core.close();
      await double.stop();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** N assets in one transaction: the outbox fills with N items at the moment it commits. */
function createAssets(core: Core, count: number, offset = 0): number[] {
  const { db, assets, settings } = core.context;
  const who = settings.who();
  return db.transaction(() =>
    Array.from({ length: count }, (_, i) => {
      const n = offset + i;
      return assets.create(
        {
          fields: {
            serial: `BENCH${String(n).padStart(7, '0')}`,
            platform: 'android',
            manufacturer: 'Google',
            model: 'Pixel 8',
            osVersion: '15',
            assetTag: `BT-${n}`,
          },
        },
        who,
      ).id;
    }),
  )();
}

function editAssets(core: Core, ids: readonly number[]): void {
  const { db, assets, settings } = core.context;
  const who = settings.who();
  db.transaction(() => {
    for (const id of ids) assets.update(id, { osVersion: '16' }, who);
  })();
}

async function drain(r: Rig, deadline = Infinity): Promise<{ ms: number; pending: number }> {
  const started = performance.now();
  await r.call('sync.connectors.resume', { id: 'snipe' });
  for (;;) {
    const view = r.core.context.sync.view('snipe');
    if ((view.queueDepth === 0 && view.state !== 'syncing') || performance.now() - started > deadline)
      return { ms: performance.now() - started, pending: view.queueDepth };
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

async function unthrottled(
  figures: Record<string, number>,
): Promise<{ perChange: number; duplicates: number }> {
  const r = await rig(0, 100_000);
  try {
    const ids = createAssets(r.core, CHANGES);
    r.double.requests.clear();
    const created = await drain(r);
    const createRequests = r.double.requests.count();
    await r.call('sync.connectors.pause', { id: 'snipe' });
    editAssets(r.core, ids);
    r.double.requests.clear();
    const updated = await drain(r);
    const updateRequests = r.double.requests.count();
    const duplicates = r.double.duplicateSerials().length;
    const remote = r.double.assets().length;
    figures['unthrottled create: changes'] = CHANGES;
    figures['unthrottled create: seconds'] = created.ms / 1000;
    figures['unthrottled create: changes per second'] = CHANGES / (created.ms / 1000);
    figures['unthrottled create: requests per change'] = createRequests / CHANGES;
    figures['unthrottled update: seconds'] = updated.ms / 1000;
    figures['unthrottled update: changes per second'] = CHANGES / (updated.ms / 1000);
    figures['unthrottled update: requests per change'] = updateRequests / CHANGES;
    figures['remote assets'] = remote;
    figures['duplicate serials'] = duplicates;
    return {
      perChange: (createRequests + updateRequests) / (2 * CHANGES),
      duplicates: duplicates + (remote === CHANGES ? 0 : 1),
    };
  } finally {
    await r.close();
  }
}

async function throttled(
  figures: Record<string, number>,
): Promise<{ utilisation: number; duplicates: number }> {
  const r = await rig(THROTTLE, THROTTLE);
  try {
    createAssets(r.core, CHANGES);
    r.double.requests.clear();
    const minutes = values.full ? Infinity : Number(values['throttled-minutes']);
    const result = await drain(r, minutes * 60_000);
    await r.call('sync.connectors.pause', { id: 'snipe' });
    const all = r.double.requests.all();
    const accepted = all.filter((request) => request.status !== 429).length;
    const throttledCount = all.length - accepted;
    // The double counts fixed one-minute windows from the first request, as Laravel does.
    const windows = Math.max(1, result.ms / 60_000);
    const utilisation = accepted / (THROTTLE * windows);
    const delivered = CHANGES - result.pending;
    figures['throttled: minutes measured'] = result.ms / 60_000;
    figures['throttled: requests accepted'] = accepted;
    figures['throttled: 429 answers'] = throttledCount;
    figures['throttled: changes delivered'] = delivered;
    figures['throttled: requests per change'] = delivered > 0 ? accepted / delivered : 0;
    figures['throttled: minutes for all (projected)'] =
      delivered > 0 ? (result.ms / 60_000) * (CHANGES / delivered) : 0;
    return { utilisation, duplicates: r.double.duplicateSerials().length };
  } finally {
    await r.close();
  }
}

const figures: Record<string, number> = {};
line(
  `sync bench: ${CHANGES} changes; load average ${loadavg()
    .map((n) => n.toFixed(2))
    .join(' ')}`,
);
const free = await unthrottled(figures);
const limited = await throttled(figures);
figures['load average at end (1 min)'] = loadavg()[0]!;
const result: BenchResult = {
  bench: 'sync',
  figures,
  ratios: {
    'throttled: used ÷ allowed rate': limited.utilisation,
    // A read before every write is the naive baseline: 2 requests per change.
    'unthrottled: requests per change ÷ read-then-write (2)': free.perChange / 2,
  },
  goals: {
    utilisation: {
      description: '≥ 95 % of the allowed rate used when throttled',
      met: limited.utilisation >= 0.95,
    },
    requests: { description: '≤ 1.2 requests per change when not throttled', met: free.perChange <= 1.2 },
    duplicates: { description: 'zero duplicates', met: free.duplicates === 0 && limited.duplicates === 0 },
  },
};
printBenchResult(result);

import { randomUUID } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { createCore, type Core } from '../../../../electron/core/core.ts';
import type { RequestInput, RequestName, RequestOutput } from '../../../../electron/common/contract/index.ts';
import type { ContractError } from '../../../../electron/common/contract/errors.ts';
import {
  ErasureFactsSchema,
  type ErasureFacts,
} from '../../../../electron/common/models/erasure-certificate.ts';
import type { BenchRow } from '../../../../electron/common/models/repair.ts';
import type { RepairOptions } from '../../../../electron/core/repair/create-repair.ts';
import { FakeRepairDevices } from './fake-repair-devices.ts';

/** Short enough for tests, long enough that a test plugs the device back before it runs out. */
export const TEST_TIMINGS = { returnTimeoutMs: 5_000, goneGraceMs: 300, pollMs: 5 };

/**
 * A core on a real database in `dir` with a fake device layer, through the contract. The
 * certificate port checks the facts against the certificate model and writes a JSON file, so
 * the record's hash is of a real file; `certificates` holds every facts object it was given.
 */
export function repairCore(
  dir: string,
  options: { devices?: FakeRepairDevices; repair?: Partial<RepairOptions> } = {},
) {
  const devices = options.devices ?? new FakeRepairDevices();
  const certificates: ErasureFacts[] = [];
  const issueCertificate: RepairOptions['issueCertificate'] = (facts) => {
    const parsed = ErasureFactsSchema.parse(facts);
    certificates.push(parsed);
    const id = randomUUID();
    const folder = join(dir, 'test-certificates');
    mkdirSync(folder, { recursive: true });
    const jsonPath = join(folder, `${id}.json`);
    writeFileSync(jsonPath, JSON.stringify({ id, issuedAt: new Date().toISOString(), ...parsed }));
    return Promise.resolve({ id, jsonPath, pdfPath: join(folder, `${id}.pdf`) });
  };
  const events: BenchRow[][] = [];
  const core: Core = createCore({
    dataDir: dir,
    frontDoor: 'cli',
    log: () => {},
    repair: { devices, issueCertificate, timings: TEST_TIMINGS, ...options.repair },
  });
  core.bus.subscribe((name, payload) => {
    if (name === 'repair.changed') events.push(payload as BenchRow[]);
  });

  async function ok<N extends RequestName>(name: N, input: RequestInput<N>): Promise<RequestOutput<N>> {
    const result = await core.dispatch(name, input);
    if (!result.ok) throw new Error(`${name} failed: ${result.error.message}`);
    return result.value as RequestOutput<N>;
  }
  async function refused<N extends RequestName>(name: N, input: RequestInput<N>): Promise<ContractError> {
    const result = await core.dispatch(name, input);
    if (result.ok) throw new Error(`${name} succeeded: ${JSON.stringify(result.value).slice(0, 300)}`);
    return result.error;
  }
  /** The asset's bench row once `done` holds for it (a wipe job runs in the background). */
  async function until(
    assetId: number,
    done: (row: BenchRow) => boolean,
    timeoutMs = 4_000,
  ): Promise<BenchRow> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const row = core.context.repair.rowOf(assetId);
      if (done(row)) return row;
      if (Date.now() > deadline)
        throw new Error(
          `bench row never got there: ${JSON.stringify({ nextStep: row.nextStep, job: row.job })}`,
        );
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
  }
  /** Audit entries of an asset, oldest first. */
  const auditOf = (assetId: number) =>
    core.context.audit.list({ subject: `asset:${assetId}`, limit: 500 }).entries.reverse();
  const android = (serial: string, extra: Partial<RequestInput<'assets.create'>['fields']> = {}) => ({
    serial,
    manufacturer: 'Samsung',
    platform: 'android' as const,
    model: 'Galaxy XCover7',
    osVersion: '14',
    ...extra,
  });
  return { core, devices, certificates, events, ok, refused, until, auditOf, android };
}

/** Valid IMEIs (Luhn). */
export const IMEI = { a: '356938035643809', b: '356938035643817', c: '490154203237518' } as const;

// `depotline sync intune-export` as a child process, on a registry filled through the contract.
import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { partPath } from '../../../../../../electron/cli/commands/sync-intune-export.ts';
import { useTempDirs } from '../../../../../helpers/temp-dir.ts';
import { IMEI, registryCore } from '../../../assets/registry-fixture.ts';

const tempDir = useTempDirs();

function depotline(dataDir: string, ...args: string[]) {
  return spawnSync(process.execPath, ['scripts/depotline.mjs', ...args, '--data-dir', dataDir], {
    encoding: 'utf8',
    timeout: 60_000,
  });
}

describe('depotline sync intune-export', { timeout: 120_000 }, () => {
  it('names each file after the identifier type to pick when uploading it', () => {
    expect(partPath('/x/devices.csv', { type: 'imei', part: 1 })).toBe('/x/devices-imei.csv');
    expect(partPath('/x/devices.csv', { type: 'serialNumber', part: 2 })).toBe('/x/devices-serial-2.csv');
    expect(partPath('/x/devices', { type: 'imei', part: 1 })).toBe('/x/devices-imei.csv');
  });

  it('writes the IMEI and serial files, lists what it skipped and exits 2 for it', async () => {
    const dataDir = tempDir();
    const { core, ok, device } = registryCore(dataDir);
    await ok('assets.create', { fields: device('R58N1001', { imeis: [IMEI.a] }) });
    await ok('assets.create', { fields: device('R58N1002') });
    await ok('assets.create', {
      fields: device('F2L.XK1234', {
        platform: 'ios',
        manufacturer: 'Apple',
        model: 'iPhone 15',
        imeis: [IMEI.b],
      }),
    });
    await ok('assets.create', { fields: device('ABC 123') });
    await ok('assets.create', { fields: device('R58N1003', { imeis: [IMEI.c] }), state: 'retired' });
    core.close();

    const out = tempDir();
    const result = depotline(
      dataDir,
      'sync',
      'intune-export',
      '--out',
      join(out, 'devices.csv'),
      '--state',
      'in_stock',
    );
    expect(result.stderr).toBe('');
    expect(result.status).toBe(2);
    expect(readdirSync(out).sort()).toEqual(['devices-imei.csv', 'devices-serial.csv']);
    expect(readFileSync(join(out, 'devices-imei.csv'), 'utf8')).toBe(
      `${IMEI.a},Samsung | Galaxy XCover7 | R58N1001\n`,
    );
    expect(readFileSync(join(out, 'devices-serial.csv'), 'utf8')).toBe(
      'R58N1002,Samsung | Galaxy XCover7\nF2LXK1234,Apple | iPhone 15\n',
    );
    expect(result.stdout).toMatch(/devices-imei\.csv: 1 devices — upload with identifier type "IMEI"/);
    expect(result.stdout).toMatch(/skipped asset \d+ \(ABC 123\): serial "ABC 123" has a space/);

    const json = depotline(dataDir, 'sync', 'intune-export', '--out', join(out, 'all.csv'), '--json');
    const report = JSON.parse(json.stdout) as { files: { type: string; rows: number }[]; skipped: unknown[] };
    expect(report.files.map((file) => [file.type, file.rows])).toEqual([
      ['imei', 2],
      ['serialNumber', 2],
    ]);
    expect(report.skipped).toHaveLength(1);
  });
});

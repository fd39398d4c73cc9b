import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { useTempDirs } from '../../helpers/temp-dir.ts';
import { createDepotCa } from '../../../electron/core/certificates/station-certificates.ts';

const tempDir = useTempDirs();
const CLI = 'scripts/depotline.mjs';
const SAMPLE = 'resources/samples/erasure-certificate-sample.json';
const SAMPLE_CA = 'resources/samples/sample-depot-ca.crt.pem';

/** Runs the command as a person would, with a home and data folder that do not exist. */
function verify(args: string[]) {
  const home = join(tempDir(), 'no-home');
  const result = spawnSync(process.execPath, [CLI, 'verify-certificate', ...args], {
    encoding: 'utf8',
    env: {
      ...process.env,
      HOME: home,
      XDG_CONFIG_HOME: join(home, '.config'),
      DEPOTLINE_DATA_DIR: join(home, 'data'),
    },
    timeout: 20_000,
  });
  expect(existsSync(home)).toBe(false); // it opened no data folder and created nothing
  return result;
}

async function copyOfSample(change: (json: string) => string): Promise<string> {
  const path = join(tempDir(), 'copy.json');
  await writeFile(path, change(await readFile(SAMPLE, 'utf8')));
  return path;
}

describe('depotline verify-certificate', () => {
  it('exits 0 on the committed sample, and says what it certifies', () => {
    const result = verify([SAMPLE]);
    expect(result.status).toBe(0);
    expect(result.stdout).toMatch(/^VALID erasure certificate: Apple iPhone 13, serial F17XK2LMPLJM/);
    expect(result.stdout).toMatch(/Purge \(cryptographic erase\)/);
    expect(result.stdout).toMatch(/not checked against a depot CA/);
    const withCa = verify([SAMPLE, '--ca', SAMPLE_CA]);
    expect(withCa.status).toBe(0);
    expect(withCa.stdout).toMatch(/depot CA Depotline Sample Depot CA issued/);
  });

  it('exits 3 with one line when one character of the serial was changed', async () => {
    const result = verify([await copyOfSample((json) => json.replace('"F17XK2LMPLJM"', '"F17XK2LMPLJN"'))]);
    expect(result.status).toBe(3);
    expect(result.stdout).toBe(
      'INVALID: The content was changed after it was signed: none of it can be trusted.\n',
    );
  });

  it('exits 2 on a truncated file, a missing file and an unknown schema version', async () => {
    const truncated = verify([await copyOfSample((json) => json.slice(0, 900))]);
    expect([truncated.status, truncated.stdout]).toEqual([
      2,
      expect.stringMatching(/^UNREADABLE: .*truncated/),
    ]);
    const missing = verify([join(tempDir(), 'nope.json')]);
    expect(missing.status).toBe(2);
    expect(missing.stderr).toMatch(/cannot read certificate .*nope\.json/);
    const v9 = verify([
      await copyOfSample((json) => json.replace('erasure-certificate/v1', 'erasure-certificate/v9')),
    ]);
    expect(v9.status).toBe(2);
    expect(v9.stdout).toMatch(/Unknown certificate format/);
  });

  it('with --ca of another depot: exits 3, signed by an unknown key', async () => {
    const other = await createDepotCa({ commonName: 'Another Depot CA' });
    const caPath = join(tempDir(), 'other-ca.pem');
    await writeFile(caPath, other.certificatePem);
    const result = verify([SAMPLE, '--ca', caPath]);
    expect(result.status).toBe(3);
    expect(result.stdout).toMatch(/^INVALID: Signed by an unknown key/);
  });

  it('exits 2 when the --ca file is not a certificate', () => {
    const result = verify([SAMPLE, '--ca', SAMPLE]);
    expect(result.status).toBe(2);
    expect(result.stderr).toMatch(/not a usable CA certificate/);
  });

  it('--json prints the outcome and the document', () => {
    const result = verify([SAMPLE, '--json']);
    expect(result.status).toBe(0);
    const outcome = JSON.parse(result.stdout) as { kind: string; document: { id: string } };
    expect(outcome).toMatchObject({
      kind: 'valid',
      document: { id: '0e7d4c1a-5b2f-4c8e-9a6d-3f1b2e4c5d6a' },
    });
  });
});

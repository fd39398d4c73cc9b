import { readdir, readFile } from 'node:fs/promises';
import { join, relative, sep } from 'node:path';
import { describe, expect, it } from 'vitest';
import { useTempDirs } from '../../../helpers/temp-dir.ts';
import {
  certificatesFolder,
  listErasureCertificates,
  safeFileStem,
  writeCertificateFiles,
} from '../../../../electron/core/certificates/certificate-files.ts';
import { issueErasureCertificate } from '../../../../electron/core/certificates/issue-certificate.ts';
import { CertificateRefused } from '../../../../electron/core/certificates/sign-certificate.ts';
import { loadStationSigner } from '../../../../electron/core/certificates/station-signing-key.ts';
import { androidFacts, ISSUED_AT } from './erasure-facts.ts';

const tempDir = useTempDirs();
const HOSTILE = [
  '../../etc/x',
  '..\\..\\windows\\x',
  'CON',
  'con.txt',
  'LPT1',
  '/abs/path',
  '.hidden',
  '..',
  'a'.repeat(5000),
  'b'.repeat(200),
  'Ærlig ☃ 手机',
  '\0nul',
];

/** Every file under `root`, as paths relative to it. */
async function filesUnder(root: string): Promise<string[]> {
  const entries = await readdir(root, { recursive: true, withFileTypes: true });
  return entries.filter((e) => e.isFile()).map((e) => relative(root, join(e.parentPath, e.name)));
}

describe('certificate files', () => {
  it('safe stems: no separators, no leading dot, no Windows device name, bounded, never empty', () => {
    for (const name of HOSTILE) {
      const stem = safeFileStem(name);
      expect(stem).toMatch(/^[A-Za-z0-9_][A-Za-z0-9._-]{0,59}$/);
      expect(stem).not.toMatch(/^(con|prn|aux|nul|com\d|lpt\d)(\.|$)/i);
      expect(stem).not.toContain('..');
    }
    expect(safeFileStem('../../etc/x')).toBe('etc_x');
    expect(safeFileStem('CON')).toBe('_CON');
    expect(safeFileStem('..')).toBe('unnamed');
  });

  it('refuses to write a stem that is not safe, and never replaces an existing certificate', async () => {
    const folder = tempDir();
    for (const stem of ['../x', 'a/b', '.x', 'CON', ''])
      await expect(writeCertificateFiles(folder, stem, '{}', Buffer.from('%PDF-'))).rejects.toThrow(
        /not a safe/,
      );
    await writeCertificateFiles(folder, 'one', '{"a":1}', Buffer.from('%PDF-1'));
    await expect(writeCertificateFiles(folder, 'one', '{"a":2}', Buffer.from('%PDF-2'))).rejects.toThrow(
      /EEXIST/,
    );
    expect(await readFile(join(folder, 'one.json'), 'utf8')).toBe('{"a":1}');
    expect((await filesUnder(folder)).sort()).toEqual(['one.json', 'one.pdf']);
  });

  it('hostile asset tags and serials stay inside the asset folder', async () => {
    const dataDir = tempDir();
    await loadStationSigner({ dataDir, stationName: 'Bench 2', now: ISSUED_AT }); // one key for all
    const folder = certificatesFolder(dataDir, 42);
    for (const name of HOSTILE) {
      const facts = androidFacts();
      const serialOk = name.length <= 200 && name.trim() !== '';
      const device = { ...facts.device, assetTag: null, serial: serialOk ? name.trim() : 'SERIAL' };
      const tagged = {
        ...facts.device,
        assetTag: name.length <= 64 && name.trim() !== '' ? name.trim() : 'TAG',
      };
      for (const d of [device, tagged]) {
        const issued = await issueErasureCertificate({
          dataDir,
          facts: { ...facts, device: d },
          now: ISSUED_AT,
        });
        for (const path of [issued.jsonPath, issued.pdfPath])
          expect(relative(folder, path).split(sep)).toHaveLength(1);
      }
    }
    const all = await filesUnder(dataDir);
    expect(all.some((path) => path.includes(`erasure-${'b'.repeat(60)}-2025-03-04-`))).toBe(true);
    expect(
      all.every(
        (path) => path.startsWith(`keys${sep}`) || path.startsWith(join('certificates', 'asset-42') + sep),
      ),
    ).toBe(true);
    expect(all.filter((path) => path.endsWith('.json') && path.startsWith('certificates'))).toHaveLength(
      HOSTILE.length * 2,
    );
  });

  it('issues, stores with the asset and lists a certificate (verified again when listed)', async () => {
    const dataDir = tempDir();
    const issued = await issueErasureCertificate({ dataDir, facts: androidFacts(), now: ISSUED_AT });
    expect(issued.jsonPath).toBe(
      join(
        dataDir,
        'certificates',
        'asset-42',
        `erasure-DL-00042-2025-03-04-${issued.document.id.slice(0, 8)}.json`,
      ),
    );
    expect(await readFile(issued.jsonPath, 'utf8')).toBe(issued.json);
    expect(await readFile(issued.pdfPath)).toEqual(issued.pdfBytes);
    const listed = await listErasureCertificates(dataDir, 42);
    expect(listed).toEqual([
      {
        jsonPath: issued.jsonPath,
        pdfPath: issued.pdfPath,
        outcome: expect.objectContaining({ kind: 'valid' }),
      },
    ]);
    expect(await listErasureCertificates(dataDir, 7)).toEqual([]);
  });

  it('refused facts write nothing', async () => {
    const dataDir = tempDir();
    const failed = androidFacts({
      verification: {
        method: 'device readback',
        result: 'failed',
        checks: [{ name: 'x', expected: '0', observed: '1', passed: false }],
        note: null,
      },
    });
    await expect(issueErasureCertificate({ dataDir, facts: failed, now: ISSUED_AT })).rejects.toBeInstanceOf(
      CertificateRefused,
    );
    expect(await filesUnder(dataDir)).toEqual([]);
  });
});

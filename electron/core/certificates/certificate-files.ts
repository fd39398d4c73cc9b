// Where certificates live: `<dataDir>/certificates/asset-<id>/<stem>.json` and `.pdf`, one
// folder per asset so the asset's page lists its own. File names are built from the asset tag
// or serial, which come from devices, imports and people, so they are reduced to a safe
// alphabet first: no separators, no "..", no Windows device names, bounded length. Whatever the
// input, the files land in the asset's folder, and an existing certificate is never replaced.
import { link, mkdir, readdir, readFile, unlink, writeFile } from 'node:fs/promises';
import { basename, dirname, join, resolve } from 'node:path';
import type { ErasureCertificate } from '../../common/models/erasure-certificate.ts';
import {
  verifyErasureCertificate,
  type CertificateOutcome,
  type VerifyOptions,
} from './verify-certificate.ts';

const MAX_STEM_PART = 60;
/** What safeFileStem and certificateFileStem produce; anything else is refused on write. */
const SAFE_STEM = /^(?!\.)[A-Za-z0-9._-]{1,150}$/;
/** Names Windows reserves in every folder, with or without an extension. */
const WINDOWS_DEVICE_NAME = /^(con|prn|aux|nul|com[0-9¹²³]|lpt[0-9¹²³])(\..*)?$/i;

/** A file name part from untrusted text: [A-Za-z0-9._-] only, no leading dot, never empty. */
export function safeFileStem(text: string): string {
  let stem = text
    .normalize('NFKD')
    .replace(/[^A-Za-z0-9._-]+/g, '_')
    .replace(/\.{2,}/g, '_')
    .replace(/^[._-]+|[._-]+$/g, '');
  stem = stem.slice(0, MAX_STEM_PART).replace(/[._-]+$/, '');
  if (stem === '') return 'unnamed';
  return WINDOWS_DEVICE_NAME.test(stem) ? `_${stem}` : stem;
}

export function certificatesFolder(dataDir: string, assetId: number): string {
  if (!Number.isSafeInteger(assetId) || assetId <= 0) throw new Error(`not an asset id: ${assetId}`);
  return join(resolve(dataDir), 'certificates', `asset-${assetId}`);
}

/** erasure-<tag or serial>-<issue date>-<first 8 of the id>: sorts by device, then by date. */
export function certificateFileStem(document: ErasureCertificate): string {
  const name = safeFileStem(document.device.assetTag ?? document.device.serial);
  return `erasure-${name}-${document.issuedAt.slice(0, 10)}-${document.id.slice(0, 8)}`;
}

export interface WrittenCertificate {
  jsonPath: string;
  pdfPath: string;
}

export async function writeCertificateFiles(
  folder: string,
  stem: string,
  json: string,
  pdf: Buffer,
): Promise<WrittenCertificate> {
  if (!SAFE_STEM.test(stem) || WINDOWS_DEVICE_NAME.test(stem))
    throw new Error(`not a safe file name: ${JSON.stringify(stem)}`);
  const target = resolve(folder);
  const jsonPath = join(target, `${stem}.json`);
  const pdfPath = join(target, `${stem}.pdf`);
  // Belt and braces: the stem is already safe, but a file outside the folder is never written.
  for (const path of [jsonPath, pdfPath])
    if (dirname(path) !== target) throw new Error(`refusing to write outside ${target}: ${path}`);
  await mkdir(target, { recursive: true });
  // The JSON last: a listed certificate always has its PDF beside it.
  await writeNew(pdfPath, pdf);
  await writeNew(jsonPath, json);
  return { jsonPath, pdfPath };
}

/** Writes under a temporary name, then links it in: atomic, and fails if the name is taken. */
async function writeNew(path: string, content: string | Buffer): Promise<void> {
  const partial = `${path}.partial-${process.pid}`;
  await writeFile(partial, content);
  try {
    await link(partial, path);
  } finally {
    await unlink(partial);
  }
}

export interface ListedCertificate {
  jsonPath: string;
  pdfPath: string | null;
  outcome: CertificateOutcome;
}

/** The asset's certificates, each verified again, in name order (device, then issue date). */
export async function listErasureCertificates(
  dataDir: string,
  assetId: number,
  options: VerifyOptions = {},
): Promise<ListedCertificate[]> {
  const folder = certificatesFolder(dataDir, assetId);
  let names: string[];
  try {
    names = await readdir(folder);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw error;
  }
  const listed: ListedCertificate[] = [];
  for (const name of names.filter((file) => file.endsWith('.json')).sort()) {
    const jsonPath = join(folder, name);
    const pdfName = `${basename(name, '.json')}.pdf`;
    listed.push({
      jsonPath,
      pdfPath: names.includes(pdfName) ? join(folder, pdfName) : null,
      outcome: verifyErasureCertificate(await readFile(jsonPath), options),
    });
  }
  return listed;
}

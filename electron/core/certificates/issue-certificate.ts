// The one call the repair flow makes when a wipe has finished:
//
//   const { document, jsonPath, pdfPath, pdfBytes } =
//     await issueErasureCertificate({ dataDir, facts });
//
// `facts` is an ErasureFacts (common/models/erasure-certificate.ts): the device as read before
// the wipe, how its storage was encrypted, the technique, start and end, the readback checks,
// station, technician and destination. Depotline adds the Clear/Purge method, the tool and its
// version, an id and the time of issue; signs the document with the station key (created on
// first use, issued by the depot CA when one is configured: station-signing-key.ts); checks the
// signed document verifies; and writes `<dataDir>/certificates/asset-<id>/<stem>.json` + `.pdf`.
// Facts that do not certify a sanitization (a failed readback, a technique for the other
// platform, …) throw CertificateRefused with the reason, and nothing is written.
import { randomUUID } from 'node:crypto';
import type { ErasureCertificate } from '../../common/models/erasure-certificate.ts';
import { readPackageVersion } from '../app-version.ts';
import { erasureCertificatePdf } from './certificate-pdf.ts';
import { certificateFileStem, certificatesFolder, writeCertificateFiles } from './certificate-files.ts';
import { buildErasureCertificate, certificateJson, signErasureCertificate } from './sign-certificate.ts';
import { loadStationSigner, type StationKeyOptions } from './station-signing-key.ts';
import { verifyErasureCertificate } from './verify-certificate.ts';

export { CertificateRefused } from './sign-certificate.ts';

export interface IssueRequest {
  dataDir: string;
  /** An ErasureFacts; validated here, so the caller may pass what it assembled. */
  facts: unknown;
  /** Depot CA files elsewhere than `<dataDir>/keys/depot-ca.{key,crt}.pem`. */
  caPaths?: StationKeyOptions['caPaths'];
  /** For tests and the sample: the time of issue (default now) and the id (default random). */
  now?: Date;
  id?: string;
}

export interface IssuedCertificate {
  document: ErasureCertificate;
  /** The JSON file's exact text. */
  json: string;
  jsonPath: string;
  pdfPath: string;
  pdfBytes: Buffer;
}

/** Builds, signs, self-checks and renders a certificate, writing nothing but the station key. */
export async function prepareErasureCertificate(
  request: Omit<IssueRequest, 'dataDir'> & { keyDataDir: string; jsonFileName?: string },
): Promise<Omit<IssuedCertificate, 'jsonPath' | 'pdfPath'> & { stem: string }> {
  const now = request.now ?? new Date();
  const body = buildErasureCertificate(request.facts, {
    id: request.id ?? randomUUID(),
    issuedAt: now.toISOString(),
    toolVersion: readPackageVersion(),
  });
  const signer = await loadStationSigner({
    dataDir: request.keyDataDir,
    stationName: body.station.name,
    caPaths: request.caPaths,
    now,
  });
  const document = signErasureCertificate(body, signer);
  const json = certificateJson(document);
  // What is handed out must pass the same check anyone else will run on it.
  const check = verifyErasureCertificate(json, { trustedCaPems: signer.chainPem.slice(-1) });
  if (check.kind !== 'valid') throw new Error(`the signed certificate does not verify: ${check.message}`);
  const stem = certificateFileStem(document);
  const pdfBytes = await erasureCertificatePdf(document, request.jsonFileName ?? `${stem}.json`);
  return { document, json, pdfBytes, stem };
}

export async function issueErasureCertificate(request: IssueRequest): Promise<IssuedCertificate> {
  const prepared = await prepareErasureCertificate({ ...request, keyDataDir: request.dataDir });
  const folder = certificatesFolder(request.dataDir, prepared.document.assetId);
  const written = await writeCertificateFiles(folder, prepared.stem, prepared.json, prepared.pdfBytes);
  return {
    document: prepared.document,
    json: prepared.json,
    jsonPath: written.jsonPath,
    pdfPath: written.pdfPath,
    pdfBytes: prepared.pdfBytes,
  };
}

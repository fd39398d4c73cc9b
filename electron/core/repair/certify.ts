// After a wipe: the facts the certificate module certifies, its issue, and the record kept with
// the asset. The certificate module decides Clear or Purge and signs; this side says only what
// happened. A certificate is issued for a wipe verified by readback, or for an unverified one the
// technician confirmed (it then says "not verified by device readback"); never for a failed one.
import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import type {
  ErasureFacts,
  SanitizationTechnique,
  StorageEncryption,
} from '../../common/models/erasure-certificate.ts';
import type { WipeMethodName } from '../../common/models/repair.ts';
import type { RepairJobRow } from '../store/repair-queries.ts';
import type { RepairDeps } from './repair-deps.ts';
import type { ExpectedDevice, VerificationCheck } from './readback-checks.ts';

const TECHNIQUE: Record<WipeMethodName, SanitizationTechnique> = {
  'android-testharness': 'factory reset via cmd testharness',
  'android-device-owner': 'factory reset via device owner',
  'android-recovery': 'recovery wipe (guided)',
  'ios-erase-device': 'MCInstall EraseDevice (cryptographic erase)',
};

/**
 * iOS encrypts user data with Data Protection from first boot. The device layer does not report
 * how an Android phone's storage is encrypted, so Android is certified as "unknown", which the
 * certificate module rates no higher than Clear.
 */
const encryptionOf = (platform: 'android' | 'ios'): StorageEncryption =>
  platform === 'ios' ? 'iOS Data Protection' : 'unknown';

/** The person whose data the device held: its last holder (handovers undone as mistakes aside). */
function mediaSource(deps: RepairDeps, assetId: number): string | null {
  const held = deps.assets.assignments.ofAsset(assetId).filter((row) => row.end_reason !== 'undone');
  return held.at(-1)?.person_name ?? null;
}

export function erasureFacts(deps: RepairDeps, job: RepairJobRow): ErasureFacts {
  const expected = JSON.parse(job.expected) as ExpectedDevice;
  const settings = deps.settings.get();
  const verified = job.phase === 'verified';
  const unverifiedNote = [
    job.confirmed_by ? `Wipe confirmed by ${job.confirmed_by}: ${job.confirm_note ?? ''}` : null,
    job.message,
  ]
    .filter((part) => part)
    .join(' ');
  return {
    assetId: job.asset_id,
    device: { ...expected, model: expected.model || 'unknown model' },
    media: { encryption: encryptionOf(job.platform), source: mediaSource(deps, job.asset_id) },
    technique: TECHNIQUE[job.method as WipeMethodName],
    startedAt: job.started_at,
    finishedAt: job.finished_at ?? job.updated_at,
    verification: verified
      ? {
          method: 'device readback',
          result: 'passed',
          checks: JSON.parse(job.checks) as VerificationCheck[],
          note: null,
        }
      : {
          method: 'none',
          result: 'not verified by device readback',
          checks: [],
          note: unverifiedNote.slice(0, 2000) || null,
        },
    station: {
      name: deps.stationName(),
      location: settings.stationLocation || null,
      contact: settings.stationContact || null,
    },
    technician: { name: job.actor, title: null },
    destination: job.destination as ErasureFacts['destination'],
  };
}

/**
 * Issues the certificate of a verified or confirmed wipe and records it with the asset (audited).
 * A failure is kept on the job for the technician (repair.certify tries again) and never undoes
 * the wipe. One issue per job at a time; a job that has its certificate is left alone.
 */
export class Certifier {
  readonly #deps: RepairDeps;
  readonly #busy = new Set<number>();

  constructor(deps: RepairDeps) {
    this.#deps = deps;
  }

  async certify(jobId: number): Promise<void> {
    if (this.#busy.has(jobId)) return;
    this.#busy.add(jobId);
    try {
      await this.#certify(jobId);
    } finally {
      this.#busy.delete(jobId);
    }
  }

  async #certify(jobId: number): Promise<void> {
    const deps = this.#deps;
    const job = deps.queries.job(jobId);
    if (!job || deps.queries.certificateOfJob(jobId)) return;
    const certifiable =
      job.phase === 'verified' || (job.phase === 'not_verified' && job.confirmed_at !== null);
    if (!certifiable) return;
    let issued: { id: string; jsonPath: string; pdfPath: string; json: Buffer };
    try {
      const paths = await deps.issueCertificate(erasureFacts(deps, job));
      issued = { ...paths, json: await readFile(paths.jsonPath) };
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      deps.log(`erasure certificate for repair job ${jobId} not issued: ${message}`);
      deps.queries.setCertificateError(jobId, `The erasure certificate could not be issued: ${message}`);
      deps.changed(job.asset_id);
      return;
    }
    const parsed = JSON.parse(issued.json.toString('utf8')) as { issuedAt?: unknown };
    const verification = job.phase === 'verified' ? 'passed' : 'not verified by device readback';
    const sha256 = createHash('sha256').update(issued.json).digest('hex');
    deps.db
      .transaction(() => {
        deps.queries.insertCertificate({
          id: issued.id,
          asset_id: job.asset_id,
          job_id: job.id,
          issued_at: typeof parsed.issuedAt === 'string' ? parsed.issuedAt : deps.now().toISOString(),
          verification,
          json_path: issued.jsonPath,
          pdf_path: issued.pdfPath,
          sha256,
        });
        deps.queries.setCertificateError(job.id, null);
        deps.audit.append({
          actor: job.actor,
          station: job.station,
          action: 'repair.certificate_issued',
          subject: `asset:${job.asset_id}`,
          details: {
            certificateId: issued.id,
            jobId: job.id,
            verification,
            sha256,
            jsonPath: issued.jsonPath,
          },
        });
      })
      .immediate();
    deps.changed(job.asset_id);
  }
}

// The repair bench's one entry point for the handlers: each request's rules live in their own
// module (intake, blockers, wipe-start, wipe-runner, certify, grading); this class holds the
// running jobs, ends and confirms them, and builds the bench rows the contract returns.
import type { Asset } from '../../common/models/asset.ts';
import type {
  BenchRow,
  BlockerCode,
  CertificateCheck,
  CertificateFileFormat,
  CertificateRecord,
  RepairSettings,
  WipeMethodName,
} from '../../common/models/repair.ts';
import type { CertificateRow, IntakeRow, RepairJobRow } from '../store/repair-queries.ts';
import { readFile } from 'node:fs/promises';
import { basename, extname } from 'node:path';
import type { GeneratedFile } from '../../common/models/asset-import.ts';
import { CoreError } from '../core-error.ts';
import { safeFileStem } from '../certificates/certificate-files.ts';
import { verifyErasureCertificate } from '../certificates/verify-certificate.ts';
import type { RepairDeps } from './repair-deps.ts';
import type { WipeSupport } from './repair-device.ts';
import { takeIn, type IntakeInput } from './intake.ts';
import { checkBlockers, override } from './blockers.ts';
import { startWipe, type WipeRequest } from './wipe-start.ts';
import { WipeRunner } from './wipe-runner.ts';
import { Certifier } from './certify.ts';
import { diagnose, grade, release } from './grading.ts';
import { openIntakeOf, pluggedDevice } from './bench-access.ts';
import { benchRow, onBench, toCertificate } from './repair-views.ts';

export class RepairService {
  readonly #deps: RepairDeps;
  readonly #certifier: Certifier;
  readonly #runner: WipeRunner;

  constructor(deps: RepairDeps) {
    this.#deps = deps;
    this.#certifier = new Certifier(deps);
    this.#runner = new WipeRunner(deps, this.#certifier);
  }

  /** Follows every wipe a previous run left unfinished, and issues certificates it left unissued. */
  resume(): number {
    const jobs = this.#deps.queries.unfinishedJobs();
    for (const job of jobs) this.#runner.launch(job.id, false);
    for (const job of this.#deps.queries.uncertified())
      void this.#certifier
        .certify(job.id)
        .catch((error: unknown) => this.#deps.log(`certificate of repair job ${job.id}: ${String(error)}`));
    return jobs.length;
  }

  /** Stops following jobs; they stay unfinished for the next start. */
  stop(): void {
    this.#runner.stop();
  }

  /** Resolves when no job is being followed (tests, orderly shutdown). */
  idle(): Promise<void> {
    return this.#runner.idle();
  }

  intake(input: IntakeInput): { registered: boolean; row: BenchRow } {
    const { assetId, registered } = takeIn(this.#deps, input);
    this.#deps.changed(assetId);
    return { registered, row: this.rowOf(assetId) };
  }

  async checkBlockers(assetId: number): Promise<BenchRow> {
    await checkBlockers(this.#deps, assetId);
    return this.#changed(assetId);
  }

  override(assetId: number, code: BlockerCode, reason: string): BenchRow {
    override(this.#deps, assetId, code, reason);
    return this.#changed(assetId);
  }

  async wipeMethods(
    assetId: number,
  ): Promise<{ methods: WipeSupport[]; defaultMethod: WipeMethodName | null }> {
    const { row } = openIntakeOf(this.#deps, assetId);
    // Only the fields the contract knows, whatever else a device layer adds.
    const methods = (await pluggedDevice(this.#deps, row).wipeSupport()).map(
      ({ method, supported, reason, instructions }): WipeSupport => ({
        method,
        supported,
        ...(reason === undefined ? {} : { reason }),
        ...(instructions === undefined ? {} : { instructions }),
      }),
    );
    const platform = row.platform as Asset['platform'];
    return { methods, defaultMethod: this.#deps.settings.get().defaultWipeMethod[platform] };
  }

  async wipe(request: WipeRequest): Promise<BenchRow> {
    const jobId = await startWipe(this.#deps, request);
    this.#runner.launch(jobId, true);
    return this.#changed(request.assetId);
  }

  /**
   * The technician stops waiting for a device (a guided wipe done on the device, or a device that
   * will not come back on USB): the job ends not verified by device readback, audited. The asset
   * is not wiped until the technician confirms it (confirmWipe).
   */
  stopWaiting(jobId: number, note: string): BenchRow {
    const who = this.#deps.who();
    const job = this.#job(jobId);
    if (job.finished_at !== null)
      throw new CoreError('conflict', `Wipe job ${jobId} already ended (${job.phase.replaceAll('_', ' ')}).`);
    if (job.phase === 'device_back' || (job.phase === 'started' && this.#runner.isRunning(jobId)))
      throw new CoreError(
        'conflict',
        job.phase === 'started'
          ? 'The wipe is being sent to the device; wait until it has taken it.'
          : 'The device is back and being read; wait a moment for the result.',
      );
    const at = this.#deps.now().toISOString();
    this.#deps.db
      .transaction(() => {
        const message =
          `${who.actor} stopped waiting for the device${note ? ` (${note})` : ''}: ` +
          'the wipe is not verified by device readback. Confirm it if the device shows its setup screen.';
        if (!this.#deps.queries.setPhase({ id: jobId, phase: 'not_verified', message, at, finished_at: at }))
          throw new CoreError('conflict', `Wipe job ${jobId} ended meanwhile.`);
        this.#deps.audit.append({
          ...who,
          action: 'repair.wipe_stopped',
          subject: `asset:${job.asset_id}`,
          details: { jobId, phase: job.phase, note },
        });
      })
      .immediate();
    this.#runner.abort(jobId);
    return this.#changed(job.asset_id);
  }

  /**
   * A wipe that could not be verified by readback, confirmed by the technician (audited): the
   * asset becomes wiped and the certificate says "not verified by device readback". Only the
   * latest job of the open intake can be confirmed.
   */
  async confirmWipe(jobId: number, note: string): Promise<BenchRow> {
    const who = this.#deps.who();
    const job = this.#job(jobId);
    this.#deps.db
      .transaction(() => {
        const { row, intake } = openIntakeOf(this.#deps, job.asset_id);
        if (job.phase !== 'not_verified' || job.confirmed_at !== null)
          throw new CoreError(
            'conflict',
            job.confirmed_at !== null
              ? `Wipe job ${jobId} was already confirmed by ${job.confirmed_by ?? 'someone'}.`
              : `Only a wipe that could not be verified is confirmed; job ${jobId} is ${job.phase.replaceAll('_', ' ')}.`,
          );
        if (this.#deps.queries.latestJobOfIntake(intake.id)?.id !== jobId)
          throw new CoreError('conflict', `Wipe job ${jobId} is not this device's latest wipe.`);
        const at = this.#deps.now().toISOString();
        this.#deps.queries.confirmJob({ id: jobId, by: who.actor, at, note });
        this.#deps.assets.moveState(row, 'wiped', who, {
          reason: 'wipe confirmed by the technician; not verified by device readback',
          jobId,
        });
        this.#deps.audit.append({
          ...who,
          action: 'repair.wipe_confirmed',
          subject: `asset:${row.id}`,
          details: { jobId, note, verification: 'not verified by device readback' },
        });
      })
      .immediate();
    this.#deps.changed(job.asset_id);
    await this.#certifier.certify(jobId);
    return this.rowOf(job.asset_id);
  }

  async certify(jobId: number): Promise<BenchRow> {
    const job = this.#job(jobId);
    const certifiable =
      job.phase === 'verified' || (job.phase === 'not_verified' && job.confirmed_at !== null);
    if (!certifiable)
      throw new CoreError(
        'conflict',
        `Wipe job ${jobId} is ${job.phase.replaceAll('_', ' ')}${job.phase === 'not_verified' ? ' and not confirmed' : ''}: there is nothing to certify.`,
      );
    await this.#certifier.certify(jobId);
    return this.rowOf(job.asset_id);
  }

  async diagnose(assetId: number): Promise<BenchRow> {
    await diagnose(this.#deps, assetId);
    return this.#changed(assetId);
  }

  grade(assetId: number, value: NonNullable<Asset['conditionGrade']>, note: string): BenchRow {
    grade(this.#deps, assetId, value, note);
    return this.#changed(assetId);
  }

  release(assetId: number): BenchRow {
    release(this.#deps, assetId);
    return this.#changed(assetId);
  }

  /**
   * The devices on the bench: open intakes of assets still being worked on that are plugged in,
   * have a wipe running, or wait for the technician (a wipe to confirm, a certificate to issue).
   * Scope "all": every open intake.
   */
  bench(scope: 'bench' | 'all'): BenchRow[] {
    const rows: BenchRow[] = [];
    for (const intake of this.#deps.queries.openIntakes()) {
      const row = this.#row(intake);
      if (!row || !onBench(row.asset)) continue;
      const waiting =
        row.nextStep === 'wiping' || row.nextStep === 'confirm_wipe' || row.nextStep === 'certify';
      if (scope === 'all' || row.plugged || waiting) rows.push(row);
    }
    return rows;
  }

  certificates(assetId: number): CertificateRecord[] {
    this.#deps.assets.row(assetId);
    return this.#deps.queries.certificatesOf(assetId).map(toCertificate);
  }

  /** A stored certificate's JSON or PDF, as the bytes on disk, under a safe file name. */
  async certificateFile(certificateId: string, format: CertificateFileFormat): Promise<GeneratedFile> {
    const row = this.#certificateRow(certificateId);
    const path = format === 'json' ? row.json_path : row.pdf_path;
    const bytes = await this.#readCertificate(path, certificateId);
    const stem = safeFileStem(basename(path, extname(path)));
    return {
      fileName: `${stem}.${format}`,
      contentType: format === 'json' ? 'application/json' : 'application/pdf',
      contentBase64: bytes.toString('base64'),
    };
  }

  /** Verifies a stored certificate from its JSON file as it is on disk now. */
  async verifyCertificate(certificateId: string): Promise<CertificateCheck> {
    const row = this.#certificateRow(certificateId);
    const outcome = verifyErasureCertificate(await this.#readCertificate(row.json_path, certificateId));
    return {
      certificateId,
      kind: outcome.kind,
      message: outcome.message,
      signer: outcome.kind === 'valid' ? outcome.signer : null,
    };
  }

  #certificateRow(certificateId: string): CertificateRow {
    const row = this.#deps.db
      .prepare<[string], CertificateRow>('SELECT * FROM erasure_certificates WHERE id = ?')
      .get(certificateId);
    if (!row) throw new CoreError('not_found', `No erasure certificate ${certificateId}.`);
    return row;
  }

  async #readCertificate(path: string, certificateId: string): Promise<Buffer> {
    try {
      return await readFile(path);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT')
        throw new CoreError(
          'not_found',
          `The file of erasure certificate ${certificateId} is no longer on disk (${basename(path)}).`,
        );
      throw error;
    }
  }

  settings(): RepairSettings {
    return this.#deps.settings.get();
  }

  setSettings(patch: Partial<RepairSettings>): RepairSettings {
    return this.#deps.settings.set(patch, this.#deps.who());
  }

  /** The bench row of the asset's latest intake. */
  rowOf(assetId: number): BenchRow {
    const intake = this.#deps.queries.latestIntakeOf(assetId);
    const row = intake ? this.#row(intake) : undefined;
    if (!row) throw new CoreError('not_found', `Asset ${assetId} was never taken in on the repair bench.`);
    return row;
  }

  #changed(assetId: number): BenchRow {
    this.#deps.changed(assetId);
    return this.rowOf(assetId);
  }

  #row(intake: IntakeRow): BenchRow | undefined {
    const { assets, queries, devices } = this.#deps;
    // A record merged away since intake has no row of its own any more.
    if (!assets.queries.byId(intake.asset_id)) return undefined;
    const asset = assets.get(intake.asset_id);
    const job = queries.latestJobOfIntake(intake.id);
    return benchRow({
      asset,
      intake,
      overrides: queries.overrides(intake.id),
      job,
      certificate: job ? queries.certificateOfJob(job.id) : undefined,
      plugged: devices.get(asset.serial) !== undefined,
    });
  }

  #job(jobId: number): RepairJobRow {
    const job = this.#deps.queries.job(jobId);
    if (!job) throw new CoreError('not_found', `There is no wipe job ${jobId}.`);
    return job;
  }
}

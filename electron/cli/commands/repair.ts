import type { Command } from 'commander';
import { dataDirFrom, dataDirOption } from '../options.ts';
import { printJson, requestInProcess } from '../in-process.ts';

interface RepairOptions {
  dataDir?: string;
  json?: boolean;
}

const words = (text: string) => text.replaceAll('_', ' ');

/**
 * Reading the repair bench from scripts: what is on it and each asset's erasure certificates.
 * The work itself (intake, wipes) happens at a bench with devices, in the window or the station.
 */
export function registerRepairCommand(program: Command): void {
  const repair = program
    .command('repair')
    .description('The repair bench: devices taken in and their erasure certificates.');

  repair
    .command('list')
    .description('Every device taken in on the repair bench and not released yet, with its next step.')
    .addOption(dataDirOption())
    .option('--json', 'print the bench rows as JSON')
    .action(async (options: RepairOptions) => {
      const rows = await requestInProcess(dataDirFrom(options), 'repair.bench', { scope: 'all' });
      if (options.json) return printJson(rows);
      for (const row of rows) {
        const { asset, intake, job } = row;
        process.stdout.write(
          `${String(asset.id).padStart(6)}  ${asset.assetTag ?? asset.serial}  ${asset.manufacturer} ${asset.model}  ` +
            `${words(asset.state)}  ${words(intake.reason)} since ${intake.at.slice(0, 10)}  ` +
            `wipe: ${job ? words(job.phase) : 'none'}  next: ${words(row.nextStep)}\n`,
        );
      }
      process.stdout.write(`${rows.length} device${rows.length === 1 ? '' : 's'} on the repair bench\n`);
    });

  repair
    .command('certificates')
    .description("An asset's erasure certificates, newest first (check one with verify-certificate).")
    .argument('<asset-id>', 'the asset id', (value) => Number(value))
    .addOption(dataDirOption())
    .option('--json', 'print the certificates as JSON')
    .action(async (assetId: number, options: RepairOptions) => {
      const certificates = await requestInProcess(dataDirFrom(options), 'repair.certificates', { assetId });
      if (options.json) return printJson(certificates);
      for (const certificate of certificates)
        process.stdout.write(
          `${certificate.issuedAt}  ${certificate.verification}  ${certificate.jsonPath}\n` +
            `  PDF ${certificate.pdfPath}\n  SHA-256 ${certificate.sha256}\n`,
        );
      if (certificates.length === 0) process.stdout.write(`Asset ${assetId} has no erasure certificate.\n`);
    });
}

import type { Command } from 'commander';
import { dataDirFrom, dataDirOption } from '../options.ts';
import { printJson, requestInProcess } from '../in-process.ts';

interface AuditOptions {
  dataDir?: string;
  json?: boolean;
}

export function registerAuditCommand(program: Command): void {
  const audit = program.command('audit').description('Read and verify the tamper-evident audit log.');

  audit
    .command('verify')
    .description('Recompute the hash chain; exit code 3 if any entry was altered or removed.')
    .addOption(dataDirOption())
    .option('--json', 'print the result as JSON')
    .action(async (options: AuditOptions) => {
      const result = await requestInProcess(dataDirFrom(options), 'audit.verify', {});
      if (options.json) printJson(result);
      else if (result.ok)
        process.stdout.write(
          `Audit chain intact: ${result.entries} entries, head ${result.headHash.slice(0, 16)}…\n`,
        );
      else process.stdout.write(`Audit chain BROKEN at entry ${result.brokenAtSeq}: ${result.message}\n`);
      if (!result.ok) process.exitCode = 3;
    });

  audit
    .command('list')
    .description('Print audit entries, newest first.')
    .addOption(dataDirOption())
    .option('--limit <n>', 'how many entries', (value) => Number(value), 50)
    .option('--subject <subject>', 'only entries about this subject, e.g. settings or asset:12')
    .option('--json', 'print the entries as JSON')
    .action(async (options: AuditOptions & { limit: number; subject?: string }) => {
      const { entries, total } = await requestInProcess(dataDirFrom(options), 'audit.list', {
        limit: options.limit,
        ...(options.subject ? { subject: options.subject } : {}),
      });
      if (options.json) return printJson({ entries, total });
      for (const entry of entries) {
        process.stdout.write(
          `${String(entry.seq).padStart(6)}  ${entry.at}  ${entry.station} / ${entry.actor}  ${entry.action}  ${entry.subject}  ${JSON.stringify(entry.details)}\n`,
        );
      }
      process.stdout.write(`${entries.length} of ${total} entries\n`);
    });
}

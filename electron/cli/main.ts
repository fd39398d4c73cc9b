// The `depotline` command: one program, one subcommand per file in ./commands.
import { Command, CommanderError } from 'commander';
import { registerServeCommand } from './commands/serve.ts';
import { registerAuditCommand } from './commands/audit.ts';
import { registerAssetsCommand } from './commands/assets.ts';
import { registerDevicesCommand } from './commands/devices.ts';
import { registerStageCommand } from './commands/stage.ts';
import { registerLabCommand } from './commands/lab.ts';
import { registerSecretsCommand } from './commands/secrets.ts';
import { registerSyncIntuneExportCommand } from './commands/sync-intune-export.ts';
import { registerSyncCommand } from './commands/sync.ts';
import { registerVerifyCertificateCommand } from './commands/verify-certificate.ts';
import { registerRepairCommand } from './commands/repair.ts';
import { readPackageVersion } from '../core/app-version.ts';

export function buildProgram(): Command {
  const program = new Command('depotline')
    .description('Fleet operations console for IT depots: stage, record, wipe and re-issue phones.')
    .version(readPackageVersion())
    .showHelpAfterError();
  registerServeCommand(program);
  registerAuditCommand(program);
  registerAssetsCommand(program);
  registerDevicesCommand(program);
  registerStageCommand(program);
  registerLabCommand(program);
  registerSecretsCommand(program);
  registerSyncCommand(program);
  registerSyncIntuneExportCommand(program);
  registerVerifyCertificateCommand(program);
  registerRepairCommand(program);
  return program;
}

export async function runCli(argv: string[]): Promise<number> {
  const program = buildProgram();
  program.exitOverride();
  try {
    await program.parseAsync(argv, { from: 'user' });
    return process.exitCode === undefined ? 0 : Number(process.exitCode);
  } catch (error) {
    if (error instanceof CommanderError) return error.exitCode;
    process.stderr.write(`depotline: ${error instanceof Error ? error.message : String(error)}\n`);
    return 1;
  }
}

// `depotline verify-certificate FILE [--ca CA.pem] [--json]`: checks an erasure certificate
// offline, with nothing but the file (and the depot CA's certificate when given). It opens no
// data folder and no database, so it runs on a fresh checkout or a buyer's laptop.
// Exit codes: 0 valid, 3 invalid (changed, wrong key, unknown CA, …), 2 unreadable.
import { readFile } from 'node:fs/promises';
import type { Command } from 'commander';
import {
  parseTrustedCas,
  verifyErasureCertificate,
  type CertificateOutcome,
} from '../../core/certificates/verify-certificate.ts';

const EXIT_INVALID = 3;
const EXIT_UNREADABLE = 2;

interface VerifyCertificateOptions {
  ca?: string;
  json?: boolean;
}

function exitCodeOf(outcome: CertificateOutcome): number {
  if (outcome.kind === 'valid') return 0;
  return outcome.kind === 'unreadable' || outcome.kind === 'unknown-schema' ? EXIT_UNREADABLE : EXIT_INVALID;
}

function summary(outcome: CertificateOutcome): string {
  if (outcome.kind !== 'valid')
    return `${exitCodeOf(outcome) === EXIT_UNREADABLE ? 'UNREADABLE' : 'INVALID'}: ${outcome.message}`;
  const { device, sanitization, issuedAt, station } = outcome.document;
  return [
    `VALID erasure certificate: ${device.manufacturer} ${device.model}, serial ${device.serial}`,
    `  ${sanitization.method === 'purge' ? 'Purge' : 'Clear'} (${sanitization.methodUsed}) by ${sanitization.technique}, issued ${issuedAt} at ${station.name}`,
    `  ${outcome.message}`,
  ].join('\n');
}

async function readOrFail(path: string, what: string): Promise<Buffer | null> {
  try {
    return await readFile(path);
  } catch (error) {
    process.stderr.write(`depotline: cannot read ${what} ${path}: ${(error as Error).message}\n`);
    process.exitCode = EXIT_UNREADABLE;
    return null;
  }
}

export function registerVerifyCertificateCommand(program: Command): void {
  program
    .command('verify-certificate')
    .description(
      'Check an erasure certificate (JSON): its signature, its content and, with --ca, that a depot CA issued its key. Exit 0 valid, 3 invalid, 2 unreadable.',
    )
    .argument('<file>', 'the certificate .json file')
    .option('--ca <pem>', 'the depot CA certificate (PEM) the station certificate must lead to')
    .option('--json', 'print the outcome (and the document when valid) as JSON')
    .action(async (file: string, options: VerifyCertificateOptions) => {
      let trustedCaPems: string[] | undefined;
      if (options.ca) {
        const caBytes = await readOrFail(options.ca, 'CA certificate');
        if (!caBytes) return;
        try {
          trustedCaPems = parseTrustedCas(caBytes.toString('utf8'));
        } catch (error) {
          process.stderr.write(
            `depotline: ${options.ca} is not a usable CA certificate: ${(error as Error).message}\n`,
          );
          process.exitCode = EXIT_UNREADABLE;
          return;
        }
      }
      const bytes = await readOrFail(file, 'certificate');
      if (!bytes) return;
      const outcome = verifyErasureCertificate(bytes, { trustedCaPems });
      if (options.json) process.stdout.write(`${JSON.stringify(outcome, null, 2)}\n`);
      else process.stdout.write(`${summary(outcome)}\n`);
      process.exitCode = exitCodeOf(outcome);
    });
}

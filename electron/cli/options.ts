import { Option } from 'commander';
import { resolveDataDir } from '../core/data-dir.ts';

/** --data-dir, shared by every subcommand that touches the store. */
export function dataDirOption(): Option {
  return new Option(
    '--data-dir <dir>',
    'station data folder (default: $DEPOTLINE_DATA_DIR, else the per-user app data folder)',
  );
}

export function dataDirFrom(options: { dataDir?: string }): string {
  return resolveDataDir(options.dataDir);
}

export function parsePort(value: string): number {
  const port = Number(value);
  if (!Number.isInteger(port) || port < 0 || port > 65535)
    throw new Error(`--port must be 0–65535, got "${value}"`);
  return port;
}

import { execFile } from 'node:child_process';
import type { AdbServerOptions } from './adb-client.ts';
import { parseAdbDevicesLong, type ListedDevice } from './parsers/adb-devices.ts';

/**
 * The adb command line, for what adbkit does not do well: `devices -l` (with USB paths; it
 * also starts the server when it is not running) and `connect`/`disconnect` of TCP devices.
 */
export class AdbCommandLine {
  readonly #options: AdbServerOptions;
  constructor(options: AdbServerOptions) {
    this.#options = options;
  }

  run(args: string[], timeoutMs = 15_000): Promise<{ code: number; stdout: string; stderr: string }> {
    return new Promise((resolve) => {
      execFile(
        this.#options.adbPath,
        ['-P', String(this.#options.port), ...args],
        { timeout: timeoutMs },
        (error, stdout, stderr) => {
          resolve({
            code: error ? (typeof error.code === 'number' ? error.code : 1) : 0,
            stdout,
            stderr: stderr || (error?.message ?? ''),
          });
        },
      );
    });
  }

  async devices(): Promise<ListedDevice[]> {
    const result = await this.run(['devices', '-l']);
    if (result.code !== 0) throw new Error(`adb devices failed: ${result.stderr.trim()}`);
    return parseAdbDevicesLong(result.stdout);
  }

  async connect(address: string): Promise<boolean> {
    const result = await this.run(['connect', address], 5_000);
    return result.code === 0 && /connected to/.test(result.stdout);
  }
}

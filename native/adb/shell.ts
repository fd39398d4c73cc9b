import type { AdbDeviceClient } from './adb-client.ts';
import { DeviceGoneError } from './android-driver.ts';

// adbkit speaks the v1 `shell:` service, which loses the exit code (device-protocols.md), so
// the command line carries its own: the last line printed is a marker with `$?`.
const MARKER = '__DEPOTLINE_RC=';

export interface ShellResult {
  /** stdout and stderr together: v1 shell does not separate them. */
  output: string;
  exitCode: number;
}

/** Runs one command line; fails as DeviceGoneError when the device is not there to answer. */
export async function runShell(device: AdbDeviceClient, serial: string, command: string, timeoutMs = 120_000): Promise<ShellResult> {
  const text = await withDeviceErrors(serial, async () => {
    const stream = await device.shell(`${command}; echo "${MARKER}$?"`);
    return readAllWithTimeout(stream, timeoutMs, () => stream.destroy());
  });
  const at = text.lastIndexOf(MARKER);
  if (at < 0) throw new DeviceGoneError(serial, `the reply to "${command.slice(0, 60)}" was cut off`);
  const exitCode = Number.parseInt(text.slice(at + MARKER.length), 10);
  return { output: text.slice(0, at).replace(/\r\n/g, '\n'), exitCode: Number.isNaN(exitCode) ? 255 : exitCode };
}

function readAllWithTimeout(stream: NodeJS.ReadableStream, timeoutMs: number, abort: () => void): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    const timer = setTimeout(() => {
      abort();
      reject(new Error(`no answer within ${Math.round(timeoutMs / 1000)} s`));
    }, timeoutMs);
    stream.on('data', (chunk: Buffer) => chunks.push(chunk));
    stream.on('error', (error: Error) => {
      clearTimeout(timer);
      reject(error);
    });
    stream.on('end', () => {
      clearTimeout(timer);
      resolve(Buffer.concat(chunks).toString('utf8'));
    });
  });
}

/** adbkit's ways of saying "that device is not there" become one error the engine waits on. */
export async function withDeviceErrors<T>(serial: string, work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    if (/device .*not found|device offline|device unauthorized|device still authorizing|ECONNRESET|ECONNREFUSED|EPIPE|closed|Premature end/i.test(message)) {
      throw new DeviceGoneError(serial, message);
    }
    throw error;
  }
}

/** Quotes one argument for the device's /system/bin/sh. */
export function shellQuote(value: string): string {
  return /^[\w@%+=:,./-]+$/.test(value) ? value : `'${value.replaceAll("'", `'\\''`)}'`;
}

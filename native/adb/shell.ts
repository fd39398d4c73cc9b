import type { AdbDeviceClient } from './adb-client.ts';
import { DeviceCommandError, DeviceGoneError } from './android-driver.ts';

// adbkit speaks the v1 `shell:` service, which loses the exit code (device-protocols.md), so
// the command line carries its own: the last line printed is a marker with `$?`.
const MARKER = '__DEPOTLINE_RC=';

export interface ShellResult {
  /** stdout and stderr together: v1 shell does not separate them. */
  output: string;
  exitCode: number;
}

/** Runs one command line; fails as DeviceGoneError when the device is not there to answer. */
export async function runShell(
  device: AdbDeviceClient,
  serial: string,
  command: string,
  timeoutMs = 120_000,
): Promise<ShellResult> {
  const text = await withDeviceErrors(serial, async () => {
    const stream = await device.shell(`${command}; echo "${MARKER}$?"`);
    return readAllWithTimeout(stream, timeoutMs, () => stream.destroy());
  });
  const at = text.lastIndexOf(MARKER);
  if (at < 0) throw new ReplyCutOffError(serial, command);
  const exitCode = Number.parseInt(text.slice(at + MARKER.length), 10);
  return {
    output: text.slice(0, at).replace(/\r\n/g, '\n'),
    exitCode: Number.isNaN(exitCode) ? 255 : exitCode,
  };
}

/**
 * A reply that ended before its exit status line: the link dropped mid-reply (a yank, a bad
 * cable), so staging waits for the device as for an unplugged one. The message does not claim
 * the device is gone, which it may not be (a device that cuts every reply short).
 */
export class ReplyCutOffError extends DeviceGoneError {
  constructor(serial: string, command: string) {
    super(serial, 'reply cut off');
    this.name = 'ReplyCutOffError';
    this.message = `${serial}: the reply to "${commandName(command)}" was cut off mid-way`;
  }
}

/** What a technician can recognise of a command line: its first real command (not a marker echo), no redirections. */
export function commandName(command: string): string {
  const first =
    command
      .split(';')
      .map((part) => part.trim())
      .find((part) => part !== '' && !part.startsWith('echo ')) ?? command;
  const name = first.replace(/\s*\d?>&?\d?\s*\S*$/, '').trim();
  return name.length > 60 ? `${name.slice(0, 57)}…` : name;
}

function readAllWithTimeout(
  stream: NodeJS.ReadableStream,
  timeoutMs: number,
  abort: () => void,
): Promise<string> {
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
    // Already classified (the device's own refusal, or gone): its words must not be re-read.
    if (error instanceof DeviceCommandError || error instanceof DeviceGoneError) throw error;
    const message = error instanceof Error ? error.message : String(error);
    if (
      /device .*not found|device offline|device unauthorized|device still authorizing|ECONNRESET|ECONNREFUSED|EPIPE|closed|Premature end/i.test(
        message,
      )
    ) {
      throw new DeviceGoneError(serial, message);
    }
    throw error;
  }
}

/** Quotes one argument for the device's /system/bin/sh. */
export function shellQuote(value: string): string {
  return /^[\w@%+=:,./-]+$/.test(value) ? value : `'${value.replaceAll("'", `'\\''`)}'`;
}

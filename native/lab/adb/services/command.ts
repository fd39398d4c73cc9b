// Runs one command line on the device model for a service (shell, shell_v2, exec,
// abb_exec) and reports its exit code. Services differ only in how they frame stdin and
// output, so that part is theirs; this is the part they share.
import type { AdbStream } from '../transport/stream.ts';
import type { VirtualAndroidDevice } from '../virtual-device-api.ts';
import { StdinQueue } from './stdin.ts';

export interface CommandOutput {
  stdout(chunk: Buffer): void;
  stderr(chunk: Buffer): void;
}

/** Stdin fed from raw WRTE payloads (shell v1, exec:, abb_exec:). */
export function rawStdin(stream: AdbStream): StdinQueue {
  const stdin = new StdinQueue();
  stream.onData((parts) => Promise.all(parts.map((part) => stdin.push(part))).then(() => undefined));
  stream.onClose(() => stdin.discard());
  return stdin;
}

export async function runCommand(
  device: VirtualAndroidDevice,
  commandLine: string,
  stdin: StdinQueue,
  signal: AbortSignal,
  output: CommandOutput,
): Promise<number> {
  const toBuffer = (chunk: Buffer | string) =>
    typeof chunk === 'string' ? Buffer.from(chunk, 'utf8') : chunk;
  try {
    return await device.runShell(commandLine, {
      stdout: (chunk) => output.stdout(toBuffer(chunk)),
      stderr: (chunk) => output.stderr(toBuffer(chunk)),
      stdin,
      signal,
    });
  } catch (error) {
    // A model bug must look like a failed command to the host, not kill the lab.
    output.stderr(Buffer.from(`lab: ${error instanceof Error ? error.message : String(error)}\n`));
    return 1;
  } finally {
    stdin.discard();
  }
}

/** Quotes an argument for /system/bin/sh unless it is plainly safe. */
export function shellQuote(arg: string): string {
  if (/^[A-Za-z0-9_@%+=:,./-]+$/.test(arg)) return arg;
  return `'${arg.replace(/'/g, `'\\''`)}'`;
}

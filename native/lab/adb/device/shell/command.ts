// The contract every device command module implements: argv in, text out, an exit code back.
import type { DeviceServices } from '../services.ts';

export interface CommandContext {
  /** argv[0] is the command name as typed (without a /system/bin/ prefix). */
  argv: string[];
  stdout: (chunk: Buffer | string) => void;
  stderr: (chunk: Buffer | string) => void;
  stdin: AsyncIterable<Buffer>;
  /** Aborted when the client goes away or the phone reboots. */
  signal: AbortSignal;
  device: DeviceServices;
  /** Runs another command line in the same shell (for `sh -c` and `cmd` aliases). */
  run(commandLine: string): Promise<number>;
}

export type Command = (ctx: CommandContext) => Promise<number> | number;

/** Reads the whole stdin; for commands that consume piped input (grep, cat without args). */
export async function readAll(stdin: AsyncIterable<Buffer>, signal: AbortSignal): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of stdin) {
    if (signal.aborted) break;
    chunks.push(chunk);
  }
  return Buffer.concat(chunks);
}

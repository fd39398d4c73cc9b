// The `lying` and `truncated` faults: the phone runs every command as usual (its state and
// its command log are true) but what it answers is corrupt, as with a broken ROM or a flaky
// cable. They wrap the device's shell rather than touching the device model, so no command
// needs to know about them; file transfers (sync) are left intact.
import type { LabAndroidDevice, ShellIO } from '../virtual-device-api.ts';
import type { Fault } from './faults.ts';

const DEFAULT_TRUNCATE_BYTES = 1024;
/** getprop's "[name]: [value]" line. getprop writes its whole listing in one chunk, so lines are never split here. */
const GETPROP_LINE = /^\[([^\]\n]*)\]: \[([^\n]*)\]$/gm;

type RunShell = LabAndroidDevice['runShell'];

/** The device itself when the fault does not corrupt replies, else the device with a corrupting shell. */
export function withReplyFault(device: LabAndroidDevice, fault: Fault | undefined): LabAndroidDevice {
  const runShell = faultyShell(device, fault);
  if (runShell === undefined) return device;
  return new Proxy(device, {
    get(target, key) {
      if (key === 'runShell') return runShell;
      // Everything else is the device's own, called on the device (its private state lives there).
      const value: unknown = Reflect.get(target, key, target);
      return typeof value === 'function' ? (value as (...args: unknown[]) => unknown).bind(target) : value;
    },
  });
}

function faultyShell(device: LabAndroidDevice, fault: Fault | undefined): RunShell | undefined {
  if (fault?.kind === 'lying')
    return (commandLine, io) =>
      device.runShell(commandLine, { ...io, stdout: (chunk) => io.stdout(garble(chunk)) });
  if (fault?.kind === 'truncated') {
    const limit = fault.arg === undefined ? DEFAULT_TRUNCATE_BYTES : Number(fault.arg);
    return (commandLine, io) => truncated(device, limit, commandLine, io);
  }
  return undefined;
}

/** Property lines lose their brackets and colon: the names and values are there, the format a parser needs is not. */
function garble(chunk: Buffer | string): string {
  return chunk
    .toString()
    .replace(GETPROP_LINE, (_line, name: string, value: string) => `\u00bf${name}\u00bf ${value}\u00bf`);
}

/**
 * Passes the first `limit` bytes of the reply, then ends the stream at once (the command goes
 * on, unheard), so the host gets a reply cut mid-way and no exit status line after it.
 */
function truncated(
  device: LabAndroidDevice,
  limit: number,
  commandLine: string,
  io: ShellIO,
): Promise<number> {
  let sent = 0;
  let cut: (code: number) => void = () => undefined;
  const cutOff = new Promise<number>((resolve) => (cut = resolve));
  const write = (out: (chunk: Buffer) => void) => (chunk: Buffer | string) => {
    if (sent >= limit) return;
    const bytes = typeof chunk === 'string' ? Buffer.from(chunk, 'utf8') : chunk;
    out(bytes.subarray(0, limit - sent));
    sent += bytes.length;
    if (sent >= limit) cut(255);
  };
  // race() subscribes to the command too, so its later rejection (the stream closed) is handled.
  const stdout = write((chunk) => io.stdout(chunk));
  const stderr = write((chunk) => io.stderr(chunk));
  return Promise.race([device.runShell(commandLine, { ...io, stdout, stderr }), cutOff]);
}

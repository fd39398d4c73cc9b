// `abb_exec:SERVICE\0ARG\0…` — Android Binder Bridge, how adb 29 installs when the device
// offers `abb_exec` (`abb_exec:package\0install\0-S\0<size>`). A phone hands the
// arguments to the `cmd` binder service in-process; the model runs the equivalent
// `cmd SERVICE ARG…` line, with the client's stream as stdin.
import { rawStdin, runCommand, shellQuote } from './command.ts';
import type { ServiceHandler } from './service.ts';

export function abbExecService(argumentBlock: string): ServiceHandler {
  const args = argumentBlock.split('\0').filter((arg) => arg !== '');
  const commandLine = ['cmd', ...args].map(shellQuote).join(' ');
  return (stream, { device }) => {
    const write = (chunk: Buffer) => stream.write(chunk);
    void runCommand(device, commandLine, rawStdin(stream), stream.signal, {
      stdout: write,
      stderr: write,
    }).then(
      () => stream.end(),
      () => stream.close(),
    );
  };
}

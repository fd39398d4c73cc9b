// `exec:CMD` — a raw command with binary stdin/stdout and no exit code (adb uses it for
// `exec:cmd package install -S N` when the device offers `cmd` but not `abb_exec`, and
// `adb exec-out`). Like adbd without the shell protocol, stderr shares stdout.
import { rawStdin, runCommand } from './command.ts';
import type { ServiceHandler } from './service.ts';

export function execService(commandLine: string): ServiceHandler {
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

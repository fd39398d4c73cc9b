// `shell:CMD` — the v1 shell service: output and stderr share one raw stream and the exit
// code is lost (adb prints nothing and returns 0 even for a missing command, as with a
// phone that lacks shell_v2). `shell:` with no command is an interactive shell.
import { rawStdin, runCommand } from './command.ts';
import { runInteractiveShell } from './interactive-shell.ts';
import type { ServiceHandler } from './service.ts';

export function shellService(commandLine: string): ServiceHandler {
  return (stream, { device }) => {
    const stdin = rawStdin(stream);
    const write = (chunk: Buffer) => stream.write(chunk);
    const output = { stdout: write, stderr: write };
    const run =
      commandLine.trim() === ''
        ? runInteractiveShell(device, stdin, stream.signal, output, { pty: true })
        : runCommand(device, commandLine, stdin, stream.signal, output);
    void run.then(
      () => stream.end(),
      () => stream.close(),
    );
  };
}

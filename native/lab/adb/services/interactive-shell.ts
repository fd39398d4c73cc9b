// `adb shell` with no command: a line-at-a-time shell over the device model. With a pty
// it behaves like a terminal (echo, a prompt, CR LF line ends, backspace); without one
// (`echo ls | adb shell`) it silently runs each line, as sh does when stdin is a pipe.
import type { VirtualAndroidDevice } from '../virtual-device-api.ts';
import { runCommand, type CommandOutput } from './command.ts';
import { StdinQueue } from './stdin.ts';

const CTRL_C = 0x03;
const CTRL_D = 0x04;
const BACKSPACE = [0x08, 0x7f];

export async function runInteractiveShell(
  device: VirtualAndroidDevice,
  stdin: StdinQueue,
  signal: AbortSignal,
  output: CommandOutput,
  options: { pty: boolean },
): Promise<number> {
  const terminal = (text: string) => Buffer.from(options.pty ? text.replace(/\r?\n/g, '\r\n') : text, 'utf8');
  const name = device.bannerProperties()['ro.product.device'] ?? 'android';
  const prompt = () => options.pty && output.stdout(terminal(`${name}:/ $ `));
  const forward: CommandOutput = {
    stdout: (chunk) => output.stdout(options.pty ? terminal(chunk.toString('utf8')) : chunk),
    stderr: (chunk) => output.stderr(options.pty ? terminal(chunk.toString('utf8')) : chunk),
  };
  let exitCode = 0;
  let line = '';
  prompt();
  for await (const chunk of stdin) {
    for (const byte of chunk) {
      if (options.pty && BACKSPACE.includes(byte)) {
        if (line.length > 0) output.stdout(Buffer.from('\b \b'));
        line = line.slice(0, -1);
        continue;
      }
      if (options.pty && byte === CTRL_C) {
        line = '';
        output.stdout(terminal('^C\n'));
        prompt();
        continue;
      }
      if (byte === CTRL_D && line === '') return exitCode;
      if (byte !== 0x0d && byte !== 0x0a) {
        line += String.fromCharCode(byte);
        if (options.pty) output.stdout(Buffer.from([byte]));
        continue;
      }
      if (options.pty) output.stdout(terminal('\n'));
      const command = line.trim();
      line = '';
      const exit = /^exit(?:\s+(\d+))?$/.exec(command);
      if (exit) return exit[1] === undefined ? exitCode : Number(exit[1]) & 0xff;
      // Each line's command gets no stdin: the terminal's input belongs to the shell.
      if (command !== '') exitCode = await runCommand(device, command, endedStdin(), signal, forward);
      prompt();
    }
  }
  return exitCode;
}

function endedStdin(): StdinQueue {
  const stdin = new StdinQueue();
  stdin.end();
  return stdin;
}

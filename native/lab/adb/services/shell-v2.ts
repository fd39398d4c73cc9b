// `shell,v2,TERM=…,raw|pty:CMD` — the shell protocol. Both directions carry packets of
// id (1 byte) + length (uint32 LE) + data, so stdout and stderr stay apart and the exit
// code reaches the client. Packets are parsed independently of WRTE boundaries.
import { ByteQueue } from '../protocol/byte-queue.ts';
import type { AdbStream } from '../transport/stream.ts';
import { runCommand } from './command.ts';
import { runInteractiveShell } from './interactive-shell.ts';
import type { ServiceHandler } from './service.ts';
import { StdinQueue } from './stdin.ts';

export const ShellPacketId = {
  STDIN: 0,
  STDOUT: 1,
  STDERR: 2,
  EXIT: 3,
  CLOSE_STDIN: 4,
  WINDOW_SIZE_CHANGE: 5,
} as const;

const HEADER_SIZE = 5;
/** Output is framed in pieces this big so a client's fixed buffer is never overrun. */
const MAX_FRAME_DATA = 64 * 1024;
/** Stdin packets larger than a whole ADB payload cannot come from a real client. */
const MAX_INPUT_FRAME = 1024 * 1024;

export function shellV2Service(options: { pty: boolean }, commandLine: string): ServiceHandler {
  return (stream, { device }) => {
    const stdin = new StdinQueue();
    stream.onData(shellInputParser(stream, stdin));
    stream.onClose(() => stdin.discard());
    const output = {
      stdout: (chunk: Buffer) => writeFramed(stream, ShellPacketId.STDOUT, chunk),
      stderr: (chunk: Buffer) => writeFramed(stream, ShellPacketId.STDERR, chunk),
    };
    const run =
      commandLine.trim() === ''
        ? runInteractiveShell(device, stdin, stream.signal, output, options)
        : runCommand(device, commandLine, stdin, stream.signal, output);
    void run.then(
      (exitCode) => {
        stream.write(frame(ShellPacketId.EXIT, Buffer.from([exitCode & 0xff])));
        stream.end();
      },
      () => stream.close(),
    );
  };
}

export function frame(id: number, data: Buffer): Buffer {
  const header = Buffer.allocUnsafe(HEADER_SIZE);
  header.writeUInt8(id, 0);
  header.writeUInt32LE(data.length, 1);
  return Buffer.concat([header, data]);
}

function writeFramed(stream: AdbStream, id: number, chunk: Buffer): void {
  for (let offset = 0; offset < chunk.length; offset += MAX_FRAME_DATA) {
    stream.write(frame(id, chunk.subarray(offset, offset + MAX_FRAME_DATA)));
  }
}

/** Returns the stream's data handler: stdin packets feed the command, the rest is noted. */
function shellInputParser(
  stream: AdbStream,
  stdin: StdinQueue,
): (parts: readonly Buffer[]) => Promise<void> | undefined {
  const queue = new ByteQueue();
  return (parts) => {
    for (const part of parts) queue.push(part);
    const taken: Promise<void>[] = [];
    while (queue.length >= HEADER_SIZE) {
      const id = queue.peekUInt8(0);
      const length = queue.peekUInt32LE(1);
      if (length > MAX_INPUT_FRAME) {
        stream.close();
        return undefined;
      }
      if (queue.length < HEADER_SIZE + length) break;
      queue.skip(HEADER_SIZE);
      const payload = queue.take(length);
      if (id === ShellPacketId.STDIN) taken.push(stdin.push(payload));
      else if (id === ShellPacketId.CLOSE_STDIN) stdin.end();
      // WINDOW_SIZE_CHANGE and unknown ids: a virtual terminal has no size to change.
    }
    return taken.length === 0 ? undefined : Promise.all(taken).then(() => undefined);
  };
}

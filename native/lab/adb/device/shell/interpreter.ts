// Runs a command line the way /system/bin/sh (mksh) would for the commands we model:
// list operators, pipes, redirections, `$?`, `exit`, and mksh's own error messages.
import { DeviceFsError } from '../../virtual-device-api.ts';
import type { DeviceServices } from '../services.ts';
import type { Command, CommandContext } from './command.ts';
import { parseSimpleCommand, ShellSyntaxError, splitCommandList, type Redirection } from './tokenizer.ts';

const SH = '/system/bin/sh';
const BIN_DIRS = ['/system/bin/', '/system/xbin/', '/vendor/bin/', '/product/bin/', '/bin/'];

interface Sinks {
  stdout: (chunk: Buffer | string) => void;
  stderr: (chunk: Buffer | string) => void;
}

/** Thrown by `exit` to unwind the rest of the command line. */
class ExitRequest extends Error {
  readonly code: number;
  constructor(code: number) {
    super(`exit ${code}`);
    this.code = code;
  }
}

/** Stdin for a command fed from a buffer (a pipe or a `<` redirection). */
function bufferSource(data: Buffer): AsyncIterable<Buffer> {
  return {
    [Symbol.asyncIterator]: () => {
      let done = data.length === 0;
      return {
        next: (): Promise<IteratorResult<Buffer>> => {
          const result: IteratorResult<Buffer> = done
            ? { done: true, value: undefined }
            : { done: false, value: data };
          done = true;
          return Promise.resolve(result);
        },
      };
    },
  };
}

export interface ShellRunOptions {
  commands: ReadonlyMap<string, Command>;
  device: DeviceServices;
  env: Map<string, string>;
}

export class Shell {
  private status = 0;
  private readonly options: ShellRunOptions;

  constructor(options: ShellRunOptions) {
    this.options = options;
  }

  async run(
    line: string,
    io: Sinks & { stdin: AsyncIterable<Buffer>; signal: AbortSignal },
  ): Promise<number> {
    let items;
    try {
      items = splitCommandList(line);
    } catch (err) {
      if (!(err instanceof ShellSyntaxError)) throw err;
      io.stderr(`${SH}: ${err.message}\n`);
      return (this.status = 1);
    }
    try {
      for (const item of items) {
        if (item.joinedBy === '&&' && this.status !== 0) continue;
        if (item.joinedBy === '||' && this.status === 0) continue;
        if (io.signal.aborted) break;
        this.status = await this.runPipeline(item.pipeline, io);
      }
    } catch (err) {
      if (err instanceof ExitRequest) return (this.status = err.code);
      throw err;
    }
    return this.status;
  }

  private async runPipeline(
    commands: string[],
    io: Sinks & { stdin: AsyncIterable<Buffer>; signal: AbortSignal },
  ): Promise<number> {
    let stdin = io.stdin;
    let rc = 0;
    for (let i = 0; i < commands.length; i++) {
      const last = i === commands.length - 1;
      const captured: Buffer[] = [];
      const stdout = last
        ? io.stdout
        : (chunk: Buffer | string): void => void captured.push(Buffer.from(chunk));
      rc = await this.runSimple(commands[i] as string, { stdout, stderr: io.stderr }, stdin, io.signal);
      stdin = bufferSource(Buffer.concat(captured));
    }
    return rc;
  }

  private variable(name: string): string {
    if (name === '?') return String(this.status);
    if (name === '$') return '4242';
    if (name === '#') return '0';
    return this.options.env.get(name) ?? '';
  }

  private async runSimple(
    text: string,
    sinks: Sinks,
    stdin: AsyncIterable<Buffer>,
    signal: AbortSignal,
  ): Promise<number> {
    let parsed;
    try {
      parsed = parseSimpleCommand(text, (name) => this.variable(name));
    } catch (err) {
      if (!(err instanceof ShellSyntaxError)) throw err;
      sinks.stderr(`${SH}: ${err.message}\n`);
      return 1;
    }
    const { words, redirections } = parsed;
    const redirected = this.applyRedirections(redirections, sinks, stdin);
    if ('error' in redirected) {
      sinks.stderr(`${SH}: ${redirected.error}\n`);
      return 1;
    }
    try {
      return await this.execute(words, redirected, signal);
    } finally {
      redirected.flush();
    }
  }

  private async execute(
    words: string[],
    io: Sinks & { stdin: AsyncIterable<Buffer> },
    signal: AbortSignal,
  ): Promise<number> {
    const [name, ...args] = words;
    if (name === undefined) return 0;
    if (name === 'exit') throw new ExitRequest(args[0] === undefined ? this.status : Number(args[0]) & 0xff);
    const bare = BIN_DIRS.find((dir) => name.startsWith(dir)) ? name.slice(name.lastIndexOf('/') + 1) : name;
    const command = this.options.commands.get(bare);
    if (!command) {
      io.stderr(`${SH}: ${name}: inaccessible or not found\n`);
      return 127;
    }
    const ctx: CommandContext = {
      argv: [bare, ...args],
      stdout: io.stdout,
      stderr: io.stderr,
      stdin: io.stdin,
      signal,
      device: this.options.device,
      run: (line) => this.run(line, { ...io, signal }),
    };
    try {
      return await command(ctx);
    } catch (err) {
      if (err instanceof ExitRequest) throw err;
      if (signal.aborted) return 130;
      io.stderr(`${bare}: ${err instanceof Error ? err.message : String(err)}\n`);
      return 1;
    }
  }

  /** Sets up `>`, `>>`, `<`, `N>&M`; file output is written when the command ends. */
  private applyRedirections(
    list: Redirection[],
    sinks: Sinks,
    stdin: AsyncIterable<Buffer>,
  ): { error: string } | (Sinks & { stdin: AsyncIterable<Buffer>; flush(): void }) {
    const fs = this.options.device.state.fs;
    const fds: Array<(chunk: Buffer | string) => void> = [() => {}, sinks.stdout, sinks.stderr];
    const files: Array<{ path: string; chunks: Buffer[]; append: boolean }> = [];
    let input = stdin;
    for (const r of list) {
      if (r.op === '<') {
        try {
          input = bufferSource(fs.read(r.target));
        } catch (err) {
          return {
            error: `${r.target}: ${err instanceof DeviceFsError ? err.message.split(': ').pop() : 'cannot open'}`,
          };
        }
      } else if (r.op === '>&') {
        const target = fds[Number(r.target)];
        if (!target) return { error: `${r.target}: bad file descriptor` };
        fds[r.fd] = target;
      } else if (r.target === '/dev/null') {
        fds[r.fd] = () => {};
      } else {
        const file = { path: r.target, chunks: [] as Buffer[], append: r.op === '>>' };
        if (file.append) {
          try {
            file.chunks.push(fs.read(r.target));
          } catch {
            // appending to a file that does not exist yet creates it
          }
        }
        try {
          fs.write(r.target, Buffer.concat(file.chunks), 0o644, Math.floor(Date.now() / 1000));
        } catch (err) {
          return {
            error: `can't create ${r.target}: ${err instanceof DeviceFsError ? err.message.split(': ').pop() : 'error'}`,
          };
        }
        files.push(file);
        fds[r.fd] = (chunk) => void file.chunks.push(Buffer.from(chunk));
      }
    }
    return {
      stdout: (chunk) => fds[1]?.(chunk),
      stderr: (chunk) => fds[2]?.(chunk),
      stdin: input,
      flush: () => {
        for (const f of files) {
          try {
            fs.write(f.path, Buffer.concat(f.chunks), 0o644, Math.floor(Date.now() / 1000));
          } catch (err) {
            sinks.stderr(
              `${SH}: write error: ${err instanceof DeviceFsError ? err.message.split(': ').pop() : 'error'}\n`,
            );
          }
        }
      },
    };
  }
}

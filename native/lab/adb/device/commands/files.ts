// toybox file commands over the virtual filesystem: ls, cat, rm, mkdir, touch. Errors read
// "<cmd>: <path>: <strerror>" with exit code 1, as toybox prints them.
import { DeviceFsError, type DirEntry } from '../../virtual-device-api.ts';
import { readAll, type CommandContext } from '../shell/command.ts';

function parseFlags(args: string[]): { flags: Set<string>; operands: string[] } {
  const flags = new Set<string>();
  const operands: string[] = [];
  for (const a of args) {
    if (/^-[A-Za-z]+$/.test(a)) for (const f of a.slice(1)) flags.add(f);
    else operands.push(a);
  }
  return { flags, operands };
}

function fsFailure(ctx: CommandContext, cmd: string, err: unknown): number {
  if (!(err instanceof DeviceFsError)) throw err;
  ctx.stderr(`${cmd}: ${err.message}\n`);
  return 1;
}

function modeString(mode: number): string {
  const type = (mode & 0o170000) === 0o040000 ? 'd' : (mode & 0o170000) === 0o120000 ? 'l' : '-';
  const bits = 'rwxrwxrwx'
    .split('')
    .map((c, i) => (mode & (1 << (8 - i)) ? c : '-'))
    .join('');
  return type + bits;
}

function longLine(path: string, e: DirEntry): string {
  const shared = path.startsWith('/sdcard') || path.startsWith('/storage/');
  const [owner, group] = shared
    ? ['root', 'sdcard_rw']
    : path.startsWith('/data/local/tmp')
      ? ['shell', 'shell']
      : ['root', 'root'];
  const d = new Date(e.mtimeSeconds * 1000);
  const pad = (n: number): string => String(n).padStart(2, '0');
  const date = `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())} ${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}`;
  const links = (e.mode & 0o170000) === 0o040000 ? 2 : 1;
  return `${modeString(e.mode)} ${links} ${owner} ${group} ${String(e.size).padStart(8)} ${date} ${e.name}\n`;
}

export function ls(ctx: CommandContext): number {
  const { flags, operands } = parseFlags(ctx.argv.slice(1));
  const fs = ctx.device.state.fs;
  const targets = operands.length > 0 ? operands : ['/'];
  let rc = 0;
  for (const [index, target] of targets.entries()) {
    try {
      const stat = fs.stat(target);
      if (!stat) throw new DeviceFsError('ENOENT', `${target}: No such file or directory`);
      const isDir = (stat.mode & 0o170000) === 0o040000;
      if (!isDir || flags.has('d')) {
        const entry = { ...stat, name: target };
        ctx.stdout(flags.has('l') ? longLine(target, entry) : `${target}\n`);
        continue;
      }
      const entries = fs.list(target).filter((e) => flags.has('a') || !e.name.startsWith('.'));
      entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
      if (targets.length > 1) ctx.stdout(`${index > 0 ? '\n' : ''}${target}:\n`);
      if (flags.has('l'))
        ctx.stdout(`total ${entries.reduce((n, e) => n + Math.ceil(e.size / 4096) * 4, 0)}\n`);
      for (const e of entries) ctx.stdout(flags.has('l') ? longLine(target, e) : `${e.name}\n`);
    } catch (err) {
      rc = fsFailure(ctx, 'ls', err);
    }
  }
  return rc;
}

export async function cat(ctx: CommandContext): Promise<number> {
  const files = ctx.argv.slice(1);
  if (files.length === 0) {
    ctx.stdout(await readAll(ctx.stdin, ctx.signal));
    return 0;
  }
  let rc = 0;
  for (const f of files) {
    try {
      ctx.stdout(ctx.device.state.fs.read(f));
    } catch (err) {
      rc = fsFailure(ctx, 'cat', err);
    }
  }
  return rc;
}

export function rm(ctx: CommandContext): number {
  const { flags, operands } = parseFlags(ctx.argv.slice(1));
  let rc = 0;
  for (const path of operands) {
    try {
      ctx.device.state.fs.remove(path, flags.has('r') || flags.has('R'));
    } catch (err) {
      if (flags.has('f') && err instanceof DeviceFsError && err.code === 'ENOENT') continue;
      rc = fsFailure(ctx, 'rm', err);
    }
  }
  return rc;
}

export function mkdir(ctx: CommandContext): number {
  const { flags, operands } = parseFlags(ctx.argv.slice(1));
  let rc = 0;
  for (const path of operands) {
    try {
      if (ctx.device.state.fs.stat(path) && flags.has('p')) continue;
      ctx.device.state.fs.mkdir(path, flags.has('p'));
    } catch (err) {
      rc = fsFailure(ctx, 'mkdir', err);
    }
  }
  return rc;
}

export function touch(ctx: CommandContext): number {
  const fs = ctx.device.state.fs;
  let rc = 0;
  for (const path of ctx.argv.slice(1).filter((a) => !a.startsWith('-'))) {
    try {
      const existing = fs.stat(path) ? fs.read(path) : Buffer.alloc(0);
      fs.write(path, existing, 0o644, Math.floor(Date.now() / 1000));
    } catch (err) {
      rc = fsFailure(ctx, 'touch', err);
    }
  }
  return rc;
}

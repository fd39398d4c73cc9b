// toybox find, the part a console uses to look for user files: start paths, -type f|d|l,
// -name GLOB, -maxdepth/-mindepth N, -print. As on a phone, a start path that is itself a
// symlink (/sdcard) is not followed without -L or a trailing slash, so `find /sdcard` prints
// only "/sdcard" while `find /sdcard/DCIM` walks the folder. Errors are toybox's:
// "find: '/path': No such file or directory" (or "Permission denied"), exit 1.
import { DeviceFsError } from '../../virtual-device-api.ts';
import type { CommandContext } from '../shell/command.ts';

/** Symlinks the phone's root holds (fs.ts resolves them before every lookup). */
const SYMLINKS = new Set(['/sdcard', '/storage/self/primary', '/mnt/sdcard']);

interface Filters {
  type: 'f' | 'd' | 'l' | undefined;
  name: RegExp | undefined;
  maxDepth: number;
  minDepth: number;
  follow: boolean;
}

function globToRegExp(glob: string): RegExp {
  const body = glob
    .replace(/[.+^${}()|[\]\\]/g, '\\$&')
    .replace(/\*/g, '.*')
    .replace(/\?/g, '.');
  return new RegExp(`^${body}$`);
}

function kindOf(mode: number): 'f' | 'd' | 'l' {
  const type = mode & 0o170000;
  return type === 0o040000 ? 'd' : type === 0o120000 ? 'l' : 'f';
}

class FindUsage extends Error {}

function parse(args: string[]): { starts: string[]; filters: Filters } {
  const filters: Filters = {
    type: undefined,
    name: undefined,
    maxDepth: Infinity,
    minDepth: 0,
    follow: false,
  };
  const starts: string[] = [];
  let i = 0;
  for (; i < args.length && (args[i] === '-L' || args[i] === '-H'); i++) filters.follow = true;
  for (; i < args.length && !(args[i] as string).startsWith('-'); i++) starts.push(args[i] as string);
  for (; i < args.length; i++) {
    const option = args[i] as string;
    const value = (): string => {
      const v = args[++i];
      if (v === undefined) throw new FindUsage(`'${option}' needs 1 arg`);
      return v;
    };
    if (option === '-type') {
      const t = value();
      if (t !== 'f' && t !== 'd' && t !== 'l') throw new FindUsage(`bad -type '${t}'`);
      filters.type = t;
    } else if (option === '-name') filters.name = globToRegExp(value());
    else if (option === '-maxdepth') filters.maxDepth = Number(value());
    else if (option === '-mindepth') filters.minDepth = Number(value());
    else if (option !== '-print') throw new FindUsage(`bad arg '${option}'`);
  }
  return { starts: starts.length > 0 ? starts : ['.'], filters };
}

export function find(ctx: CommandContext): number {
  let parsed;
  try {
    parsed = parse(ctx.argv.slice(1));
  } catch (error) {
    if (!(error instanceof FindUsage)) throw error;
    ctx.stderr(`find: ${error.message}\n`);
    return 1;
  }
  const { starts, filters } = parsed;
  const fs = ctx.device.state.fs;
  let rc = 0;
  const fail = (path: string, reason: string): void => {
    ctx.stderr(`find: '${path}': ${reason}\n`);
    rc = 1;
  };
  const visit = (path: string, kind: 'f' | 'd' | 'l', depth: number): void => {
    const name = path.slice(path.lastIndexOf('/', path.length - 2) + 1);
    if (
      depth >= filters.minDepth &&
      (filters.type === undefined || filters.type === kind) &&
      (filters.name === undefined || filters.name.test(name.replace(/\/$/, '')))
    )
      ctx.stdout(`${path}\n`);
    if (kind !== 'd' || depth >= filters.maxDepth) return;
    let entries;
    try {
      entries = fs.list(path);
    } catch (error) {
      if (!(error instanceof DeviceFsError)) throw error;
      fail(path, error.code === 'EACCES' ? 'Permission denied' : 'No such file or directory');
      return;
    }
    entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    const base = path.endsWith('/') ? path : `${path}/`;
    for (const entry of entries) visit(`${base}${entry.name}`, kindOf(entry.mode), depth + 1);
  };
  for (const start of starts) {
    if (!start.startsWith('/')) {
      fail(start, 'No such file or directory'); // the shell's cwd is "/", and the lab keeps to absolute paths
      continue;
    }
    const stat = fs.stat(start);
    if (stat === undefined) {
      fail(start, 'No such file or directory');
      continue;
    }
    const isLink = SYMLINKS.has(start) && !filters.follow;
    visit(start, isLink ? 'l' : kindOf(stat.mode), 0);
  }
  return rc;
}

// toybox df: "Filesystem 1K-blocks Used Available Use% Mounted on", columns as wide as their
// widest entry (the first at least 14), Use% rounded up; -h prints sizes like 8.7G.
import type { CommandContext } from '../shell/command.ts';
import type { DeviceState } from '../state.ts';

interface Mount {
  device: string;
  dir: string;
  total: number; // bytes
  used: number;
}

function mounts(state: DeviceState): Mount[] {
  const s = state.storage;
  const data = { total: s.totalBytes, used: s.usedBytes() };
  return [
    { device: '/dev/block/dm-4', dir: '/', total: 4_093_906_944, used: 4_079_902_720 },
    { device: 'tmpfs', dir: '/dev', total: 3_899_985_920, used: 1_540_096 },
    { device: '/dev/block/dm-48', dir: '/data', ...data },
    { device: '/dev/fuse', dir: '/storage/emulated', ...data },
  ];
}

/** Which mount a path lives on (the longest mount point that prefixes it; /sdcard is shared storage). */
function mountFor(all: Mount[], path: string): Mount | undefined {
  const p = path.replace(/^\/sdcard(?=\/|$)/, '/storage/emulated/0');
  return [...all]
    .sort((a, b) => b.dir.length - a.dir.length)
    .find((m) => m.dir === '/' || p === m.dir || p.startsWith(`${m.dir}/`));
}

/** toybox human_readable: 1024-based, one decimal below 10 units. */
function human(bytes: number): string {
  const units = ['', 'K', 'M', 'G', 'T'];
  let v = bytes;
  let i = 0;
  while (v >= 1024 && i < units.length - 1) {
    v /= 1024;
    i++;
  }
  if (i === 0) return String(bytes);
  return v < 10 ? `${(Math.round(v * 10) / 10).toFixed(1)}${units[i]}` : `${Math.round(v)}${units[i]}`;
}

export function df(ctx: CommandContext): number {
  const args = ctx.argv.slice(1);
  const humanReadable = args.includes('-h');
  const paths = args.filter((a) => !a.startsWith('-'));
  const all = mounts(ctx.device.state);
  let rc = 0;
  let shown: Mount[] = all;
  if (paths.length > 0) {
    shown = [];
    for (const p of paths) {
      const m = ctx.device.state.fs.stat(p) ? mountFor(all, p) : undefined;
      if (!m) {
        ctx.stderr(`df: '${p}': No such file or directory\n`);
        rc = 1;
      } else {
        shown.push(m);
      }
    }
  }
  if (shown.length === 0) return rc;
  const rows = shown.map((m) => {
    const size = Math.floor(m.total / 1024);
    const used = Math.floor(m.used / 1024);
    const avail = Math.max(0, size - used);
    const pct = used + avail === 0 ? 0 : Math.ceil((used * 100) / (used + avail));
    return { m, size, used, avail, pct };
  });
  const w0 = Math.max(14, ...rows.map((r) => r.m.device.length));
  let out = '';
  if (humanReadable) {
    out += `${'Filesystem'.padEnd(w0)} Size  Used Avail Use% Mounted on\n`;
    for (const r of rows) {
      out += `${r.m.device.padEnd(w0)} ${human(r.m.total).padStart(4)}  ${human(r.m.used).padStart(4)}  ${human(r.avail * 1024).padStart(4)} ${String(r.pct).padStart(3)}% ${r.m.dir}\n`;
    }
  } else {
    const w1 = Math.max('1K-blocks'.length, ...rows.map((r) => String(r.size).length));
    const w2 = Math.max('Used'.length, ...rows.map((r) => String(r.used).length));
    const w3 = Math.max('Available'.length, ...rows.map((r) => String(r.avail).length));
    out += `${'Filesystem'.padEnd(w0)} ${'1K-blocks'.padStart(w1)} ${'Used'.padStart(w2)} ${'Available'.padStart(w3)} Use% Mounted on\n`;
    for (const r of rows) {
      out += `${r.m.device.padEnd(w0)} ${String(r.size).padStart(w1)} ${String(r.used).padStart(w2)} ${String(r.avail).padStart(w3)} ${String(r.pct).padStart(3)}% ${r.m.dir}\n`;
    }
  }
  ctx.stdout(out);
  return rc;
}

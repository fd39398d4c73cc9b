// A small toybox grep for pipelines clients build (`getprop | grep`, `dumpsys … | grep`):
// -i -v -c -q -w -E -F -e. Basic regular expressions are translated to JavaScript ones.
import { readAll, type CommandContext } from '../shell/command.ts';

/** BRE → JS: \( \) \| \{ \} \+ \? are operators, bare ( ) | { } + ? are literals. */
function fromBasic(pattern: string): string {
  let out = '';
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i] as string;
    if (c === '\\' && i + 1 < pattern.length) {
      const n = pattern[++i] as string;
      out += '(){}|+?'.includes(n) ? n : `\\${n}`;
    } else {
      out += '(){}|+?'.includes(c) ? `\\${c}` : c;
    }
  }
  return out;
}

export async function grep(ctx: CommandContext): Promise<number> {
  const flags = new Set<string>();
  const patterns: string[] = [];
  const files: string[] = [];
  const args = ctx.argv.slice(1);
  for (let i = 0; i < args.length; i++) {
    const a = args[i] as string;
    if (a === '-e') patterns.push(args[++i] ?? '');
    else if (/^-[A-Za-z]+$/.test(a)) for (const f of a.slice(1)) flags.add(f);
    else if (patterns.length === 0 && !flags.has('e')) patterns.push(a);
    else files.push(a);
  }
  if (patterns.length === 0) {
    ctx.stderr(
      'usage: grep [-EFHIabcdhilnoqrsvwxZz] [-ABC NUM] [-m MAX] [-e REGEX]... [-MSf FILE]... [FILE]...\n',
    );
    return 2;
  }
  const source = patterns.map((p) =>
    flags.has('F') ? p.replace(/[.*+?^${}()|[\]\\]/g, '\\$&') : flags.has('E') ? p : fromBasic(p),
  );
  const body = source.map((s) => (flags.has('w') ? `\\b(?:${s})\\b` : s)).join('|');
  const re = new RegExp(body, flags.has('i') ? 'i' : '');
  const text =
    files.length > 0
      ? Buffer.concat(files.map((f) => ctx.device.state.fs.read(f))).toString('utf8')
      : (await readAll(ctx.stdin, ctx.signal)).toString('utf8');
  const lines = text.split('\n');
  if (lines.at(-1) === '') lines.pop();
  const hits = lines.filter((l) => re.test(l) !== flags.has('v'));
  if (flags.has('q')) return hits.length > 0 ? 0 : 1;
  if (flags.has('c')) ctx.stdout(`${hits.length}\n`);
  else ctx.stdout(hits.map((l) => `${l}\n`).join(''));
  return hits.length > 0 ? 0 : 1;
}

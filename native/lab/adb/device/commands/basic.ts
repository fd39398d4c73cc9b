// Tiny builtins clients lean on: echo (adbkit appends `; echo rc=$?`), true, false, sleep, id.
import { sleep as wait } from '../latency.ts';
import type { CommandContext } from '../shell/command.ts';

export function echo(ctx: CommandContext): number {
  let args = ctx.argv.slice(1);
  let newline = true;
  let escapes = false;
  while (args[0] && /^-[neE]+$/.test(args[0])) {
    if (args[0].includes('n')) newline = false;
    if (args[0].includes('e')) escapes = true;
    if (args[0].includes('E')) escapes = false;
    args = args.slice(1);
  }
  let text = args.join(' ');
  if (escapes)
    text = text.replace(/\\([nt\\])/g, (_m, c: string) => (c === 'n' ? '\n' : c === 't' ? '\t' : '\\'));
  ctx.stdout(newline ? text + '\n' : text);
  return 0;
}

export const trueCommand = (): number => 0;
export const falseCommand = (): number => 1;

export async function sleep(ctx: CommandContext): Promise<number> {
  const seconds = Number(ctx.argv[1] ?? 'x');
  if (!Number.isFinite(seconds) || seconds < 0) {
    ctx.stderr(`sleep: Not a number '${ctx.argv[1] ?? ''}'\n`);
    return 1;
  }
  await wait(seconds * 1000, ctx.signal);
  return 0;
}

export function id(ctx: CommandContext): number {
  ctx.stdout(
    'uid=2000(shell) gid=2000(shell) groups=2000(shell),1004(input),1007(log),1011(adb),1015(sdcard_rw),1028(sdcard_r),1078(ext_data_rw),1079(ext_obb_rw),3001(net_bt_admin),3002(net_bt),3003(inet),3006(net_bw_stats),3009(readproc),3011(uhid),3012(readtracefs) context=u:r:shell:s0\n',
  );
  return 0;
}

export function whoami(ctx: CommandContext): number {
  ctx.stdout('shell\n');
  return 0;
}

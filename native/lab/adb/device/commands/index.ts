// The commands on the phone's PATH. Anything not listed here fails as mksh does
// ("inaccessible or not found", exit code 127).
import type { Command, CommandContext } from '../shell/command.ts';
import { am } from './am.ts';
import { echo, falseCommand, id, sleep, trueCommand, whoami } from './basic.ts';
import { cmd } from './cmd.ts';
import { df } from './df.ts';
import { dpm } from './dpm.ts';
import { dumpsys } from './dumpsys.ts';
import { cat, ls, mkdir, rm, touch } from './files.ts';
import { find } from './find.ts';
import { getprop } from './getprop.ts';
import { grep } from './grep.ts';
import { input } from './input.ts';
import { locksettings } from './lock-settings.ts';
import { pm } from './pm.ts';
import { reboot } from './reboot.ts';
import { settings } from './settings.ts';
import { wm } from './wm.ts';

/** `sh -c 'LINE'` runs LINE in the same shell (some clients wrap everything this way). */
function sh(ctx: CommandContext): Promise<number> | number {
  const [flag, line] = ctx.argv.slice(1);
  if (flag === '-c' && line !== undefined) return ctx.run(line);
  ctx.stderr('/system/bin/sh: interactive shells are not supported by the lab\n');
  return 1;
}

export function commandTable(): ReadonlyMap<string, Command> {
  return new Map<string, Command>([
    ['am', am],
    ['cat', cat],
    ['cmd', cmd],
    ['df', df],
    ['dpm', dpm],
    ['dumpsys', dumpsys],
    ['echo', echo],
    ['false', falseCommand],
    ['find', find],
    ['getprop', getprop],
    ['grep', grep],
    ['id', id],
    ['input', input],
    ['locksettings', locksettings],
    ['ls', ls],
    ['mkdir', mkdir],
    ['pm', pm],
    ['reboot', reboot],
    ['rm', rm],
    ['settings', settings],
    ['sh', sh],
    ['sleep', sleep],
    ['touch', touch],
    ['true', trueCommand],
    ['whoami', whoami],
    ['wm', wm],
  ]);
}

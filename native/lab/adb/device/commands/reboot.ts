// reboot [recovery|bootloader|sideload]: the phone drops off adb right after the command, so
// the reboot is deferred until the (empty) reply has gone out.
import type { RebootTarget } from '../../virtual-device-api.ts';
import type { CommandContext } from '../shell/command.ts';

const TARGETS = new Set<RebootTarget>(['', 'recovery', 'bootloader', 'sideload']);

export function reboot(ctx: CommandContext): number {
  const target = (ctx.argv.slice(1).find((a) => !a.startsWith('-')) ?? '') as RebootTarget;
  if (!TARGETS.has(target)) {
    ctx.stderr(`reboot: Unknown reboot target '${target}'\n`);
    return 1;
  }
  ctx.device.defer(() => ctx.device.reboot(target));
  return 0;
}

// wm size / wm density (read and override), the display facts provisioning scripts query;
// other wm verbs are accepted and do nothing, as they have no effect a console could see.
import type { CommandContext } from '../shell/command.ts';

const PHYSICAL = { size: '1080x2400', density: '420' };

export function wm(ctx: CommandContext): number {
  const [verb, value] = ctx.argv.slice(1);
  const o = ctx.device.state.display;
  if (verb === 'size' || verb === 'density') {
    if (value === undefined) {
      ctx.stdout(`Physical ${verb}: ${PHYSICAL[verb]}\n${o[verb] ? `Override ${verb}: ${o[verb]}\n` : ''}`);
    } else if (value === 'reset') {
      delete o[verb];
    } else {
      o[verb] = value;
    }
    return 0;
  }
  if (verb === undefined) {
    ctx.stdout(
      'Window manager (window) commands:\n  help\n  size [reset|WxH|WdpxHdp]\n  density [reset|DENSITY]\n',
    );
    return 255;
  }
  return 0;
}

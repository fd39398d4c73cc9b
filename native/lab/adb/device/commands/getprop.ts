// toolbox getprop: with no name every property as "[name]: [value]" sorted by name; with a
// name just the value (or the given default, or an empty line).
import type { CommandContext } from '../shell/command.ts';

export function getprop(ctx: CommandContext): number {
  const props = ctx.device.state.properties;
  const args = ctx.argv.slice(1);
  if (args.length > 2) {
    ctx.stderr('usage: getprop [-TZ] [NAME [DEFAULT]]\n');
    return 1;
  }
  const [name, fallback] = args;
  if (name === undefined) {
    const names = [...props.keys()].sort();
    ctx.stdout(names.map((n) => `[${n}]: [${props.get(n)}]\n`).join(''));
    return 0;
  }
  ctx.stdout(`${props.get(name) ?? fallback ?? ''}\n`);
  return 0;
}

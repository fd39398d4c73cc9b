// input keyevent/tap/swipe/text/press: accepted and ignored (nothing on a virtual screen to
// change), with input's usage text for a missing or unknown verb.
import type { CommandContext } from '../shell/command.ts';

const VERBS = new Set([
  'text',
  'keyevent',
  'tap',
  'swipe',
  'draganddrop',
  'press',
  'roll',
  'motionevent',
  'keycombination',
]);
const SOURCES = new Set([
  'keyboard',
  'mouse',
  'joystick',
  'touchnavigation',
  'touchpad',
  'trackball',
  'dpad',
  'stylus',
  'gamepad',
  'touchscreen',
  'rotaryencoder',
]);

export function input(ctx: CommandContext): number {
  const args = ctx.argv.slice(1);
  const verb = SOURCES.has(args[0] ?? '') ? args[1] : args[0];
  if (verb !== undefined && VERBS.has(verb)) return 0;
  ctx.stderr(
    `${verb === undefined ? '' : `Error: Unknown command: ${verb}\n`}Usage: input [<source>] [-d DISPLAY_ID] <command> [<arg>...]\n`,
  );
  return 1;
}

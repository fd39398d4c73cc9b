// cmd testharness enable: saves the adb keys, then factory-resets the phone; after the wipe
// TestHarnessModeService skips setup, re-enables adb with those keys and sets
// persist.sys.test_harness=1. The command itself prints nothing and exits 0.
import type { CommandContext } from '../shell/command.ts';

const HELP = `About:
  Test Harness Mode is a mode that the device can be placed in to prepare
  the device for running UI tests. The device is placed into this mode by
  first wiping all data from the device, preserving ADB keys.

Test Harness Mode commands:
  help
    Print this help text.

  enable|restore
    Erase all data from this device and enable Test Harness Mode,
    preserving the stored ADB keys currently on the device and toggling
    settings in a way that are conducive to Instrumentation testing.
`;

export function testharnessCommand(ctx: CommandContext, args: string[]): number {
  const [verb] = args;
  if (verb === 'enable' || verb === 'restore') {
    ctx.device.defer(() => ctx.device.wipe({ testHarness: true }));
    return 0;
  }
  if (verb === undefined || verb === 'help' || verb === '-h') {
    ctx.stdout(HELP);
    return verb === undefined ? 255 : 0;
  }
  ctx.stdout(`Unknown command: ${verb}\n`);
  return 255;
}

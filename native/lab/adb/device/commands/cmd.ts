// cmd <service> …: the binder shell-command entry point. Services this phone models route to
// the same modules as their classic tools (cmd package = pm, cmd settings = settings, …);
// an unknown service fails the way cmd does ("Can't find service", exit 20).
import type { CommandContext } from '../shell/command.ts';
import { amCommand } from './am.ts';
import { dpmCommand } from './dpm.ts';
import { lockSettingsCommand } from './lock-settings.ts';
import { pmCommand } from './pm.ts';
import { settingsCommand } from './settings.ts';
import { testharnessCommand } from './testharness.ts';

type ServiceHandler = (ctx: CommandContext, args: string[]) => Promise<number> | number;

const SERVICES: Record<string, ServiceHandler> = {
  package: pmCommand,
  settings: settingsCommand,
  device_policy: dpmCommand,
  activity: amCommand,
  testharness: testharnessCommand,
  lock_settings: lockSettingsCommand,
  window: (ctx, args) => ctx.run(['wm', ...args].join(' ')),
  input: (ctx, args) => ctx.run(['input', ...args].join(' ')),
  notification: notification,
};

/**
 * `cmd notification post [-S STYLE] [-t TITLE] TAG TEXT` (NotificationShellCmd): the virtual
 * screen has nowhere to show it, but the phone accepts it as a real one does.
 */
function notification(ctx: CommandContext, args: string[]): number {
  if (args[0] !== 'post') {
    ctx.stderr('usage: cmd notification post [flags] <tag> <text>\n');
    return 255;
  }
  const rest = args.slice(1);
  while (rest[0]?.startsWith('-')) rest.splice(0, rest[0] === '-v' || rest[0] === '--verbose' ? 1 : 2);
  if (rest.length < 2) {
    ctx.stderr('Error: post requires a tag and text\n');
    return 255;
  }
  return 0;
}

export async function cmd(ctx: CommandContext): Promise<number> {
  const [service, ...args] = ctx.argv.slice(1);
  if (service === undefined || service === '-l') {
    ctx.stdout(
      `Currently running services:\n${Object.keys(SERVICES)
        .sort()
        .map((s) => `  ${s}\n`)
        .join('')}`,
    );
    return 0;
  }
  const handler = SERVICES[service];
  if (!handler) {
    ctx.stderr(`cmd: Can't find service: ${service}\n`);
    return 20;
  }
  return handler(ctx, args);
}

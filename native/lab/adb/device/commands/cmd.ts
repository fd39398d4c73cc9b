// cmd <service> …: the binder shell-command entry point. Services this phone models route to
// the same modules as their classic tools (cmd package = pm, cmd settings = settings, …);
// an unknown service fails the way cmd does ("Can't find service", exit 20).
import type { CommandContext } from '../shell/command.ts';
import { amCommand } from './am.ts';
import { dpmCommand } from './dpm.ts';
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
  window: (ctx, args) => ctx.run(['wm', ...args].join(' ')),
  input: (ctx, args) => ctx.run(['input', ...args].join(' ')),
};

export async function cmd(ctx: CommandContext): Promise<number> {
  const [service, ...args] = ctx.argv.slice(1);
  if (service === undefined || service === '-l') {
    ctx.stdout(`Currently running services:\n${Object.keys(SERVICES).sort().map((s) => `  ${s}\n`).join('')}`);
    return 0;
  }
  const handler = SERVICES[service];
  if (!handler) {
    ctx.stderr(`cmd: Can't find service: ${service}\n`);
    return 20;
  }
  return handler(ctx, args);
}

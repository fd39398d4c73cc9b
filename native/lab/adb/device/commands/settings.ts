// settings get|put|delete|list global|secure|system, parsed and answered as SettingsService
// does: missing keys read "null", list is sorted "key=value", errors go to stderr with 255.
import { sleep } from '../latency.ts';
import type { CommandContext } from '../shell/command.ts';
import { SETTINGS_NAMESPACES, type SettingsNamespace } from '../settings-store.ts';

const HELP = `Settings provider (settings) commands:
  help
      Print this help text.
  get [--user <USER_ID> | current] NAMESPACE KEY
      Retrieve the current value of KEY.
  put [--user <USER_ID> | current] NAMESPACE KEY VALUE [TAG] [default]
      Change the contents of KEY to VALUE.
  delete [--user <USER_ID> | current] NAMESPACE KEY
      Delete the entry for KEY.
  list [--user <USER_ID> | current] NAMESPACE
      Print all defined keys.

NAMESPACE is one of {system, secure, global}, case-insensitive
`;

type Verb = 'get' | 'put' | 'delete' | 'list';

function fail(ctx: CommandContext, message: string): number {
  ctx.stderr(`${message}\n`);
  return 255;
}

export async function settingsCommand(ctx: CommandContext, args: string[]): Promise<number> {
  await sleep(ctx.device.latency.binderCallMs(), ctx.signal);
  if (args.length === 0 || args[0] === 'help' || args[0] === '-h') {
    ctx.stdout(HELP);
    return args.length === 0 ? 255 : 0;
  }
  let verb: Verb | undefined;
  let table: SettingsNamespace | undefined;
  const rest: string[] = [];
  let userGiven = false;
  for (let i = 0; i < args.length; i++) {
    const arg = args[i] as string;
    if (arg === '--user') {
      if (userGiven || args[i + 1] === undefined) return fail(ctx, 'Bad arguments');
      userGiven = true;
      const user = args[++i] as string;
      if (user !== '0' && user !== 'current' && user !== 'cur') return fail(ctx, `Invalid user: ${user}`);
    } else if (!verb) {
      const v = arg.toLowerCase();
      if (v !== 'get' && v !== 'put' && v !== 'delete' && v !== 'list')
        return fail(ctx, `Invalid command: ${arg}`);
      verb = v;
    } else if (!table) {
      const t = arg.toLowerCase();
      if (!SETTINGS_NAMESPACES.includes(t as SettingsNamespace))
        return fail(ctx, `Invalid namespace '${arg}'`);
      table = t as SettingsNamespace;
    } else {
      rest.push(arg);
    }
  }
  const store = ctx.device.state.settings;
  const needed = { get: 1, delete: 1, list: 0, put: 2 }[verb ?? 'get'];
  if (!verb || !table || rest.length < needed || (verb !== 'put' && rest.length > needed)) {
    return fail(ctx, rest.length > needed ? 'Too many arguments' : 'Bad arguments');
  }
  const [key, value] = rest as [string, string];
  switch (verb) {
    case 'get':
      ctx.stdout(`${store.get(table, key) ?? 'null'}\n`);
      return 0;
    case 'put':
      store.put(table, key, value);
      return 0;
    case 'delete':
      ctx.stdout(`Deleted ${store.delete(table, key) ? 1 : 0} rows\n`);
      return 0;
    case 'list': {
      // Java's Collections.sort on "key=value" strings: UTF-16 code-unit order, as JS sorts.
      const lines = store
        .entries(table)
        .map(([k, v]) => `${k}=${v}`)
        .sort();
      ctx.stdout(lines.map((l) => `${l}\n`).join(''));
      return 0;
    }
  }
}

export const settings = (ctx: CommandContext): Promise<number> => settingsCommand(ctx, ctx.argv.slice(1));

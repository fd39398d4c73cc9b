// Intents as `am` parses them from the command line (Intent.parseCommandArgs) and prints them
// (Intent.toShortString): "Intent { act=… cat=[…] dat=… typ=… flg=0x… pkg=… cmp=… (has extras) }".
import { flattenToShortString, parseComponent, type ComponentName } from '../component.ts';
import type { ArgReader } from '../shell/args.ts';

export interface Intent {
  action?: string;
  categories: string[];
  data?: string;
  type?: string;
  packageName?: string;
  component?: ComponentName;
  flags: number;
  hasExtras: boolean;
}

export class IntentSyntaxError extends Error {}

const EXTRA_WITH_VALUE = new Set([
  '--es',
  '--esn',
  '--ez',
  '--ei',
  '--el',
  '--ef',
  '--ed',
  '--eu',
  '--ecn',
  '--eia',
  '--eial',
  '--ela',
  '--elal',
  '--efa',
  '--efal',
  '--esa',
  '--esal',
  '-e',
]);

/**
 * Reads intent options until the first unknown option; `other` gets a chance at each option
 * first (am's own -W, -S, --user …) and returns true when it consumed it.
 */
export function parseIntent(args: ArgReader, other: (opt: string) => boolean): Intent {
  const intent: Intent = { categories: [], flags: 0, hasExtras: false };
  for (let opt = args.nextOption(); opt !== undefined; opt = args.nextOption()) {
    if (other(opt)) continue;
    if (opt === '-a') intent.action = args.nextArgRequired();
    else if (opt === '-c') intent.categories.push(args.nextArgRequired());
    else if (opt === '-d') intent.data = args.nextArgRequired();
    else if (opt === '-t') intent.type = args.nextArgRequired();
    else if (opt === '-p') intent.packageName = args.nextArgRequired();
    else if (opt === '-f') intent.flags |= Number(args.nextArgRequired());
    else if (opt === '-n') {
      const text = args.nextArgRequired();
      const c = parseComponent(text);
      if (!c) throw new IntentSyntaxError(`Bad component name: ${text}`);
      intent.component = c;
    } else if (EXTRA_WITH_VALUE.has(opt)) {
      args.nextArgRequired();
      args.nextArgRequired();
      intent.hasExtras = true;
    } else if (opt === '--esn') {
      args.nextArgRequired();
      intent.hasExtras = true;
    } else if (
      (opt.startsWith('--') && opt.includes('activity')) ||
      opt.startsWith('--receiver') ||
      opt === '--include-stopped-packages' ||
      opt === '--exclude-stopped-packages' ||
      opt === '--grant-read-uri-permission' ||
      opt === '--grant-write-uri-permission'
    ) {
      // flag-style options that only change flags we do not model
    } else {
      throw new IntentSyntaxError(`Unknown option: ${opt}`);
    }
  }
  // A bare trailing argument is a component ("pkg/.Cls"), a URI, or a package name.
  const rest = args.nextArg();
  if (rest !== undefined) {
    const c = rest.includes('/') && !rest.includes(':') ? parseComponent(rest) : undefined;
    if (c) intent.component = c;
    else if (rest.includes(':')) intent.data = rest;
    else intent.packageName = rest;
  }
  return intent;
}

export function intentToString(intent: Intent): string {
  const parts: string[] = [];
  if (intent.action) parts.push(`act=${intent.action}`);
  if (intent.categories.length > 0) parts.push(`cat=[${intent.categories.join(',')}]`);
  if (intent.data) parts.push(`dat=${intent.data}`);
  if (intent.type) parts.push(`typ=${intent.type}`);
  if (intent.flags) parts.push(`flg=0x${intent.flags.toString(16)}`);
  if (intent.packageName) parts.push(`pkg=${intent.packageName}`);
  if (intent.component) parts.push(`cmp=${flattenToShortString(intent.component)}`);
  if (intent.hasExtras) parts.push('(has extras)');
  return `Intent { ${parts.join(' ')} }`;
}
